/// <reference types="node" />
import { createHmac } from 'node:crypto';

/*
 * A small RFC 4226 / RFC 6238 code generator, independent of `otpauth`, so that the server's
 * verification (which uses `otpauth`) and this module check each other. For tests, the e2e
 * suite and the conformance kit; the server never uses it to verify.
 */

/** HMAC algorithm of a code: RFC 6238 allows SHA-1, SHA-256 and SHA-512. */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

const hmacNames: Record<TotpAlgorithm, string> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

/** Options shared by `hotp()` and `totp()`. */
export interface CodeOptions {
  /** Digits of the code, 1 to 10. Default 6. */
  digits?: number;
  /** Default `SHA1`. */
  algorithm?: TotpAlgorithm;
}

/** The RFC 4226 code of `secret` for `counter` (an 8-byte big-endian moving factor). */
export function hotp(
  secret: Uint8Array,
  counter: number | bigint,
  { digits = 6, algorithm = 'SHA1' }: CodeOptions = {},
): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) {
    throw new RangeError('digits must be an integer from 1 to 10');
  }
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(hmacNames[algorithm], secret).update(message).digest();
  // Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset in the last byte's low nibble.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Options of `totp()`. */
export interface TotpOptions extends CodeOptions {
  /** Seconds per step (RFC 6238 X). Default 30. */
  period?: number;
  /** Unix time in seconds at which counting starts (RFC 6238 T0). Default 0. */
  t0?: number;
}

/** The RFC 6238 step of Unix time `seconds`: ⌊(seconds − T0) / X⌋, as a bigint past 2^32. */
export function totpStep(seconds: number, { period = 30, t0 = 0 }: TotpOptions = {}): bigint {
  return BigInt(Math.floor((seconds - t0) / period));
}

/** The RFC 6238 code of `secret` at Unix time `seconds`. */
export function totp(secret: Uint8Array, seconds: number, options: TotpOptions = {}): string {
  return hotp(secret, totpStep(seconds, options), options);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of `bytes`, upper-case and unpadded. */
export function base32Encode(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += alphabet[(buffer >>> bits) & 31];
    }
  }
  return bits > 0 ? text + alphabet[(buffer << (5 - bits)) & 31] : text;
}

/** The bytes of RFC 4648 base32 `text` (upper-case, optional `=` padding); throws if invalid. */
export function base32Decode(text: string): Uint8Array {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Z2-7]*$/.test(body)) throw new SyntaxError('not upper-case RFC 4648 base32');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = ((buffer << 5) | alphabet.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
