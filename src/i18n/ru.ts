// Registers the Russian strings of every element for `lang="ru"` (and `ru-*`).
import { adapterErrorsRu } from '../adapters/adapter-error.strings.js';
import { otpInputRu } from '../components/otp-input/otp-input.strings.js';
import { totpDisableRu } from '../components/totp-disable/totp-disable.strings.js';
import { totpEnrollRu } from '../components/totp-enroll/totp-enroll.strings.js';
import { totpSettingsRu } from '../components/totp-settings/totp-settings.strings.js';
import { totpVerifyRu } from '../components/totp-verify/totp-verify.strings.js';
import { codeFormRu } from '../internal/code-form.strings.js';
import { registerTranslation } from './registry.js';

registerTranslation('ru', {
  otpInput: otpInputRu,
  errors: adapterErrorsRu,
  codeForm: codeFormRu,
  totpVerify: totpVerifyRu,
  totpDisable: totpDisableRu,
  totpEnroll: totpEnrollRu,
  totpSettings: totpSettingsRu,
});
