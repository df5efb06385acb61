/** Strings of `<totp-disable>`. */
export interface TotpDisableStrings {
  /** What to do, above the field. */
  instructions: string;
  /** The guide's warning about the master account. */
  warning: string;
  /** The submit button. */
  disable: string;
  /** Announced once the backend confirms. */
  disabled: string;
}

export const totpDisableEn: TotpDisableStrings = {
  instructions: 'To turn off two-factor authentication, enter the current code from your app.',
  warning:
    "Don't disable two-factor authentication on the master account. Only turn it off " +
    'temporarily while changing phones, and turn it back on as soon as the new app is set up.',
  disable: 'Disable 2-step verification',
  disabled: 'Two-factor authentication is off.',
};

export const totpDisableRu: TotpDisableStrings = {
  instructions: 'Чтобы отключить двухфакторную аутентификацию, введите текущий код из приложения.',
  warning:
    'Не отключайте двухфакторную аутентификацию на главной учётной записи. Отключайте её ' +
    'только на время смены телефона и включите снова, как только настроите новое приложение.',
  disable: 'Отключить двухэтапную проверку',
  disabled: 'Двухфакторная аутентификация отключена.',
};
