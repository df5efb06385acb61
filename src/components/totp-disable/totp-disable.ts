import { html } from 'lit';
import type { TotpAdapterError } from '../../adapters/adapter-error.js';
import type { TotpAdapter } from '../../adapters/adapter.js';
import {
  TotpDisableCompleteEvent,
  TotpDisableErrorEvent,
} from '../../events/totp-disable-events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { CodeFormElement } from '../../internal/code-form-element.js';
import type { CodeFormStrings } from '../../internal/code-form.strings.js';
import { defineElement } from '../../internal/define-element.js';
import { totpDisableEn, type TotpDisableStrings } from './totp-disable.strings.js';

/**
 * Turns two-factor authentication off with the current code (C-24): there is no one-click
 * disable, and "off" is shown only after the adapter's `disable()` confirms.
 *
 * @summary Disable two-factor authentication with a current code.
 * @tagname totp-disable
 *
 * @slot code - Holds the `<otp-input>` the element creates in its light DOM, where browser
 *   autofill and password managers reach its input.
 * @slot warning - Replaces the guide's warning about the master account.
 *
 * @csspart instructions - The text above the field.
 * @csspart warning - The warning about the master account.
 * @csspart code-field - The wrapper of the code field.
 * @csspart message - The failure message (a live region).
 * @csspart countdown - The rate-limit countdown.
 * @csspart submit - The Disable button.
 * @csspart success - The confirmation shown after the backend disabled 2FA.
 *
 * @cssproperty --totp-color-accent - Buttons and focus ring.
 * @cssproperty --totp-color-danger - Failure messages and the warning's edge.
 * @cssproperty --totp-radius - Corner radius of buttons and cells.
 * @cssproperty --totp-font - Font family.
 *
 * @fires {TotpDisableCompleteEvent} totp-disable-complete - The backend turned 2FA off.
 * @fires {TotpDisableErrorEvent} totp-disable-error - Disabling was refused or failed;
 * `detail.error` is the error code. 2FA stays on.
 */
export class TotpDisableElement extends CodeFormElement {
  static override properties = {
    strings: { attribute: false },
    _disabled: { state: true },
  };

  /** Registers the element as `tag` (default `totp-disable`) in `registry`. */
  static define(tag = 'totp-disable', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Overrides any of the element's strings for this instance. */
  declare strings: Partial<TotpDisableStrings & CodeFormStrings>;

  declare private _disabled: boolean;

  readonly #localize = new LocalizeController(
    this,
    'totpDisable',
    totpDisableEn,
    () => this.strings,
  );

  constructor() {
    super();
    this._disabled = false;
    this.strings = {};
  }

  protected override get codeLocked(): boolean {
    return this._disabled;
  }

  protected override send(adapter: TotpAdapter, code: string, signal: AbortSignal) {
    return adapter.disable(code, { signal });
  }

  protected override succeeded(): void {
    this._disabled = true;
    this.dispatchEvent(new TotpDisableCompleteEvent());
  }

  protected override failed(error: TotpAdapterError): void {
    this.dispatchEvent(new TotpDisableErrorEvent(error.code, error.retryAfter));
  }

  override render() {
    const strings = this.#localize.strings;
    return html`
      <p part="warning"><slot name="warning">${strings.warning}</slot></p>
      <p part="instructions">${strings.instructions}</p>
      ${this.renderCodeForm(strings.disable)}
      <p part="success" role="status">${this._disabled ? strings.disabled : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'totp-disable': TotpDisableElement;
  }
}
