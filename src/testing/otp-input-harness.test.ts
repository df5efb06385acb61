import { expect, fixture, html } from '@open-wc/testing';
import '../components/otp-input/define.js';
import { pasteCode, typeCode } from './otp-input-harness.js';

describe('otp-input harness', () => {
  /** A stand-in with a light-DOM input, recording what reaches it. */
  async function stub() {
    const host = await fixture<HTMLElement>(html`<div><input /></div>`);
    const input = host.querySelector('input')!;
    const pastes: ClipboardEvent[] = [];
    host.addEventListener('paste', (event) => pastes.push(event as ClipboardEvent));
    return { host, input, pastes };
  }

  it('types with real key presses into the focused input', async () => {
    const { host, input } = await stub();
    await typeCode(host, '123456');
    expect(document.activeElement).to.equal(input);
    expect(input.value).to.equal('123456');
  });

  it('pastes a cancelable, bubbling, composed event carrying text/plain', async () => {
    const { host, input, pastes } = await stub();
    const event = await pasteCode(host, '123 456');
    expect(pastes).to.deep.equal([event]);
    expect(event.target).to.equal(input);
    expect([event.bubbles, event.cancelable, event.composed]).to.deep.equal([true, true, true]);
    expect(event.clipboardData!.getData('text/plain')).to.equal('123 456');
  });

  it('explains a missing input', async () => {
    const empty = await fixture<HTMLElement>(html`<otp-nothing></otp-nothing>`);
    let message = '';
    await pasteCode(empty, '1').catch((error: Error) => (message = error.message));
    expect(message).to.contain('<otp-nothing> has no <input> child');
  });

  it('drives the real <otp-input> by typing and pasting', async () => {
    const typed = await fixture<HTMLElement & { value: string }>(html`<otp-input></otp-input>`);
    await typeCode(typed, '123456');
    expect(typed.value).to.equal('123456');
    const pasted = await fixture<HTMLElement & { value: string }>(html`<otp-input></otp-input>`);
    await pasteCode(pasted, '654 321');
    expect(pasted.value).to.equal('654321');
  });
});
