import { html, nothing } from 'lit';
import { adapterErrorMessage } from '../../adapters/adapter-error.strings.js';
import { TotpAdapterError } from '../../adapters/adapter-error.js';
import type { TotpAdapter, TotpEnrollment } from '../../adapters/adapter.js';
import {
  TotpEnrollCancelEvent,
  TotpEnrollCompleteEvent,
  TotpEnrollErrorEvent,
} from '../../events/totp-enroll-events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { AdapterCallController } from '../../internal/adapter-call-controller.js';
import { CodeFormElement } from '../../internal/code-form-element.js';
import type { CodeFormStrings } from '../../internal/code-form.strings.js';
import { defineElement } from '../../internal/define-element.js';
import { checkOtpauthUri } from '../../internal/otpauth-uri.js';
import { qrPath, type QrPath } from '../../internal/qr-path.js';
import { totpEnrollEn, type TotpEnrollStrings } from './totp-enroll.strings.js';
import { totpEnrollStyles } from './totp-enroll.styles.js';

/** The enrollment on screen, checked: everything secret the element holds, in one place. */
interface Shown {
  id: string;
  secret: string;
  uri: string;
  issuer: string;
  accountName: string;
  expiresAt: number;
  nonDefault: boolean;
  qr: QrPath;
}

/** How long before expiry the warning shows (C-19); `expiring` in the strings says so. */
const warnBefore = 2 * 60_000;
/** Failures after which the pending enrollment is gone and only a new one helps. */
const lost = new Set(['enrollment_expired', 'no_pending_enrollment']);

/** Checks what `beginEnrollment()` returned (C-16) and draws its QR code. */
async function check(enrollment: TotpEnrollment, signal: AbortSignal): Promise<Shown> {
  const { enrollmentId, secret, otpauthUri, issuer, accountName, expiresAt } = { ...enrollment };
  const texts = [enrollmentId, secret, otpauthUri, issuer, accountName, expiresAt];
  const checked =
    texts.every((text) => typeof text === 'string') && checkOtpauthUri(otpauthUri, secret);
  const expires = Date.parse(expiresAt);
  if (!checked || !expires) throw new TotpAdapterError('malformed_response');
  const qr = await qrPath(otpauthUri);
  signal.throwIfAborted();
  return {
    ...checked,
    id: enrollmentId,
    uri: otpauthUri,
    issuer,
    accountName,
    expiresAt: expires,
    qr,
  };
}

/**
 * Turns two-factor authentication on (guide steps 3 and 4): starts an enrollment through the
 * adapter's `beginEnrollment()`, shows its QR code (drawn on this device) and Secret key, and
 * sends the first code from the app to `confirmEnrollment()`. The backend's data is checked
 * before anything is shown, and the secret lives only in the shadow root, only until success,
 * cancel, expiry or removal from the page.
 *
 * Inline, the enrollment starts when the element connects. With `modal`, it starts when
 * `open()` shows it in a modal dialog.
 *
 * @summary Enroll an authenticator app with a QR code or setup key.
 * @tagname totp-enroll
 *
 * @slot code - Holds the `<otp-input>` the element creates in its light DOM, where browser
 *   autofill and password managers reach its input.
 *
 * @csspart steps - The two ways to add the account, and the code step.
 * @csspart qr-code - The QR code, an SVG on a white quiet zone.
 * @csspart secret - The Secret key, in groups of four.
 * @csspart copy-secret - The button copying the Secret key.
 * @csspart copy-uri - The button copying the setup link.
 * @csspart open-app - The link opening the setup link in an authenticator app.
 * @csspart warning - The advice to save the Secret key.
 * @csspart compat-warning - The warning about non-standard settings.
 * @csspart expiry-warning - The warning that the enrollment expires soon.
 * @csspart start-over - The button beginning a new enrollment.
 * @csspart retry - The button trying again after starting failed.
 * @csspart loading - The text shown while the enrollment starts.
 * @csspart code-field - The wrapper of the code field.
 * @csspart message - The failure message (a live region).
 * @csspart countdown - The rate-limit countdown.
 * @csspart submit - The Confirm button.
 * @csspart cancel - The Cancel button.
 * @csspart success - The confirmation shown after the backend enabled 2FA.
 * @csspart done - The button closing the dialog after success.
 *
 * @cssproperty --totp-enroll-qr-size - Width and height of the QR code (default 12rem).
 * @cssproperty --totp-color-accent - Buttons, focus ring and links.
 * @cssproperty --totp-color-danger - Failure messages and the warnings' edge.
 * @cssproperty --totp-radius - Corner radius of buttons, cells and the dialog.
 * @cssproperty --totp-font - Font family.
 *
 * @fires {TotpEnrollCompleteEvent} totp-enroll-complete - The backend enabled 2FA.
 * @fires {TotpEnrollCancelEvent} totp-enroll-cancel - The user left the enrollment unfinished.
 * @fires {TotpEnrollErrorEvent} totp-enroll-error - Starting or confirming failed, or the
 * enrollment expired; `detail.error` is the error code. Never carries the secret or a code.
 */
export class TotpEnrollElement extends CodeFormElement {
  static override styles = totpEnrollStyles;
  static override properties = {
    strings: { attribute: false },
    modal: { type: Boolean },
    _status: { state: true },
    _copy: { state: true },
  };

  /** Registers the element as `tag` (default `totp-enroll`) in `registry`. */
  static define(tag = 'totp-enroll', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Shows the enrollment in a modal dialog, opened by `open()`, instead of inline. */
  declare modal: boolean;
  /** Overrides any of the element's strings for this instance. */
  declare strings: Partial<TotpEnrollStrings & CodeFormStrings>;

  declare private _status: 'idle' | 'started' | 'done';
  declare private _copy: '' | 'copied' | 'copyFailed';

  readonly #localize = new LocalizeController(this, 'totpEnroll', totpEnrollEn, () => this.strings);
  readonly #begins = new AdapterCallController(this);
  /** The only reference to the secret and URI (C-14). */
  #shown?: Shown;
  #timer?: ReturnType<typeof setTimeout>;
  #opener?: HTMLElement;

  constructor() {
    super();
    this.modal = false;
    this.strings = {};
    this._status = 'idle';
    this._copy = '';
  }

  /**
   * Starts a new enrollment, replacing any on screen; with `modal`, also opens the dialog and
   * remembers the focused element to return focus to when it closes.
   */
  async open(): Promise<void> {
    void this.#begin();
    if (!this.modal) return;
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    await this.updateComplete;
    const dialog = this.#dialog!;
    if (dialog.open) return;
    this.#opener = active as HTMLElement;
    dialog.showModal();
  }

  /** Cancels an unfinished enrollment, as the Cancel button does, and closes the dialog. */
  close(): void {
    if (this._status === 'started') {
      const id = this.#shown?.id;
      this.#reset('idle');
      if (id) this.activeAdapter?.cancelEnrollment?.(id).catch(() => {});
      this.dispatchEvent(new TotpEnrollCancelEvent());
    }
    this.#dialog?.close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.modal && this._status !== 'done') void this.#begin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#reset(this._status === 'done' ? 'done' : 'idle');
  }

  protected override get codeLocked(): boolean {
    return !this.#shown;
  }

  /** An inline enrollment that could not start for want of an adapter starts now. */
  protected override defaultAdapterChanged(): void {
    super.defaultAdapterChanged();
    const waiting = this._status === 'started' && !this.#shown && !this.#begins.pending;
    if (!this.modal && waiting) void this.#begin();
  }

  protected override send(adapter: TotpAdapter, code: string, signal: AbortSignal) {
    return adapter.confirmEnrollment(this.#shown!.id, code, { signal });
  }

  protected override succeeded(): void {
    this.#reset('done');
    this.dispatchEvent(new TotpEnrollCompleteEvent());
  }

  protected override failed(error: TotpAdapterError): void {
    if (lost.has(error.code)) this.#lose();
    this.dispatchEvent(new TotpEnrollErrorEvent(error.code, error.retryAfter));
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #begin(): Promise<void> {
    this.#reset('started');
    this.calls.reset();
    this.codeInput.clear();
    // A start aborted just now is still settling: the loop below, in its call, starts anew.
    if (this.#begins.pending) return;
    let outcome;
    do {
      const adapter = this.activeAdapter;
      if (!adapter) return;
      outcome = await this.#begins.run(async (signal) =>
        check(await adapter.beginEnrollment({ signal }), signal),
      );
    } while (!outcome && !this.#begins.error && this._status === 'started');
    const error = this.#begins.error;
    if (outcome) {
      this.#shown = outcome.value;
      this.#watchExpiry();
    } else if (error) {
      this.dispatchEvent(new TotpEnrollErrorEvent(error.code, error.retryAfter));
    }
  }

  /** Forgets the enrollment (C-14), stops its timer and any call, and sets the status. */
  #reset(status: TotpEnrollElement['_status']): void {
    this.#shown = undefined;
    clearTimeout(this.#timer);
    this.#begins.abort();
    this.calls.abort();
    this._status = status;
    this._copy = '';
    this.requestUpdate();
  }

  /** The pending enrollment is gone: forget it and offer Start over, focused. */
  #lose(): void {
    this.#reset('started');
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[part="start-over"]')?.focus(),
    );
  }

  /** Re-renders when the expiry warning is due, and forgets the enrollment when it expires. */
  #watchExpiry = (): void => {
    const left = this.#shown!.expiresAt - Date.now();
    if (left > 0) {
      const wait = left > warnBefore ? left - warnBefore : left;
      this.#timer = setTimeout(this.#watchExpiry, Math.min(wait, 864e5));
      this.requestUpdate();
      return;
    }
    this.#lose();
    this.calls.error = new TotpAdapterError('enrollment_expired');
    this.dispatchEvent(new TotpEnrollErrorEvent('enrollment_expired'));
  };

  async #copy(text: string): Promise<void> {
    let outcome: TotpEnrollElement['_copy'] = 'copied';
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      outcome = 'copyFailed';
    }
    // Empty the live region first, so that a second copy is announced again.
    this._copy = '';
    await this.updateComplete;
    this._copy = outcome;
  }

  override render() {
    const content = html`
      ${this._status === 'started' ? this.#renderStarted() : nothing}
      <p part="success" role="status">
        ${this._status === 'done' ? this.#localize.strings.enabled : ''}
      </p>
      ${
        this.modal && this._status === 'done'
          ? html`<button part="done" type="button" @click=${this.close}>
              ${this.#localize.strings.done}
            </button>`
          : nothing
      }
    `;
    return this.modal
      ? html`<dialog aria-label=${this.#localize.strings.title} @close=${this.#onDialogClose}>
          ${content}
        </dialog>`
      : content;
  }

  #renderStarted() {
    const strings = this.#localize.strings;
    const shown = this.#shown;
    return html`
      ${
        shown
          ? this.#renderEnrollment(shown)
          : this.#begins.pending
            ? html`<p part="loading" role="status">${strings.starting}</p>`
            : this.#renderFailure()
      }
      <button part="cancel" type="button" class="secondary" @click=${this.close}>
        ${strings.cancel}
      </button>
    `;
  }

  #renderEnrollment({ secret, issuer, accountName, expiresAt, nonDefault, qr, uri }: Shown) {
    const strings = this.#localize.strings;
    const side = qr.size + 8;
    return html`
      <ol part="steps">
        <li>${strings.scan}</li>
        <li>${strings.enterKey}</li>
        <li>${strings.enterCode}</li>
      </ol>
      <svg
        part="qr-code"
        role="img"
        aria-label=${strings.qrLabel(issuer)}
        viewBox="-4 -4 ${side} ${side}"
        shape-rendering="crispEdges"
      >
        <rect x="-4" y="-4" width=${side} height=${side} fill="#fff"></rect>
        <path d=${qr.d} fill="#000"></path>
      </svg>
      <p>${strings.account(issuer, accountName)}</p>
      <p>
        ${strings.secretLabel}:
        <code part="secret" translate="no">${secret.replace(/.{4}(?=.)/g, '$& ')}</code>
      </p>
      <p>
        <button part="copy-secret" type="button" class="secondary" @click=${this.#onCopySecret}>
          ${strings.copySecret}
        </button>
        <button part="copy-uri" type="button" class="secondary" @click=${this.#onCopyUri}>
          ${strings.copyUri}
        </button>
        <a part="open-app" href=${uri}>${strings.openApp}</a>
        <span role="status">${this._copy && strings[this._copy]}</span>
      </p>
      <p part="warning">${strings.warning}</p>
      ${nonDefault ? html`<p part="compat-warning">${strings.compatWarning}</p>` : nothing}
      ${
        expiresAt - Date.now() > warnBefore
          ? nothing
          : html`<p part="expiry-warning" role="alert">
              ${strings.expiring}
              <button part="start-over" type="button" class="secondary" @click=${this.#begin}>
                ${strings.startOver}
              </button>
            </p>`
      }
      ${this.renderCodeForm(this.codeStrings.strings.confirm)}
    `;
  }

  #renderFailure() {
    const strings = this.#localize.strings;
    const error = this.#begins.error ?? this.calls.error;
    const restart = !!error && lost.has(error.code);
    return html`
      <p part="message" role="alert">
        ${
          !this.activeAdapter
            ? this.codeStrings.strings.noAdapter
            : error
              ? adapterErrorMessage(this.errorStrings.strings, error)
              : ''
        }
      </p>
      <button
        part=${restart ? 'start-over' : 'retry'}
        type="button"
        ?disabled=${this.#begins.blocked}
        @click=${this.#begin}
      >
        ${restart ? strings.startOver : strings.retry}
      </button>
    `;
  }

  #onCopySecret = (): Promise<void> => this.#copy(this.#shown!.secret);

  #onCopyUri = (): Promise<void> => this.#copy(this.#shown!.uri);

  #onDialogClose = (): void => {
    // The event of a close that `open()` already undid.
    if (this.#dialog?.open) return;
    // Escape, the Cancel button and `close()` all end here; an unfinished enrollment is cancelled.
    this.close();
    this.#opener?.focus();
    this.#opener = undefined;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'totp-enroll': TotpEnrollElement;
  }
}
