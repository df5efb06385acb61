/** Strings of `<otp-input>`. */
export interface OtpInputStrings {
  /** Accessible name of the code field. */
  label: string;
  /** Validity message when a required field is empty. */
  valueMissing: string;
  /** Validity message when fewer digits than the code length are entered. */
  tooShort: (length: number) => string;
  /** Announced when a paste or autofill is longer than the code. */
  pasteTooLong: (length: number) => string;
  /** Announced when a paste or autofill holds anything but digits, spaces and dashes. */
  pasteNotACode: string;
}

export const otpInputEn: OtpInputStrings = {
  label: 'Verification code',
  valueMissing: 'Enter the verification code.',
  tooShort: (length) => `Enter all ${length} digits of the code.`,
  pasteTooLong: (length) => `That is longer than a ${length}-digit code. Nothing was entered.`,
  pasteNotACode: 'That is not a code: paste only the digits. Nothing was entered.',
};

export const otpInputRu: OtpInputStrings = {
  label: 'Код подтверждения',
  valueMissing: 'Введите код подтверждения.',
  tooShort: (length) => `Введите все цифры кода (${length}).`,
  pasteTooLong: (length) => `Это длиннее ${length}-значного кода. Ничего не вставлено.`,
  pasteNotACode: 'Это не код: вставьте только цифры. Ничего не вставлено.',
};
