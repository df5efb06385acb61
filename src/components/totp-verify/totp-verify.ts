import { html } from 'lit';
import type { TotpAdapterError } from '../../adapters/adapter-error.js';
import type { TotpAdapter, TotpVerifyResult } from '../../adapters/adapter.js';
import { TotpVerifyCompleteEvent, TotpVerifyErrorEvent } from '../../events/totp-verify-events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { CodeFormElement } from '../../internal/code-form-element.js';
import type { CodeFormStrings } from '../../internal/code-form.strings.js';
import { defineElement } from '../../internal/define-element.js';
import { totpVerifyEn, type TotpVerifyStrings } from './totp-verify.strings.js';

/**
 * The sign-in challenge: the current code from the authenticator app, checked by the
 * backend through the adapter's `verify()`. The element only reports what the backend said;
 * it never decides that a code is right.
 *
 * @summary Ask for the code at sign-in.
 * @tagname totp-verify
 *
 * @slot code - Holds the `<otp-input>` the element creates in its light DOM, where browser
 *   autofill and password managers reach its input.
 * @slot help - Help for people who lost their phone; defaults to the guide's advice.
 *
 * @csspart instructions - The text above the field.
 * @csspart code-field - The wrapper of the code field.
 * @csspart message - The failure message (a live region).
 * @csspart countdown - The rate-limit countdown.
 * @csspart submit - The Confirm button.
 * @csspart success - The confirmation shown after the backend accepted the code.
 * @csspart help - The lost-phone disclosure.
 *
 * @cssproperty --totp-color-accent - Buttons, focus ring and links.
 * @cssproperty --totp-color-danger - Failure messages.
 * @cssproperty --totp-radius - Corner radius of buttons and cells.
 * @cssproperty --totp-font - Font family.
 *
 * @fires {TotpVerifyCompleteEvent} totp-verify-complete - The backend accepted the code;
 * `detail` is what it returned, e.g. `redirectTo`. Never carries the code.
 * @fires {TotpVerifyErrorEvent} totp-verify-error - The code was refused or could not be
 * checked; `detail.error` is the error code.
 */
export class TotpVerifyElement extends CodeFormElement {
  static override properties = {
    strings: { attribute: false },
    _verified: { state: true },
  };

  /** Registers the element as `tag` (default `totp-verify`) in `registry`. */
  static define(tag = 'totp-verify', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Overrides any of the element's strings for this instance. */
  declare strings: Partial<TotpVerifyStrings & CodeFormStrings>;

  declare private _verified: boolean;

  readonly #localize = new LocalizeController(this, 'totpVerify', totpVerifyEn, () => this.strings);

  constructor() {
    super();
    this._verified = false;
    this.strings = {};
  }

  protected override get codeLocked(): boolean {
    return this._verified;
  }

  protected override send(adapter: TotpAdapter, code: string, signal: AbortSignal) {
    return adapter.verify(code, { signal });
  }

  protected override succeeded(result: unknown): void {
    this._verified = true;
    this.dispatchEvent(new TotpVerifyCompleteEvent({ ...(result as TotpVerifyResult) }));
  }

  protected override failed(error: TotpAdapterError): void {
    this.dispatchEvent(new TotpVerifyErrorEvent(error.code, error.retryAfter));
  }

  override render() {
    const strings = this.#localize.strings;
    return html`
      <p part="instructions">${strings.instructions}</p>
      ${this.renderCodeForm(this.codeStrings.strings.confirm)}
      <p part="success" role="status">${this._verified ? strings.verified : ''}</p>
      <details part="help">
        <summary>${strings.helpSummary}</summary>
        <slot name="help"><p>${strings.help}</p></slot>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'totp-verify': TotpVerifyElement;
  }
}
