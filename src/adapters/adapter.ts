/**
 * The contract between the elements and a backend. Elements never decide that a code is
 * right: every outcome comes from an adapter. Methods reject with a `TotpAdapterError`, or
 * with an `AbortError` when `options.signal` aborts. Codes are always six-character strings.
 */

/** Options every adapter call accepts. */
export interface AdapterCallOptions {
  /** Aborts the call; the promise then rejects with a `DOMException` named `AbortError`. */
  signal?: AbortSignal;
}

/** Whether two-factor authentication is on for the signed-in user. */
export interface TotpStatus {
  /** An authenticator is confirmed and required at sign-in. */
  enabled: boolean;
  /** ISO 8601 time until which codes are refused after too many failures; absent otherwise. */
  lockedUntil?: string;
}

/** A pending enrollment: shown to the user once, never again after confirmation. */
export interface TotpEnrollment {
  /** Opaque id that binds the confirmation to this enrollment. */
  enrollmentId: string;
  /** The shared secret, base32 upper-case without padding. */
  secret: string;
  /** `otpauth://totp/…` Key URI carrying the same secret, for the QR code. */
  otpauthUri: string;
  /** Service name shown in the authenticator app. */
  issuer: string;
  /** Account name shown in the authenticator app. */
  accountName: string;
  /** ISO 8601 time after which confirming fails with `enrollment_expired`. */
  expiresAt: string;
}

/** A successful sign-in verification; any other fields the backend sends are passed through. */
export interface TotpVerifyResult {
  /** Where the app should go next, as chosen by the backend. */
  redirectTo?: string;
  [field: string]: unknown;
}

/** A backend for the elements: implement it, or use `createHttpAdapter()`. */
export interface TotpAdapter {
  /** Reads whether two-factor authentication is enabled. */
  status(options?: AdapterCallOptions): Promise<TotpStatus>;
  /** Starts an enrollment, replacing any pending one; never enables anything by itself. */
  beginEnrollment(options?: AdapterCallOptions): Promise<TotpEnrollment>;
  /** Enables two-factor authentication with a current code from the pending secret. */
  confirmEnrollment(
    enrollmentId: string,
    code: string,
    options?: AdapterCallOptions,
  ): Promise<void>;
  /** Checks a code at sign-in or step-up. */
  verify(code: string, options?: AdapterCallOptions): Promise<TotpVerifyResult>;
  /** Turns two-factor authentication off; requires a current code. */
  disable(code: string, options?: AdapterCallOptions): Promise<void>;
  /** Discards a pending enrollment, when the backend supports it. */
  cancelEnrollment?(enrollmentId: string, options?: AdapterCallOptions): Promise<void>;
}
