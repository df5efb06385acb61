import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { adapterErrorMessage, adapterErrorsEn } from '../adapters/adapter-error.strings.js';
import type { TotpAdapterError } from '../adapters/adapter-error.js';
import type { TotpAdapter } from '../adapters/adapter.js';
import { getDefaultAdapter, onDefaultAdapterChange } from '../adapters/default-adapter.js';
import type { OtpInputElement } from '../components/otp-input/otp-input.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { AdapterCallController } from './adapter-call-controller.js';
import { codeFormEn, type CodeFormStrings } from './code-form.strings.js';
import { codeFormStyles } from './code-form.styles.js';
import { create } from './create-element.js';

/** Failures after which the same entry can only be corrected by typing a new code. */
const wrongCode = new Set(['invalid_code', 'code_already_used', 'invalid_format']);

/**
 * Base of the elements that send one code to the adapter: `<totp-verify>`, `<totp-disable>`
 * and the confirmation step of `<totp-enroll>`. It owns the light-DOM `<otp-input>` (so
 * autofill reaches its real input), submits a complete code exactly once whatever the user
 * presses (C-07), shows each failure's localised message, counts a rate limit down with the
 * field disabled (C-09), and aborts the request when the element leaves the page.
 */
export abstract class CodeFormElement extends LitElement {
  static override styles = codeFormStyles;
  static override properties: PropertyDeclarations = {
    adapter: { attribute: false },
    strings: { attribute: false },
  };

  /** The backend; when unset, the one given to `setDefaultAdapter()`. */
  declare adapter: TotpAdapter | undefined;

  protected readonly calls = new AdapterCallController(this);
  protected readonly codeInput: OtpInputElement;
  protected readonly codeStrings = new LocalizeController(
    this,
    'codeForm',
    codeFormEn,
    () => (this as { strings?: Partial<CodeFormStrings> }).strings,
  );
  protected readonly errorStrings = new LocalizeController(this, 'errors', adapterErrorsEn);
  #stopWatchingDefault?: () => void;

  constructor() {
    super();
    this.codeInput = create('otp-input', { slot: 'code', length: '6' });
    this.codeInput.addEventListener('otp-input-complete', this.#onComplete);
    this.codeInput.addEventListener('keydown', this.#onCodeKeydown);
    this.codeInput.addEventListener('input', this.#onCodeInput);
  }

  /** The adapter in use: `adapter`, else the page-wide default. */
  protected get activeAdapter(): TotpAdapter | undefined {
    return this.adapter ?? getDefaultAdapter();
  }

  /** Focuses the code field. */
  override focus(options?: FocusOptions): void {
    this.codeInput.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.codeInput.parentNode !== this) this.append(this.codeInput);
    this.#stopWatchingDefault = onDefaultAdapterChange(() => {
      if (!this.adapter) this.defaultAdapterChanged();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatchingDefault?.();
  }

  /** A page-wide default adapter was set while this element uses it; re-renders by default. */
  protected defaultAdapterChanged(): void {
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const strings = this.codeStrings.strings;
    const error = this.calls.error;
    Object.assign(this.codeInput, {
      label: strings.codeLabel,
      disabled: this.calls.blocked || this.codeLocked || !this.activeAdapter,
      invalid: !!error && wrongCode.has(error.code),
    });
  }

  /** Sends `code` to the backend; resolves once the backend accepted it. */
  protected abstract send(
    adapter: TotpAdapter,
    code: string,
    signal: AbortSignal,
  ): Promise<unknown>;

  /** Reports the backend's acceptance, e.g. with a `*-complete` event. */
  protected abstract succeeded(result: unknown): void;

  /** Reports a failure, e.g. with a `*-error` event. */
  protected abstract failed(error: TotpAdapterError): void;

  /** The field stays disabled for good, e.g. after success. */
  protected get codeLocked(): boolean {
    return false;
  }

  /** Submits the entered code, if it is complete and nothing blocks it. */
  protected async submit(): Promise<void> {
    const adapter = this.activeAdapter;
    const code = this.codeInput.value;
    if (!adapter || this.codeLocked || code.length !== 6) return;
    const outcome = await this.calls.submitCode(code, (value, signal) =>
      this.send(adapter, value, signal),
    );
    if (outcome) {
      this.succeeded(outcome.value);
      return;
    }
    const error = this.calls.error;
    if (!error) return;
    // A refused code cannot be sent again: clear it so the user types the next one.
    this.codeInput.clear();
    this.failed(error);
    await this.updateComplete;
    if (!this.calls.blocked) this.codeInput.focus();
  }

  /** The field, the failure message, the countdown and the submit button. */
  protected renderCodeForm(submitLabel: string): TemplateResult {
    const strings = this.codeStrings.strings;
    const seconds = this.calls.secondsLeft;
    return html`
      <div part="code-field"><slot name="code"></slot></div>
      <p part="message" role="alert">${this.#message()}</p>
      <p part="countdown" role="timer" ?hidden=${!seconds}>
        ${seconds ? strings.retryIn(seconds) : nothing}
      </p>
      <p class="visually-hidden" role="status">${this.calls.pending ? strings.checking : ''}</p>
      <button
        part="submit"
        type="button"
        ?disabled=${this.calls.blocked || this.codeLocked || !this.activeAdapter}
        @click=${this.submit}
      >
        ${submitLabel}
      </button>
    `;
  }

  #message(): string {
    if (!this.activeAdapter) return this.codeStrings.strings.noAdapter;
    const error = this.calls.error;
    return error ? adapterErrorMessage(this.errorStrings.strings, error) : '';
  }

  #onComplete = (): void => {
    void this.submit();
  };

  #onCodeKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    // Never let Enter submit a surrounding form: the code goes to the adapter only.
    event.preventDefault();
    void this.submit();
  };

  #onCodeInput = (): void => {
    const error = this.calls.error;
    if (error && wrongCode.has(error.code)) this.calls.reset();
  };
}
