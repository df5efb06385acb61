/**
 * Fired by `<otp-input>` when the user completes the code; `detail.code` holds its digits.
 * It bubbles but is not composed, so a code never leaves the shadow root of an element that
 * uses `<otp-input>` inside (C-13).
 */
export class OtpInputCompleteEvent extends Event {
  static readonly eventName = 'otp-input-complete';
  readonly detail: { code: string };

  constructor(code: string) {
    super(OtpInputCompleteEvent.eventName, { bubbles: true });
    this.detail = { code };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'otp-input-complete': OtpInputCompleteEvent;
  }
}
