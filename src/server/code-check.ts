/// <reference types="node" />
import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import type { TotpPolicy } from './policy.js';

/** Milliseconds per step: the contract fixes 30 s. */
export const stepMs = 30_000;

/** The RFC 6238 step of server time `now` (milliseconds since the epoch). */
export const stepAt = (now: number) => Math.floor(now / stepMs);

/** Whether `code` is what the contract accepts on the wire: a string of six ASCII digits. */
export const isCodeFormat = (code: unknown): code is string =>
  typeof code === 'string' && /^[0-9]{6}$/.test(code);

/**
 * The steps within the window around `now` whose SHA-1, 6-digit code is `code`, oldest first
 * (usually none or one). Every candidate is generated and compared in constant time, with no
 * early exit, so the timing says nothing about which step matched.
 */
export function matchingSteps(
  secret: Uint8Array,
  code: string,
  now: number,
  window: TotpPolicy['window'],
): number[] {
  const key = new Secret({ buffer: Uint8Array.from(secret).buffer });
  const given = Buffer.from(code);
  const current = stepAt(now);
  const offsets = window === 'both' ? [-1, 0, 1] : [-1, 0];
  const matches: number[] = [];
  for (const offset of offsets) {
    const expected = Buffer.from(
      HOTP.generate({ secret: key, algorithm: 'SHA1', digits: 6, counter: current + offset }),
    );
    const equal = expected.length === given.length && timingSafeEqual(expected, given);
    if (equal) matches.push(current + offset);
  }
  return matches;
}
