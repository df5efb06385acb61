/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSecretBox } from './secret-box.js';
import { createSqliteStore } from './sqlite-store.js';
import { baseStep, codeAt, harness, stepStart, testKey, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

const T = baseStep;
const fullWidth = (code: string) => code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + +d));
const arabicIndic = (code: string) => code.replace(/\d/g, (d) => String.fromCharCode(0x660 + +d));

/** A harness whose user alice enabled 2FA at step T − 3; the clock is in step T. */
async function enabledAlice(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  h.clock.now = stepStart(T - 3) + 5000;
  const key = await h.enable('alice');
  h.clock.now = stepStart(T) + 5000;
  const verify = (code: unknown, route = '/verify', user = 'alice') =>
    h.call(route, { user, body: { code } });
  return { h, key, verify };
}

const failCount = async (h: ReturnType<typeof harness>, user = 'alice') =>
  (await h.store.getAuthenticator(user))?.failCount ?? 0;

describe('verify: window (A-02, rows 18, 28-30)', () => {
  for (const offset of [-1, 0, 1]) {
    it(`accepts the code of step T${offset ? (offset > 0 ? '+1' : '-1') : ''}`, async () => {
      const { key, verify } = await enabledAlice();
      const result = await verify(codeAt(key, T + offset));
      assert.deepEqual([result.status, result.body], [200, {}]);
    });
  }

  for (const offset of [-2, 2]) {
    it(`rejects step T${offset > 0 ? '+' : ''}${offset} as a counted failure`, async () => {
      const { h, key, verify } = await enabledAlice();
      const result = await verify(codeAt(key, T + offset));
      assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
      assert.equal(await failCount(h), 1);
    });
  }

  it('narrowed to the past: rejects T+1, accepts T−1 and T', async () => {
    const { key, verify } = await enabledAlice({ policy: { window: 'past' } });
    assert.equal((await verify(codeAt(key, T + 1))).status, 422);
    assert.equal((await verify(codeAt(key, T - 1))).status, 200);
    assert.equal((await verify(codeAt(key, T))).status, 200);
  });

  it('accepts step k until t = 30k + 29.999 s, and not at t = 30(k+2)', async () => {
    const { h, key, verify } = await enabledAlice();
    h.clock.now = stepStart(T + 1) - 1;
    assert.equal((await verify(codeAt(key, T))).status, 200);
    h.clock.now = stepStart(T + 3);
    assert.equal((await verify(codeAt(key, T + 1))).status, 422);
  });

  it('ignores a client-supplied time (A-03, row 30)', async () => {
    const { h, key } = await enabledAlice();
    const body = { code: codeAt(key, T + 10), timestamp: stepStart(T + 10), time: 0 };
    const result = await h.call('/verify', { body, headers: { Date: new Date().toUTCString() } });
    assert.equal(result.status, 422);
  });
});

describe('verify: single use on every endpoint (A-06..A-08, rows 31-38)', () => {
  it('rejects the same code twice in a row, not counted, reported (row 31)', async () => {
    const { h, key, verify } = await enabledAlice();
    assert.equal((await verify(codeAt(key, T))).status, 200);
    const replay = await verify(codeAt(key, T));
    assert.deepEqual([replay.status, replay.body], [422, { error: 'code_already_used' }]);
    assert.equal(await failCount(h), 0);
    const event = h.events.find((e) => e.type === 'totp.replay_rejected');
    assert.deepEqual(event, {
      type: 'totp.replay_rejected',
      userId: 'alice',
      at: new Date(h.clock.now).toISOString(),
      route: '/verify',
    });
  });

  it('rejects an older in-window code after a newer one (rows 33, 34)', async () => {
    const { key, verify } = await enabledAlice();
    assert.equal((await verify(codeAt(key, T + 1))).status, 200);
    assert.equal((await verify(codeAt(key, T))).status, 422);
    assert.equal((await verify(codeAt(key, T - 1))).status, 422);
  });

  it('rejects the confirming code on /verify and /disable (row 35)', async () => {
    const h = harness();
    const begun = await h.call('/enrollment');
    const key = base32Decode(begun.body.secret as string);
    const code = codeAt(key, T);
    const enrollmentId = begun.body.enrollmentId;
    assert.equal(
      (await h.call('/enrollment/confirm', { body: { enrollmentId, code } })).status,
      200,
    );
    assert.equal((await h.call('/verify', { body: { code } })).status, 422);
    assert.equal((await h.call('/disable', { body: { code } })).status, 422);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('rejects a code used on /verify when sent to /disable (row 36)', async () => {
    const { h, key, verify } = await enabledAlice();
    assert.equal((await verify(codeAt(key, T))).status, 200);
    const result = await verify(codeAt(key, T), '/disable');
    assert.deepEqual(result.body, { error: 'code_already_used' });
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('rejects a replay after its step left the window (row 37)', async () => {
    const { h, key, verify } = await enabledAlice();
    assert.equal((await verify(codeAt(key, T))).status, 200);
    h.clock.now += 60_000;
    assert.equal((await verify(codeAt(key, T))).status, 422);
  });

  it("accepts the next step's code after a replay rejection (A-08, row 38)", async () => {
    const { key, verify } = await enabledAlice();
    await verify(codeAt(key, T));
    assert.equal((await verify(codeAt(key, T))).status, 422);
    assert.equal((await verify(codeAt(key, T + 1))).status, 200);
  });

  it('does not count 30 replays toward the throttle (§8 decision 3)', async () => {
    const { h, key, verify } = await enabledAlice();
    await verify(codeAt(key, T));
    for (let i = 0; i < 30; i += 1) assert.equal((await verify(codeAt(key, T))).status, 422);
    assert.equal(await failCount(h), 0);
    assert.equal((await verify(codeAt(key, T + 1))).status, 200);
  });
});

describe('verify: input (A-04, rows 19-27)', () => {
  it('answers 400 invalid_format, never 2xx or 5xx, and counts nothing', async () => {
    const { h, key, verify } = await enabledAlice();
    const code = codeAt(key, T);
    const values: unknown[] = [
      Number(code),
      code.slice(0, 5),
      '1',
      '0',
      '',
      `0${code}`,
      ` ${code}`,
      `${code} `,
      `+${code}`,
      `${code}.0`,
      `${code.slice(0, 2)}_${code.slice(2)}`,
      fullWidth(code),
      arabicIndic(code),
      null,
      [code],
      {},
      true,
      `${code}\n`,
      `-${code.slice(1)}`,
      '1e5000',
      '0x1e24',
    ];
    for (const value of values) {
      for (const route of ['/verify', '/disable']) {
        const result = await verify(value, route);
        assert.deepEqual([result.status, result.body], [400, { error: 'invalid_format' }]);
      }
    }
    for (const body of [
      '{}',
      '[]',
      '"123456"',
      '123456',
      'null',
      '{"code":',
      '',
      '{"code":"1"}x',
    ]) {
      const result = await h.call('/verify', { body });
      assert.deepEqual([result.status, result.body], [400, { error: 'invalid_format' }], body);
    }
    assert.equal(await failCount(h), 0);
    assert.equal((await verify(code)).status, 200, 'the code was neither evaluated nor consumed');
  });

  it('answers a 1 MB code with 413, fast and without 5xx (row 26)', async () => {
    const { h } = await enabledAlice();
    const started = performance.now();
    const result = await h.call('/verify', { body: { code: '1'.repeat(1 << 20) } });
    assert.deepEqual([result.status, result.body], [413, { error: 'payload_too_large' }]);
    assert.ok(performance.now() - started < 500);
  });

  it('accepts no code with a missing, empty or unreadable secret (A-24, row 27)', async () => {
    const db = new Database(':memory:');
    const { h, key, verify } = await enabledAlice({ store: createSqliteStore(db) });
    const foreign = createSecretBox(testKey).seal(key, 'bob');
    for (const secret of [null, '', 'v1.garbage', 'not-an-envelope', foreign]) {
      db.prepare('UPDATE totp_authenticators SET secret_ciphertext = ?').run(secret);
      for (const code of [codeAt(key, T), '000000']) {
        const result = await verify(code);
        assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
      }
      assert.equal((await verify('')).status, 400);
    }
    assert.ok(h.logs.some((line) => line.includes('totp secret unreadable')));
    assert.equal(await failCount(h), 0, 'an operator fault is not held against the user');
  });

  it('fails closed without an authenticator: 422, not counted (A-24)', async () => {
    const h = harness();
    for (const code of ['000000', '123456']) {
      const result = await h.call('/verify', { body: { code } });
      assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
      assert.equal((await h.call('/disable', { body: { code } })).status, 422);
    }
    assert.equal(await failCount(h), 0);
  });
});

describe('verify: users and sessions (A-26, A-28, A-29)', () => {
  it("rejects another user's valid code (rows 64, 71)", async () => {
    const { h, verify } = await enabledAlice();
    h.clock.now = stepStart(T - 3) + 5000;
    const bob = await h.enable('bob');
    h.clock.now = stepStart(T) + 5000;
    assert.equal((await verify(codeAt(bob, T))).status, 422);
    assert.equal((await verify(codeAt(bob, T), '/disable')).status, 422);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('ignores userId in the body and acts on the session user (row 72)', async () => {
    const { h, key } = await enabledAlice();
    const result = await h.call('/verify', {
      user: 'alice',
      body: { code: codeAt(key, T), userId: 'bob', accountId: 'bob', verified: true },
    });
    assert.equal(result.status, 200);
    assert.equal((await h.store.getAuthenticator('alice'))!.lastUsedStep, T);
  });

  it('lets a password-only session verify, and nothing else (A-26, rows 59, 65, 68)', async () => {
    const { h, key } = await enabledAlice();
    const password = { 'X-Test-Stage': 'password', 'X-2FA-Verified': 'true', Cookie: 'mfa=1' };
    for (const route of ['/status', '/enrollment', '/enrollment/confirm', '/enrollment/cancel']) {
      const result = await h.call(route, { headers: password, body: { enrollmentId: 'x' } });
      assert.deepEqual([result.status, result.body], [401, { error: 'unauthenticated' }], route);
    }
    const disable = await h.call('/disable', { headers: password, body: { code: codeAt(key, T) } });
    assert.equal(disable.status, 401);
    const verify = await h.call('/verify', { headers: password, body: { code: codeAt(key, T) } });
    assert.equal(verify.status, 200);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('answers 401 without a session on every route', async () => {
    const h = harness();
    for (const route of ['/status', '/enrollment', '/enrollment/confirm', '/verify', '/disable']) {
      const result = await h.call(route, { user: null, body: { code: '123456' } });
      assert.deepEqual([result.status, result.body], [401, { error: 'unauthenticated' }]);
    }
  });
});

describe('verify: onVerified lets the app rotate the session (A-30)', () => {
  it('passes the user and request, and merges its headers and fields into the 200', async () => {
    const seen: string[] = [];
    const { key, verify } = await enabledAlice({
      onVerified(user, request) {
        seen.push(`${user.id} ${user.stage} ${request.method}`);
        return {
          headers: {
            'Set-Cookie': 'sid=new; HttpOnly; Secure; SameSite=Lax',
            'Cache-Control': 'x',
          },
          body: { redirectTo: '/account' },
        };
      },
    });
    const result = await verify(codeAt(key, T));
    assert.deepEqual([result.status, result.body], [200, { redirectTo: '/account' }]);
    assert.equal(result.headers.get('Set-Cookie'), 'sid=new; HttpOnly; Secure; SameSite=Lax');
    assert.equal(result.headers.get('Cache-Control'), 'no-store');
    assert.deepEqual(seen, ['alice full POST']);
  });

  it('is not called for a failed verification', async () => {
    let called = 0;
    const { key, verify } = await enabledAlice({ onVerified: () => void (called += 1) });
    await verify(wrongCode(key, T));
    await verify('12345');
    assert.equal(called, 0);
  });

  it('answers 500 when it throws or returns an error field', async () => {
    for (const onVerified of [
      () => {
        throw new Error('session store down');
      },
      () => ({ body: { error: 'nope' } }),
    ]) {
      const { h, key, verify } = await enabledAlice({ onVerified });
      const result = await verify(codeAt(key, T));
      assert.deepEqual([result.status, result.body], [500, { error: 'server_error' }]);
      assert.ok(h.logs.some((line) => line.includes('totp request failed')));
    }
  });
});

describe('disable (A-25, rows 60-67)', () => {
  it('needs a code: without one 400 and still enabled (row 60)', async () => {
    const { h } = await enabledAlice();
    assert.equal((await h.call('/disable', { body: {} })).status, 400);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('counts a wrong code and stays enabled (row 61)', async () => {
    const { h, key, verify } = await enabledAlice();
    const result = await verify(wrongCode(key, T), '/disable');
    assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
    assert.equal(await failCount(h), 1);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('turns 2FA off with a current code and forgets the secret (row 66)', async () => {
    const { h, key, verify } = await enabledAlice();
    const result = await verify(codeAt(key, T), '/disable');
    assert.deepEqual([result.status, result.body], [200, { enabled: false }]);
    assert.equal(await h.store.getAuthenticator('alice'), undefined);
    assert.deepEqual(
      h.events.map((e) => e.type),
      ['totp.enabled', 'totp.disabled'],
    );
  });

  it('accepts old codes nowhere afterwards (row 67)', async () => {
    const { h, key, verify } = await enabledAlice();
    await verify(codeAt(key, T), '/disable');
    for (const route of ['/verify', '/disable']) {
      assert.equal((await verify(codeAt(key, T + 1), route)).status, 422);
    }
    assert.deepEqual((await h.call('/status')).body, { enabled: false });
  });
});
