import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { OtpInputCompleteEvent } from '../../events/otp-input-complete-event.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { canonicalizeCode, typedDigits } from '../../internal/canonicalize-code.js';
import { create } from '../../internal/create-element.js';
import { defineElement } from '../../internal/define-element.js';
import { otpInputEn, type OtpInputStrings } from './otp-input.strings.js';
import { otpInputStyles } from './otp-input.styles.js';

const lengthRange = (length: number) => Math.min(10, Math.max(4, Math.trunc(length) || 6));

/**
 * A one-time-code field: one real `<input>` in the light DOM, drawn as `length` cells.
 * Typing ignores non-digits and digits past the end; a paste or autofill is normalised and
 * fills from the first cell, and one that is not a code is rejected with an announced
 * message, never truncated. Form-associated: it submits its digits under `name`.
 *
 * @summary Enter a verification code.
 * @tagname otp-input
 *
 * @slot error - An error message, announced when it changes; overrides the `error` property.
 *
 * @csspart cells - The row of cells.
 * @csspart cell - One digit cell.
 * @csspart cell-filled - A cell that holds a digit.
 * @csspart cell-active - The cell where the next digit goes, or a selected cell.
 * @csspart caret - The caret drawn in the active cell.
 * @csspart message - The live region showing the error or paste message.
 *
 * @cssproperty --otp-input-cell-size - Width of a cell (default 2.75rem); cells shrink to fit.
 * @cssproperty --otp-input-gap - Space between cells (default 0.5rem).
 * @cssproperty --totp-color-accent - Focus, caret and active-cell colour.
 * @cssproperty --totp-color-danger - Colour of the invalid state and its message.
 * @cssproperty --totp-radius - Corner radius of the cells.
 * @cssproperty --totp-font - Font family.
 *
 * @cssstate complete - Every cell holds a digit.
 * @cssstate invalid - The `invalid` or `error` property is set, or the error slot is filled.
 * @cssstate focused - The real input has focus.
 *
 * @fires input - The value changed through the user (native-like, composed).
 * @fires change - The value was committed: focus left the field after a change.
 * @fires {OtpInputCompleteEvent} otp-input-complete - The user completed the code; `detail.code`
 * holds it. Not fired for programmatic changes. Bubbles, not composed.
 */
export class OtpInputElement extends ReactiveElement {
  static override styles = otpInputStyles;
  static formAssociated = true;
  static override properties = {
    value: { attribute: false },
    length: { type: Number },
    name: { reflect: true },
    disabled: { type: Boolean, reflect: true },
    readonly: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    autofocus: { type: Boolean },
    invalid: { type: Boolean },
    error: {},
    label: {},
    strings: { attribute: false },
    _caret: { state: true },
    _notice: { state: true },
    _slottedError: { state: true },
  };

  /** Registers the element as `tag` (default `otp-input`) in `registry`. */
  static define(tag = 'otp-input', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** The digits entered so far; setting it never fires events. */
  declare value: string;
  /** Number of digits, 4 to 10. */
  declare length: number;
  /** Name under which the form submits the code. */
  declare name: string;
  /** Disables the field; a disabled `<fieldset>` does too. */
  declare disabled: boolean;
  /** Shows the code without letting the user change it. */
  declare readonly: boolean;
  /** The form cannot be submitted while the code is incomplete. */
  declare required: boolean;
  /** Focuses the field when it first renders. */
  declare autofocus: boolean;
  /** Marks the code as wrong (`aria-invalid`, `:state(invalid)`). */
  declare invalid: boolean;
  /** An error message to show and announce; implies `invalid`. */
  declare error: string;
  /** Accessible name; the localised "Verification code" when unset. */
  declare label: string;
  /** Overrides any of the element's strings for this instance. */
  declare strings: Partial<OtpInputStrings>;

  declare _caret: [number, number] | undefined;
  declare _notice: string;
  declare _slottedError: boolean;

  readonly #localize = new LocalizeController(this, 'otpInput', otpInputEn, () => this.strings);
  readonly #internals = this.attachInternals();
  readonly #input = create('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    dir: 'ltr',
    spellcheck: 'false',
  });
  readonly #cells = create('span', { class: 'cells', 'aria-hidden': 'true' });
  readonly #message = new Text();
  #formDisabled = false;
  #committed = '';

  constructor() {
    super();
    this.value = this.name = this.error = this.label = this._notice = '';
    this.length = 6;
    this.disabled = this.readonly = this.required = this.autofocus = this.invalid = false;
    this._slottedError = false;
    this.strings = {};
    const input = this.#input;
    input.addEventListener('beforeinput', this.#onBeforeInput);
    input.addEventListener('input', this.#onInput);
    input.addEventListener('paste', this.#onPaste);
    input.addEventListener('change', this.#stop);
    input.addEventListener('focus', this.#onFocus);
    input.addEventListener('blur', this.#onBlur);
    for (const type of ['keyup', 'select', 'selectionchange', 'pointerup']) {
      input.addEventListener(type, this.#syncCaret);
    }
  }

  /** The form this element belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** The validity of the code, as for a native input. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  /** The localised message describing the current validity problem. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  /** Whether the form validates this element. */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  /** Checks validity, firing `invalid` when the code is not valid. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Checks validity and shows the browser's message when the code is not valid. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Empties the field and the message; fires no event. */
  clear(): void {
    this.value = this._notice = '';
  }

  /** Focuses the real input, caret after the last digit. */
  override focus(options?: FocusOptions): void {
    this.#input.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#input.parentNode !== this) this.append(this.#input);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.length = lengthRange(this.length);
    if (changed.has('value')) {
      const code = canonicalizeCode(String(this.value ?? ''), this.length);
      this.value = code === 'not-a-code' || code === 'too-long' ? '' : code;
    }
    const input = this.#input;
    const strings = this.#localize.strings;
    const invalid = this.#isInvalid;
    if (input.value !== this.value) input.value = this.value;
    input.disabled = this.disabled || this.#formDisabled;
    input.readOnly = this.readonly;
    input.ariaLabel = this.label || strings.label;
    input.ariaInvalid = String(invalid);
    input.ariaRequired = String(this.required);
    this.#internals.setFormValue(this.value);
    const missing = this.required && !this.value;
    const short = this.value.length > 0 && this.value.length < this.length;
    this.#internals.setValidity(
      { valueMissing: missing, tooShort: short },
      missing ? strings.valueMissing : short ? strings.tooShort(this.length) : '',
      input,
    );
    this.#toggleState('complete', this.value.length === this.length);
    this.#toggleState('invalid', invalid);
  }

  protected override firstUpdated(): void {
    // After this update, so that focusing (which moves the caret state) is not an update side effect.
    if (this.autofocus) this.updateComplete.then(() => this.focus());
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.#renderCells();
    this.#message.data = this._notice || this.error;
  }

  /** Builds the fixed shadow DOM once; `update()` only touches the cells and the message. */
  protected override createRenderRoot(): ShadowRoot {
    const root = super.createRenderRoot() as ShadowRoot;
    const errorSlot = create('slot', { name: 'error' }, this.#message);
    errorSlot.addEventListener('slotchange', () => {
      this._slottedError = errorSlot.assignedNodes().length > 0;
    });
    this.#cells.addEventListener('pointerdown', this.#onCellsPointerDown);
    root.append(
      create('div', { part: 'cells', dir: 'ltr' }, create('slot', {}), this.#cells),
      create('div', { part: 'message', role: 'alert' }, errorSlot),
    );
    return root;
  }

  #renderCells(): void {
    const cells = this.#cells;
    while (cells.childElementCount > this.length) cells.lastElementChild!.remove();
    while (cells.childElementCount < this.length) cells.append(create('span', {}));
    const [start, end] = this._caret ?? [-1, -1];
    [...cells.children].forEach((cell, index) => {
      const digit = this.value[index] ?? '';
      const active =
        start === end ? index === Math.min(start, this.length - 1) : index >= start && index < end;
      cell.setAttribute(
        'part',
        `cell${digit ? ' cell-filled' : ''}${active ? ' cell-active' : ''}`,
      );
      cell.replaceChildren(digit, ...(active && !digit ? [create('i', { part: 'caret' })] : []));
    });
  }

  /**
   * Called for the element's own `disabled` attribute and for a disabled fieldset. The
   * attribute is reflected during an update, after `willUpdate`, so the input is set here.
   */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#input.disabled = disabled || this.disabled;
  }

  formResetCallback(): void {
    this.clear();
  }

  formStateRestoreCallback(state: string | null): void {
    this.value = state ?? '';
  }

  get #isInvalid(): boolean {
    return this.invalid || !!this.error || this._slottedError;
  }

  #toggleState(state: string, on: boolean): void {
    if (on) this.#internals.states.add(state);
    else this.#internals.states.delete(state);
  }

  /** Takes a new value from the user: re-dispatches `input`, fires completion once. */
  #acceptUserValue(code: string): void {
    this._notice = '';
    if (code === this.value) return;
    this.value = this.#input.value = code;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (code.length === this.length) this.dispatchEvent(new OtpInputCompleteEvent(code));
  }

  /** Puts back the last accepted value and caret, with an optional message. */
  #revert(notice = this._notice): void {
    const [start, end] = this._caret ?? [this.value.length, this.value.length];
    this.#input.value = this.value;
    this.#input.setSelectionRange(start, end);
    this._notice = notice;
  }

  #onBeforeInput = (event: InputEvent): void => {
    if (event.inputType !== 'insertText' || !event.data) return;
    const digits = typedDigits(event.data);
    const input = this.#input;
    const kept = this.value.length - ((input.selectionEnd ?? 0) - (input.selectionStart ?? 0));
    if (digits !== event.data || kept + digits.length > this.length) event.preventDefault();
  };

  #onInput = (event: Event): void => {
    event.stopPropagation();
    const type = (event as InputEvent).inputType ?? '';
    const raw = this.#input.value;
    if (/^(insertText|insertComposition|delete)/.test(type)) {
      const digits = typedDigits(raw);
      if (digits.length > this.length) this.#revert();
      else this.#acceptUserValue(digits);
    } else {
      // Autofill (often no inputType), replacement text and drops must be a whole code.
      const code = canonicalizeCode(raw, this.length);
      if (code === 'not-a-code') this.#revert(this.#localize.strings.pasteNotACode);
      else if (code === 'too-long') this.#revert(this.#localize.strings.pasteTooLong(this.length));
      else this.#acceptUserValue(code);
    }
    this.#syncCaret();
  };

  #onPaste = (event: ClipboardEvent): void => {
    event.preventDefault();
    if (this.#input.readOnly || this.#input.disabled) return;
    const code = canonicalizeCode(event.clipboardData?.getData('text/plain') ?? '', this.length);
    const strings = this.#localize.strings;
    if (code === 'not-a-code') this._notice = strings.pasteNotACode;
    else if (code === 'too-long') this._notice = strings.pasteTooLong(this.length);
    else if (code) {
      this.#acceptUserValue(code);
      this.#input.setSelectionRange(code.length, code.length);
      this.#syncCaret();
    }
  };

  #onFocus = (): void => {
    this.#committed = this.value;
    this.#toggleState('focused', true);
    this.#syncCaret();
  };

  #onBlur = (): void => {
    this.#toggleState('focused', false);
    this._caret = undefined;
    if (this.value !== this.#committed) {
      this.#committed = this.value;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };

  #stop = (event: Event): void => event.stopPropagation();

  #syncCaret = (): void => {
    const input = this.#input;
    if (this.matches(':focus-within')) {
      this._caret = [input.selectionStart ?? 0, input.selectionEnd ?? 0];
    }
  };

  /** A press on a cell focuses the input and selects that cell's digit, so typing replaces it. */
  #onCellsPointerDown = (event: PointerEvent): void => {
    const input = this.#input;
    if (input.disabled) return;
    event.preventDefault();
    const cell = (event.target as Element).closest('[part~="cell"]');
    const index = [...this.#cells.children].indexOf(cell!);
    const start = index < 0 || index >= this.value.length ? this.value.length : index;
    input.focus();
    input.setSelectionRange(start, Math.min(start + 1, this.value.length));
    this.#syncCaret();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'otp-input': OtpInputElement;
  }
}
