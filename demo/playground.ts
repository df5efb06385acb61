import { Secret, TOTP } from 'otpauth';
import '../src/define.js';
import {
  totpErrorCodes,
  setDefaultAdapter,
  type OtpInputElement,
  type TotpErrorCode,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/adapters/memory-adapter.js';

const adapter = createMemoryAdapter({
  issuer: 'totp-elements demo',
  accountName: 'ada@example.com',
  latencyMs: 300,
});

// The demo authenticator remembers the last secret this page was given, as a phone would.
let demoSecret: string | undefined;
const beginEnrollment = adapter.beginEnrollment.bind(adapter);
adapter.beginEnrollment = async (options) => {
  const enrollment = await beginEnrollment(options);
  demoSecret = enrollment.secret;
  return enrollment;
};
setDefaultAdapter(adapter);

const codeOutput = document.querySelector<HTMLElement>('#demo-code')!;
function showCode(): void {
  if (!demoSecret) return;
  const totp = new TOTP({ secret: Secret.fromBase32(demoSecret) });
  const seconds = 30 - (Math.floor(Date.now() / 1000) % 30);
  codeOutput.textContent = `${totp.generate()} (${seconds} s left)`;
}
setInterval(showCode, 1000);

const lang = document.querySelector<HTMLSelectElement>('#knob-lang')!;
lang.addEventListener('change', () => {
  document.documentElement.lang = lang.value;
});

const fail = document.querySelector<HTMLSelectElement>('#knob-fail')!;
for (const code of totpErrorCodes) fail.append(new Option(code, code));
const status = document.querySelector<HTMLElement>('#knob-status')!;
document.querySelector('#knob-fail-apply')!.addEventListener('click', () => {
  if (!fail.value) return;
  const code = fail.value as TotpErrorCode;
  adapter.failNext(code, code === 'rate_limited' ? { retryAfter: 65 } : {});
  status.textContent = `The next adapter call fails with ${code}.`;
});

const verifyLog = document.querySelector<HTMLElement>('#verify-log')!;
document.addEventListener('totp-verify-complete', () => {
  verifyLog.textContent = 'totp-verify-complete: the backend accepted the code.';
});
document.addEventListener('totp-verify-error', (event) => {
  verifyLog.textContent = `totp-verify-error: ${event.detail.error}`;
});

const enrollSlot = document.querySelector<HTMLElement>('#enroll-slot')!;
document.querySelector('#enroll-start')!.addEventListener('click', () => {
  enrollSlot.replaceChildren(document.createElement('totp-enroll'));
});
document.addEventListener('totp-enroll-cancel', (event) => {
  if (enrollSlot.contains(event.target as Node)) enrollSlot.replaceChildren();
});

// <otp-input> knobs: length, direction and theme of one field.
const knobInput = document.querySelector<OtpInputElement>('#knob-input')!;
const inputStage = document.querySelector<HTMLElement>('#input-stage')!;
const inputLog = document.querySelector<HTMLElement>('#knob-input-log')!;
const lengthKnob = document.querySelector<HTMLSelectElement>('#knob-length')!;
const dirKnob = document.querySelector<HTMLSelectElement>('#knob-dir')!;
const themeKnob = document.querySelector<HTMLSelectElement>('#knob-theme')!;
lengthKnob.addEventListener('change', () => {
  knobInput.length = Number(lengthKnob.value);
});
dirKnob.addEventListener('change', () => {
  inputStage.dir = dirKnob.value;
});
themeKnob.addEventListener('change', () => {
  inputStage.className = themeKnob.value;
});
knobInput.addEventListener('otp-input-complete', (event) => {
  inputLog.textContent = `otp-input-complete: ${event.detail.code.length} digits entered`;
});
