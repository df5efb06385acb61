/** The verification and throttle policy of a handler (docs/rest-contract.md §2, §8). */
export interface TotpPolicy {
  /** Steps accepted around the server's step T: `both` = T−1, T, T+1; `past` = T−1, T. */
  window: 'both' | 'past';
  /** Consecutive failures after which attempts are refused for a while; 1 to 10. */
  throttleAfter: number;
  /** Seconds of the first lock, doubled by every further failure; 30 or more. */
  firstDelay: number;
  /** Longest lock in seconds; at least `firstDelay`. */
  maxDelay: number;
  /** Consecutive failures that disable the authenticator; > `throttleAfter`, ≤ 100. */
  hardCap: number;
  /** Seconds a pending enrollment stays confirmable; 60 to 3600. */
  enrollmentTtl: number;
}

/** The reference policy: ±1 step; 10 → lock 60 s doubling to 3600 s; 100 → disabled; 15 min. */
export const defaultPolicy: Readonly<TotpPolicy> = Object.freeze({
  window: 'both',
  throttleAfter: 10,
  firstDelay: 60,
  maxDelay: 3600,
  hardCap: 100,
  enrollmentTtl: 15 * 60,
});

/** What a store needs to count a failure: the policy in milliseconds. */
export interface FailureLimits {
  throttleAfter: number;
  hardCap: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const isInteger = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** `defaultPolicy` with `overrides`; throws a `RangeError` naming the first value out of bounds. */
export function resolvePolicy(overrides: Partial<TotpPolicy> = {}): TotpPolicy {
  const policy = { ...defaultPolicy, ...overrides };
  const problems: [boolean, string][] = [
    [policy.window === 'both' || policy.window === 'past', "window must be 'both' or 'past'"],
    [isInteger(policy.throttleAfter, 1, 10), 'throttleAfter must be an integer from 1 to 10'],
    [isInteger(policy.firstDelay, 30), 'firstDelay must be an integer of at least 30 seconds'],
    [isInteger(policy.maxDelay, policy.firstDelay), 'maxDelay must be an integer ≥ firstDelay'],
    [
      isInteger(policy.hardCap, policy.throttleAfter + 1, 100),
      'hardCap must be an integer above throttleAfter and at most 100',
    ],
    [isInteger(policy.enrollmentTtl, 60, 3600), 'enrollmentTtl must be 60 to 3600 seconds'],
  ];
  const problem = problems.find(([ok]) => !ok);
  if (problem) throw new RangeError(`totp policy: ${problem[1]}`);
  return policy;
}

/** Milliseconds of the lock that follows lock number `previousLocks` (0 for the first). */
export function lockDelayMs(limits: FailureLimits, previousLocks: number): number {
  return Math.min(limits.firstDelayMs * 2 ** Math.min(previousLocks, 32), limits.maxDelayMs);
}
