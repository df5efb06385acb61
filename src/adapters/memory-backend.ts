import { Secret, TOTP } from 'otpauth';
import type { TotpEnrollment, TotpStatus, TotpVerifyResult } from './adapter.js';
import { TotpAdapterError } from './adapter-error.js';

/** The policy every conforming backend follows (docs/rest-contract.md, "Throttle policy"). */
export const totpPolicy = {
  /** Seconds per step (RFC 6238 X). */
  period: 30,
  /** Steps accepted either side of the current one. */
  window: 1,
  /** Consecutive failures after which attempts are refused for a while. */
  throttleAfter: 10,
  /** First wait in seconds; doubles with every further failure. */
  firstDelay: 60,
  /** Longest wait in seconds. */
  maxDelay: 3600,
  /** Consecutive failures that disable the authenticator. */
  hardCap: 100,
  /** Lifetime of a pending enrollment in seconds. */
  enrollmentTtl: 15 * 60,
} as const;

/** Options of `MemoryTotpBackend`. */
export interface MemoryBackendOptions {
  /** Service name shown in the authenticator app; no `:`. Default `Example`. */
  issuer?: string;
  /** Account name shown in the authenticator app; no `:`. Default `user@example.com`. */
  accountName?: string;
  /** The server clock in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Start with an enabled authenticator. */
  initiallyEnabled?: boolean;
  /** Base32 secret (at least 128 bits) of the initial authenticator; default random. */
  secret?: string;
}

const codePattern = /^[0-9]{6}$/;

/** RFC 3986 percent-encoding: space is `%20`, `+` is `%2B`, and `!'()*` are encoded too. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

const fail = (code: ConstructorParameters<typeof TotpAdapterError>[0], retryAfter?: number) =>
  new TotpAdapterError(code, { retryAfter });

/**
 * The state machine of one user's TOTP two-factor authentication, with the semantics every
 * server must have (docs/rest-contract.md): SHA1, 6 digits, 30 s, a window of one step each
 * way, single use of every step at or before the last accepted one, throttling, a hard cap,
 * and pending enrollments that expire. Synchronous, so each call is atomic. Methods take the
 * request values as `unknown`, as a server receives them from JSON, and throw
 * `TotpAdapterError`. Runs in browsers and Node 20; for demos and tests, NOT for production
 * (state lives in memory and secrets are not encrypted).
 */
export class MemoryTotpBackend {
  readonly #issuer: string;
  readonly #accountName: string;
  readonly #now: () => number;
  #pending?: { id: string; secret: Secret; expiresAt: number };
  #authenticator?: { secret: Secret; lastUsedStep: number };
  #failures = 0;
  #lockedUntil = 0;
  #disabledByCap = false;

  constructor(options: MemoryBackendOptions = {}) {
    const { issuer = 'Example', accountName = 'user@example.com', now = Date.now } = options;
    if (!issuer || !accountName || `${issuer}${accountName}`.includes(':')) {
      throw new TypeError('issuer and accountName must be non-empty and contain no colon');
    }
    this.#issuer = issuer;
    this.#accountName = accountName;
    this.#now = now;
    if (options.initiallyEnabled) {
      if (options.secret !== undefined && !/^[A-Z2-7]{26,}$/.test(options.secret)) {
        throw new TypeError('secret must be unpadded upper-case base32 of at least 128 bits');
      }
      const secret = options.secret
        ? Secret.fromBase32(options.secret)
        : new Secret({ buffer: crypto.getRandomValues(new Uint8Array(20)).buffer });
      this.#authenticator = { secret, lastUsedStep: -Infinity };
    }
  }

  /** Whether an authenticator is enabled, and until when codes are refused. */
  status(): TotpStatus {
    const status: TotpStatus = { enabled: this.#authenticator !== undefined };
    if (this.#lockedUntil > this.#now())
      status.lockedUntil = new Date(this.#lockedUntil).toISOString();
    return status;
  }

  /** Starts an enrollment with a fresh 160-bit secret, replacing any pending one. */
  beginEnrollment(): TotpEnrollment {
    if (this.#authenticator) throw fail('already_enabled');
    const secret = new Secret({ buffer: crypto.getRandomValues(new Uint8Array(20)).buffer });
    const expiresAt = this.#now() + totpPolicy.enrollmentTtl * 1000;
    this.#pending = { id: randomHex(16), secret, expiresAt };
    const issuer = encode(this.#issuer);
    return {
      enrollmentId: this.#pending.id,
      secret: secret.base32,
      otpauthUri:
        `otpauth://totp/${issuer}:${encode(this.#accountName)}?secret=${secret.base32}` +
        `&issuer=${issuer}&algorithm=SHA1&digits=6&period=${totpPolicy.period}`,
      issuer: this.#issuer,
      accountName: this.#accountName,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** Enables the pending secret when `code` is current for it. */
  confirmEnrollment(enrollmentId: unknown, code: unknown): TotpStatus {
    if (typeof enrollmentId !== 'string') throw fail('invalid_format');
    const code6 = this.#checkFormat(code);
    const pending = this.#pending;
    if (!pending || pending.id !== enrollmentId) throw fail('no_pending_enrollment');
    if (this.#now() >= pending.expiresAt) {
      this.#pending = undefined;
      throw fail('enrollment_expired');
    }
    const step = this.#consume(pending.secret, -Infinity, code6);
    this.#pending = undefined;
    this.#authenticator = { secret: pending.secret, lastUsedStep: step };
    return this.status();
  }

  /** Discards the pending enrollment `enrollmentId`, expired or not. */
  cancelEnrollment(enrollmentId: unknown): TotpStatus {
    if (typeof enrollmentId !== 'string') throw fail('invalid_format');
    if (this.#pending?.id !== enrollmentId) throw fail('no_pending_enrollment');
    this.#pending = undefined;
    return this.status();
  }

  /** Accepts a current code of the enabled authenticator, once. */
  verify(code: unknown): TotpVerifyResult {
    this.#useAuthenticator(this.#checkFormat(code));
    return {};
  }

  /** Turns two-factor authentication off with a current code and forgets the secret. */
  disable(code: unknown): TotpStatus {
    this.#useAuthenticator(this.#checkFormat(code));
    this.#authenticator = undefined;
    this.#failures = 0;
    this.#lockedUntil = 0;
    return this.status();
  }

  #checkFormat(code: unknown): string {
    if (typeof code !== 'string' || !codePattern.test(code)) throw fail('invalid_format');
    return code;
  }

  #useAuthenticator(code: string): void {
    const authenticator = this.#authenticator;
    // Fail closed: with nothing enabled no code can be right (A-24).
    if (!authenticator) throw fail('invalid_code');
    if (this.#disabledByCap) throw fail('authenticator_disabled');
    authenticator.lastUsedStep = this.#consume(
      authenticator.secret,
      authenticator.lastUsedStep,
      code,
    );
  }

  /** Checks throttling, then `code`; returns the matched step or throws and counts a failure. */
  #consume(secret: Secret, lastUsedStep: number, code: string): number {
    const now = this.#now();
    if (now < this.#lockedUntil) throw fail('rate_limited', (this.#lockedUntil - now) / 1000);
    const delta = TOTP.validate({ token: code, secret, timestamp: now, window: totpPolicy.window });
    if (delta === null) throw this.#failure(now);
    const step = TOTP.counter({ timestamp: now }) + delta;
    // Replays are rejected but not counted: a double submit must not lock the user out.
    if (step <= lastUsedStep) throw fail('code_already_used');
    this.#failures = 0;
    this.#lockedUntil = 0;
    return step;
  }

  #failure(now: number): TotpAdapterError {
    this.#failures += 1;
    const { throttleAfter, firstDelay, maxDelay, hardCap } = totpPolicy;
    if (this.#authenticator && this.#failures >= hardCap) {
      this.#disabledByCap = true;
      this.#lockedUntil = 0;
      return fail('authenticator_disabled');
    }
    if (this.#failures >= throttleAfter) {
      const delay = Math.min(firstDelay * 2 ** (this.#failures - throttleAfter), maxDelay);
      this.#lockedUntil = now + delay * 1000;
    }
    return fail('invalid_code');
  }
}
