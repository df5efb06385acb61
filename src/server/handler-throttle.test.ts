/// <reference types="node" />
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { createMemoryStore } from './memory-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { TotpStore } from './store.js';
import { baseStep, codeAt, harness, stepStart, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

const T = baseStep;
const dir = mkdtempSync(join(tmpdir(), 'totp-throttle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function enabledAlice(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  h.clock.now = stepStart(T - 3) + 5000;
  const key = await h.enable('alice');
  h.clock.now = stepStart(T) + 5000;
  let salt = 0;
  const send = (code: string, route = '/verify', headers: Record<string, string> = {}) =>
    h.call(route, { body: { code }, headers });
  const wrong = (route = '/verify', headers: Record<string, string> = {}) =>
    send(wrongCode(key, Math.floor(h.clock.now / 30_000), (salt += 1)), route, headers);
  return { h, key, send, wrong };
}

const statuses = (results: { status: number }[]) => results.map((r) => r.status);

describe('throttle (A-10..A-14, rows 39-47)', () => {
  it('locks at the 10th failure: then 429, the correct code unused (row 39)', async () => {
    const { h, key, send, wrong } = await enabledAlice();
    const results = [];
    for (let i = 0; i < 10; i += 1) results.push(await wrong());
    assert.deepEqual(statuses(results), Array(10).fill(422));
    const locked = await send(codeAt(key, T + 1));
    assert.deepEqual([locked.status, locked.body], [429, { error: 'rate_limited' }]);
    assert.equal(locked.headers.get('Retry-After'), '60');
    assert.equal((await h.store.getAuthenticator('alice'))!.lastUsedStep, T - 3, 'not consumed');
    const status = await h.call('/status');
    assert.deepEqual(status.body, {
      enabled: true,
      lockedUntil: new Date(h.clock.now + 60_000).toISOString(),
    });
    const lockEvent = h.events.find((e) => e.type === 'totp.locked');
    assert.deepEqual(lockEvent, {
      type: 'totp.locked',
      userId: 'alice',
      at: new Date(h.clock.now).toISOString(),
      route: '/verify',
      failures: 10,
      lockedUntil: new Date(h.clock.now + 60_000).toISOString(),
    });
    // After the lock, step T+1 is T−1 of the clock: the code refused while locked still works.
    h.clock.now += 60_000;
    assert.equal((await send(codeAt(key, T + 1))).status, 200);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
  });

  it('rounds Retry-After up to whole seconds, at least 1', async () => {
    const { h, wrong } = await enabledAlice();
    for (let i = 0; i < 10; i += 1) await wrong();
    h.clock.now += 59_001;
    assert.equal((await wrong()).headers.get('Retry-After'), '1');
    h.clock.now -= 1_500;
    assert.equal((await wrong()).headers.get('Retry-After'), '3');
  });

  it('re-locks after each further failure, doubling up to 3600 s (row 43)', async () => {
    const { h, wrong } = await enabledAlice();
    for (let i = 0; i < 10; i += 1) await wrong();
    const delays = [];
    for (let lock = 0; lock < 8; lock += 1) {
      const retryAfter = Number((await wrong()).headers.get('Retry-After'));
      delays.push(retryAfter);
      h.clock.now += retryAfter * 1000;
      const result = await wrong();
      assert.equal(result.status, 422, 'one attempt is evaluated after each lock');
    }
    assert.deepEqual(delays, [60, 120, 240, 480, 960, 1920, 3600, 3600]);
    assert.equal(h.events.filter((e) => e.type === 'totp.locked').length, 9);
  });

  it('shares one counter across sessions, IPs and endpoints (rows 40-42)', async () => {
    const { wrong } = await enabledAlice();
    for (let i = 0; i < 5; i += 1) await wrong('/verify', { 'X-Test-Session': 'A' });
    for (let i = 0; i < 2; i += 1) await wrong('/verify', { 'X-Forwarded-For': `10.0.0.${i}` });
    for (let i = 0; i < 3; i += 1) await wrong('/disable', { 'X-Test-Session': 'B' });
    assert.equal((await wrong('/verify', { 'X-Test-Session': 'C' })).status, 429);
    assert.equal((await wrong('/disable')).status, 429);
  });

  it('counts failed confirmations on the same counter (A-10)', async () => {
    const h = harness();
    const begun = await h.call('/enrollment');
    const { enrollmentId } = begun.body;
    const key = base32Decode(begun.body.secret as string);
    const results = [];
    for (let i = 0; i < 11; i += 1) {
      const code = wrongCode(key, T, i);
      results.push(await h.call('/enrollment/confirm', { body: { enrollmentId, code } }));
    }
    assert.deepEqual(statuses(results), [...Array(10).fill(422), 429]);
  });

  it('resets the counter after a success (A-13, row 44)', async () => {
    const { h, key, send, wrong } = await enabledAlice();
    for (let i = 0; i < 9; i += 1) await wrong();
    assert.equal((await send(codeAt(key, T))).status, 200);
    for (let i = 0; i < 9; i += 1) assert.equal((await wrong()).status, 422);
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
    assert.equal((await send(codeAt(key, T + 1))).status, 200);
  });

  it('neither counts nor evaluates invalid_format or requests refused while locked', async () => {
    const { h, wrong } = await enabledAlice();
    for (let i = 0; i < 9; i += 1) await wrong();
    for (let i = 0; i < 20; i += 1) await h.call('/verify', { body: { code: '12345' } });
    assert.equal((await wrong()).status, 422);
    for (let i = 0; i < 20; i += 1) assert.equal((await wrong()).status, 429);
    assert.equal((await h.store.getAuthenticator('alice'))!.failCount, 10);
  });

  it('disables the authenticator at the 100th consecutive failure (A-12, row 45)', async () => {
    const { h, key, send, wrong } = await enabledAlice();
    let last;
    for (let failures = 0; failures < 100;) {
      last = await wrong(failures % 2 ? '/disable' : '/verify');
      if (last.status === 429) {
        h.clock.now += Number(last.headers.get('Retry-After')) * 1000;
        continue;
      }
      failures += 1;
      if (failures < 100) assert.equal(last.status, 422);
    }
    assert.deepEqual([last!.status, last!.body], [423, { error: 'authenticator_disabled' }]);
    const capEvent = h.events.find((e) => e.type === 'totp.disabled_by_cap');
    assert.deepEqual(capEvent, {
      type: 'totp.disabled_by_cap',
      userId: 'alice',
      at: new Date(h.clock.now).toISOString(),
      route: '/disable',
      failures: 100,
    });
    const step = Math.floor(h.clock.now / 30_000);
    for (const route of ['/verify', '/disable']) {
      const correct = await send(codeAt(key, step), route);
      assert.deepEqual([correct.status, correct.body], [423, { error: 'authenticator_disabled' }]);
    }
    h.clock.now += 10 * 3_600_000;
    assert.equal((await send(codeAt(key, step + 1200))).status, 423);
    assert.deepEqual(
      (await h.call('/status')).body,
      { enabled: true },
      'no lockedUntil: 423, not 429',
    );
    assert.equal((await h.call('/enrollment')).status, 409);
  });

  it('honours a stricter policy', async () => {
    const { wrong } = await enabledAlice({
      policy: { throttleAfter: 3, hardCap: 5, firstDelay: 30 },
    });
    assert.deepEqual(
      statuses([await wrong(), await wrong(), await wrong(), await wrong()]),
      [422, 422, 422, 429],
    );
  });
});

describe('throttle: test mode (S-10)', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('shortLocks makes every lock 1 s, so 100 failures take about 90 s of waiting', async () => {
    const { h, wrong } = await enabledAlice({ testMode: { shortLocks: true } });
    for (let i = 0; i < 10; i += 1) await wrong();
    assert.equal((await wrong()).headers.get('Retry-After'), '1');
    h.clock.now += 1000;
    await wrong();
    assert.equal((await wrong()).headers.get('Retry-After'), '1');
  });

  it('resetCounters() zeroes the counter and the lock', async () => {
    const { h, key, send, wrong } = await enabledAlice({ testMode: {} });
    for (let i = 0; i < 10; i += 1) await wrong();
    await h.handler.testHooks!.resetCounters('alice');
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
    assert.equal((await send(codeAt(key, T))).status, 200);
  });
});

const parallelStores: [string, () => TotpStore][] = [
  ['memory', createMemoryStore],
  ['SQLite file', () => createSqliteStore(join(dir, `${Math.random()}.db`))],
];

for (const [name, createStore] of parallelStores) {
  describe(`throttle under concurrency, ${name} store (A-14, row 47)`, () => {
    it('evaluates at most 10 of 50 parallel wrong codes; the rest get 429', async () => {
      const { h, key } = await enabledAlice({ store: createStore() });
      const requests = Array.from({ length: 50 }, (_, i) =>
        h.call('/verify', { body: { code: wrongCode(key, T, i) } }),
      );
      const results = await Promise.all(requests);
      const counts = { 422: 0, 429: 0 } as Record<number, number>;
      for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
      assert.deepEqual(counts, { 422: 10, 429: 40 });
      assert.equal((await h.store.getAuthenticator('alice'))!.failCount, 10);
    });
  });
}
