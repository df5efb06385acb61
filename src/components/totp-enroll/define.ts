import { OtpInputElement } from '../otp-input/otp-input.js';
import { TotpEnrollElement } from './totp-enroll.js';

OtpInputElement.define();
TotpEnrollElement.define();
