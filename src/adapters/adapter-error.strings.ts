import type { TotpAdapterError } from './adapter-error.js';

/** User-facing text for each adapter error code; none may quote a code or secret. */
export interface AdapterErrorStrings {
  /** The server refused the code's format (the input normally prevents this). */
  invalid_format: string;
  /** The code is wrong or outside the accepted time window. */
  invalid_code: string;
  /** The code, or a newer one, was already accepted. */
  code_already_used: string;
  /** Too many failures; `seconds` is the wait, `undefined` when the server did not say. */
  rate_limited: (seconds?: number) => string;
  /** The authenticator was disabled after the hard cap of failures. */
  authenticator_disabled: string;
  /** Enrollment started while two-factor authentication is already on. */
  already_enabled: string;
  /** The enrollment being confirmed is unknown or was replaced. */
  no_pending_enrollment: string;
  /** The pending enrollment expired. */
  enrollment_expired: string;
  /** The session must sign in again before this change. */
  reauth_required: string;
  /** There is no signed-in session. */
  unauthenticated: string;
  /** The server could not be reached. */
  network: string;
  /** The server did not answer in time. */
  timeout: string;
  /** The server failed. */
  server: string;
  /** The server answered with something the adapter does not understand. */
  malformed_response: string;
}

/** The message for `error` in `strings`. */
export function adapterErrorMessage(strings: AdapterErrorStrings, error: TotpAdapterError): string {
  return error.code === 'rate_limited'
    ? strings.rate_limited(error.retryAfter)
    : strings[error.code];
}

/** Splits a wait into a count and unit: seconds below a minute, else whole minutes rounded up. */
function waitIn(seconds: number): { count: number; unit: 'second' | 'minute' } {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < 60
    ? { count: whole, unit: 'second' }
    : { count: Math.ceil(whole / 60), unit: 'minute' };
}

const russianPlural = new Intl.PluralRules('ru');
const russianUnits = {
  second: { one: 'секунду', few: 'секунды', many: 'секунд', other: 'секунды' },
  minute: { one: 'минуту', few: 'минуты', many: 'минут', other: 'минуты' },
} as const;

/** English error messages, the fallback for every language. */
export const adapterErrorsEn: AdapterErrorStrings = {
  invalid_format: 'Enter the 6-digit code from your authenticator app.',
  invalid_code: "That code didn't work. Check the app and try the current code.",
  code_already_used: 'That code was already used. Wait for the next code in your app.',
  rate_limited: (seconds) => {
    if (seconds === undefined) return 'Too many attempts. Wait a few minutes and try again.';
    const { count, unit } = waitIn(seconds);
    return `Too many attempts. Try again in ${count} ${unit}${count === 1 ? '' : 's'}.`;
  },
  authenticator_disabled:
    'Two-factor authentication is locked after too many failed attempts. Contact support to restore access.',
  already_enabled: 'Two-factor authentication is already turned on for this account.',
  no_pending_enrollment: 'This setup is no longer active. Start again to get a new QR code.',
  enrollment_expired: 'This setup has expired. Start again to get a new QR code.',
  reauth_required: 'For your security, sign in again to continue.',
  unauthenticated: 'Your session has ended. Sign in again to continue.',
  network: "Couldn't reach the server. Check your connection and try again.",
  timeout: 'The server took too long to respond. Try again.',
  server: 'Something went wrong on our side. Try again in a moment.',
  malformed_response: 'The server sent an unexpected response. Try again in a moment.',
};

/** Russian error messages. */
export const adapterErrorsRu: AdapterErrorStrings = {
  invalid_format: 'Введите 6-значный код из приложения-аутентификатора.',
  invalid_code: 'Код не подошёл. Проверьте приложение и введите текущий код.',
  code_already_used: 'Этот код уже использован. Дождитесь следующего кода в приложении.',
  rate_limited: (seconds) => {
    if (seconds === undefined)
      return 'Слишком много попыток. Подождите несколько минут и повторите.';
    const { count, unit } = waitIn(seconds);
    const word =
      russianUnits[unit][russianPlural.select(count) as 'one' | 'few' | 'many' | 'other'];
    return `Слишком много попыток. Повторите через ${count} ${word}.`;
  },
  authenticator_disabled:
    'Двухфакторная аутентификация заблокирована из-за слишком большого числа неудачных попыток. Чтобы восстановить доступ, обратитесь в службу поддержки.',
  already_enabled: 'Двухфакторная аутентификация для этой учётной записи уже включена.',
  no_pending_enrollment:
    'Эта настройка больше не действует. Начните заново, чтобы получить новый QR-код.',
  enrollment_expired: 'Время на настройку истекло. Начните заново, чтобы получить новый QR-код.',
  reauth_required: 'В целях безопасности войдите снова, чтобы продолжить.',
  unauthenticated: 'Сеанс завершён. Войдите снова, чтобы продолжить.',
  network: 'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
  timeout: 'Сервер слишком долго не отвечает. Повторите попытку.',
  server: 'На сервере что-то пошло не так. Повторите попытку чуть позже.',
  malformed_response: 'Сервер прислал неожиданный ответ. Повторите попытку чуть позже.',
};
