/// <reference types="node" />
import { createTotpHandler, type TotpHandler, type TotpHandlerOptions } from './handler.js';
import type { TotpSecurityEvent, TotpUser } from './flows.js';
import { createMemoryStore } from './memory-store.js';
import { createSecretBox } from './secret-box.js';
import type { TotpStore } from './store.js';
import { base32Decode, hotp, type TotpAlgorithm } from './totp-reference.js';

/*
 * Shared by the Node tests of src/server (not part of the public API): a handler on a fake
 * clock with users chosen by test headers, and helpers that speak the contract.
 */

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

/** RFC 6238 App. B seeds: a different length per algorithm. */
export const rfcSeeds: Record<TotpAlgorithm, Uint8Array> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

/** RFC 4226 App. D: the HOTP values of the SHA1 seed for counters 0 to 9. */
export const rfc4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

/** RFC 6238 App. B: Unix time, T, and the 8-digit codes for SHA1, SHA256, SHA512. */
export const rfc6238: [number, bigint, string, string, string][] = [
  [59, 0x1n, '94287082', '46119246', '90693936'],
  [1111111109, 0x23523ecn, '07081804', '68084774', '25091201'],
  [1111111111, 0x23523edn, '14050471', '67062674', '99943326'],
  [1234567890, 0x273ef07n, '89005924', '91819424', '93441116'],
  [2000000000, 0x3f940aan, '69279037', '90698825', '38618901'],
  [20000000000, 0x27bc86aan, '65353130', '77737706', '47863826'],
];

/** A fixed test key; real deployments use `generateEncryptionKey()`. */
export const testKey = Buffer.alloc(32, 7);

/** Milliseconds since the epoch at the start of step `step`. */
export const stepStart = (step: number) => step * 30_000;

/** A step in 2025, far from any edge case. */
export const baseStep = 58_000_000;

/** The 6-digit SHA-1 code of `secret` at `step`, computed by the reference implementation. */
export const codeAt = (secret: Uint8Array, step: number) => hotp(secret, step);

/** A well-formed code matching none of the steps `step − 3` to `step + 3`. */
export function wrongCode(secret: Uint8Array, step: number, salt = 0): string {
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((offset) => codeAt(secret, step + offset)));
  for (let candidate = 100_000 + salt * 7919; ; candidate += 1) {
    const code = String(candidate % 1_000_000).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/**
 * The user of a test request: `X-Test-User` names them (none: no session), `X-Test-Stage:
 * password` makes the session password-only, `X-Test-Session` names the session.
 */
export function testUser(request: Request): TotpUser | undefined {
  const id = request.headers.get('X-Test-User');
  if (!id) return undefined;
  const stage = request.headers.get('X-Test-Stage') === 'password' ? 'password' : 'full';
  const sessionId = request.headers.get('X-Test-Session') ?? undefined;
  return { id, accountName: `${id}@example.com`, stage, sessionId };
}

/** Options of a call through `Harness.call()`. */
export interface CallOptions {
  user?: string | null;
  method?: string;
  /** JSON-serialised unless it is a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A parsed response. */
export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

/** A handler on a fake clock, with captured events and logs. */
export interface Harness {
  handler: TotpHandler;
  store: TotpStore;
  events: TotpSecurityEvent[];
  logs: string[];
  /** The fake clock in milliseconds; assign to move it. */
  clock: { now: number };
  request(path: string, options?: CallOptions): Request;
  call(path: string, options?: CallOptions): Promise<CallResult>;
  /** Enables 2FA for `user` with `secret` (random by default), confirmed at `step`. */
  enable(user: string, options?: { secret?: Uint8Array; step?: number }): Promise<Uint8Array>;
}

/** A handler with a memory store (or `store`), clock at `baseStep`, base path `/2fa`. */
export function harness(options: Partial<TotpHandlerOptions> = {}): Harness {
  const clock = { now: stepStart(baseStep) + 1000 };
  const events: TotpSecurityEvent[] = [];
  const logs: string[] = [];
  const store = options.store ?? createMemoryStore();
  const handler = createTotpHandler({
    store,
    issuer: 'ACME Co',
    getUser: testUser,
    encryptionKey: testKey,
    clock: () => clock.now,
    basePath: '/2fa',
    onSecurityEvent: (event) => void events.push(event),
    logger: {
      debug: (entry) => logs.push(JSON.stringify(entry)),
      error: (entry) => logs.push(JSON.stringify(entry)),
    },
    ...options,
  });

  function request(path: string, { user = 'alice', method, body, headers = {} }: CallOptions = {}) {
    const verb = method ?? (path === '/status' ? 'GET' : 'POST');
    const hasBody = verb !== 'GET' && verb !== 'HEAD';
    return new Request(`http://server.test/2fa${path}`, {
      method: verb,
      headers: {
        'X-TOTP-Elements': '1',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...(user ? { 'X-Test-User': user } : {}),
        ...headers,
      },
      body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body ?? {})) : undefined,
    });
  }

  async function call(path: string, options?: CallOptions): Promise<CallResult> {
    const response = await handler(request(path, options));
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
  }

  async function enable(
    user: string,
    { secret, step }: { secret?: Uint8Array; step?: number } = {},
  ) {
    const begun = await call('/enrollment', { user });
    if (begun.status !== 200) throw new Error(`enrollment failed with ${begun.status}`);
    let key = base32Decode(begun.body.secret as string);
    const enrollmentId = begun.body.enrollmentId as string;
    if (secret) {
      key = secret;
      const pending = (await store.getPendingEnrollment(user))!;
      const box = createSecretBox(options.encryptionKey ?? testKey);
      await store.putPendingEnrollment({ ...pending, secretCiphertext: box.seal(secret, user) });
    }
    const code = codeAt(key, step ?? Math.floor(clock.now / 30_000));
    const confirmed = await call('/enrollment/confirm', { user, body: { enrollmentId, code } });
    if (confirmed.status !== 200) throw new Error(`confirmation failed with ${confirmed.status}`);
    return key;
  }

  return { handler, store, events, logs, clock, request, call, enable };
}
