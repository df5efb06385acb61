import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import { adapterErrorMessage, adapterErrorsEn } from '../../adapters/adapter-error.strings.js';
import type { TotpAdapter, TotpStatus } from '../../adapters/adapter.js';
import { getDefaultAdapter, onDefaultAdapterChange } from '../../adapters/default-adapter.js';
import { TotpDisableCompleteEvent } from '../../events/totp-disable-events.js';
import { TotpEnrollCancelEvent, TotpEnrollCompleteEvent } from '../../events/totp-enroll-events.js';
import { TotpSettingsChangeEvent } from '../../events/totp-settings-events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { AdapterCallController } from '../../internal/adapter-call-controller.js';
import { defineElement } from '../../internal/define-element.js';
import { TotpDisableElement } from '../totp-disable/totp-disable.js';
import { TotpEnrollElement } from '../totp-enroll/totp-enroll.js';
import { totpSettingsEn, type TotpSettingsStrings } from './totp-settings.strings.js';
import { totpSettingsStyles } from './totp-settings.styles.js';

const headingTags = [literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/**
 * The "Two-factor authentication" block of an account page: reads the state from the
 * adapter's `status()`, says whether two-factor authentication is on, and opens
 * `<totp-enroll>` or `<totp-disable>` in a modal dialog. The state changes only when a new
 * `status()` confirms it: the server decides, never the browser. The opened element lives in
 * this element's light DOM (slot `dialog`), so autofill and password managers reach its code
 * field; it is created afresh for each opening and removed when the dialog closes.
 *
 * @summary Show and change whether two-factor authentication is on.
 * @tagname totp-settings
 *
 * @slot heading - Replaces the default heading, e.g. to use another text or element.
 * @slot dialog - Holds the `<totp-enroll>` or `<totp-disable>` the element opens; managed by
 * the element, leave it empty.
 *
 * @csspart heading - The default heading.
 * @csspart state - "On", "Off", or "Checking…" while the state is read.
 * @csspart description - What two-factor authentication does.
 * @csspart toggle - The Enable or Disable button.
 * @csspart dialog - The modal dialog around the enrollment or the disabling.
 * @csspart close - The dialog's Close button.
 * @csspart message - A failure, the missing-adapter error or the lockout notice (a live region).
 * @csspart retry - The button that reads the state again after a failure.
 *
 * @cssproperty --totp-color-accent - Buttons and focus ring.
 * @cssproperty --totp-color-danger - Failure messages.
 * @cssproperty --totp-radius - Corner radius of buttons and the dialog.
 * @cssproperty --totp-font - Font family.
 *
 * @fires {TotpSettingsChangeEvent} totp-settings-change - The backend confirmed a new state;
 * `detail.enabled` is that state.
 */
export class TotpSettingsElement extends LitElement {
  static override styles = totpSettingsStyles;
  static override properties = {
    adapter: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    strings: { attribute: false },
    _status: { state: true },
    _announce: { state: true },
  };

  /** Registers the element as `tag` (default `totp-settings`) in `registry`. */
  static define(tag = 'totp-settings', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** The backend; when unset, the one given to `setDefaultAdapter()`. Passed on to the dialog. */
  declare adapter: TotpAdapter | undefined;
  /** Level of the default heading, 2 to 6. */
  declare headingLevel: number;
  /** Overrides any of the element's strings for this instance. */
  declare strings: Partial<TotpSettingsStrings>;

  /** The last state the backend reported; unset while unknown. */
  declare private _status: TotpStatus | undefined;
  /** The state changed after a read: say so in the live region. */
  declare private _announce: boolean;

  readonly #calls = new AdapterCallController(this);
  readonly #localize = new LocalizeController(
    this,
    'totpSettings',
    totpSettingsEn,
    () => this.strings,
  );
  readonly #errors = new LocalizeController(this, 'errors', adapterErrorsEn);
  /** The state of the last successful read, kept across failures to notice a change. */
  #known?: boolean;
  /** The element open in the dialog. */
  #child?: TotpEnrollElement | TotpDisableElement;
  /** The open element finished its job: read the state again once the dialog closes. */
  #completed = false;

  constructor() {
    super();
    this.headingLevel = 2;
    this.strings = {};
    this._announce = false;
  }

  #stopWatchingDefault?: () => void;

  get #adapter(): TotpAdapter | undefined {
    return this.adapter ?? getDefaultAdapter();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    // A page-wide adapter set after the element connected is used at once.
    this.#stopWatchingDefault = onDefaultAdapterChange(() => {
      if (!this.adapter) void this.#load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatchingDefault?.();
    this.#closeDialog();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // An adapter set after connection, as a page script does, is used at once.
    if (this.hasUpdated && changed.has('adapter')) void this.#load();
  }

  override render() {
    const strings = this.#localize.strings;
    const status = this._status;
    const toggle = status?.enabled ? strings.disable : strings.enable;
    return html`
      <div aria-busy=${this.#calls.pending ? 'true' : nothing}>
        <slot name="heading">${this.#renderHeading(strings.heading)}</slot>
        <p part="description">${strings.description}</p>
        <p part="state">${this.#renderState(strings)}</p>
        <p part="message" role="alert">${this.#message(strings)}</p>
        ${this.#renderToggle(toggle)} ${this.#renderRetry(strings)}
        <div class="visually-hidden" role="status">
          ${this._announce && status ? (status.enabled ? strings.enabled : strings.disabled) : ''}
        </div>
      </div>
      <dialog part="dialog" aria-label=${toggle} @close=${this.#onDialogClose}>
        <button part="close" type="button" @click=${this.#closeDialog}>${strings.close}</button>
        <slot name="dialog"></slot>
      </dialog>
    `;
  }

  #renderHeading(text: string) {
    const level = Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2));
    const tag = headingTags[level - 2];
    return staticHtml`<${tag} part="heading">${text}</${tag}>`;
  }

  #renderToggle(label: string) {
    if (!this._status) return nothing;
    // Not `disabled` while the state is re-read, so that focus stays on the button.
    return html`<button
      part="toggle"
      type="button"
      aria-disabled=${this.#calls.pending ? 'true' : nothing}
      @click=${this.#onToggleClick}
    >
      ${label}
    </button>`;
  }

  #renderRetry(strings: TotpSettingsStrings) {
    if (this._status || this.#calls.pending || !this.#adapter) return nothing;
    return html`<button
      part="retry"
      type="button"
      ?disabled=${this.#calls.blocked}
      @click=${this.#load}
    >
      ${strings.retry}
    </button>`;
  }

  #renderState(strings: TotpSettingsStrings) {
    if (this.#calls.pending && !this._status) return strings.checking;
    if (!this._status) return nothing;
    return html`${strings.stateLabel}
      <strong>${this._status.enabled ? strings.on : strings.off}</strong>`;
  }

  #message(strings: TotpSettingsStrings): string {
    if (!this.#adapter) return strings.noAdapter;
    const error = this.#calls.error;
    if (error) return adapterErrorMessage(this.#errors.strings, error);
    return this._status?.lockedUntil ? strings.locked : '';
  }

  /** Reads the state; a change since the last read is announced and reported. */
  async #load(): Promise<void> {
    const adapter = this.#adapter;
    if (!adapter) return;
    this._announce = false;
    const outcome = await this.#calls.run((signal) => adapter.status({ signal }));
    if (!outcome) {
      if (this.#calls.error) this._status = undefined;
      return;
    }
    const { enabled } = (this._status = outcome.value);
    if (this.#known !== undefined && this.#known !== enabled) {
      this._announce = true;
      this.dispatchEvent(new TotpSettingsChangeEvent(enabled));
    }
    this.#known = enabled;
  }

  /**
   * Closes the dialog and removes the opened element, which wipes what it showed; an
   * unfinished enrollment is cancelled with the backend first.
   */
  #closeDialog(): void {
    const child = this.#child;
    this.#child = undefined;
    if (child instanceof TotpEnrollElement) child.close();
    child?.remove();
    if (this.#dialog?.open) this.#dialog.close();
  }

  async #onToggleClick(): Promise<void> {
    if (!this._status || this.#calls.pending) return;
    const child = this._status.enabled ? new TotpDisableElement() : new TotpEnrollElement();
    child.slot = 'dialog';
    if (this.adapter) child.adapter = this.adapter;
    child.addEventListener(TotpDisableCompleteEvent.eventName, this.#onChildComplete);
    child.addEventListener(TotpEnrollCompleteEvent.eventName, this.#onChildComplete);
    child.addEventListener(TotpEnrollCancelEvent.eventName, this.#onChildCancel);
    this.#completed = false;
    this._announce = false;
    this.#child = child;
    this.append(child);
    this.#dialog!.showModal();
    // Once rendered, the opened element focuses where the user starts, e.g. its code field.
    await child.updateComplete;
    child.focus();
  }

  #onChildComplete = (): void => {
    this.#completed = true;
    this.#closeDialog();
  };

  #onChildCancel = (): void => {
    this.#closeDialog();
  };

  /** Closed by Close, Escape, a cancel or a completion: focus goes back to the button. */
  #onDialogClose(): void {
    this.#closeDialog();
    this.renderRoot.querySelector<HTMLElement>('[part="toggle"]')?.focus();
    if (this.#completed) void this.#load();
    this.#completed = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'totp-settings': TotpSettingsElement;
  }
}
