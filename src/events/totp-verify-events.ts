import type { TotpErrorCode } from '../adapters/adapter-error.js';
import type { TotpVerifyResult } from '../adapters/adapter.js';
import { TotpErrorEvent } from './totp-error-event.js';

/** The backend accepted the sign-in code; `detail` is what it returned (never the code). */
export class TotpVerifyCompleteEvent extends Event {
  static readonly eventName = 'totp-verify-complete';
  readonly detail: TotpVerifyResult;

  constructor(result: TotpVerifyResult) {
    super(TotpVerifyCompleteEvent.eventName, { bubbles: true, composed: true });
    this.detail = result;
  }
}

/** A sign-in code was refused or could not be checked. */
export class TotpVerifyErrorEvent extends TotpErrorEvent {
  static readonly eventName = 'totp-verify-error';

  constructor(error: TotpErrorCode, retryAfter?: number) {
    super(TotpVerifyErrorEvent.eventName, error, retryAfter);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'totp-verify-complete': TotpVerifyCompleteEvent;
    'totp-verify-error': TotpVerifyErrorEvent;
  }
}
