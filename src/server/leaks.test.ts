/// <reference types="node" />
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { createMemoryStore } from './memory-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { TotpStore } from './store.js';
import { baseStep, codeAt, harness, stepStart, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

const T = baseStep;
const dir = mkdtempSync(join(tmpdir(), 'totp-leaks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs every flow, failures included, and returns everything that must not hold a secret:
 * the secret (base32 and raw), URI and every code sent.
 */
async function everyFlow(store: TotpStore) {
  const h = harness({ store });
  const sent: string[] = [];
  const call = async (path: string, body: Record<string, unknown>) => {
    if (typeof body.code === 'string') sent.push(body.code);
    return h.call(path, { body });
  };
  h.clock.now = stepStart(T) + 5000;
  const first = await h.call('/enrollment');
  const second = await h.call('/enrollment');
  const secrets = [first, second].map((r) => r.body.secret as string);
  const uris = [first, second].map((r) => r.body.otpauthUri as string);
  const key = base32Decode(secrets[1]!);
  const { enrollmentId } = second.body;
  await call('/enrollment/confirm', { enrollmentId, code: wrongCode(key, T) });
  await call('/enrollment/confirm', {
    enrollmentId: first.body.enrollmentId,
    code: codeAt(key, T),
  });
  await call('/enrollment/confirm', { enrollmentId, code: codeAt(key, T) });
  await call('/verify', { code: codeAt(key, T) });
  await call('/verify', { code: codeAt(key, T + 1) });
  await call('/verify', { code: '12345' });
  for (let i = 0; i < 11; i += 1) await call('/disable', { code: wrongCode(key, T, i) });
  h.clock.now += 60_000;
  await call('/disable', { code: codeAt(key, T + 2) });
  await h.call('/enrollment');
  await h.call('/status');
  return { h, secrets, uris, raws: secrets.map(base32Decode), sent };
}

function assertAbsent(haystack: string, needles: string[], where: string) {
  for (const needle of needles) assert.ok(!haystack.includes(needle), `${where} holds a secret`);
}

describe('no secret, URI or code outside the enrollment response (S-07, S-08, A-32, A-33)', () => {
  it('keeps the debug log of every flow clean, and logs every outcome with the user', async () => {
    const { h, secrets, uris, sent } = await everyFlow(createMemoryStore());
    const log = h.logs.join('\n');
    assertAbsent(log, [...secrets, ...uris, ...sent], 'the log');
    assert.ok(sent.length >= 15 && new Set(sent).size > 10);
    const entries = h.logs.map((line) => JSON.parse(line));
    assert.ok(entries.length >= 20);
    for (const entry of entries) {
      assert.deepEqual(Object.keys(entry).sort(), [
        'at',
        'method',
        'msg',
        'result',
        'route',
        'status',
        'userId',
      ]);
    }
    const results = new Set(entries.map((entry) => entry.result));
    for (const result of ['ok', 'invalid_code', 'code_already_used', 'rate_limited']) {
      assert.ok(results.has(result), result);
    }
  });

  it('sends security events without secrets or codes', async () => {
    const { h, secrets, uris, sent } = await everyFlow(createMemoryStore());
    const types = h.events.map((event) => event.type);
    assert.deepEqual([...new Set(types)].sort(), [
      'totp.disabled',
      'totp.enabled',
      'totp.locked',
      'totp.replay_rejected',
    ]);
    assertAbsent(JSON.stringify(h.events), [...secrets, ...uris, ...sent], 'an event');
  });

  it('captures nothing on stdout or stderr with console as the logger', async () => {
    const written: string[] = [];
    const { stdout, stderr } = process;
    const originals = [stdout.write, stderr.write];
    const capture = (chunk: unknown) => (written.push(String(chunk)), true);
    stdout.write = capture as typeof stdout.write;
    stderr.write = capture as typeof stderr.write;
    let result;
    try {
      const h = harness({ logger: console });
      const key = await h.enable('alice');
      h.clock.now += 30_000;
      const code = codeAt(key, Math.floor(h.clock.now / 30_000));
      await h.call('/verify', { body: { code } });
      await h.call('/verify', { body: { code } });
      result = { code, written: written.join('') };
    } finally {
      [stdout.write, stderr.write] = originals as [typeof stdout.write, typeof stderr.write];
    }
    assert.ok(result.written.includes('totp request'), 'console.debug received the entries');
    assert.ok(!result.written.includes(result.code));
  });
});

describe('secrets encrypted at rest (S-05, A-34, row 84)', () => {
  it('leaves neither the base32 secret nor its raw bytes in the SQLite files', async () => {
    const file = join(dir, 'dump.db');
    const store = createSqliteStore(file);
    const { secrets, raws } = await everyFlow(store);
    // Re-enable so a live secret is on disk too.
    const h = harness({ store });
    const begun = await h.call('/enrollment', { user: 'carol' });
    secrets.push(begun.body.secret as string);
    raws.push(base32Decode(begun.body.secret as string));
    await h.enable('dave');
    const files = readdirSync(dir).filter((name) => name.startsWith('dump.db'));
    assert.ok(files.includes('dump.db-wal'), 'the WAL is checked too');
    const bytes = Buffer.concat(files.map((name) => readFileSync(join(dir, name))));
    assert.ok(bytes.includes(Buffer.from('totp_authenticators')), 'the dump is readable');
    for (const raw of raws) assert.ok(!bytes.includes(Buffer.from(raw)), 'raw secret on disk');
    for (const secret of secrets) {
      assert.ok(!bytes.includes(Buffer.from(secret)), 'base32 secret on disk');
      assert.ok(!bytes.includes(Buffer.from(secret.toLowerCase())));
    }
    store.close();
  });

  it('keeps only envelopes in the memory store', async () => {
    const store = createMemoryStore();
    const h = harness({ store });
    const begun = await h.call('/enrollment', { user: 'erin' });
    const secret = begun.body.secret as string;
    const raw = Buffer.from(base32Decode(secret));
    const dump = async () =>
      inspect([await store.getAuthenticator('erin'), await store.getPendingEnrollment('erin')], {
        depth: Infinity,
        showHidden: true,
      });
    const pendingDump = await dump();
    assert.match(pendingDump, /v1\./);
    const { enrollmentId } = begun.body;
    const code = codeAt(base32Decode(secret), Math.floor(h.clock.now / 30_000));
    await h.call('/enrollment/confirm', { user: 'erin', body: { enrollmentId, code } });
    for (const text of [pendingDump, await dump()]) {
      assert.ok(!text.includes(secret));
      assert.ok(!text.includes(raw.toString('hex')));
      assert.ok(!text.includes(raw.toString('base64')));
      assert.ok(!Buffer.from(text, 'latin1').includes(raw));
    }
  });
});
