/** Strings shared by the elements that ask for a code. */
export interface CodeFormStrings {
  /** Label of the code field. */
  codeLabel: string;
  /** The submit button. */
  confirm: string;
  /** Announced while the backend checks the code. */
  checking: string;
  /** The visible rate-limit countdown. */
  retryIn: (seconds: number) => string;
  /** Shown when neither the `adapter` property nor `setDefaultAdapter()` gave a backend. */
  noAdapter: string;
}

export const codeFormEn: CodeFormStrings = {
  codeLabel: 'Enter verification code',
  confirm: 'Confirm',
  checking: 'Checking the code…',
  retryIn: (seconds) => `You can try again in ${formatWait(seconds)}.`,
  noAdapter:
    'Two-factor authentication is not set up on this page: no adapter is configured. ' +
    'Developers: set the adapter property or call setDefaultAdapter().',
};

export const codeFormRu: CodeFormStrings = {
  codeLabel: 'Введите код подтверждения',
  confirm: 'Подтвердить',
  checking: 'Проверяем код…',
  retryIn: (seconds) => `Повторить можно через ${formatWait(seconds)}.`,
  noAdapter:
    'Двухфакторная аутентификация на этой странице не настроена: адаптер не задан. ' +
    'Разработчикам: задайте свойство adapter или вызовите setDefaultAdapter().',
};

/** `m:ss`, the countdown format that reads the same in every language. */
function formatWait(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
