import { OtpInputElement } from '../otp-input/otp-input.js';
import { TotpDisableElement } from '../totp-disable/totp-disable.js';
import { TotpEnrollElement } from '../totp-enroll/totp-enroll.js';
import { TotpSettingsElement } from './totp-settings.js';

OtpInputElement.define();
TotpEnrollElement.define();
TotpDisableElement.define();
TotpSettingsElement.define();
