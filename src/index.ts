// The public API: classes, events, types and functions. Importing it registers nothing.
export { OtpInputElement } from './components/otp-input/otp-input.js';
export type { OtpInputStrings } from './components/otp-input/otp-input.strings.js';
export { TotpDisableElement } from './components/totp-disable/totp-disable.js';
export type { TotpDisableStrings } from './components/totp-disable/totp-disable.strings.js';
export { TotpEnrollElement } from './components/totp-enroll/totp-enroll.js';
export type { TotpEnrollStrings } from './components/totp-enroll/totp-enroll.strings.js';
export { TotpSettingsElement } from './components/totp-settings/totp-settings.js';
export type { TotpSettingsStrings } from './components/totp-settings/totp-settings.strings.js';
export { TotpVerifyElement } from './components/totp-verify/totp-verify.js';
export type { TotpVerifyStrings } from './components/totp-verify/totp-verify.strings.js';
export { OtpInputCompleteEvent } from './events/otp-input-complete-event.js';
export { TotpErrorEvent } from './events/totp-error-event.js';
export { TotpDisableCompleteEvent, TotpDisableErrorEvent } from './events/totp-disable-events.js';
export {
  TotpEnrollCancelEvent,
  TotpEnrollCompleteEvent,
  TotpEnrollErrorEvent,
} from './events/totp-enroll-events.js';
export { TotpSettingsChangeEvent } from './events/totp-settings-events.js';
export { TotpVerifyCompleteEvent, TotpVerifyErrorEvent } from './events/totp-verify-events.js';
export type {
  AdapterCallOptions,
  TotpAdapter,
  TotpEnrollment,
  TotpStatus,
  TotpVerifyResult,
} from './adapters/adapter.js';
export {
  isAbortError,
  isTotpAdapterError,
  toAdapterError,
  TotpAdapterError,
  totpErrorCodes,
  type TotpErrorCode,
} from './adapters/adapter-error.js';
export type { AdapterErrorStrings } from './adapters/adapter-error.strings.js';
export { getDefaultAdapter, setDefaultAdapter } from './adapters/default-adapter.js';
export { registerTranslation } from './i18n/registry.js';
export type { PartialTranslation, Translation } from './i18n/translation.js';
export type { CodeFormStrings } from './internal/code-form.strings.js';
