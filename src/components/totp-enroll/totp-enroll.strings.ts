/** Strings of `<totp-enroll>`. */
export interface TotpEnrollStrings {
  /** Accessible name of the dialog in modal mode. */
  title: string;
  /** Announced while the backend starts the enrollment. */
  starting: string;
  /** First way to add the account: scan the QR code. */
  scan: string;
  /** Second way: type the Secret key. */
  enterKey: string;
  /** The last step: the code. */
  enterCode: string;
  /** Text alternative of the QR code. */
  qrLabel: (issuer: string) => string;
  /** How the account will appear in the app. */
  account: (issuer: string, accountName: string) => string;
  /** Label of the Secret key. */
  secretLabel: string;
  /** Copies the Secret key. */
  copySecret: string;
  /** Copies the otpauth setup link. */
  copyUri: string;
  /** Opens the setup link in an authenticator app on this device. */
  openApp: string;
  /** Announced after copying. */
  copied: string;
  /** Announced when the browser refused to copy. */
  copyFailed: string;
  /** The guide's advice to keep the Secret key safe. */
  warning: string;
  /** Shown when the backend asks for other than SHA1, 6 digits and 30 seconds (C-17). */
  compatWarning: string;
  /** Shown two minutes before the pending enrollment expires (C-19). */
  expiring: string;
  /** Begins a new enrollment after the last one expired or was replaced. */
  startOver: string;
  /** Begins a new enrollment after starting one failed. */
  retry: string;
  /** Abandons the enrollment. */
  cancel: string;
  /** Announced once the backend confirms. */
  enabled: string;
  /** Closes the dialog after success. */
  done: string;
}

export const totpEnrollEn: TotpEnrollStrings = {
  title: 'Set up two-factor authentication',
  starting: 'Preparing your QR code…',
  scan:
    'Scan the QR code: in your authenticator app (Google Authenticator, Authy, 1Password, ' +
    'Microsoft Authenticator…), tap + → Scan QR code and point the camera at the code.',
  enterKey:
    'Or enter the key: tap + → Enter a setup key and type the Secret key shown below the QR code.',
  enterCode: 'Then enter the 6-digit code that the app shows and select Confirm.',
  qrLabel: (issuer) => `QR code for adding ${issuer} to an authenticator app`,
  account: (issuer, accountName) => `The app will list it as ${issuer} (${accountName}).`,
  secretLabel: 'Secret key',
  copySecret: 'Copy key',
  copyUri: 'Copy setup link',
  openApp: 'Open in authenticator app',
  copied: 'Copied',
  copyFailed: "Couldn't copy. Select the key and copy it yourself.",
  warning:
    'Copy the Secret key and save it in a password manager (1Password, Bitwarden…) or another ' +
    'safe place now. If you lose your phone or delete the app, the Secret key is the only way ' +
    "back into your account. Don't keep it as a screenshot in your photos.",
  compatWarning:
    'This setup uses non-standard settings (algorithm, code length or refresh period) that ' +
    "some authenticator apps don't support, and only 6-digit codes can be entered here. If " +
    "your app's codes are not accepted, contact support.",
  expiring:
    'Less than 2 minutes are left to finish this setup. If you need more time, start over to ' +
    'get a new QR code.',
  startOver: 'Start over',
  retry: 'Try again',
  cancel: 'Cancel',
  enabled:
    'Two-factor authentication is on. From now on, every sign-in asks for a code from your app.',
  done: 'Done',
};

export const totpEnrollRu: TotpEnrollStrings = {
  title: 'Настройка двухфакторной аутентификации',
  starting: 'Готовим QR-код…',
  scan:
    'Отсканируйте QR-код: в приложении-аутентификаторе (Google Authenticator, Authy, ' +
    '1Password, Microsoft Authenticator…) нажмите + → «Сканировать QR-код» и наведите камеру ' +
    'на код.',
  enterKey:
    'Или введите ключ вручную: нажмите + → «Ввести ключ настройки» и введите секретный ключ, ' +
    'показанный под QR-кодом.',
  enterCode: 'Затем введите 6-значный код из приложения и нажмите «Подтвердить».',
  qrLabel: (issuer) => `QR-код для добавления ${issuer} в приложение-аутентификатор`,
  account: (issuer, accountName) => `В приложении появится запись ${issuer} (${accountName}).`,
  secretLabel: 'Секретный ключ',
  copySecret: 'Скопировать ключ',
  copyUri: 'Скопировать ссылку настройки',
  openApp: 'Открыть в приложении-аутентификаторе',
  copied: 'Скопировано',
  copyFailed: 'Не удалось скопировать. Выделите ключ и скопируйте его вручную.',
  warning:
    'Скопируйте секретный ключ и сразу сохраните его в менеджере паролей (1Password, ' +
    'Bitwarden…) или другом надёжном месте. Если вы потеряете телефон или удалите приложение, ' +
    'только этот ключ поможет вернуть доступ. Не храните его скриншотом в галерее.',
  compatWarning:
    'В этой настройке используются нестандартные параметры (алгоритм, длина кода или период ' +
    'обновления), которые поддерживают не все приложения-аутентификаторы, а здесь можно ввести ' +
    'только 6-значный код. Если коды из приложения не принимаются, обратитесь в службу поддержки.',
  expiring:
    'На завершение настройки осталось меньше 2 минут. Если нужно больше времени, начните ' +
    'заново, чтобы получить новый QR-код.',
  startOver: 'Начать заново',
  retry: 'Повторить',
  cancel: 'Отмена',
  enabled:
    'Двухфакторная аутентификация включена. Теперь при каждом входе потребуется код из приложения.',
  done: 'Готово',
};
