/** Strings of `<totp-settings>`. */
export interface TotpSettingsStrings {
  /** The heading of the block. */
  heading: string;
  /** What two-factor authentication does, from the guide. */
  description: string;
  /** Precedes the state in words. */
  stateLabel: string;
  /** The state when two-factor authentication is on. */
  on: string;
  /** The state when two-factor authentication is off. */
  off: string;
  /** Shown while the state is read from the backend. */
  checking: string;
  /** Shown while the backend refuses codes after too many failures. */
  locked: string;
  /** The button that opens the enrollment, and the name of its dialog. */
  enable: string;
  /** The button that opens the disabling, and the name of its dialog. */
  disable: string;
  /** The button that closes the dialog. */
  close: string;
  /** The button that reads the state again after a failure. */
  retry: string;
  /** Announced once the backend confirms that two-factor authentication is on. */
  enabled: string;
  /** Announced once the backend confirms that two-factor authentication is off. */
  disabled: string;
  /** Shown when neither the `adapter` property nor `setDefaultAdapter()` gave a backend. */
  noAdapter: string;
}

export const totpSettingsEn: TotpSettingsStrings = {
  heading: 'Two-factor authentication',
  description:
    'Two-factor authentication adds a second layer of security: even if your password leaks, ' +
    'an attacker still needs the 6-digit code from your phone to sign in.',
  stateLabel: 'Status:',
  on: 'On',
  off: 'Off',
  checking: 'Checking…',
  locked: 'After too many failed attempts, codes are temporarily refused. Try again later.',
  enable: 'Enable 2-step verification',
  disable: 'Disable 2-step verification',
  close: 'Close',
  retry: 'Retry',
  enabled: 'Two-factor authentication is on.',
  disabled: 'Two-factor authentication is off.',
  noAdapter:
    'Two-factor authentication is not set up on this page: no adapter is configured. ' +
    'Developers: set the adapter property or call setDefaultAdapter().',
};

export const totpSettingsRu: TotpSettingsStrings = {
  heading: 'Двухфакторная аутентификация',
  description:
    'Двухфакторная аутентификация добавляет второй уровень защиты: даже если пароль утечёт, ' +
    'злоумышленнику для входа понадобится ещё и 6-значный код с вашего телефона.',
  stateLabel: 'Состояние:',
  on: 'Включена',
  off: 'Отключена',
  checking: 'Проверяем…',
  locked:
    'Из-за слишком большого числа неудачных попыток коды временно не принимаются. ' +
    'Повторите попытку позже.',
  enable: 'Включить двухэтапную проверку',
  disable: 'Отключить двухэтапную проверку',
  close: 'Закрыть',
  retry: 'Повторить',
  enabled: 'Двухфакторная аутентификация включена.',
  disabled: 'Двухфакторная аутентификация отключена.',
  noAdapter:
    'Двухфакторная аутентификация на этой странице не настроена: адаптер не задан. ' +
    'Разработчикам: задайте свойство adapter или вызовите setDefaultAdapter().',
};
