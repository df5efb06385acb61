/// <reference types="node" />
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ReferenceFixtureOptions } from '../../src/conformance/reference-fixture.js';
import { createMemoryStore } from '../../src/server/memory-store.js';
import { createSecretBox, generateEncryptionKey } from '../../src/server/secret-box.js';
import type { TotpStore } from '../../src/server/store.js';
import { base32Encode, hotp } from '../../src/server/totp-reference.js';

/*
 * Deliberately broken variants of the reference server, each breaking one rule of the
 * contract by wrapping its handler or its store, and the check ids each must FAIL.
 */

/** A variant: options of `createReferenceFixture()` and the checks that must FAIL. */
export interface Variant {
  name: string;
  fails: string[];
  options(): ReferenceFixtureOptions;
}

const codeRoutes = new Set(['/api/2fa/verify', '/api/2fa/disable', '/api/2fa/enrollment/confirm']);
const noStore = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/** `request` with the JSON body `body` instead of its own. */
const withBody = (request: Request, body: unknown, method = request.method) => {
  const headers = new Headers(request.headers);
  headers.set('Content-Type', 'application/json');
  return new Request(request.url, { method, headers, body: JSON.stringify(body) });
};

/** The JSON object body of `request`, if it has one, read from a clone. */
async function bodyOf(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = JSON.parse(await request.clone().text());
    return typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A memory store with `overrides`. */
const storeWith = (overrides: (base: TotpStore) => Partial<TotpStore>): TotpStore => {
  const base = createMemoryStore();
  return { ...base, ...overrides(base) };
};

/** Failure counters kept per session: a store of counters for each `sid`. */
function perSessionCounters(): ReferenceFixtureOptions {
  const session = new AsyncLocalStorage<string>();
  const counters = new Map<string, TotpStore>();
  const countersOf = () => {
    const key = session.getStore() ?? '';
    if (!counters.has(key)) counters.set(key, createMemoryStore());
    return counters.get(key)!;
  };
  const store = storeWith((base) => ({
    async getAuthenticator(userId) {
      const [record, counter] = [
        await base.getAuthenticator(userId),
        await countersOf().getAuthenticator(userId),
      ];
      if (!counter) return record;
      const { failCount, lockUntil, lockLevel } = counter;
      return { ...(record ?? counter), failCount, lockUntil, lockLevel };
    },
    async recordFailure(userId, now, limits) {
      const outcome = await countersOf().recordFailure(userId, now, limits);
      if (!outcome || outcome.failCount < limits.hardCap) return outcome;
      // The counters hold no authenticator: the hard cap disables the real one.
      const capped = await base.recordFailure(userId, now, { ...limits, hardCap: 1 });
      return capped?.disabledAt != null ? capped : outcome;
    },
    async consumeStep(userId, step, now) {
      const ok = await base.consumeStep(userId, step, now);
      if (ok) await countersOf().resetFailures(userId);
      return ok;
    },
  }));
  return {
    store,
    wrap: (handler) => (request, context) =>
      session.run(request.headers.get('Cookie') ?? '', () => handler(request, context)),
  };
}

/** Accepts codes of T−2 and T+2 too, by shifting the server clock for such a request. */
function twoStepWindow(): ReferenceFixtureOptions {
  const shift = new AsyncLocalStorage<number>();
  const encryptionKey = generateEncryptionKey();
  const box = createSecretBox(encryptionKey);
  return {
    encryptionKey,
    clock: () => Date.now() + (shift.getStore() ?? 0),
    wrap:
      (handler, { store, getUser, clock }) =>
      async (request, context) => {
        const user = getUser(request);
        const body = await bodyOf(request);
        if (!user || !codeRoutes.has(new URL(request.url).pathname))
          return handler(request, context);
        const pending = await store.getPendingEnrollment(user.id);
        const record = await store.getAuthenticator(user.id);
        const step = Math.floor(clock() / 30_000);
        const secret = box.open(record?.secretCiphertext ?? pending?.secretCiphertext, user.id);
        const offset = secret && [-2, 2].find((o) => hotp(secret, step + o) === body?.code);
        if (!offset) return handler(request, context);
        return shift.run(offset * 30_000, () => handler(request, context));
      },
  };
}

/** `GET /status` of an enabled user also answers the secret. */
function secretInStatus(): ReferenceFixtureOptions {
  const encryptionKey = generateEncryptionKey();
  const box = createSecretBox(encryptionKey);
  return {
    encryptionKey,
    wrap:
      (handler, { store, getUser }) =>
      async (request, context) => {
        const response = await handler(request, context);
        const user = getUser(request);
        if (!request.url.endsWith('/status') || response.status !== 200 || !user) return response;
        const secret = box.open((await store.getAuthenticator(user.id))?.secretCiphertext, user.id);
        if (!secret) return response;
        const body = { ...(await response.json()), secret: base32Encode(secret) };
        return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
      },
  };
}

/** The variants and the checks each must FAIL (and no other). */
export const variants: Variant[] = [
  {
    name: 'no replay protection',
    fails: ['A-06', 'A-06.older', 'A-06.endpoints', 'A-07', 'A-21'],
    options: () => ({
      store: storeWith((base) => ({
        async getAuthenticator(userId) {
          const record = await base.getAuthenticator(userId);
          return record && { ...record, lastUsedStep: -1 };
        },
        async consumeStep(userId, _step, now) {
          const record = await base.getAuthenticator(userId);
          const ok = record?.confirmedAt != null && !record.disabledAt && record.lockUntil <= now;
          if (ok) await base.resetFailures(userId);
          return ok;
        },
      })),
    }),
  },
  {
    name: 'no throttle',
    fails: ['A-11', 'A-11.escalation', 'A-10.sessions', 'A-10.xff', 'A-10.endpoints', 'A-14'],
    options: () => ({
      store: storeWith((base) => ({
        recordFailure: (userId, now, limits) =>
          base.recordFailure(userId, now, { ...limits, throttleAfter: Infinity }),
      })),
    }),
  },
  { name: 'a failure counter per session', fails: ['A-10.sessions'], options: perSessionCounters },
  {
    name: 'JSON numbers accepted',
    fails: ['A-04'],
    options: () => ({
      wrap: (handler) => async (request, context) => {
        const body = await bodyOf(request);
        if (typeof body?.code !== 'number') return handler(request, context);
        const code = String(body.code).padStart(6, '0');
        return handler(withBody(request, { ...body, code }), context);
      },
    }),
  },
  { name: 'a window of two steps', fails: ['A-02'], options: twoStepWindow },
  { name: 'the secret returned by status', fails: ['A-23'], options: secretInStatus },
  {
    name: 'no hard cap',
    fails: ['A-12'],
    options: () => ({
      store: storeWith((base) => ({
        recordFailure: (userId, now, limits) =>
          base.recordFailure(userId, now, { ...limits, hardCap: Infinity }),
      })),
    }),
  },
  {
    name: 'pending enrollments that never expire',
    fails: ['A-20.expiry'],
    options: () => ({
      store: storeWith((base) => ({
        putPendingEnrollment: (pending) =>
          base.putPendingEnrollment({ ...pending, expiresAt: Number.MAX_SAFE_INTEGER }),
      })),
    }),
  },
  {
    name: 'disable by GET',
    fails: ['A-27.get'],
    options: () => ({
      wrap: (handler) => async (request, context) => {
        const url = new URL(request.url);
        if (request.method !== 'GET' || url.pathname !== '/api/2fa/disable') {
          return handler(request, context);
        }
        const code = url.searchParams.get('code');
        return handler(withBody(request, { code }, 'POST'), context);
      },
    }),
  },
  {
    name: 'disable without a code',
    fails: ['A-25'],
    options: () => ({
      wrap:
        (handler, { store, getUser }) =>
        async (request, context) => {
          const user = getUser(request);
          const body = await bodyOf(request);
          if (!request.url.endsWith('/disable') || !user || !body || 'code' in body) {
            return handler(request, context);
          }
          await store.deleteAuthenticator(user.id);
          return new Response('{"enabled":false}', { headers: noStore });
        },
    }),
  },
];
