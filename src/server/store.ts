import type { FailureLimits } from './policy.js';

/*
 * Storage of the reference server (S-04). Times are milliseconds since the epoch. Every method
 * that changes codes or counters is ONE atomic conditional write, so concurrent requests, in one
 * process or in many sharing the storage, can neither spend a step twice nor outrun the
 * throttle.
 */

/**
 * A user's TOTP state: the authenticator once confirmed, and the consecutive-failure counter,
 * which also counts failed confirmations before there is an authenticator.
 */
export interface AuthenticatorRecord {
  userId: string;
  /** `SecretBox` envelope of the secret; `null` until an enrollment is confirmed. */
  secretCiphertext: string | null;
  /** When the authenticator was confirmed; `null` while 2FA is off. */
  confirmedAt: number | null;
  /** The last accepted step; −1 before any. */
  lastUsedStep: number;
  /** Consecutive failures. */
  failCount: number;
  /** Codes are refused (not evaluated) until then; 0 when not locked. */
  lockUntil: number;
  /** Locks in the current streak of failures; the next lock lasts `firstDelay · 2^lockLevel`. */
  lockLevel: number;
  /** When the hard cap disabled the authenticator; `null` otherwise. */
  disabledAt: number | null;
}

/** A started, unconfirmed enrollment; at most one per user. */
export interface PendingEnrollment {
  userId: string;
  enrollmentId: string;
  /** The session that started it, when the app names sessions; confirm and cancel need it. */
  sessionId: string | null;
  secretCiphertext: string;
  expiresAt: number;
}

/** The counter after `recordFailure()`. */
export interface FailureOutcome {
  failCount: number;
  lockUntil: number;
  disabledAt: number | null;
}

/** Where a handler keeps its state; `createMemoryStore()` and `createSqliteStore()` are two. */
export interface TotpStore {
  /** The user's record, if any. */
  getAuthenticator(userId: string): Promise<AuthenticatorRecord | undefined>;
  /** The user's pending enrollment, if any (expired ones included). */
  getPendingEnrollment(userId: string): Promise<PendingEnrollment | undefined>;
  /** Stores `pending`, replacing the user's previous pending enrollment. */
  putPendingEnrollment(pending: PendingEnrollment): Promise<void>;
  /** Deletes the user's pending enrollment `enrollmentId`; whether there was one. */
  deletePendingEnrollment(userId: string, enrollmentId: string): Promise<boolean>;
  /**
   * Atomically turns pending enrollment `enrollmentId` into the confirmed authenticator with
   * `lastUsedStep = step` and a zero counter, and deletes the pending enrollment. Does nothing
   * and answers `false` unless that enrollment exists and is unexpired at `now`, no
   * authenticator is confirmed, and the user is not locked at `now`.
   */
  confirmEnrollment(
    userId: string,
    enrollmentId: string,
    step: number,
    now: number,
  ): Promise<boolean>;
  /**
   * Atomically records `step` as accepted and resets the counter and locks, only if an
   * authenticator is confirmed, not disabled, not locked at `now`, and `lastUsedStep < step`.
   * Whether it did: of concurrent calls with one step exactly one succeeds.
   */
  consumeStep(userId: string, step: number, now: number): Promise<boolean>;
  /**
   * Atomically counts one failure, unless the user is locked at `now` or disabled (then
   * `undefined`, nothing counted). Reaching `throttleAfter` locks for
   * `min(firstDelay · 2^lockLevel, maxDelay)` and increments `lockLevel`; reaching `hardCap`
   * with a confirmed authenticator sets `disabledAt` instead. Creates the record if needed.
   */
  recordFailure(
    userId: string,
    now: number,
    limits: FailureLimits,
  ): Promise<FailureOutcome | undefined>;
  /** Zeroes the counter, the lock and the lock level (test mode only). */
  resetFailures(userId: string): Promise<void>;
  /** Forgets the user's authenticator, counter, last used step and pending enrollment. */
  deleteAuthenticator(userId: string): Promise<void>;
}
