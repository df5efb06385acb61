import type { AdapterErrorStrings } from '../adapters/adapter-error.strings.js';
import type { OtpInputStrings } from '../components/otp-input/otp-input.strings.js';
import type { TotpDisableStrings } from '../components/totp-disable/totp-disable.strings.js';
import type { TotpEnrollStrings } from '../components/totp-enroll/totp-enroll.strings.js';
import type { TotpSettingsStrings } from '../components/totp-settings/totp-settings.strings.js';
import type { TotpVerifyStrings } from '../components/totp-verify/totp-verify.strings.js';
import type { CodeFormStrings } from '../internal/code-form.strings.js';

/**
 * The typed translation table: one namespace per element or module. Each namespace's English
 * and Russian strings live beside the code that reads them, in a `*.strings.ts` file; a
 * language registers any subset of namespaces and keys, and missing keys fall back to English.
 */
export interface Translation {
  otpInput: OtpInputStrings;
  errors: AdapterErrorStrings;
  codeForm: CodeFormStrings;
  totpVerify: TotpVerifyStrings;
  totpDisable: TotpDisableStrings;
  totpEnroll: TotpEnrollStrings;
  totpSettings: TotpSettingsStrings;
}

/** What `registerTranslation()` accepts: any namespaces, any keys of each. */
export type PartialTranslation = { [N in keyof Translation]?: Partial<Translation[N]> };
