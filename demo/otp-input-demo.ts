import '../src/define.js';
import type { OtpInputElement } from '../src/index.js';

const log = document.querySelector<HTMLElement>('#default-log')!;
const field = document.querySelector<OtpInputElement>('#default-input')!;
for (const type of ['input', 'change', 'otp-input-complete']) {
  field.addEventListener(type, () => {
    log.textContent = `${type}: value "${field.value}"`;
  });
}

const form = document.querySelector<HTMLFormElement>('#demo-form')!;
const output = document.querySelector<HTMLOutputElement>('#form-output')!;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  output.value = JSON.stringify(Object.fromEntries(new FormData(form)));
});
form.addEventListener('reset', () => {
  output.value = 'nothing yet';
});
