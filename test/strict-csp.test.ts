import { expect } from '@open-wc/testing';
import type { OtpInputElement } from '../src/index.js';

interface CspFrame {
  window: Window & typeof globalThis & { cspViolations: string[] };
  violations: string[];
}

/**
 * A page that enforces the strict policy of C-23 in its `<meta>` and loads the library
 * through a module URL, in an iframe. Its first script records every violation.
 */
async function frameWithPolicy(): Promise<CspFrame> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./fixtures/strict-csp.html', import.meta.url).href;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const window = frame.contentWindow as CspFrame['window'];
  await window.customElements.whenDefined('otp-input');
  return { window, violations: window.cspViolations };
}

describe('strict Content-Security-Policy (C-23)', () => {
  it('runs <otp-input> with zero violations, while the policy does block inline styles', async () => {
    const { window, violations } = await frameWithPolicy();
    const doc = window.document;
    const el = doc.createElement('otp-input') as OtpInputElement;
    el.error = 'Wrong code';
    doc.body.append(el);
    await el.updateComplete;
    const input = el.querySelector('input')!;
    input.value = '123456';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(el.value).to.equal('123456');
    expect(
      window.getComputedStyle(el.shadowRoot!.querySelector('[part~="cell"]')!).display,
    ).to.equal('grid');
    expect(violations).to.deep.equal([]);

    // The control: the same document refuses an inline style, so the check above can fail.
    const inline = doc.createElement('style');
    inline.textContent = 'body { color: red }';
    doc.head.append(inline);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations.some((violation) => violation.startsWith('style-src'))).to.be.true;
  });
});
