import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { registerTranslation } from '../../i18n/registry.js';
import { pasteCode, typeCode } from '../../testing/otp-input-harness.js';
import { otpInputRu } from './otp-input.strings.js';
import { OtpInputElement } from './otp-input.js';
import './define.js';
import { litWarnings } from '../../../test/helpers/lit-warnings.js';

registerTranslation('ru', { otpInput: otpInputRu });

const realInput = (el: OtpInputElement) => el.querySelector('input')!;
const cells = (el: OtpInputElement) => [...el.shadowRoot!.querySelectorAll('[part~="cell"]')];
const shownDigits = (el: OtpInputElement) =>
  cells(el)
    .map((cell) => cell.textContent)
    .join('');
const message = (el: OtpInputElement) =>
  el.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

/** What a browser's autofill does: set the value and fire `input` with no `paste` event. */
function autofill(el: OtpInputElement, text: string): void {
  const input = realInput(el);
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Records the `otp-input-complete` codes fired by `el`. */
function completions(el: OtpInputElement): string[] {
  const codes: string[] = [];
  el.addEventListener('otp-input-complete', (event) => codes.push(event.detail.code));
  return codes;
}

async function press(el: OtpInputElement, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

const caret = (el: OtpInputElement) => realInput(el).selectionStart;

describe('<otp-input>', () => {
  describe('defaults and the real input', () => {
    it('renders one light-DOM text input with one-time-code semantics and six cells', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const inputs = el.querySelectorAll('input');
      expect(inputs).to.have.length(1);
      const input = inputs[0];
      expect(input.type).to.equal('text');
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.hasAttribute('name')).to.be.false;
      expect(el.shadowRoot!.querySelectorAll('input')).to.have.length(0);
      expect(cells(el)).to.have.length(6);
      expect(el.length).to.equal(6);
      expect(el.value).to.equal('');
    });

    it('draws length cells within 4 to 10', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input length="8"></otp-input>`);
      expect(cells(el)).to.have.length(8);
      el.length = 3;
      await el.updateComplete;
      expect(cells(el)).to.have.length(4);
      el.length = 12;
      await el.updateComplete;
      expect(cells(el)).to.have.length(10);
    });

    it('leaves room after the last cell for a password manager badge', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const input = realInput(el).getBoundingClientRect();
      const last = cells(el).at(-1)!.getBoundingClientRect();
      expect(input.right - last.right).to.be.at.least(24);
    });

    it('focuses the real input with autofocus', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input autofocus></otp-input>`);
      await el.updateComplete;
      expect(document.activeElement).to.equal(realInput(el));
    });
  });

  describe('canonical paste and autofill (C-01 to C-06, section 2 rows 1 to 16)', () => {
    const accepted: [row: string, text: string, code: string][] = [
      ['2', '123 456', '123456'],
      ['3', ' 123456 ', '123456'],
      ['3', '123456\n', '123456'],
      ['3', '123\u00a0456', '123456'],
      ['3', '123\u2009456', '123456'],
      ['3', '123\u202f456', '123456'],
      ['4', '123-456', '123456'],
      ['4', '123\u2013456', '123456'],
      ['5', '１２３４５６', '123456'],
      ['6', '١٢٣٤٥٦', '123456'],
      ['6', '۱۲۳۴۵۶', '123456'],
      ['6', '१२३४५६', '123456'],
      ['12', '005924', '005924'],
    ];
    for (const [row, text, code] of accepted) {
      it(`row ${row}: a paste of ${JSON.stringify(text)} fills ${code}`, async () => {
        const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
        const codes = completions(el);
        await pasteCode(el, text);
        await el.updateComplete;
        expect(el.value).to.equal(code);
        expect(shownDigits(el)).to.equal(code);
        expect(codes).to.deep.equal([code]);
        expect(message(el)).to.equal('');
      });
    }

    const notACode = [
      '12a456',
      'abcdef',
      '12345.',
      '1e5',
      '+12345',
      '0x1e24',
      'Your code is 123456',
    ];
    for (const text of notACode) {
      it(`rows 10 and 13: rejects a paste of ${JSON.stringify(text)} with a message`, async () => {
        const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
        const codes = completions(el);
        await pasteCode(el, text);
        await el.updateComplete;
        expect(el.value).to.equal('');
        expect(codes).to.be.empty;
        expect(message(el)).to.equal(
          'That is not a code: paste only the digits. Nothing was entered.',
        );
      });
    }

    it('row 9: rejects a paste longer than the code without truncating it', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await pasteCode(el, '12');
      await pasteCode(el, '1234567');
      await el.updateComplete;
      expect(el.value).to.equal('12');
      expect(codes).to.be.empty;
      expect(message(el)).to.equal('That is longer than a 6-digit code. Nothing was entered.');
      expect(el.shadowRoot!.querySelector('[part="message"]')!.getAttribute('role')).to.equal(
        'alert',
      );
    });

    it('row 7: a short paste fills from the first cell and never completes', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await pasteCode(el, '12345');
      await el.updateComplete;
      expect(el.value).to.equal('12345');
      expect(codes).to.be.empty;
    });

    it('row 10: a leading dash is a separator, leaving an incomplete code', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await pasteCode(el, '-12345');
      await el.updateComplete;
      expect(el.value).to.equal('12345');
      expect(codes).to.be.empty;
    });

    it('row 11: an empty or blank paste changes nothing', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await pasteCode(el, '   ');
      await pasteCode(el, '');
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(codes).to.be.empty;
      expect(message(el)).to.equal('');
    });

    it('row 14: a paste with the caret in the third cell fills every cell from the first', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '99');
      realInput(el).setSelectionRange(2, 2);
      await pasteCode(el, '123456');
      await el.updateComplete;
      expect(el.value).to.equal('123456');
      expect(shownDigits(el)).to.equal('123456');
      expect(caret(el)).to.equal(6);
    });

    it('row 15: accepts autofill that fires input without a paste event', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      autofill(el, '123 456');
      await el.updateComplete;
      expect(el.value).to.equal('123456');
      expect(codes).to.deep.equal(['123456']);
    });

    it('rejects autofill of prose and restores the previous digits', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '12');
      autofill(el, 'Your code is 123456');
      await el.updateComplete;
      expect(el.value).to.equal('12');
      expect(realInput(el).value).to.equal('12');
      expect(message(el)).to.contain('not a code');
    });

    it('clears the paste message on the next accepted edit', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await pasteCode(el, 'abc');
      await el.updateComplete;
      expect(message(el)).to.not.equal('');
      await typeCode(el, '1');
      expect(message(el)).to.equal('');
    });
  });

  describe('keyboard', () => {
    it('row 1: typing fills the cells and completes once', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await typeCode(el, '123456');
      expect(el.value).to.equal('123456');
      expect(shownDigits(el)).to.equal('123456');
      expect(codes).to.deep.equal(['123456']);
    });

    it('ignores typed non-digits', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '1a2 b-3.');
      expect(el.value).to.equal('123');
      expect(realInput(el).value).to.equal('123');
    });

    it('row 8: ignores a seventh typed digit', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await typeCode(el, '1234567');
      expect(el.value).to.equal('123456');
      expect(realInput(el).value).to.equal('123456');
      expect(codes).to.deep.equal(['123456']);
    });

    it('deletes with Backspace and Delete', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '1234');
      await press(el, 'Backspace');
      expect(el.value).to.equal('123');
      await press(el, 'Home');
      await press(el, 'Delete');
      expect(el.value).to.equal('23');
    });

    it('moves the caret with the arrows, Home and End, and inserts at the caret', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '1234');
      await press(el, 'ArrowLeft');
      expect(caret(el)).to.equal(3);
      await press(el, 'Home');
      expect(caret(el)).to.equal(0);
      await press(el, 'ArrowRight');
      expect(caret(el)).to.equal(1);
      await press(el, 'End');
      expect(caret(el)).to.equal(4);
      await press(el, 'Home');
      await sendKeys({ type: '9' });
      await el.updateComplete;
      expect(el.value).to.equal('91234');
    });

    it('marks the cell at the caret as active while focused', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '12');
      const active = () => cells(el).findIndex((cell) => cell.part.contains('cell-active'));
      expect(active()).to.equal(2);
      expect(cells(el)[2].querySelector('[part="caret"]')).to.exist;
      await press(el, 'ArrowLeft');
      expect(active()).to.equal(1);
      realInput(el).blur();
      await el.updateComplete;
      expect(active()).to.equal(-1);
    });

    it('replaces everything after select-all', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      await typeCode(el, '123456');
      realInput(el).select();
      await sendKeys({ type: '7' });
      await el.updateComplete;
      expect(el.value).to.equal('7');
    });

    it('replaces one digit after a press on its cell', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await typeCode(el, '123456');
      const third = cells(el)[2];
      third.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await sendKeys({ type: '9' });
      await el.updateComplete;
      expect(el.value).to.equal('129456');
      expect(codes).to.deep.equal(['123456', '129456']);
    });

    it('enters and leaves with one Tab each', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <button type="button">before</button><otp-input></otp-input
          ><button type="button">after</button>
        </form>`,
      );
      const [before, after] = form.querySelectorAll('button');
      const el = form.querySelector('otp-input')!;
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(realInput(el));
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(after);
    });
  });

  describe('right-to-left pages', () => {
    it('keeps digits left to right and arrows following what the user sees', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir="rtl" lang="ar"><otp-input></otp-input></div>`,
      );
      const el = wrapper.querySelector('otp-input')!;
      await typeCode(el, '123');
      const row = el.shadowRoot!.querySelector('[part="cells"]')!;
      expect(getComputedStyle(row).direction).to.equal('ltr');
      const [first, second] = cells(el).map((cell) => cell.getBoundingClientRect().left);
      expect(first).to.be.below(second);
      expect(getComputedStyle(realInput(el)).direction).to.equal('ltr');
      await press(el, 'ArrowLeft');
      expect(caret(el)).to.equal(2);
    });
  });

  describe('forms', () => {
    it('submits the code once under its name through FormData', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><otp-input name="code"></otp-input></form>`,
      );
      const el = form.querySelector('otp-input')!;
      await typeCode(el, '005924');
      const data = new FormData(form);
      expect(data.getAll('code')).to.deep.equal(['005924']);
      expect([...data.keys()]).to.deep.equal(['code']);
    });

    it('empties on form.reset() without firing events', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><otp-input name="code"></otp-input></form>`,
      );
      const el = form.querySelector('otp-input')!;
      await typeCode(el, '123');
      let inputs = 0;
      el.addEventListener('input', () => inputs++);
      form.reset();
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(realInput(el).value).to.equal('');
      expect(new FormData(form).get('code')).to.equal('');
      expect(inputs).to.equal(0);
    });

    it('is disabled by a disabled fieldset and leaves FormData', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <fieldset disabled><otp-input name="code"></otp-input></fieldset>
        </form>`,
      );
      const el = form.querySelector('otp-input')!;
      el.value = '123456';
      await el.updateComplete;
      expect(realInput(el).disabled).to.be.true;
      expect(el.matches(':disabled')).to.be.true;
      expect(new FormData(form).has('code')).to.be.false;
      form.querySelector('fieldset')!.disabled = false;
      await el.updateComplete;
      expect(realInput(el).disabled).to.be.false;
      expect(new FormData(form).get('code')).to.equal('123456');
    });

    it('disables the real input with the disabled attribute', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input disabled></otp-input>`);
      expect(realInput(el).disabled).to.be.true;
      expect(el.matches(':disabled')).to.be.true;
    });

    it('enables the real input again when the disabled property is cleared', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      el.disabled = true;
      await el.updateComplete;
      expect(realInput(el).disabled).to.be.true;
      el.disabled = false;
      await el.updateComplete;
      expect(realInput(el).disabled).to.be.false;
      expect(el.matches(':disabled')).to.be.false;
    });

    it('reports valueMissing and too-short codes with localised messages', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><otp-input name="code" required></otp-input></form>`,
      );
      const el = form.querySelector('otp-input')!;
      expect(el.checkValidity()).to.be.false;
      expect(el.validity.valueMissing).to.be.true;
      expect(el.validationMessage).to.equal('Enter the verification code.');
      expect(form.checkValidity()).to.be.false;
      await typeCode(el, '123');
      expect(el.validity.valueMissing).to.be.false;
      expect(el.validity.tooShort).to.be.true;
      expect(el.validationMessage).to.equal('Enter all 6 digits of the code.');
      expect(el.reportValidity()).to.be.false;
      await typeCode(el, '456');
      expect(el.checkValidity()).to.be.true;
      expect(form.checkValidity()).to.be.true;
    });

    it('fires invalid from checkValidity()', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input required></otp-input>`);
      setTimeout(() => el.checkValidity());
      const event = await oneEvent(el, 'invalid');
      expect(event).to.exist;
    });

    it('restores state handed back by the browser', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      el.formStateRestoreCallback('123');
      await el.updateComplete;
      expect(el.value).to.equal('123');
    });

    it('read-only keeps the code and refuses paste', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input readonly></otp-input>`);
      el.value = '12';
      await el.updateComplete;
      expect(realInput(el).readOnly).to.be.true;
      await pasteCode(el, '123456');
      await el.updateComplete;
      expect(el.value).to.equal('12');
    });
  });

  describe('events', () => {
    it('fires native-like input on each user change, retargeted to the element', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const targets: EventTarget[] = [];
      el.parentElement!.addEventListener('input', (event) => targets.push(event.target!));
      await typeCode(el, '12');
      expect(targets).to.deep.equal([el, el]);
    });

    it('fires change once when focus leaves after a change', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      let changes = 0;
      el.parentElement!.addEventListener('change', () => changes++);
      await typeCode(el, '12');
      expect(changes).to.equal(0);
      realInput(el).blur();
      expect(changes).to.equal(1);
      el.focus();
      realInput(el).blur();
      expect(changes).to.equal(1);
    });

    it('fires nothing for programmatic sets', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      let events = 0;
      for (const type of ['input', 'change', 'otp-input-complete']) {
        el.addEventListener(type, () => events++);
      }
      el.value = '123456';
      await el.updateComplete;
      el.clear();
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(events).to.equal(0);
    });

    it('refuses a programmatic value that is not a code', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      el.value = 'abc123';
      await el.updateComplete;
      expect(el.value).to.equal('');
      el.value = '１２３';
      await el.updateComplete;
      expect(el.value).to.equal('123');
    });

    it('completes again when the user completes a new code', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const codes = completions(el);
      await typeCode(el, '123456');
      await press(el, 'Backspace');
      await typeCode(el, '7');
      expect(codes).to.deep.equal(['123456', '123457']);
    });

    it('keeps the completion event inside a shadow root that hosts the field', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = host.attachShadow({ mode: 'open' });
      const el = document.createElement('otp-input');
      root.append(el);
      await el.updateComplete;
      const outside: Event[] = [];
      document.addEventListener('otp-input-complete', (event) => outside.push(event));
      await pasteCode(el, '123456');
      await aTimeout(0);
      expect(el.value).to.equal('123456');
      expect(outside).to.be.empty;
    });
  });

  describe('invalid state and messages', () => {
    it('sets aria-invalid and the invalid state from the invalid property', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      expect(realInput(el).getAttribute('aria-invalid')).to.equal('false');
      el.invalid = true;
      await el.updateComplete;
      expect(realInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.matches(':state(invalid)')).to.be.true;
    });

    it('shows and announces the error property in the alert region', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input error="Wrong code"></otp-input>`);
      expect(message(el)).to.equal('Wrong code');
      expect(realInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.matches(':state(invalid)')).to.be.true;
    });

    it('takes an error from the error slot', async () => {
      const el = await fixture<OtpInputElement>(
        html`<otp-input><span slot="error">Slotted problem</span></otp-input>`,
      );
      await el.updateComplete;
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="error"]')!;
      expect(slot.assignedElements()[0].textContent).to.equal('Slotted problem');
      expect(el.matches(':state(invalid)')).to.be.true;
    });

    it('exposes the complete state', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      el.value = '123456';
      await el.updateComplete;
      expect(el.matches(':state(complete)')).to.be.true;
    });
  });

  describe('localisation', () => {
    it('switches every string when lang changes from en to ru', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en"><otp-input required></otp-input></div>`,
      );
      const el = wrapper.querySelector('otp-input')!;
      expect(realInput(el).getAttribute('aria-label')).to.equal('Verification code');
      expect(el.validationMessage).to.equal('Enter the verification code.');
      wrapper.lang = 'ru';
      await aTimeout(0);
      await el.updateComplete;
      expect(realInput(el).getAttribute('aria-label')).to.equal('Код подтверждения');
      expect(el.validationMessage).to.equal('Введите код подтверждения.');
      await pasteCode(el, '1234567');
      await el.updateComplete;
      expect(message(el)).to.equal('Это длиннее 6-значного кода. Ничего не вставлено.');
    });

    it('resolves lang across shadow roots and takes a region subtag', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="ru-RU"></div>`);
      const root = wrapper.attachShadow({ mode: 'open' });
      const el = document.createElement('otp-input');
      root.append(el);
      await el.updateComplete;
      expect(realInput(el).getAttribute('aria-label')).to.equal('Код подтверждения');
    });

    it('takes per-element overrides and the label attribute', async () => {
      const el = await fixture<OtpInputElement>(
        html`<otp-input .strings=${{ label: 'Code from your app' }}></otp-input>`,
      );
      expect(realInput(el).getAttribute('aria-label')).to.equal('Code from your app');
      el.label = 'Authenticator code';
      await el.updateComplete;
      expect(realInput(el).getAttribute('aria-label')).to.equal('Authenticator code');
    });

    it('re-renders when a language is registered later', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input lang="de"></otp-input>`);
      expect(realInput(el).getAttribute('aria-label')).to.equal('Verification code');
      registerTranslation('de', { otpInput: { label: 'Bestätigungscode' } });
      await el.updateComplete;
      expect(realInput(el).getAttribute('aria-label')).to.equal('Bestätigungscode');
    });
  });

  describe('accessibility', () => {
    it('is one named textbox, never six', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const textboxes = [
        ...el.querySelectorAll('input'),
        ...el.shadowRoot!.querySelectorAll('input'),
      ];
      expect(textboxes).to.have.length(1);
      expect(el.shadowRoot!.querySelector('.cells')!.getAttribute('aria-hidden')).to.equal('true');
      expect(realInput(el).getAttribute('aria-label')).to.equal('Verification code');
    });

    it('passes axe empty, filled, invalid, disabled and required', async () => {
      for (const template of [
        html`<otp-input></otp-input>`,
        html`<otp-input .value=${'123456'}></otp-input>`,
        html`<otp-input error="Wrong code"></otp-input>`,
        html`<otp-input disabled></otp-input>`,
        html`<otp-input required></otp-input>`,
      ]) {
        const el = await fixture<OtpInputElement>(template);
        await expect(el).to.be.accessible();
      }
    });

    it('passes axe while focused and after a rejected paste', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      el.focus();
      await pasteCode(el, 'nope');
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('shows a visible focus indicator on the active cell', async () => {
      const el = await fixture<OtpInputElement>(html`<otp-input></otp-input>`);
      const before = getComputedStyle(cells(el)[0]).boxShadow;
      el.focus();
      await el.updateComplete;
      expect(getComputedStyle(cells(el)[0]).boxShadow).to.not.equal(before);
    });

    it('fits ten cells into a narrow column, as at 200% zoom', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 320px"><otp-input length="10"></otp-input></div>`,
      );
      const el = wrapper.querySelector('otp-input')!;
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      const last = cells(el).at(-1)!.getBoundingClientRect();
      expect(last.right).to.be.at.most(wrapper.getBoundingClientRect().right);
      expect(last.width).to.be.above(0);
    });
  });

  it('can be registered under another tag name', async () => {
    class RenamedOtpInput extends OtpInputElement {}
    RenamedOtpInput.define('renamed-otp-input');
    expect(customElements.get('renamed-otp-input')).to.equal(RenamedOtpInput);
    expect(() => RenamedOtpInput.define('renamed-otp-input')).to.not.throw();
  });

  // Last suite, so that it sees every warning the tests above could have caused.
  describe('development mode', () => {
    it('caused no Lit dev-mode warnings in any test', () => {
      expect(litWarnings()).to.deep.equal([]);
    });
  });
});
