// Registers the Russian strings of every element for `lang="ru"` (and `ru-*`).
import { otpInputRu } from '../components/otp-input/otp-input.strings.js';
import { registerTranslation } from './registry.js';

registerTranslation('ru', { otpInput: otpInputRu });
