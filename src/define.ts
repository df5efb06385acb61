// Registers every element under its default tag, with the Russian translation.
import './components/otp-input/define.js';
import './components/totp-disable/define.js';
import './components/totp-enroll/define.js';
import './components/totp-settings/define.js';
import './components/totp-verify/define.js';
import './i18n/ru.js';
