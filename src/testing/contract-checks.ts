import { Secret, TOTP } from 'otpauth';
import {
  isAbortError,
  isTotpAdapterError,
  type TotpAdapterError,
  type TotpErrorCode,
} from '../adapters/adapter-error.js';

/*
 * Assertions and code arithmetic for the contract suite. Failure messages name the call and
 * the error codes involved, never a one-time code or a secret, so CI logs stay clean.
 */

const period = 30_000;

/** Fails the current test with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Adapter contract: ${message}`);
}

const outcome = (reason: unknown) =>
  isTotpAdapterError(reason)
    ? `TotpAdapterError ${reason.code}`
    : isAbortError(reason)
      ? 'AbortError'
      : `a non-adapter ${reason instanceof Error ? reason.name : typeof reason}`;

/** Awaits `promise`, failing with `what` if it rejects. */
export async function succeeds<T>(promise: Promise<T>, what: string): Promise<T> {
  try {
    return await promise;
  } catch (reason) {
    throw new Error(`Adapter contract: ${what} should succeed, got ${outcome(reason)}`);
  }
}

/** Awaits `promise`, failing with `what` unless it rejects with one of `codes`. */
export async function rejects(
  promise: Promise<unknown>,
  codes: readonly TotpErrorCode[],
  what: string,
): Promise<TotpAdapterError> {
  let reason: unknown;
  try {
    await promise;
  } catch (caught) {
    reason = caught;
  }
  const expected = codes.join(' or ');
  check(reason !== undefined, `${what} should fail with ${expected}, but succeeded`);
  check(
    isTotpAdapterError(reason) && codes.includes(reason.code),
    `${what} should fail with ${expected}, got ${outcome(reason)}`,
  );
  return reason as TotpAdapterError;
}

/** Awaits `promise`, failing with `what` unless it rejects with an `AbortError`. */
export async function aborts(promise: Promise<unknown>, what: string): Promise<void> {
  try {
    await promise;
  } catch (reason) {
    check(isAbortError(reason), `${what} should reject with AbortError, got ${outcome(reason)}`);
    return;
  }
  check(false, `${what} should reject with AbortError, but succeeded`);
}

/** The code of `secret` (base32) for time step `step`. */
export function codeAt(secret: string, step: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: step * period });
}

/** A well-formed code that matches none of the steps `step − 2` to `step + 3`. */
export function wrongCode(secret: string, step: number, salt = 0): string {
  const near = new Set([-2, -1, 0, 1, 2, 3].map((offset) => codeAt(secret, step + offset)));
  for (let offset = 1000 + salt; ; offset += 1) {
    const code = codeAt(secret, step + offset);
    if (!near.has(code)) return code;
  }
}

/**
 * The current step of the backend's clock. With no `now` the clock is real and unknown to the
 * suite, so it first waits out the last 3 s of a step: codes computed then stay valid while
 * the requests travel.
 */
export async function currentStep(now?: () => number): Promise<number> {
  if (now) return Math.floor(now() / period);
  const left = period - (Date.now() % period);
  if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  return Math.floor(Date.now() / period);
}

/** Bytes encoded by an unpadded base32 string. */
export function base32Bytes(text: string): number {
  return Math.floor((text.length * 5) / 8);
}
