import type { TotpErrorCode } from '../adapters/adapter-error.js';

/**
 * Base of the `<tag>-error` events: `detail.error` names what failed (an error code, never a
 * code the user typed); `detail.retryAfter` is the wait in seconds for `rate_limited`.
 */
export class TotpErrorEvent extends Event {
  readonly detail: { error: TotpErrorCode; retryAfter?: number };

  constructor(type: string, error: TotpErrorCode, retryAfter?: number) {
    super(type, { bubbles: true, composed: true });
    this.detail = { error, retryAfter };
  }
}
