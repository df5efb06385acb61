// Registers every element under its default tag, with the Russian translation.
import './components/otp-input/define.js';
import './i18n/ru.js';
