import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TotpAdapterError, totpErrorCodes } from '../../adapters/adapter-error.js';
import { adapterErrorMessage, adapterErrorsEn } from '../../adapters/adapter-error.strings.js';
import '../../i18n/ru.js';
import { createFakeAdapter, type FakeAdapter } from '../../testing/fake-adapter.js';
import { pasteCode, typeCode } from '../../testing/otp-input-harness.js';
import { litWarnings } from '../../../test/helpers/lit-warnings.js';
import { watchForLeaks } from '../../../test/helpers/leak-watch.js';
import type { TotpDisableElement } from './totp-disable.js';
import './define.js';
import {
  codeFieldOf as codeField,
  partText as text,
  shadowPart as part,
} from '../../../test/helpers/shadow-parts.js';

async function disableWith(adapter: FakeAdapter): Promise<TotpDisableElement> {
  return fixture<TotpDisableElement>(html`<totp-disable .adapter=${adapter}></totp-disable>`);
}

async function settleDisable(
  el: TotpDisableElement,
  adapter: FakeAdapter,
  outcome: { resolve: true } | { reject: unknown },
): Promise<void> {
  const call = adapter.next('disable');
  if ('resolve' in outcome) call.resolve(undefined);
  else call.reject(outcome.reject);
  await aTimeout(0);
  await el.updateComplete;
  await codeField(el).updateComplete;
}

describe('<totp-disable>', () => {
  it('shows the guide’s warning about the master account above the code field', async () => {
    const el = await disableWith(createFakeAdapter());
    expect(text(el, 'warning')).to.contain("Don't disable two-factor authentication");
    expect(text(el, 'warning')).to.contain('changing phones');
    expect(text(el, 'submit')).to.equal('Disable 2-step verification');
  });

  it('needs a code: the button alone sends nothing (C-24)', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    part(el, 'submit')!.click();
    await typeCode(codeField(el), '123');
    part(el, 'submit')!.click();
    await sendKeys({ press: 'Enter' });
    expect(adapter.callCount()).to.equal(0);
  });

  it('sends the code once however often the user confirms', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    await pasteCode(codeField(el), '123 456');
    part(el, 'submit')!.click();
    await sendKeys({ press: 'Enter' });
    expect(adapter.callCount('disable')).to.equal(1);
    expect(adapter.calls[0].args).to.deep.equal(['123456']);
  });

  it('says 2FA is off only after the adapter confirms', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    let completed = 0;
    el.addEventListener('totp-disable-complete', () => completed++);
    await typeCode(codeField(el), '123456');
    await el.updateComplete;
    expect(text(el, 'success')).to.equal('');
    expect(completed).to.equal(0);
    const done = oneEvent(el, 'totp-disable-complete');
    await settleDisable(el, adapter, { resolve: true });
    await done;
    expect(completed).to.equal(1);
    expect(text(el, 'success')).to.equal('Two-factor authentication is off.');
    expect(part(el, 'submit')!.hasAttribute('disabled')).to.be.true;
  });

  it('keeps 2FA on after a refused code and reports the error', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    let completed = 0;
    el.addEventListener('totp-disable-complete', () => completed++);
    await typeCode(codeField(el), '123456');
    const failed = oneEvent(el, 'totp-disable-error');
    await settleDisable(el, adapter, { reject: new TotpAdapterError('invalid_code') });
    expect((await failed).detail).to.deep.equal({ error: 'invalid_code', retryAfter: undefined });
    expect(completed).to.equal(0);
    expect(text(el, 'success')).to.equal('');
    expect(text(el, 'message')).to.contain("That code didn't work");
  });

  for (const error of totpErrorCodes) {
    it(`keeps 2FA on and shows the ${error} message`, async () => {
      const adapter = createFakeAdapter();
      const el = await disableWith(adapter);
      await typeCode(codeField(el), '123456');
      const failed = oneEvent(el, 'totp-disable-error');
      await settleDisable(el, adapter, {
        reject: new TotpAdapterError(error, { retryAfter: 30 }),
      });
      expect((await failed).detail.error).to.equal(error);
      const expected = adapterErrorMessage(
        adapterErrorsEn,
        new TotpAdapterError(error, { retryAfter: 30 }),
      );
      expect(text(el, 'message')).to.equal(expected);
      expect(text(el, 'success')).to.equal('');
    });
  }

  it('aborts the request when it leaves the page', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    await typeCode(codeField(el), '123456');
    el.remove();
    expect(adapter.calls[0].aborted).to.be.true;
  });

  it('speaks Russian under lang="ru"', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ru"><totp-disable .adapter=${createFakeAdapter()}></totp-disable></div>`,
    );
    const el = wrapper.querySelector('totp-disable')!;
    expect(text(el, 'submit')).to.equal('Отключить двухэтапную проверку');
    expect(text(el, 'warning')).to.contain('Не отключайте');
  });

  it('takes a replacement warning through its slot', async () => {
    const el = await fixture<TotpDisableElement>(
      html`<totp-disable><span slot="warning">Ask your admin first.</span></totp-disable>`,
    );
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="warning"]')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Ask your admin first.');
  });

  it('passes axe idle, after a failure and after success', async () => {
    const adapter = createFakeAdapter();
    const el = await disableWith(adapter);
    await expect(el).to.be.accessible();
    await typeCode(codeField(el), '123456');
    await settleDisable(el, adapter, { reject: new TotpAdapterError('network') });
    await expect(el).to.be.accessible();
    await typeCode(codeField(el), '654321');
    await settleDisable(el, adapter, { resolve: true });
    await expect(el).to.be.accessible();
  });

  it('leaves no code in storage, console, attributes or the URL', async () => {
    const leaks = watchForLeaks();
    try {
      const adapter = createFakeAdapter();
      const el = await disableWith(adapter);
      await typeCode(codeField(el), '246810');
      await settleDisable(el, adapter, { resolve: true });
      expect(leaks.found(['246810'], el)).to.deep.equal([]);
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
