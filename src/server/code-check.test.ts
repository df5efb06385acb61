/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCodeFormat, matchingSteps, stepAt } from './code-check.js';
import { harness, rfc4226, rfc6238, rfcSeeds, stepStart } from './test-support.js';
import { hotp } from './totp-reference.js';

const seed = rfcSeeds.SHA1;
const at = (seconds: number) => seconds * 1000;
const rfcCode = (step: number) => hotp(seed, step);

describe('server verification path: RFC vectors through otpauth (S-02)', () => {
  it('accepts all 10 RFC 4226 values as the codes of steps 0 to 9', () => {
    rfc4226.forEach((code, step) => {
      assert.deepEqual(matchingSteps(seed, code, stepStart(step), 'both'), [step]);
      // The last millisecond of the step (t = 30k + 29.999 s) still has step k as T.
      assert.deepEqual(matchingSteps(seed, code, stepStart(step + 1) - 1, 'past'), [step]);
    });
  });

  for (const [time, step, sha1, sha256, sha512] of rfc6238) {
    it(`accepts the 6-digit SHA1 code at t = ${time} as step ${step}`, () => {
      assert.equal(stepAt(at(time)), Number(step));
      assert.deepEqual(matchingSteps(seed, sha1.slice(2), at(time), 'both'), [Number(step)]);
    });

    it(`rejects the SHA256 and SHA512 codes at t = ${time} (SHA1 only, wrong seed)`, () => {
      for (const code of [sha256, sha512]) {
        assert.deepEqual(matchingSteps(seed, code.slice(2), at(time), 'both'), []);
        assert.deepEqual(matchingSteps(rfcSeeds.SHA256, code.slice(2), at(time), 'both'), []);
      }
    });
  }

  it('handles times past 2^32 seconds', () => {
    const [time, step, sha1] = rfc6238[5]!;
    assert.ok(time > 2 ** 32);
    assert.deepEqual(matchingSteps(seed, sha1.slice(2), at(time), 'both'), [Number(step)]);
  });

  it('moves from step 1 to step 2 between 59 s and 60 s', () => {
    assert.equal(stepAt(at(59)), 1);
    assert.equal(stepAt(at(60)), 2);
    assert.deepEqual(matchingSteps(seed, '287082', at(59), 'past'), [1]);
    assert.deepEqual(matchingSteps(seed, '287082', at(60), 'past'), [1], 'now T−1');
    assert.deepEqual(matchingSteps(seed, '287082', at(90), 'both'), [], 'now T−2');
  });
});

describe('server verification path: window (A-02, S-03)', () => {
  // Security requirements §5 window fixture: t = 1234567890, step 41152263.
  const fixture = { '-2': '186057', '-1': '980357', '0': '005924', '1': '590587', '2': '240500' };
  const now = at(1234567890);
  const T = 41152263;

  it('accepts T−1, T and T+1 and rejects T−2 and T+2 by default', () => {
    assert.deepEqual(matchingSteps(seed, fixture['-1'], now, 'both'), [T - 1]);
    assert.deepEqual(matchingSteps(seed, fixture['0'], now, 'both'), [T]);
    assert.deepEqual(matchingSteps(seed, fixture['1'], now, 'both'), [T + 1]);
    assert.deepEqual(matchingSteps(seed, fixture['-2'], now, 'both'), []);
    assert.deepEqual(matchingSteps(seed, fixture['2'], now, 'both'), []);
  });

  it('accepts only T−1 and T with the past-only window', () => {
    assert.deepEqual(matchingSteps(seed, fixture['-1'], now, 'past'), [T - 1]);
    assert.deepEqual(matchingSteps(seed, fixture['0'], now, 'past'), [T]);
    assert.deepEqual(matchingSteps(seed, fixture['1'], now, 'past'), []);
  });

  it('accepts step k at t = 30k + 29 and rejects step k − 2 at t = 30k', () => {
    const k = 1000;
    assert.deepEqual(matchingSteps(seed, rfcCode(k), at(30 * k + 29), 'past'), [k]);
    assert.deepEqual(matchingSteps(seed, rfcCode(k - 2), at(30 * k), 'both'), []);
    assert.deepEqual(matchingSteps(seed, rfcCode(k - 1), at(30 * k), 'both'), [k - 1]);
  });
});

describe('server verification path: through the handler', () => {
  it('enables the RFC seed at t = 59 and verifies the vectors in order', async () => {
    const h = harness();
    h.clock.now = at(29);
    await h.enable('rfc', { secret: seed });
    const times = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000];
    for (const [i, time] of times.entries()) {
      h.clock.now = at(time);
      const code = rfc6238[i]![2].slice(2);
      const result = await h.call('/verify', { user: 'rfc', body: { code } });
      assert.equal(result.status, 200, `t = ${time}`);
    }
  });
});

describe('code format (A-04)', () => {
  it('takes only strings of six ASCII digits', () => {
    assert.ok(isCodeFormat('005924'));
    const bad = [
      123456,
      '12345',
      '1234567',
      ' 123456',
      '123456 ',
      '+12345',
      '１２３４５６',
      '12_456',
    ];
    for (const value of [...bad, '٠١٢٣٤٥', '', null, undefined, ['123456'], {}]) {
      assert.equal(isCodeFormat(value), false, JSON.stringify(value));
    }
  });
});
