import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { install } from '@sinonjs/fake-timers';
import { TotpAdapterError, type TotpErrorCode } from '../../adapters/adapter-error.js';
import { setDefaultAdapter } from '../../adapters/default-adapter.js';
import '../../i18n/ru.js';
import { createFakeAdapter, type FakeAdapter } from '../../testing/fake-adapter.js';
import { pasteCode, typeCode } from '../../testing/otp-input-harness.js';
import { litWarnings } from '../../../test/helpers/lit-warnings.js';
import { watchForLeaks } from '../../../test/helpers/leak-watch.js';
import type { TotpVerifyElement } from './totp-verify.js';
import './define.js';
import {
  codeFieldOf as codeField,
  partText as text,
  shadowPart as part,
} from '../../../test/helpers/shadow-parts.js';

async function verifyWith(adapter: FakeAdapter): Promise<TotpVerifyElement> {
  return fixture<TotpVerifyElement>(html`<totp-verify .adapter=${adapter}></totp-verify>`);
}

/** Settles the pending `verify` call and lets the element render the outcome. */
async function settleVerify(
  el: TotpVerifyElement,
  adapter: FakeAdapter,
  outcome: { resolve: unknown } | { reject: unknown },
): Promise<void> {
  const call = adapter.next('verify');
  if ('resolve' in outcome) call.resolve(outcome.resolve as never);
  else call.reject(outcome.reject);
  await aTimeout(0);
  await el.updateComplete;
  await codeField(el).updateComplete;
}

describe('<totp-verify>', () => {
  afterEach(() => setDefaultAdapter(undefined));

  it('keeps its <otp-input> in the light DOM with a localised label and a Confirm button', async () => {
    const el = await verifyWith(createFakeAdapter());
    const field = codeField(el);
    expect(field.slot).to.equal('code');
    expect(field.querySelector('input')!.getAttribute('aria-label')).to.equal(
      'Enter verification code',
    );
    expect(text(el, 'submit')).to.equal('Confirm');
    expect(text(el, 'instructions')).to.contain('authenticator app');
  });

  it('sends a complete code once, as a six-character string', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '005924');
    expect(adapter.callCount('verify')).to.equal(1);
    expect(adapter.calls[0].args).to.deep.equal(['005924']);
  });

  it('makes exactly one call for auto-submit, Enter ×5, a click and paste-then-Enter (C-07)', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await pasteCode(codeField(el), '123456');
    for (let press = 0; press < 5; press++) await sendKeys({ press: 'Enter' });
    part(el, 'submit')!.click();
    part(el, 'submit')!.click();
    expect(adapter.callCount()).to.equal(1);
    expect(codeField(el).disabled).to.be.true;
  });

  it('does not let Enter submit a surrounding form', async () => {
    const adapter = createFakeAdapter();
    const form = await fixture<HTMLFormElement>(
      html`<form><totp-verify .adapter=${adapter}></totp-verify></form>`,
    );
    let submits = 0;
    form.addEventListener('submit', (event) => {
      submits++;
      event.preventDefault();
    });
    const el = form.querySelector('totp-verify')!;
    await typeCode(codeField(el), '12');
    await sendKeys({ press: 'Enter' });
    expect(submits).to.equal(0);
    expect(adapter.callCount()).to.equal(0);
  });

  it('reports success with what the backend returned, never the code', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '123456');
    const completed = oneEvent(el, 'totp-verify-complete');
    await settleVerify(el, adapter, { resolve: { redirectTo: '/account' } });
    const event = await completed;
    expect(event.detail).to.deep.equal({ redirectTo: '/account' });
    expect(JSON.stringify(event.detail)).to.not.contain('123456');
    expect(event.bubbles && event.composed).to.be.true;
    expect(text(el, 'success')).to.equal('Code accepted.');
    expect(codeField(el).disabled).to.be.true;
  });

  const failures: [TotpErrorCode, string][] = [
    ['invalid_code', "That code didn't work. Check the app and try the current code."],
    ['code_already_used', 'That code was already used. Wait for the next code in your app.'],
    ['authenticator_disabled', 'Two-factor authentication is locked'],
    ['invalid_format', 'Enter the 6-digit code'],
    ['already_enabled', 'already turned on'],
    ['no_pending_enrollment', 'no longer active'],
    ['enrollment_expired', 'has expired'],
    ['reauth_required', 'sign in again'],
    ['unauthenticated', 'Your session has ended'],
    ['network', "Couldn't reach the server"],
    ['timeout', 'took too long'],
    ['server', 'Something went wrong on our side'],
    ['malformed_response', 'unexpected response'],
  ];
  for (const [error, message] of failures) {
    it(`shows its own message for ${error} and lets the user try a new code`, async () => {
      const adapter = createFakeAdapter();
      const el = await verifyWith(adapter);
      await typeCode(codeField(el), '123456');
      const reported = oneEvent(el, 'totp-verify-error');
      await settleVerify(el, adapter, { reject: new TotpAdapterError(error) });
      expect((await reported).detail.error).to.equal(error);
      expect(text(el, 'message')).to.contain(message);
      expect(part(el, 'message')!.getAttribute('role')).to.equal('alert');
      expect(codeField(el).value).to.equal('');
      expect(codeField(el).disabled).to.be.false;
      await typeCode(codeField(el), '654321');
      expect(adapter.callCount('verify')).to.equal(2);
    });
  }

  it('marks the field invalid after a wrong code until the user types again', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '123456');
    await settleVerify(el, adapter, { reject: new TotpAdapterError('invalid_code') });
    expect(codeField(el).querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(codeField(el).querySelector('input'));
    await typeCode(codeField(el), '1');
    await el.updateComplete;
    expect(text(el, 'message')).to.equal('');
  });

  it('never sends the same code twice, even when typed again', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '123456');
    await settleVerify(el, adapter, { reject: new TotpAdapterError('invalid_code') });
    await typeCode(codeField(el), '123456');
    await el.updateComplete;
    expect(adapter.callCount('verify')).to.equal(1);
    expect(text(el, 'message')).to.contain('already used');
  });

  it('treats a thrown non-adapter error as a server failure', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '123456');
    await settleVerify(el, adapter, { reject: new Error('boom with secret stuff') });
    expect(text(el, 'message')).to.contain('Something went wrong');
    expect(text(el, 'message')).to.not.contain('boom');
  });

  describe('rate limit (C-09)', () => {
    let clock: ReturnType<typeof install>;
    beforeEach(() => {
      clock = install({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    });
    afterEach(() => clock.uninstall());

    it('disables entry, counts down from retryAfter and never retries by itself', async () => {
      const adapter = createFakeAdapter();
      const el = await verifyWith(adapter);
      await pasteCode(codeField(el), '123456');
      await settleVerify(el, adapter, {
        reject: new TotpAdapterError('rate_limited', { retryAfter: 120 }),
      });
      expect(codeField(el).disabled).to.be.true;
      expect(part(el, 'submit')!.hasAttribute('disabled')).to.be.true;
      expect(text(el, 'message')).to.equal('Too many attempts. Try again in 2 minutes.');
      expect(text(el, 'countdown')).to.equal('You can try again in 2:00.');
      expect(part(el, 'countdown')!.getAttribute('role')).to.equal('timer');
      clock.tick(61_000);
      await el.updateComplete;
      expect(text(el, 'countdown')).to.equal('You can try again in 0:59.');
      part(el, 'submit')!.click();
      clock.tick(59_000);
      await el.updateComplete;
      await codeField(el).updateComplete;
      expect(adapter.callCount()).to.equal(1);
      expect(codeField(el).disabled).to.be.false;
      expect(text(el, 'message')).to.equal('');
      expect(part(el, 'countdown')!.hidden).to.be.true;
    });
  });

  it('aborts the request when it leaves the page', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await typeCode(codeField(el), '123456');
    let completed = 0;
    el.addEventListener('totp-verify-complete', () => completed++);
    el.remove();
    expect(adapter.calls[0].aborted).to.be.true;
    expect(completed).to.equal(0);
  });

  it('explains a missing adapter and uses the page-wide default once set', async () => {
    const el = await fixture<TotpVerifyElement>(html`<totp-verify></totp-verify>`);
    expect(text(el, 'message')).to.contain('no adapter is configured');
    expect(codeField(el).disabled).to.be.true;
    const adapter = createFakeAdapter();
    setDefaultAdapter(adapter);
    await el.updateComplete;
    await codeField(el).updateComplete;
    expect(text(el, 'message')).to.equal('');
    await typeCode(codeField(el), '123456');
    expect(adapter.callCount('verify')).to.equal(1);
  });

  it('offers the guide’s lost-phone advice, replaceable through the help slot', async () => {
    const el = await verifyWith(createFakeAdapter());
    expect(part(el, 'help')!.querySelector('summary')!.textContent).to.equal('Lost your phone?');
    expect(text(el, 'help')).to.contain('Secret key');
    expect(text(el, 'help')).to.contain('contact support');
    const custom = await fixture<TotpVerifyElement>(
      html`<totp-verify><p slot="help">Call the help desk.</p></totp-verify>`,
    );
    const slot = custom.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="help"]')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Call the help desk.');
  });

  it('speaks Russian under lang="ru"', async () => {
    const adapter = createFakeAdapter();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ru"><totp-verify .adapter=${adapter}></totp-verify></div>`,
    );
    const el = wrapper.querySelector('totp-verify')!;
    expect(text(el, 'submit')).to.equal('Подтвердить');
    expect(codeField(el).querySelector('input')!.getAttribute('aria-label')).to.equal(
      'Введите код подтверждения',
    );
    await typeCode(codeField(el), '123456');
    await settleVerify(el, adapter, { reject: new TotpAdapterError('code_already_used') });
    expect(text(el, 'message')).to.equal(
      'Этот код уже использован. Дождитесь следующего кода в приложении.',
    );
  });

  it('passes axe idle, after a failure and after success', async () => {
    const adapter = createFakeAdapter();
    const el = await verifyWith(adapter);
    await expect(el).to.be.accessible();
    await typeCode(codeField(el), '123456');
    await settleVerify(el, adapter, { reject: new TotpAdapterError('invalid_code') });
    await expect(el).to.be.accessible();
    await typeCode(codeField(el), '654321');
    await settleVerify(el, adapter, { resolve: {} });
    await expect(el).to.be.accessible();
  });

  it('leaves no code in storage, console, attributes or the URL', async () => {
    const leaks = watchForLeaks();
    try {
      const adapter = createFakeAdapter();
      const el = await verifyWith(adapter);
      await typeCode(codeField(el), '246810');
      await settleVerify(el, adapter, { reject: new TotpAdapterError('invalid_code') });
      await typeCode(codeField(el), '135791');
      await settleVerify(el, adapter, { resolve: { redirectTo: '/home' } });
      expect(leaks.found(['246810', '135791'], el)).to.deep.equal([]);
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
