import { OtpInputElement } from '../otp-input/otp-input.js';
import { TotpDisableElement } from './totp-disable.js';

OtpInputElement.define();
TotpDisableElement.define();
