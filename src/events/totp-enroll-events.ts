import type { TotpErrorCode } from '../adapters/adapter-error.js';
import { TotpErrorEvent } from './totp-error-event.js';

/** The backend confirmed the new authenticator: two-factor authentication is on. */
export class TotpEnrollCompleteEvent extends Event {
  static readonly eventName = 'totp-enroll-complete';

  constructor() {
    super(TotpEnrollCompleteEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The user left the enrollment unfinished: Cancel, Escape or `close()`. */
export class TotpEnrollCancelEvent extends Event {
  static readonly eventName = 'totp-enroll-cancel';

  constructor() {
    super(TotpEnrollCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Starting or confirming the enrollment failed, or the pending enrollment expired. */
export class TotpEnrollErrorEvent extends TotpErrorEvent {
  static readonly eventName = 'totp-enroll-error';

  constructor(error: TotpErrorCode, retryAfter?: number) {
    super(TotpEnrollErrorEvent.eventName, error, retryAfter);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'totp-enroll-complete': TotpEnrollCompleteEvent;
    'totp-enroll-cancel': TotpEnrollCancelEvent;
    'totp-enroll-error': TotpEnrollErrorEvent;
  }
}
