/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret, TOTP, URI } from 'otpauth';
import { createMemoryStore } from './memory-store.js';
import { baseStep, codeAt, harness, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

const minutes = (n: number) => n * 60_000;

async function begin(h: ReturnType<typeof harness>, user = 'alice', headers = {}) {
  const result = await h.call('/enrollment', { user, headers });
  assert.equal(result.status, 200);
  const body = result.body as Record<string, string>;
  return { ...body, key: base32Decode(body.secret!) } as Record<string, string> & {
    key: Uint8Array;
  };
}

describe('enrollment (A-16..A-23, §9)', () => {
  it('starts a well-formed enrollment: 160-bit secret, Key URI, 15 min', async () => {
    const h = harness();
    const result = await h.call('/enrollment', { user: 'a+b' });
    assert.equal(result.status, 200);
    assert.deepEqual(Object.keys(result.body).sort(), [
      'accountName',
      'enrollmentId',
      'expiresAt',
      'issuer',
      'otpauthUri',
      'secret',
    ]);
    const { enrollmentId, secret, otpauthUri, issuer, accountName, expiresAt } = result.body;
    assert.match(enrollmentId as string, /^[0-9a-f]{32}$/);
    assert.match(secret as string, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret as string).length, 20);
    assert.equal(issuer, 'ACME Co');
    assert.equal(accountName, 'a+b@example.com');
    assert.equal(expiresAt, new Date(h.clock.now + minutes(15)).toISOString());
    assert.equal(
      otpauthUri,
      `otpauth://totp/ACME%20Co:a%2Bb%40example.com?secret=${secret}` +
        '&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = URI.parse(otpauthUri as string) as TOTP;
    assert.equal(parsed.secret.base32, secret);
    assert.equal(parsed.issuer, 'ACME Co');
    assert.equal(parsed.label, 'a+b@example.com');
  });

  it('removes colons from the account name and refuses an empty one', async () => {
    const h = harness({ getUser: () => ({ id: 'u', accountName: 'team:alice', stage: 'full' }) });
    const result = await h.call('/enrollment');
    assert.equal(result.body.accountName, 'teamalice');
    assert.match(result.body.otpauthUri as string, /^otpauth:\/\/totp\/ACME%20Co:teamalice\?/);
    const empty = harness({ getUser: () => ({ id: 'u', accountName: ':', stage: 'full' }) });
    assert.equal((await empty.call('/enrollment')).status, 500);
  });

  it('issues distinct secrets across 200 enrollments (A-17)', async () => {
    const h = harness();
    const secrets = new Set<string>();
    for (let i = 0; i < 200; i += 1) secrets.add((await begin(h, `user${i % 20}`)).secret!);
    assert.equal(secrets.size, 200);
  });

  it('does not enable anything before confirmation (A-20)', async () => {
    const h = harness();
    await begin(h);
    assert.deepEqual((await h.call('/status')).body, { enabled: false });
  });

  it('enables with a code of the pending secret, never shown again (A-23)', async () => {
    const h = harness();
    const { enrollmentId, secret, otpauthUri, key } = await begin(h);
    const wrong = { enrollmentId, code: wrongCode(key, baseStep) };
    assert.deepEqual((await h.call('/enrollment/confirm', { body: wrong })).body, {
      error: 'invalid_code',
    });
    assert.deepEqual((await h.call('/status')).body, { enabled: false });
    const right = { enrollmentId, code: codeAt(key, baseStep) };
    const confirmed = await h.call('/enrollment/confirm', { body: right });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(confirmed.body, { enabled: true });
    assert.deepEqual(
      h.events.map((e) => e.type),
      ['totp.enabled'],
    );

    const responses = [
      await h.call('/status'),
      await h.call('/enrollment'),
      await h.call('/enrollment/confirm', { body: right }),
      await h.call('/enrollment/cancel', { body: { enrollmentId } }),
      await h.call('/verify', { body: { code: codeAt(key, baseStep + 1) } }),
      await h.call('/disable', { body: { code: codeAt(key, baseStep + 1) } }),
    ];
    for (const response of responses) {
      assert.ok(!response.text.includes(secret!), 'a response holds the secret');
      assert.ok(!response.text.includes(otpauthUri!), 'a response holds the URI');
      assert.ok(![...response.headers.values()].join().includes(secret!));
    }
  });

  it('consumes the confirming step: the same code then fails on /verify (A-21)', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h);
    const code = codeAt(key, baseStep);
    await h.call('/enrollment/confirm', { body: { enrollmentId, code } });
    const replay = await h.call('/verify', { body: { code } });
    assert.deepEqual([replay.status, replay.body], [422, { error: 'code_already_used' }]);
  });

  it('answers 409 while enabled and the old secret keeps working (A-22)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    const again = await h.call('/enrollment');
    assert.deepEqual([again.status, again.body], [409, { error: 'already_enabled' }]);
    assert.equal(await h.store.getPendingEnrollment('alice'), undefined);
    const verify = await h.call('/verify', { body: { code: codeAt(key, baseStep + 1) } });
    assert.equal(verify.status, 200);
  });

  it('replaces the pending enrollment on a new start (A-20, rows 53)', async () => {
    const h = harness();
    const first = await begin(h);
    const second = await begin(h);
    const code = codeAt(first.key, baseStep);
    const old = await h.call('/enrollment/confirm', {
      body: { enrollmentId: first.enrollmentId, code },
    });
    assert.deepEqual([old.status, old.body], [404, { error: 'no_pending_enrollment' }]);
    const firstSecret = await h.call('/enrollment/confirm', {
      body: { enrollmentId: second.enrollmentId, code },
    });
    assert.deepEqual([firstSecret.status, firstSecret.body], [422, { error: 'invalid_code' }]);
    const ok = await h.call('/enrollment/confirm', {
      body: { enrollmentId: second.enrollmentId, code: codeAt(second.key, baseStep) },
    });
    assert.equal(ok.status, 200);
  });

  it('ignores an attacker-chosen secret in the confirmation body (row 55)', async () => {
    const h = harness();
    const { enrollmentId } = await begin(h);
    const chosen = new Secret();
    const code = TOTP.generate({ secret: chosen, timestamp: h.clock.now });
    const result = await h.call('/enrollment/confirm', {
      body: { enrollmentId, code, secret: chosen.base32, userId: 'bob' },
    });
    assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
  });

  it('expires after 15 minutes with 410, then the enrollment is gone (404)', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h);
    h.clock.now += minutes(15) - 1;
    const code = codeAt(key, Math.floor(h.clock.now / 30_000));
    const late = { enrollmentId, code };
    h.clock.now += 1;
    const expired = await h.call('/enrollment/confirm', { body: late });
    assert.deepEqual([expired.status, expired.body], [410, { error: 'enrollment_expired' }]);
    const gone = await h.call('/enrollment/confirm', { body: late });
    assert.deepEqual([gone.status, gone.body], [404, { error: 'no_pending_enrollment' }]);
  });

  it('confirms just before expiry', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h);
    h.clock.now += minutes(15) - 1;
    const code = codeAt(key, Math.floor(h.clock.now / 30_000));
    assert.equal(
      (await h.call('/enrollment/confirm', { body: { enrollmentId, code } })).status,
      200,
    );
  });

  it('honours a shorter enrollmentTtl', async () => {
    const h = harness({ policy: { enrollmentTtl: 60 } });
    const { expiresAt } = await begin(h);
    assert.equal(expiresAt, new Date(h.clock.now + 60_000).toISOString());
  });

  it('cancels the pending enrollment, expired or not, and 404s without one', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h);
    const cancelled = await h.call('/enrollment/cancel', { body: { enrollmentId } });
    assert.deepEqual([cancelled.status, cancelled.body], [200, { enabled: false }]);
    const code = codeAt(key, baseStep);
    const after = await h.call('/enrollment/confirm', { body: { enrollmentId, code } });
    assert.equal(after.status, 404);
    const again = await h.call('/enrollment/cancel', { body: { enrollmentId } });
    assert.deepEqual([again.status, again.body], [404, { error: 'no_pending_enrollment' }]);

    const late = await begin(h);
    h.clock.now += minutes(60);
    const expired = await h.call('/enrollment/cancel', {
      body: { enrollmentId: late.enrollmentId },
    });
    assert.equal(expired.status, 200);
  });

  it('binds the pending enrollment to the session that started it, when named', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h, 'alice', { 'X-Test-Session': 's1' });
    const body = { enrollmentId, code: codeAt(key, baseStep) };
    const other = { 'X-Test-Session': 's2' };
    assert.equal((await h.call('/enrollment/cancel', { body, headers: other })).status, 404);
    assert.equal((await h.call('/enrollment/confirm', { body, headers: other })).status, 404);
    const same = { 'X-Test-Session': 's1' };
    assert.equal((await h.call('/enrollment/confirm', { body, headers: same })).status, 200);
  });

  it("keeps users apart: Bob cannot confirm or cancel Alice's enrollment (A-28)", async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h, 'alice');
    const body = { enrollmentId, code: codeAt(key, baseStep) };
    assert.equal((await h.call('/enrollment/confirm', { user: 'bob', body })).status, 404);
    assert.equal((await h.call('/enrollment/cancel', { user: 'bob', body })).status, 404);
    assert.equal((await h.call('/enrollment/confirm', { user: 'alice', body })).status, 200);
  });

  it('refuses a malformed enrollmentId or code with 400 before looking anything up', async () => {
    const h = harness();
    const { enrollmentId, key } = await begin(h);
    const code = codeAt(key, baseStep);
    for (const body of [{ code }, { enrollmentId: 5, code }, { enrollmentId, code: 5 }, {}]) {
      const result = await h.call('/enrollment/confirm', { body });
      assert.deepEqual([result.status, result.body], [400, { error: 'invalid_format' }]);
    }
    const cancel = await h.call('/enrollment/cancel', { body: { enrollmentId: null } });
    assert.equal(cancel.status, 400);
    assert.equal(
      (await h.call('/enrollment/confirm', { body: { enrollmentId, code } })).status,
      200,
    );
  });

  it('lets a new enrollment start after disable, with a new secret (A-23)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    const off = await h.call('/disable', { body: { code: codeAt(key, baseStep + 1) } });
    assert.deepEqual([off.status, off.body], [200, { enabled: false }]);
    const next = await begin(h);
    assert.notDeepEqual(next.key, key);
  });

  it('fails closed when the pending secret does not decrypt (A-24)', async () => {
    const store = createMemoryStore();
    const h = harness({ store });
    const { enrollmentId, key } = await begin(h);
    const swapped = harness({ store, encryptionKey: Buffer.alloc(32, 1) });
    const result = await swapped.call('/enrollment/confirm', {
      body: { enrollmentId, code: codeAt(key, baseStep) },
    });
    assert.deepEqual([result.status, result.body], [422, { error: 'invalid_code' }]);
    assert.ok(swapped.logs.some((line) => line.includes('totp secret unreadable')));
  });
});
