import { OtpInputElement } from '../otp-input/otp-input.js';
import { TotpVerifyElement } from './totp-verify.js';

OtpInputElement.define();
TotpVerifyElement.define();
