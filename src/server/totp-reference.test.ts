/// <reference types="node" />
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { HOTP, Secret, TOTP } from 'otpauth';
import {
  base32Decode,
  base32Encode,
  hotp,
  totp,
  totpStep,
  type TotpAlgorithm,
} from './totp-reference.js';
import { rfc4226, rfc6238, rfcSeeds } from './test-support.js';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

describe('totp-reference: RFC 4226 and RFC 6238 vectors (S-02)', () => {
  it('gives all 10 HOTP values of RFC 4226 App. D', () => {
    rfc4226.forEach((code, counter) => assert.equal(hotp(rfcSeeds.SHA1, counter), code));
  });

  for (const [time, step, ...codes] of rfc6238) {
    it(`gives the RFC 6238 codes at t = ${time} for SHA1, SHA256 and SHA512`, () => {
      assert.equal(totpStep(time), step);
      (['SHA1', 'SHA256', 'SHA512'] as const).forEach((algorithm, i) => {
        assert.equal(totp(rfcSeeds[algorithm], time, { digits: 8, algorithm }), codes[i]);
      });
      assert.equal(totp(rfcSeeds.SHA1, time), codes[0]!.slice(2));
    });
  }

  it('does not give the table values with the 20-byte seed for SHA256 and SHA512', () => {
    const wrong = (algorithm: TotpAlgorithm, time: number) =>
      totp(rfcSeeds.SHA1, time, { digits: 8, algorithm });
    assert.deepEqual(
      [wrong('SHA256', 59), wrong('SHA512', 59)],
      ['32247374', '69342147'],
      'the wrong-seed trap values of the security requirements §5',
    );
    assert.deepEqual(
      [wrong('SHA256', 1111111111), wrong('SHA512', 1111111111)],
      ['74584430', '54380122'],
    );
    for (const [time, , , sha256, sha512] of rfc6238) {
      assert.notEqual(wrong('SHA256', time), sha256);
      assert.notEqual(wrong('SHA512', time), sha512);
    }
  });

  it('counts steps past 2^32 seconds and past a 2^32 counter', () => {
    assert.equal(totpStep(20000000000), 666666666n);
    assert.ok(20000000000 > 2 ** 32);
    const counter = 2n ** 32n + 5n;
    const secret = new Secret({ buffer: Uint8Array.from(rfcSeeds.SHA1).buffer });
    assert.equal(hotp(rfcSeeds.SHA1, counter), HOTP.generate({ secret, counter: Number(counter) }));
    assert.notEqual(hotp(rfcSeeds.SHA1, counter), hotp(rfcSeeds.SHA1, 5));
  });

  it('changes step between 59 s and 60 s, and between 29 s and 30 s', () => {
    assert.deepEqual([totpStep(29), totpStep(30), totpStep(59), totpStep(60)], [0n, 1n, 1n, 2n]);
    assert.equal(totp(rfcSeeds.SHA1, 59), '287082');
    assert.equal(totp(rfcSeeds.SHA1, 60), rfc4226[2]);
    assert.equal(totp(rfcSeeds.SHA1, 30), '287082');
    assert.equal(totp(rfcSeeds.SHA1, 29), rfc4226[0]);
  });

  it('keeps leading zeros (005924 at t = 1234567890)', () => {
    assert.equal(totp(rfcSeeds.SHA1, 1234567890), '005924');
  });

  it('agrees with otpauth on random secrets, times, algorithms and digit counts', () => {
    for (let i = 0; i < 200; i += 1) {
      const bytes = randomBytes(20 + (i % 44));
      const algorithm = (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!;
      const digits = 6 + (i % 3);
      const seconds = Math.floor(Math.random() * 2 ** 36);
      const secret = new Secret({ buffer: Uint8Array.from(bytes).buffer });
      const expected = TOTP.generate({ secret, algorithm, digits, timestamp: seconds * 1000 });
      assert.equal(totp(bytes, seconds, { algorithm, digits }), expected);
    }
  });

  it('honours period and T0', () => {
    assert.equal(totpStep(100, { period: 60, t0: 40 }), 1n);
    assert.equal(totp(rfcSeeds.SHA1, 59 + 1000, { t0: 1000 }), '287082');
  });

  it('refuses digit counts outside 1 to 10', () => {
    assert.throws(() => hotp(rfcSeeds.SHA1, 0, { digits: 0 }), RangeError);
    assert.throws(() => hotp(rfcSeeds.SHA1, 0, { digits: 11 }), RangeError);
  });
});

describe('totp-reference: base32', () => {
  it('encodes and decodes the RFC 4648 test vectors without padding', () => {
    const vectors = ['', 'MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI'];
    vectors.forEach((encoded, length) => {
      const bytes = ascii('foobar'.slice(0, length));
      assert.equal(base32Encode(bytes), encoded);
      assert.deepEqual(base32Decode(encoded), bytes);
    });
    assert.deepEqual(base32Decode('MZXW6YQ='), ascii('foob'));
  });

  it('decodes the Key Uri Format example', () => {
    assert.deepEqual(
      base32Decode('JBSWY3DPEHPK3PXP'),
      Uint8Array.from([...Buffer.from('Hello!'), 0xde, 0xad, 0xbe, 0xef]),
    );
  });

  it('round-trips random secrets like otpauth does', () => {
    for (let i = 0; i < 50; i += 1) {
      const bytes = new Uint8Array(randomBytes(i + 1));
      const encoded = base32Encode(bytes);
      assert.equal(encoded, new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32);
      assert.deepEqual(base32Decode(encoded), bytes);
    }
  });

  it('refuses lower case and characters outside the alphabet', () => {
    assert.throws(() => base32Decode('mzxw6'), SyntaxError);
    assert.throws(() => base32Decode('MZXW1'), SyntaxError);
  });
});
