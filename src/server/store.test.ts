/// <reference types="node" />
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createMemoryStore } from './memory-store.js';
import type { FailureLimits } from './policy.js';
import { createSqliteStore, migrations } from './sqlite-store.js';
import type { PendingEnrollment, TotpStore } from './store.js';

const limits: FailureLimits = {
  throttleAfter: 3,
  hardCap: 6,
  firstDelayMs: 60_000,
  maxDelayMs: 200_000,
};
const now = 1_000_000;
const pending = (userId: string, enrollmentId = 'e1', expiresAt = now + 60_000) =>
  ({ userId, enrollmentId, sessionId: null, secretCiphertext: 'sealed', expiresAt }) as const;

/** Creates a user with a confirmed authenticator whose last used step is 10. */
async function enabled(store: TotpStore, userId: string) {
  await store.putPendingEnrollment(pending(userId));
  assert.equal(await store.confirmEnrollment(userId, 'e1', 10, now), true);
}

const dir = mkdtempSync(join(tmpdir(), 'totp-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const stores: [string, () => TotpStore][] = [
  ['memory store', createMemoryStore],
  ['SQLite store (:memory:)', () => createSqliteStore(':memory:')],
  ['SQLite store (file)', () => createSqliteStore(join(dir, `${Math.random()}.db`))],
];

for (const [name, create] of stores) {
  describe(`${name}: the TotpStore contract (S-04)`, () => {
    it('keeps pending enrollments, one per user, replaced by a new one', async () => {
      const store = create();
      assert.equal(await store.getPendingEnrollment('a'), undefined);
      await store.putPendingEnrollment(pending('a', 'e1'));
      await store.putPendingEnrollment(pending('a', 'e2'));
      await store.putPendingEnrollment(pending('b', 'e1'));
      assert.deepEqual(await store.getPendingEnrollment('a'), pending('a', 'e2'));
      assert.equal(await store.deletePendingEnrollment('a', 'e1'), false);
      assert.equal(await store.deletePendingEnrollment('a', 'e2'), true);
      assert.equal(await store.getPendingEnrollment('a'), undefined);
      assert.deepEqual(await store.getPendingEnrollment('b'), pending('b', 'e1'));
    });

    it('confirms a pending enrollment once, with its step as the last used one', async () => {
      const store = create();
      await store.putPendingEnrollment(pending('a'));
      assert.equal(await store.confirmEnrollment('a', 'other', 10, now), false);
      assert.equal(await store.confirmEnrollment('a', 'e1', 10, now), true);
      assert.equal(await store.confirmEnrollment('a', 'e1', 11, now), false);
      assert.equal(await store.getPendingEnrollment('a'), undefined);
      assert.deepEqual(await store.getAuthenticator('a'), {
        userId: 'a',
        secretCiphertext: 'sealed',
        confirmedAt: now,
        lastUsedStep: 10,
        failCount: 0,
        lockUntil: 0,
        lockLevel: 0,
        disabledAt: null,
      });
    });

    it('refuses to confirm when expired, locked or already enabled', async () => {
      const store = create();
      await store.putPendingEnrollment(pending('a', 'e1', now));
      assert.equal(await store.confirmEnrollment('a', 'e1', 10, now), false, 'expired');
      await store.putPendingEnrollment(pending('b', 'e1', now + 120_000));
      for (let i = 0; i < 3; i += 1) await store.recordFailure('b', now, limits);
      assert.equal(await store.confirmEnrollment('b', 'e1', 10, now), false, 'locked');
      assert.ok(await store.getPendingEnrollment('b'), 'a refused confirmation keeps the pending');
      assert.equal(await store.confirmEnrollment('b', 'e1', 10, now + 60_000), true);
      await store.putPendingEnrollment(pending('b', 'e2'));
      assert.equal(await store.confirmEnrollment('b', 'e2', 20, now + 60_000), false, 'enabled');
    });

    it('consumes only steps after the last used one', async () => {
      const store = create();
      assert.equal(await store.consumeStep('a', 5, now), false, 'no authenticator');
      await enabled(store, 'a');
      assert.equal(await store.consumeStep('a', 10, now), false);
      assert.equal(await store.consumeStep('a', 9, now), false);
      assert.equal(await store.consumeStep('a', 12, now), true);
      assert.equal(await store.consumeStep('a', 11, now), false);
      assert.equal((await store.getAuthenticator('a'))!.lastUsedStep, 12);
    });

    it('gives exactly one of many concurrent consumptions of a step', async () => {
      const store = create();
      await enabled(store, 'a');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.consumeStep('a', 11, now)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('counts failures, locks with doubling delays and disables at the hard cap', async () => {
      const store = create();
      await enabled(store, 'a');
      let t = now;
      const outcomes = [];
      for (let i = 0; i < 6; i += 1) {
        const outcome = await store.recordFailure('a', t, limits);
        outcomes.push(outcome);
        if (outcome!.lockUntil > t) {
          assert.equal(await store.recordFailure('a', t, limits), undefined, 'locked: not counted');
          assert.equal(await store.consumeStep('a', 99, t), false, 'locked: nothing consumed');
          t = outcome!.lockUntil;
        }
      }
      assert.deepEqual(outcomes, [
        { failCount: 1, lockUntil: 0, disabledAt: null },
        { failCount: 2, lockUntil: 0, disabledAt: null },
        { failCount: 3, lockUntil: now + 60_000, disabledAt: null },
        { failCount: 4, lockUntil: now + 60_000 + 120_000, disabledAt: null },
        { failCount: 5, lockUntil: now + 180_000 + 200_000, disabledAt: null },
        { failCount: 6, lockUntil: 0, disabledAt: now + 380_000 },
      ]);
      assert.equal(await store.recordFailure('a', t + 1e9, limits), undefined, 'disabled');
      assert.equal(await store.consumeStep('a', 99, t + 1e9), false, 'disabled');
    });

    it('keeps locking but never disables before an authenticator is confirmed', async () => {
      const store = create();
      let last;
      for (let i = 0, t = now; i < 8; i += 1, t += 1e9)
        last = await store.recordFailure('c', t, limits);
      assert.equal(last!.failCount, 8);
      assert.equal(last!.disabledAt, null);
    });

    it('resets the counter on success and on resetFailures()', async () => {
      const store = create();
      await enabled(store, 'a');
      await store.recordFailure('a', now, limits);
      await store.recordFailure('a', now, limits);
      assert.equal(await store.consumeStep('a', 11, now), true);
      assert.equal((await store.recordFailure('a', now, limits))!.failCount, 1);
      for (let i = 0; i < 2; i += 1) await store.recordFailure('a', now, limits);
      await store.resetFailures('a');
      const record = (await store.getAuthenticator('a'))!;
      assert.deepEqual([record.failCount, record.lockUntil, record.lockLevel], [0, 0, 0]);
    });

    it('forgets everything of a user on deleteAuthenticator()', async () => {
      const store = create();
      await enabled(store, 'a');
      await store.putPendingEnrollment(pending('a', 'e9'));
      await enabled(store, 'b');
      await store.deleteAuthenticator('a');
      assert.equal(await store.getAuthenticator('a'), undefined);
      assert.equal(await store.getPendingEnrollment('a'), undefined);
      assert.ok(await store.getAuthenticator('b'));
    });

    it('returns copies, not live records', async () => {
      const store = create();
      await enabled(store, 'a');
      const record = (await store.getAuthenticator('a'))!;
      record.lastUsedStep = 1e9;
      assert.equal((await store.getAuthenticator('a'))!.lastUsedStep, 10);
      const stored: PendingEnrollment = { ...pending('z'), sessionId: 's1' };
      await store.putPendingEnrollment(stored);
      stored.enrollmentId = 'changed';
      assert.equal((await store.getPendingEnrollment('z'))!.enrollmentId, 'e1');
    });
  });
}

describe('SQLite store: schema and migrations', () => {
  it('creates the schema on a fresh database and records user_version', () => {
    const db = new Database(join(dir, 'fresh.db'));
    createSqliteStore(db);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    assert.deepEqual(tables, ['totp_authenticators', 'totp_pending_enrollments']);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('keeps the data when reopened, and migrating again changes nothing', async () => {
    const file = join(dir, 'reopen.db');
    const first = createSqliteStore(file);
    await enabled(first, 'a');
    first.close();
    const second = createSqliteStore(file);
    assert.equal((await second.getAuthenticator('a'))!.lastUsedStep, 10);
    second.close();
    const db = new Database(file);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    db.close();
  });

  it('refuses a database of a newer schema', () => {
    const db = new Database(join(dir, 'newer.db'));
    db.pragma(`user_version = ${migrations.length + 1}`);
    assert.throws(() => createSqliteStore(db), /newer than this code knows/);
    db.close();
  });

  it('migrates one database from several connections opened at once', () => {
    const file = join(dir, 'shared.db');
    const stores = Array.from({ length: 4 }, () => createSqliteStore(file));
    for (const store of stores) store.close();
  });
});
