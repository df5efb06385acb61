import type { ServerClock } from './clock.js';
import type { SessionHeaders } from './types.js';

/** One request of the kit and its response, kept for the run-wide checks (A-19, A-33). */
export interface Exchange {
  method: string;
  route: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or `undefined`. */
  body: unknown;
  ms: number;
}

/** A request: the body is JSON-serialised unless it is a string (sent as is). */
export interface SendOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** How evidence names the body, with codes named by their step; never the code itself. */
  label?: string;
  /** Extra headers; they replace the defaults of the same name. */
  headers?: Record<string, string>;
  /** `Content-Type` of a `POST`; `null` sends none. Default `application/json`. */
  contentType?: string | null;
  /** Query string appended to the route, without `?`. */
  query?: string;
  /** Leave out the `X-TOTP-Elements: 1` header. */
  noMarker?: boolean;
}

/** Replaces every secret the kit saw and every run of 6+ digits (a code) in `text`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[secret]');
  return out.replace(/[A-Z2-7]{16,}/g, '[secret]').replace(/\d{6,}/g, '[digits]');
}

/**
 * Applies `Set-Cookie` headers to the `Cookie` header of `session`, as a browser would: a
 * server that rotates the session ID on `/verify` (A-30) keeps its session.
 */
function keepCookies(session: SessionHeaders, setCookies: string[]): void {
  if (setCookies.length === 0) return;
  const name = Object.keys(session).find((key) => key.toLowerCase() === 'cookie') ?? 'Cookie';
  const jar = new Map<string, string>();
  for (const pair of (session[name] ?? '').split(/;\s*/)) {
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  for (const header of setCookies) {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  session[name] = [...jar].map(([key, value]) => `${key}=${value}`).join('; ');
}

/** Speaks HTTP to the server under test, feeds its clock and records every exchange. */
export class Client {
  readonly exchanges: Exchange[] = [];
  /** Secrets handed out so far: redacted from all evidence. */
  readonly secrets = new Set<string>();

  constructor(
    readonly baseUrl: string,
    readonly clock: ServerClock,
  ) {}

  /** Sends a request in `session` (none: no session headers). */
  async send(route: string, session: SessionHeaders | undefined, options: SendOptions = {}) {
    const method = options.method ?? (route === '/status' ? 'GET' : 'POST');
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(options.noMarker ? {} : { 'X-TOTP-Elements': '1' }),
      ...session,
    };
    const contentType =
      options.contentType === undefined ? 'application/json' : options.contentType;
    if (method === 'POST' && contentType) headers['Content-Type'] = contentType;
    Object.assign(headers, options.headers);
    let body: string | undefined;
    if (method === 'POST') {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {});
    }
    const url = `${this.baseUrl}${route}${options.query ? `?${options.query}` : ''}`;
    const sentAt = Date.now();
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const receivedAt = Date.now();
    if (session) keepCookies(session, response.headers.getSetCookie());
    this.clock.observe(response.headers.get('Date'), sentAt, receivedAt);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const exchange: Exchange = {
      method,
      route,
      status: response.status,
      headers: response.headers,
      text,
      body: parsed,
      ms: receivedAt - sentAt,
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  /** One evidence line for `exchange`: request, label, status and a redacted body excerpt. */
  describe(exchange: Exchange, label?: string): string {
    const excerpt = redact(exchange.text.slice(0, 160), this.secrets).replace(/\s+/g, ' ');
    const request = `${exchange.method} ${exchange.route}${label ? ` ${label}` : ''}`;
    return `${request} → ${exchange.status} ${excerpt}`.trim();
  }
}
