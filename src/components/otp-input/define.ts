import { OtpInputElement } from './otp-input.js';

OtpInputElement.define();
