import type { Exchange } from '../client.js';
import type { Check } from '../context.js';

/** Whether `exchange` has `Cache-Control: no-store`. */
const noStore = (exchange: Exchange) =>
  /(^|,)\s*no-store\s*(,|$)/i.test(exchange.headers.get('Cache-Control') ?? '');

/** Run-wide checks over every exchange of the run, and what cannot be seen from outside. */
export const observedChecks: Check[] = [
  {
    id: 'A-19.all',
    title: 'Every response carries Cache-Control: no-store',
    async run(t) {
      const missing = t.client.exchanges.filter((exchange) => !noStore(exchange));
      t.note(`${t.client.exchanges.length} responses seen, ${missing.length} without no-store`);
      for (const exchange of missing.slice(0, 5)) t.fail(t.client.describe(exchange));
    },
  },
  {
    id: 'A-33',
    title: 'Every error body is { "error": "<code>" } and nothing else',
    async run(t) {
      const errors = t.client.exchanges.filter((exchange) => exchange.status >= 400);
      const bad = errors.filter((exchange) => {
        const body = exchange.body as Record<string, unknown> | undefined;
        const keys = body && typeof body === 'object' ? Object.keys(body) : [];
        return keys.length !== 1 || typeof body?.error !== 'string';
      });
      t.note(`${errors.length} error responses seen, ${bad.length} of another shape`);
      for (const exchange of bad.slice(0, 5)) t.fail(t.client.describe(exchange));
    },
  },
  ...(
    [
      [
        'A-30',
        'The session ID rotates on verify; other sessions end on enable and disable',
        'Not checked (the kit follows Set-Cookie as a browser does): check your session layer.',
      ],
      [
        'A-31',
        'Notifications on enable, disable, lock, hard cap and replay',
        'Not observable from outside: check your notification hook.',
      ],
      [
        'A-32',
        'Logs hold no secret and no code',
        'Not observable from outside: grep your logs after this run.',
      ],
      [
        'A-34',
        'Secrets are encrypted at rest with a key outside the database',
        'Not observable from outside: review storage (reference: AES-256-GCM).',
      ],
    ] as const
  ).map(([id, title, text]): Check => ({
    id,
    title,
    async run(t) {
      t.info(text);
    },
  })),
];
