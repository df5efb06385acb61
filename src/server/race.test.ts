/// <reference types="node" />
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createTotpHandler, type TotpHandler } from './handler.js';
import { createSqliteStore } from './sqlite-store.js';
import type { TotpStore } from './store.js';
import { baseStep, codeAt, stepStart, testKey, testUser, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

/*
 * against SQLite as deployed: one database file shared by four "server
 * instances", each with its own better-sqlite3 connection and its own handler. better-sqlite3
 * is synchronous, so requests interleave at the handler's awaits (body, store calls): all 20
 * requests read the record before any of them writes, exactly the window in which a
 * read-then-write guard double-spends. The control test proves the window is real by
 * swapping in such a guard; the real store's conditional UPDATE must let exactly one through.
 */

const T = baseStep;
const dir = mkdtempSync(join(tmpdir(), 'totp-race-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Cluster {
  handlers: TotpHandler[];
  stores: TotpStore[];
  calls: { consume: number; wins: number };
  send(i: number, path: string, body: object): Promise<{ status: number; body: unknown }>;
}

/** Four handlers on four connections to one file; `naive` swaps in a read-then-write guard. */
function cluster(naive = false): Cluster {
  const file = join(dir, `${Math.random()}.db`);
  const now = stepStart(T) + 5000;
  const calls = { consume: 0, wins: 0 };
  const stores = Array.from({ length: 4 }, (): TotpStore => {
    const db = new Database(file);
    const store = createSqliteStore(db);
    const write = db.prepare('UPDATE totp_authenticators SET last_used_step = ? WHERE user_id = ?');
    return {
      ...store,
      async consumeStep(userId, step, at) {
        calls.consume += 1;
        let ok: boolean;
        if (naive) {
          const record = await store.getAuthenticator(userId);
          ok = record!.lastUsedStep < step;
          if (ok) write.run(step, userId);
        } else {
          ok = await store.consumeStep(userId, step, at);
        }
        if (ok) calls.wins += 1;
        return ok;
      },
    };
  });
  const handlers = stores.map((store) =>
    createTotpHandler({
      store,
      issuer: 'ACME',
      getUser: testUser,
      encryptionKey: testKey,
      clock: () => now,
    }),
  );
  async function send(i: number, path: string, body: object) {
    const response = await handlers[i % handlers.length]!(
      new Request(`http://server.test${path}`, {
        method: 'POST',
        headers: {
          'X-TOTP-Elements': '1',
          'Content-Type': 'application/json',
          'X-Test-User': 'alice',
        },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: await response.json() };
  }
  return { handlers, stores, calls, send };
}

/** Starts an enrollment through instance 0; returns its id and key. */
async function begin(c: Cluster) {
  const { body } = await c.send(0, '/enrollment', {});
  const { enrollmentId, secret } = body as { enrollmentId: string; secret: string };
  return { enrollmentId, key: base32Decode(secret) };
}

async function enabled(c: Cluster) {
  const { enrollmentId, key } = await begin(c);
  const confirm = await c.send(0, '/enrollment/confirm', {
    enrollmentId,
    code: codeAt(key, T - 1),
  });
  assert.equal(confirm.status, 200);
  return key;
}

const tally = (results: { status: number; body: unknown }[]) => {
  const counts: Record<string, number> = {};
  for (const { status, body } of results) {
    const key = `${status} ${(body as { error?: string }).error ?? 'ok'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('races against SQLite with four connections (A-07, A-14, A-21)', () => {
  it('control: a read-then-write guard lets one code through more than once', async () => {
    const c = cluster(true);
    const key = await enabled(c);
    const code = codeAt(key, T);
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.send(i, '/verify', { code })));
    assert.ok(c.calls.wins > 1, `expected a double spend, got ${c.calls.wins} wins`);
  });

  it('20 parallel submissions of one valid code give exactly one success (row 32)', async () => {
    const c = cluster();
    const key = await enabled(c);
    const code = codeAt(key, T);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.send(i, '/verify', { code })),
    );
    assert.deepEqual(tally(results), { '200 ok': 1, '422 code_already_used': 19 });
    assert.ok(c.calls.consume > 1, 'several requests reached the conditional write at once');
    assert.equal(c.calls.wins, 1);
    assert.equal((await c.stores[3]!.getAuthenticator('alice'))!.failCount, 0, 'none counted');
  });

  it('20 parallel /disable and /verify with one code: exactly one success', async () => {
    const c = cluster();
    const key = await enabled(c);
    const code = codeAt(key, T + 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.send(i, i % 2 ? '/disable' : '/verify', { code })),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
  });

  it('20 parallel confirmations with one code enable once (A-21, row 58)', async () => {
    const c = cluster();
    const { enrollmentId, key } = await begin(c);
    const body = { enrollmentId, code: codeAt(key, T) };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.send(i, '/enrollment/confirm', body)),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.ok(results.every((r) => r.status === 200 || r.status === 422 || r.status === 404));
    const replay = await c.send(1, '/verify', { code: body.code });
    assert.equal(replay.status, 422, 'the confirming code cannot then pass /verify');
  });

  it('50 parallel wrong codes evaluate at most 10; the rest get 429 (row 47)', async () => {
    const c = cluster();
    const key = await enabled(c);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => c.send(i, '/verify', { code: wrongCode(key, T, i) })),
    );
    assert.deepEqual(tally(results), { '422 invalid_code': 10, '429 rate_limited': 40 });
    assert.equal((await c.stores[2]!.getAuthenticator('alice'))!.failCount, 10);
  });
});
