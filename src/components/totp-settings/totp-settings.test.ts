import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Secret, TOTP } from 'otpauth';
import { TotpAdapterError, type TotpErrorCode } from '../../adapters/adapter-error.js';
import type { TotpAdapter, TotpStatus } from '../../adapters/adapter.js';
import { setDefaultAdapter } from '../../adapters/default-adapter.js';
import { createMemoryAdapter } from '../../adapters/memory-adapter.js';
import { TotpDisableCompleteEvent } from '../../events/totp-disable-events.js';
import { TotpEnrollCompleteEvent } from '../../events/totp-enroll-events.js';
import '../../i18n/ru.js';
import { createFakeAdapter, type FakeAdapter } from '../../testing/fake-adapter.js';
import { litWarnings } from '../../../test/helpers/lit-warnings.js';
import { watchForLeaks } from '../../../test/helpers/leak-watch.js';
import type { OtpInputElement } from '../otp-input/otp-input.js';
import type { TotpSettingsElement } from './totp-settings.js';
import './define.js';
import { partText as text, shadowPart as part } from '../../../test/helpers/shadow-parts.js';

const dialog = (el: TotpSettingsElement) => part(el, 'dialog') as HTMLDialogElement;
const busy = (el: TotpSettingsElement) =>
  el.shadowRoot!.querySelector('[aria-busy]')?.getAttribute('aria-busy') === 'true';
/** Whether `element` has focus; compared as a boolean, as chai cannot print DOM nodes. */
const focused = (element: Element | null) =>
  document.activeElement === element ||
  document.activeElement?.shadowRoot?.activeElement === element;
const announced = (el: TotpSettingsElement) =>
  el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

async function settingsWith(adapter: TotpAdapter): Promise<TotpSettingsElement> {
  return fixture<TotpSettingsElement>(html`<totp-settings .adapter=${adapter}></totp-settings>`);
}

/** Lets pending promises run and the element render the outcome. */
async function flush(el: TotpSettingsElement): Promise<void> {
  await aTimeout(0);
  await el.updateComplete;
}

/** Settles the pending `status` call. */
async function settleStatus(
  el: TotpSettingsElement,
  adapter: FakeAdapter,
  outcome: { resolve: TotpStatus } | { reject: unknown },
): Promise<void> {
  const call = adapter.next('status');
  if ('resolve' in outcome) call.resolve(outcome.resolve);
  else call.reject(outcome.reject);
  await flush(el);
}

/** A settings block whose first `status()` answered `status`. */
async function shown(adapter: FakeAdapter, status: TotpStatus): Promise<TotpSettingsElement> {
  const el = await settingsWith(adapter);
  await settleStatus(el, adapter, { resolve: status });
  return el;
}

/** Types `code` key by key (WebKitWebDriver drops a repeated key within one `type`). */
async function typeKeys(otpInput: OtpInputElement, code: string): Promise<void> {
  otpInput.querySelector('input')!.focus();
  for (const key of code) await sendKeys({ type: key });
  await otpInput.updateComplete;
}

/** The Secret key `<totp-enroll>` shows, once it shows one. */
async function secretKey(enroll: HTMLElement): Promise<string> {
  const key = () =>
    (enroll.shadowRoot?.querySelector('[part~="secret"]')?.textContent ?? '').replace(/\s/g, '');
  await waitUntil(key, 'no Secret key shown');
  return key();
}

describe('<totp-settings>', () => {
  afterEach(() => setDefaultAdapter(undefined));

  describe('status', () => {
    it('says "Checking…" and is busy while the status loads', async () => {
      const adapter = createFakeAdapter();
      const el = await settingsWith(adapter);
      expect(adapter.callCount('status')).to.equal(1);
      expect(text(el, 'state')).to.equal('Checking…');
      expect(busy(el)).to.be.true;
      expect(part(el, 'toggle')).to.be.null;
      expect(part(el, 'retry')).to.be.null;
      await settleStatus(el, adapter, { resolve: { enabled: false } });
      expect(busy(el)).to.be.false;
    });

    it('says Off, explains 2FA and offers to enable it', async () => {
      const el = await shown(createFakeAdapter(), { enabled: false });
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Two-factor authentication');
      expect(text(el, 'state')).to.equal('Status: Off');
      expect(text(el, 'description')).to.contain('second layer of security');
      expect(text(el, 'description')).to.contain('6-digit code from your phone');
      expect(text(el, 'toggle')).to.equal('Enable 2-step verification');
      expect(text(el, 'message')).to.equal('');
    });

    it('says On and offers to disable it', async () => {
      const el = await shown(createFakeAdapter(), { enabled: true });
      expect(text(el, 'state')).to.equal('Status: On');
      expect(text(el, 'toggle')).to.equal('Disable 2-step verification');
    });

    it('says that codes are temporarily refused while locked', async () => {
      const lockedUntil = new Date(Date.now() + 60_000).toISOString();
      const el = await shown(createFakeAdapter(), { enabled: true, lockedUntil });
      expect(text(el, 'state')).to.equal('Status: On');
      expect(text(el, 'message')).to.contain('codes are temporarily refused');
      expect(text(el, 'toggle')).to.equal('Disable 2-step verification');
    });

    const failures: [TotpErrorCode, string][] = [
      ['invalid_format', 'Enter the 6-digit code'],
      ['invalid_code', "That code didn't work"],
      ['code_already_used', 'That code was already used'],
      ['rate_limited', 'Too many attempts. Wait a few minutes'],
      ['authenticator_disabled', 'Two-factor authentication is locked'],
      ['already_enabled', 'already turned on'],
      ['no_pending_enrollment', 'no longer active'],
      ['enrollment_expired', 'This setup has expired'],
      ['reauth_required', 'sign in again to continue'],
      ['unauthenticated', 'Your session has ended'],
      ['network', "Couldn't reach the server"],
      ['timeout', 'took too long'],
      ['server', 'Something went wrong on our side'],
      ['malformed_response', 'unexpected response'],
    ];
    for (const [error, message] of failures) {
      it(`shows the message for a failed status (${error}) and reads it again on Retry`, async () => {
        const adapter = createFakeAdapter();
        const el = await settingsWith(adapter);
        await settleStatus(el, adapter, { reject: new TotpAdapterError(error) });
        expect(text(el, 'message')).to.contain(message);
        expect(part(el, 'message')!.getAttribute('role')).to.equal('alert');
        expect(text(el, 'state')).to.equal('');
        expect(part(el, 'toggle')).to.be.null;
        expect(busy(el)).to.be.false;
        part(el, 'retry')!.click();
        await el.updateComplete;
        expect(adapter.callCount('status')).to.equal(2);
        expect(busy(el)).to.be.true;
        expect(text(el, 'message')).to.equal('');
        await settleStatus(el, adapter, { resolve: { enabled: true } });
        expect(text(el, 'state')).to.equal('Status: On');
        expect(part(el, 'retry')).to.be.null;
      });
    }

    it('treats a thrown non-adapter error as a network or server failure', async () => {
      const adapter = createFakeAdapter();
      const el = await settingsWith(adapter);
      await settleStatus(el, adapter, { reject: new TypeError('Failed to fetch') });
      expect(text(el, 'message')).to.contain("Couldn't reach the server");
      part(el, 'retry')!.click();
      await settleStatus(el, adapter, { reject: new Error('boom') });
      expect(text(el, 'message')).to.contain('Something went wrong');
      expect(text(el, 'message')).to.not.contain('boom');
    });

    it('aborts the status call when it leaves the page', async () => {
      const adapter = createFakeAdapter();
      const el = await settingsWith(adapter);
      el.remove();
      expect(adapter.calls[0].aborted).to.be.true;
    });

    it('explains a missing adapter and loads once one is set', async () => {
      const el = await fixture<TotpSettingsElement>(html`<totp-settings></totp-settings>`);
      expect(text(el, 'message')).to.contain('no adapter is configured');
      expect(part(el, 'toggle')).to.be.null;
      expect(part(el, 'retry')).to.be.null;
      expect(busy(el)).to.be.false;
      const adapter = createFakeAdapter();
      el.adapter = adapter;
      await el.updateComplete;
      expect(adapter.callCount('status')).to.equal(1);
      await settleStatus(el, adapter, { resolve: { enabled: false } });
      expect(text(el, 'message')).to.equal('');
      expect(text(el, 'state')).to.equal('Status: Off');
    });

    it('uses the page-wide default adapter', async () => {
      const adapter = createFakeAdapter();
      setDefaultAdapter(adapter);
      await fixture<TotpSettingsElement>(html`<totp-settings></totp-settings>`);
      expect(adapter.callCount('status')).to.equal(1);
    });

    it('loads as soon as a page-wide default adapter is set after it connected', async () => {
      const el = await fixture<TotpSettingsElement>(html`<totp-settings></totp-settings>`);
      const adapter = createFakeAdapter();
      setDefaultAdapter(adapter);
      expect(adapter.callCount('status')).to.equal(1);
      await settleStatus(el, adapter, { resolve: { enabled: true } });
      expect(text(el, 'state')).to.equal('Status: On');
    });
  });

  describe('heading', () => {
    it('renders an h2 by default and another level through heading-level', async () => {
      const el = await fixture<TotpSettingsElement>(
        html`<totp-settings heading-level="4" .adapter=${createFakeAdapter()}></totp-settings>`,
      );
      expect(part(el, 'heading')!.localName).to.equal('h4');
      el.headingLevel = 9;
      await el.updateComplete;
      expect(part(el, 'heading')!.localName).to.equal('h6');
      el.removeAttribute('heading-level');
      el.headingLevel = 2;
      await el.updateComplete;
      expect(part(el, 'heading')!.localName).to.equal('h2');
    });

    it('takes a heading from the heading slot', async () => {
      const el = await fixture<TotpSettingsElement>(
        html`<totp-settings .adapter=${createFakeAdapter()}
          ><h3 slot="heading">Security</h3></totp-settings
        >`,
      );
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="heading"]')!;
      expect(slot.assignedElements()[0].textContent).to.equal('Security');
    });
  });

  describe('dialog', () => {
    it('opens <totp-enroll> in the light DOM inside the open modal dialog', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: false });
      part(el, 'toggle')!.click();
      const enroll = el.querySelector('totp-enroll')!;
      expect(enroll.parentElement === el).to.be.true;
      expect(enroll.slot).to.equal('dialog');
      // Its code field is a real <input> in the document's light DOM, for autofill.
      expect(el.querySelector('totp-enroll > otp-input > input')).to.exist;
      expect(enroll.assignedSlot!.closest('dialog') === dialog(el)).to.be.true;
      expect(dialog(el).open).to.be.true;
      expect(dialog(el).matches(':modal')).to.be.true;
      expect(dialog(el).getAttribute('aria-label')).to.equal('Enable 2-step verification');
      expect(enroll.adapter).to.equal(adapter);
      expect(text(el, 'close')).to.equal('Close');
    });

    it('opens <totp-disable> when 2FA is on, with focus in its code field', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: true });
      part(el, 'toggle')!.click();
      const disable = el.querySelector('totp-disable')!;
      await disable.updateComplete;
      expect(disable.parentElement === el).to.be.true;
      expect(dialog(el).matches(':modal')).to.be.true;
      expect(dialog(el).getAttribute('aria-label')).to.equal('Disable 2-step verification');
      expect(focused(disable.querySelector('otp-input input'))).to.be.true;
    });

    it('leaves the opened element on the default adapter when its own is unset', async () => {
      const adapter = createFakeAdapter();
      setDefaultAdapter(adapter);
      const el = await fixture<TotpSettingsElement>(html`<totp-settings></totp-settings>`);
      await settleStatus(el, adapter, { resolve: { enabled: true } });
      part(el, 'toggle')!.click();
      expect(el.querySelector('totp-disable')!.adapter).to.be.undefined;
    });

    for (const how of ['Escape', 'Close'] as const) {
      it(`cancels on ${how}: closes, removes the element and returns focus`, async () => {
        const adapter = createFakeAdapter();
        const el = await shown(adapter, { enabled: false });
        const toggle = part(el, 'toggle')!;
        toggle.focus();
        toggle.click();
        await el.querySelector('totp-enroll')!.updateComplete;
        const closed = oneEvent(dialog(el), 'close');
        if (how === 'Escape') await sendKeys({ press: 'Escape' });
        else part(el, 'close')!.click();
        await closed;
        await el.updateComplete;
        expect(dialog(el).open).to.be.false;
        expect(el.querySelector('totp-enroll')).to.be.null;
        expect(focused(toggle)).to.be.true;
        expect(adapter.callCount('status')).to.equal(1);
        expect(text(el, 'state')).to.equal('Status: Off');
        // A fresh element each time.
        toggle.click();
        expect(el.querySelectorAll('totp-enroll')).to.have.length(1);
      });
    }

    it('closes when the Cancel of <totp-enroll> is pressed, state unchanged', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: false });
      part(el, 'toggle')!.click();
      const closed = oneEvent(dialog(el), 'close');
      const enroll = el.querySelector('totp-enroll')!;
      await enroll.updateComplete;
      enroll.shadowRoot!.querySelector<HTMLElement>('[part~="cancel"]')!.click();
      await closed;
      expect(el.querySelector('totp-enroll')).to.be.null;
      expect(adapter.callCount('status')).to.equal(1);
    });

    it('turns On only after status() confirms a completed enrollment', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: false });
      let changes = 0;
      el.addEventListener('totp-settings-change', () => changes++);
      part(el, 'toggle')!.click();
      const closed = oneEvent(dialog(el), 'close');
      el.querySelector('totp-enroll')!.dispatchEvent(new TotpEnrollCompleteEvent());
      await closed;
      await el.updateComplete;
      expect(el.querySelector('totp-enroll')).to.be.null;
      expect(adapter.callCount('status')).to.equal(2);
      expect(text(el, 'state')).to.equal('Status: Off');
      expect(busy(el)).to.be.true;
      expect(changes).to.equal(0);
      const changed = oneEvent(el, 'totp-settings-change');
      await settleStatus(el, adapter, { resolve: { enabled: true } });
      expect((await changed).detail).to.deep.equal({ enabled: true });
      expect(text(el, 'state')).to.equal('Status: On');
      expect(text(el, 'toggle')).to.equal('Disable 2-step verification');
      expect(announced(el)).to.equal('Two-factor authentication is on.');
    });

    it('turns Off only after status() confirms the disable, and says so', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: true });
      const toggle = part(el, 'toggle')!;
      toggle.click();
      const disable = el.querySelector('totp-disable')!;
      await disable.updateComplete;
      await typeKeys(disable.querySelector('otp-input')!, '123456');
      expect(adapter.next('disable').args).to.deep.equal(['123456']);
      const closed = oneEvent(dialog(el), 'close');
      adapter.next('disable').resolve();
      await closed;
      await el.updateComplete;
      expect(el.querySelector('totp-disable')).to.be.null;
      expect(focused(toggle)).to.be.true;
      expect(text(el, 'state')).to.equal('Status: On');
      expect(busy(el)).to.be.true;
      expect(toggle.getAttribute('aria-disabled')).to.equal('true');
      toggle.click();
      expect(el.querySelector('totp-disable')).to.be.null;
      const changed = oneEvent(el, 'totp-settings-change');
      await settleStatus(el, adapter, { resolve: { enabled: false } });
      const event = await changed;
      expect(event.detail).to.deep.equal({ enabled: false });
      expect(event.bubbles && event.composed).to.be.true;
      expect(text(el, 'state')).to.equal('Status: Off');
      expect(text(el, 'toggle')).to.equal('Enable 2-step verification');
      expect(toggle.hasAttribute('aria-disabled')).to.be.false;
      expect(announced(el)).to.equal('Two-factor authentication is off.');
      expect(focused(toggle)).to.be.true;
    });

    it('shows what the server says when it did not confirm the change', async () => {
      const adapter = createFakeAdapter();
      const el = await shown(adapter, { enabled: true });
      let changes = 0;
      el.addEventListener('totp-settings-change', () => changes++);
      part(el, 'toggle')!.click();
      const closed = oneEvent(dialog(el), 'close');
      el.querySelector('totp-disable')!.dispatchEvent(new TotpDisableCompleteEvent());
      await closed;
      await settleStatus(el, adapter, { resolve: { enabled: true } });
      expect(text(el, 'state')).to.equal('Status: On');
      expect(announced(el)).to.equal('');
      expect(changes).to.equal(0);
    });

    it('removes the opened element when it leaves the page', async () => {
      const el = await shown(createFakeAdapter(), { enabled: false });
      part(el, 'toggle')!.click();
      el.remove();
      expect(el.querySelector('totp-enroll')).to.be.null;
      expect(dialog(el).open).to.be.false;
    });
  });

  describe('i18n', () => {
    it('speaks Russian under lang="ru"', async () => {
      const adapter = createFakeAdapter();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="ru"><totp-settings .adapter=${adapter}></totp-settings></div>`,
      );
      const el = wrapper.querySelector('totp-settings')!;
      expect(text(el, 'state')).to.equal('Проверяем…');
      await settleStatus(el, adapter, { reject: new TotpAdapterError('network') });
      expect(text(el, 'heading')).to.equal('Двухфакторная аутентификация');
      expect(text(el, 'message')).to.equal(
        'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
      );
      expect(text(el, 'retry')).to.equal('Повторить');
      part(el, 'retry')!.click();
      await settleStatus(el, adapter, { resolve: { enabled: false } });
      expect(text(el, 'state')).to.equal('Состояние: Отключена');
      expect(text(el, 'toggle')).to.equal('Включить двухэтапную проверку');
      part(el, 'toggle')!.click();
      expect(text(el, 'close')).to.equal('Закрыть');
      expect(dialog(el).getAttribute('aria-label')).to.equal('Включить двухэтапную проверку');
    });

    it('takes per-instance string overrides', async () => {
      const el = await fixture<TotpSettingsElement>(
        html`<totp-settings
          .adapter=${createFakeAdapter()}
          .strings=${{ heading: 'Sign-in codes', checking: 'Loading…' }}
        ></totp-settings>`,
      );
      expect(text(el, 'heading')).to.equal('Sign-in codes');
      expect(text(el, 'state')).to.equal('Loading…');
    });
  });

  describe('accessibility', () => {
    it('passes axe loading, off, on and locked, failed, and without adapter', async () => {
      const adapter = createFakeAdapter();
      const el = await settingsWith(adapter);
      await expect(el).to.be.accessible();
      await settleStatus(el, adapter, { resolve: { enabled: false } });
      await expect(el).to.be.accessible();
      const lockedUntil = new Date(Date.now() + 60_000).toISOString();
      await expect(
        await shown(createFakeAdapter(), { enabled: true, lockedUntil }),
      ).to.be.accessible();
      const failed = await settingsWith(adapter);
      await settleStatus(failed, adapter, { reject: new TotpAdapterError('server') });
      await expect(failed).to.be.accessible();
      await expect(await fixture(html`<totp-settings></totp-settings>`)).to.be.accessible();
    });

    it('passes axe with the enroll and the disable dialog open', async () => {
      const adapter = createMemoryAdapter();
      const el = await settingsWith(adapter);
      await waitUntil(() => part(el, 'toggle'));
      part(el, 'toggle')!.click();
      await secretKey(el.querySelector('totp-enroll')!);
      await expect(el).to.be.accessible();

      const on = await settingsWith(createMemoryAdapter({ initiallyEnabled: true }));
      await waitUntil(() => part(on, 'toggle'));
      part(on, 'toggle')!.click();
      await on.querySelector('totp-disable')!.updateComplete;
      await expect(on).to.be.accessible();
    });
  });

  it('follows the guide with the memory adapter: enable, disable, enable with a new key', async () => {
    const leaks = watchForLeaks();
    const needles: string[] = [];
    try {
      let now = Date.now();
      const adapter = createMemoryAdapter({ now: () => now });
      const el = await settingsWith(adapter);
      await waitUntil(() => text(el, 'state') === 'Status: Off', 'never said Off');

      // Account → Two-factor authentication → Enable 2-step verification.
      part(el, 'toggle')!.click();
      const enroll = el.querySelector('totp-enroll')!;
      const key = await secretKey(enroll);
      const code = new TOTP({ secret: Secret.fromBase32(key) }).generate({ timestamp: now });
      needles.push(key, code);
      await typeKeys(enroll.querySelector('otp-input')!, code);
      await waitUntil(() => text(el, 'state') === 'Status: On', 'never said On');
      expect(dialog(el).open).to.be.false;
      expect(el.querySelector('totp-enroll')).to.be.null;
      expect(text(el, 'toggle')).to.equal('Disable 2-step verification');
      expect(announced(el)).to.equal('Two-factor authentication is on.');

      // Disable 2-step verification, with the code of the next step (this one's is spent).
      now += 30_000;
      part(el, 'toggle')!.click();
      const disable = el.querySelector('totp-disable')!;
      await disable.updateComplete;
      const next = new TOTP({ secret: Secret.fromBase32(key) }).generate({ timestamp: now });
      needles.push(next);
      await typeKeys(disable.querySelector('otp-input')!, next);
      await waitUntil(() => text(el, 'state') === 'Status: Off', 'never said Off again');
      expect(el.querySelector('totp-disable')).to.be.null;
      expect(announced(el)).to.equal('Two-factor authentication is off.');

      // Enabling again shows a new secret.
      part(el, 'toggle')!.click();
      const again = await secretKey(el.querySelector('totp-enroll')!);
      needles.push(again);
      expect(again).to.not.equal(key);
      part(el, 'close')!.click();
      await el.updateComplete;

      expect(leaks.found(needles, el)).to.deep.equal([]);
    } finally {
      leaks.stop();
    }
  });

  describe('development mode', () => {
    it('caused no Lit dev-mode warnings in any test', () => {
      expect(litWarnings()).to.deep.equal([]);
    });
  });
});
