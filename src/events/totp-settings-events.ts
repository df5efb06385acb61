/**
 * The backend confirmed a new two-factor state after `<totp-settings>` enabled or disabled
 * it; `detail.enabled` is that state.
 */
export class TotpSettingsChangeEvent extends Event {
  static readonly eventName = 'totp-settings-change';
  readonly detail: { enabled: boolean };

  constructor(enabled: boolean) {
    super(TotpSettingsChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = { enabled };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'totp-settings-change': TotpSettingsChangeEvent;
  }
}
