import type { TotpErrorCode } from '../adapters/adapter-error.js';
import { TotpErrorEvent } from './totp-error-event.js';

/** The backend confirmed that two-factor authentication is off. */
export class TotpDisableCompleteEvent extends Event {
  static readonly eventName = 'totp-disable-complete';

  constructor() {
    super(TotpDisableCompleteEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Disabling was refused or could not be done; two-factor authentication stays on. */
export class TotpDisableErrorEvent extends TotpErrorEvent {
  static readonly eventName = 'totp-disable-error';

  constructor(error: TotpErrorCode, retryAfter?: number) {
    super(TotpDisableErrorEvent.eventName, error, retryAfter);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'totp-disable-complete': TotpDisableCompleteEvent;
    'totp-disable-error': TotpDisableErrorEvent;
  }
}
