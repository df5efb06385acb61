/** Request headers that carry a session: a `Cookie`, an `Authorization` header, or your own. */
export type SessionHeaders = Record<string, string>;

/** A fresh test user of the server under test, created by the fixture (K-1). */
export interface FixtureUser {
  /** The user's id in your app, if you like: the kit sends it as `userId` in bodies. */
  id?: string;
  /** A new, fully signed-in session of this user; every call is another session. */
  signIn(): Promise<SessionHeaders>;
  /** A new session that passed the password only: second factor pending. */
  signInPasswordOnly(): Promise<SessionHeaders>;
}

/** What the server declares about itself; the kit checks behaviour against it. */
export interface DeclaredPolicy {
  /** `both`: T−1, T, T+1 accepted; `past`: T−1 and T. Default `both`. */
  window?: 'both' | 'past';
  /** Consecutive failures that lock attempts; at most 10. Default 10. */
  throttleAfter?: number;
  /** Consecutive failures that disable the authenticator; at most 100. Default 100. */
  hardCap?: number;
}

/**
 * The backend team's module for the kit: fresh users and their sessions, optionally a server
 * it starts itself. See docs/backend-guide.md.
 */
export interface ConformanceFixture {
  /** Runs once before any check; may start the server and answer its base URL. */
  setup?(): Promise<{ baseUrl?: string } | void>;
  /** Runs once after the last check, even after a failure. */
  teardown?(): Promise<void>;
  /** A new user with no authenticator, no pending enrollment and a zero failure counter. */
  createUser(): Promise<FixtureUser>;
  /** The declared policy. */
  policy?: DeclaredPolicy;
  /**
   * Optional, test mode only: moves the server's clock `ms` milliseconds forward, for good, as
   * seen by codes, locks and enrollment expiry. The `Date` header keeps the real clock: the kit
   * adds the total it advanced to its estimate. With it the kit confirms after `expiresAt`
   * (A-20.expiry) and drives failures to the hard cap; without it both are INFO.
   */
  advanceClock?(ms: number): Promise<void>;
}

/** The verdict of a check (K-5). */
export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

/** The outcome of one check: evidence lines never hold a secret or a code. */
export interface CheckResult {
  /** The requirement it rests on, e.g. `A-06` or `A-06.endpoints`. */
  id: string;
  title: string;
  verdict: Verdict;
  /** Requests, statuses and body excerpts, with codes named by their step (`code(T−1)`). */
  evidence: string[];
  /** Milliseconds the check took. */
  ms: number;
}

/** The result of `runConformance()`. */
export interface ConformanceReport {
  baseUrl: string;
  startedAt: string;
  /** Milliseconds the whole run took. */
  ms: number;
  results: CheckResult[];
  counts: Record<Verdict, number>;
}
