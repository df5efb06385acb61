/** Why a pasted or autofilled text is not accepted as a code. */
export type CodeRejection = 'not-a-code' | 'too-long';

const decimalDigit = /\p{Nd}/u;
const separators = /[\s\p{Pd}\u2212]/gu;

/** Maps any Unicode decimal digit (Arabic-Indic, Devanagari, …) to its ASCII digit. */
function toAsciiDigit(char: string): string {
  const codePoint = char.codePointAt(0)!;
  let offset = 0;
  // Unicode places every decimal digit in a run that starts at its zero.
  while (decimalDigit.test(String.fromCodePoint(codePoint - offset - 1))) offset++;
  return String(offset % 10);
}

/** NFKC, then every Unicode decimal digit as its ASCII digit. */
function foldDigits(text: string): string {
  return text.normalize('NFKC').replace(/\p{Nd}/gu, toAsciiDigit);
}

/**
 * The digits of a pasted or autofilled code (C-01, C-06): NFKC, Unicode digits mapped to
 * 0-9, spaces and dashes removed. Anything else, or more than `length` digits, is rejected,
 * never truncated and never mined for digits.
 */
export function canonicalizeCode(text: string, length: number): string | CodeRejection {
  const digits = foldDigits(text).replace(separators, '');
  if (!/^\d*$/.test(digits)) return 'not-a-code';
  return digits.length > length ? 'too-long' : digits;
}

/** The ASCII digits of typed text, anything else dropped (typing ignores non-digits). */
export function typedDigits(text: string): string {
  return foldDigits(text).replace(/\D/g, '');
}
