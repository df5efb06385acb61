// The public API: classes, events, types and functions. Importing it registers nothing.
export { OtpInputElement } from './components/otp-input/otp-input.js';
export type { OtpInputStrings } from './components/otp-input/otp-input.strings.js';
export { OtpInputCompleteEvent } from './events/otp-input-complete-event.js';
export { registerTranslation } from './i18n/registry.js';
export type { PartialTranslation, Translation } from './i18n/translation.js';
