/** Every way an adapter call can fail, as sent by the server or detected on the client. */
export const totpErrorCodes = [
  'invalid_format',
  'invalid_code',
  'code_already_used',
  'rate_limited',
  'authenticator_disabled',
  'already_enabled',
  'no_pending_enrollment',
  'enrollment_expired',
  'reauth_required',
  'unauthenticated',
  'network',
  'timeout',
  'server',
  'malformed_response',
] as const;

/** One of `totpErrorCodes`. */
export type TotpErrorCode = (typeof totpErrorCodes)[number];

const messages: Record<TotpErrorCode, string> = {
  invalid_format: 'The code is not six digits',
  invalid_code: 'The code is not valid',
  code_already_used: 'The code was already used',
  rate_limited: 'Too many attempts',
  authenticator_disabled: 'The authenticator is disabled after too many failures',
  already_enabled: 'Two-factor authentication is already enabled',
  no_pending_enrollment: 'No pending enrollment',
  enrollment_expired: 'The enrollment expired',
  reauth_required: 'Re-authentication required',
  unauthenticated: 'Not signed in',
  network: 'Network failure',
  timeout: 'The request timed out',
  server: 'Server error',
  malformed_response: 'Malformed response',
};

/** Whether `value` is one of `totpErrorCodes`. */
export function isTotpErrorCode(value: unknown): value is TotpErrorCode {
  return (totpErrorCodes as readonly unknown[]).includes(value);
}

/** Extra facts about a failure; never request data. */
export interface TotpAdapterErrorOptions {
  /** Seconds to wait before the next attempt; kept only for `rate_limited`. */
  retryAfter?: number;
  /** HTTP status of the response, when there was one. */
  status?: number;
}

/**
 * A classified adapter failure. Its message is the code in plain English and never carries
 * a code, secret, URI or request body, so it is safe to log.
 */
export class TotpAdapterError extends Error {
  /** What went wrong. */
  readonly code: TotpErrorCode;
  /** Whole seconds (at least 1) to wait, for `rate_limited` when the server said. */
  readonly retryAfter?: number;
  /** HTTP status of the response, when there was one. */
  readonly status?: number;

  constructor(code: TotpErrorCode, options: TotpAdapterErrorOptions = {}) {
    super(messages[code]);
    this.name = 'TotpAdapterError';
    this.code = code;
    const { retryAfter, status } = options;
    if (
      code === 'rate_limited' &&
      retryAfter !== undefined &&
      Number.isFinite(retryAfter) &&
      retryAfter >= 0
    ) {
      this.retryAfter = Math.max(1, Math.ceil(retryAfter));
    }
    if (status !== undefined) this.status = status;
  }
}

/** Whether `value` is a `TotpAdapterError`, also one from another copy of this package. */
export function isTotpAdapterError(value: unknown): value is TotpAdapterError {
  return (
    value instanceof TotpAdapterError ||
    (value instanceof Error &&
      value.name === 'TotpAdapterError' &&
      isTotpErrorCode((value as { code?: unknown }).code))
  );
}

/** Whether `reason` is an abort (`DOMException` named `AbortError`), which is not a failure. */
export function isAbortError(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    (reason as { name?: unknown }).name === 'AbortError'
  );
}

/**
 * Classifies anything an adapter rejected with. Check `isAbortError()` first: an abort the
 * element asked for is no error. An abort that reaches this function was the adapter's own,
 * so it is reported as `timeout`, like a `TimeoutError`. A `TypeError` (what `fetch` throws
 * when the network fails) is `network`, a `SyntaxError` (unparsable JSON) is
 * `malformed_response`, anything else `server`. The original message is dropped, as it
 * may hold request data.
 */
export function toAdapterError(reason: unknown): TotpAdapterError {
  if (isTotpAdapterError(reason)) return reason;
  const name = typeof reason === 'object' && reason !== null ? (reason as Error).name : '';
  if (name === 'AbortError' || name === 'TimeoutError') return new TotpAdapterError('timeout');
  if (reason instanceof TypeError) return new TotpAdapterError('network');
  if (reason instanceof SyntaxError) return new TotpAdapterError('malformed_response');
  return new TotpAdapterError('server');
}
