/** Strings of `<totp-verify>`. */
export interface TotpVerifyStrings {
  /** What to do, above the field. */
  instructions: string;
  /** Announced when the backend accepts the code. */
  verified: string;
  /** Summary of the help disclosure. */
  helpSummary: string;
  /** The guide's advice for a lost phone, the help slot's default. */
  help: string;
}

export const totpVerifyEn: TotpVerifyStrings = {
  instructions: 'Open your authenticator app and enter the current 6-digit code.',
  verified: 'Code accepted.',
  helpSummary: 'Lost your phone?',
  help:
    'If you saved the Secret key, install an authenticator app on your new phone, tap + → ' +
    'Enter a setup key and paste the Secret key: the app then shows codes as before. If the ' +
    'Secret key is gone too, contact support to verify your identity and reset two-factor ' +
    'authentication.',
};

export const totpVerifyRu: TotpVerifyStrings = {
  instructions: 'Откройте приложение-аутентификатор и введите текущий 6-значный код.',
  verified: 'Код принят.',
  helpSummary: 'Потеряли телефон?',
  help:
    'Если вы сохранили секретный ключ, установите приложение-аутентификатор на новый телефон, ' +
    'нажмите + → «Ввести ключ настройки» и вставьте секретный ключ: приложение снова будет ' +
    'показывать коды. Если ключ тоже утерян, обратитесь в службу поддержки, чтобы подтвердить ' +
    'личность и сбросить двухфакторную аутентификацию.',
};
