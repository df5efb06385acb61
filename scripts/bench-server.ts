/// <reference types="node" />
/**
 * `npm run bench`: verifications per second and latency percentiles of the reference server,
 * through its HTTP handler (Web Request in, Response out) with the SQLite store on disk,
 * beside a bare `otpauth` validate loop in the same run. Prints a Markdown table; the figures
 * in docs/performance.md come from it. Not a test: nothing here passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Secret, TOTP } from 'otpauth';
import { createTotpHandler, generateEncryptionKey } from '../src/server/index.js';
import { createSqliteStore } from '../src/server/sqlite-store.js';
import { base32Decode, hotp } from '../src/server/totp-reference.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3000);
const users = 32;
const origin = 'http://bench.local';
const basePath = '/api/2fa';

let now = Date.UTC(2026, 0, 1);
const directory = mkdtempSync(join(tmpdir(), 'totp-bench-'));
const store = createSqliteStore(join(directory, 'bench.db'));
const handler = createTotpHandler({
  store,
  issuer: 'Bench',
  encryptionKey: generateEncryptionKey(),
  basePath,
  clock: () => now,
  getUser: (request) => {
    const id = request.headers.get('X-Bench-User');
    return id ? { id, accountName: `${id}@bench.local`, stage: 'full' } : undefined;
  },
});

function post(user: string, path: string, body: object): Promise<Response> {
  return handler(
    new Request(`${origin}${basePath}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-TOTP-Elements': '1',
        Origin: origin,
        'X-Bench-User': user,
      },
      body: JSON.stringify(body),
    }),
  );
}

const step = () => Math.floor(now / 30_000);

/** Enrolls `user` and returns its secret's bytes. */
async function enroll(user: string): Promise<Uint8Array> {
  const started = await (await post(user, '/enrollment', {})).json();
  const secret = base32Decode(started.secret);
  const confirmed = await post(user, '/enrollment/confirm', {
    enrollmentId: started.enrollmentId,
    code: hotp(secret, step()),
  });
  if (confirmed.status !== 200) throw new Error(`enrollment failed: ${confirmed.status}`);
  return secret;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Figures {
  name: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

function figures(name: string, latencies: number[], totalMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    perSecond: (latencies.length / totalMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** One accepted verification per request: each round moves the clock to the next step. */
async function sequentialVerifications(secret: Uint8Array): Promise<Figures> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    now += 30_000;
    const code = hotp(secret, step());
    const began = performance.now();
    const response = await post('user-0', '/verify', { code });
    latencies.push(performance.now() - began);
    if (response.status !== 200) throw new Error(`verify refused: ${response.status}`);
  }
  return figures(
    'handler + SQLite, accepted codes, one at a time',
    latencies,
    performance.now() - start,
  );
}

/** `users` verifications in flight at once, every one accepted. */
async function concurrentVerifications(secrets: Uint8Array[]): Promise<Figures> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds / users; round++) {
    now += 30_000;
    await Promise.all(
      secrets.map(async (secret, index) => {
        const began = performance.now();
        const response = await post(`user-${index}`, '/verify', { code: hotp(secret, step()) });
        latencies.push(performance.now() - began);
        if (response.status !== 200) throw new Error(`verify refused: ${response.status}`);
      }),
    );
  }
  return figures(
    `handler + SQLite, accepted codes, ${users} in flight`,
    latencies,
    performance.now() - start,
  );
}

/** Refused codes (replays of an accepted one): the path an attacker's guesses take. */
async function refusedReplays(secret: Uint8Array): Promise<Figures> {
  now += 30_000;
  const code = hotp(secret, step());
  await post('user-0', '/verify', { code });
  const latencies: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    const began = performance.now();
    const response = await post('user-0', '/verify', { code });
    latencies.push(performance.now() - began);
    if (response.status !== 422) throw new Error(`replay not refused: ${response.status}`);
  }
  return figures('handler + SQLite, replayed codes refused', latencies, performance.now() - start);
}

/** The floor: otpauth's own validate over the same window, no HTTP, no storage. */
function bareOtpauth(secret: Uint8Array): Figures {
  const totp = new TOTP({ secret: new Secret({ buffer: secret.slice().buffer }) });
  const latencies: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    now += 30_000;
    const token = totp.generate({ timestamp: now });
    const began = performance.now();
    const delta = totp.validate({ token, timestamp: now, window: 1 });
    latencies.push(performance.now() - began);
    if (delta !== 0) throw new Error('otpauth refused its own code');
  }
  return figures('bare otpauth validate (window ±1)', latencies, performance.now() - start);
}

try {
  const secrets: Uint8Array[] = [];
  for (let index = 0; index < users; index++) secrets.push(await enroll(`user-${index}`));
  // Warm-up, so the JIT and SQLite's page cache settle before anything is measured.
  for (let round = 0; round < 200; round++) {
    now += 30_000;
    await post('user-0', '/verify', { code: hotp(secrets[0], step()) });
  }
  const results = [
    await sequentialVerifications(secrets[0]),
    await concurrentVerifications(secrets),
    await refusedReplays(secrets[0]),
    bareOtpauth(secrets[0]),
  ];
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), ${rounds} requests per row\n`,
  );
  console.log('| Path | Verifications/s | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|---|');
  for (const row of results) {
    const ms = (value: number) => value.toFixed(3);
    console.log(
      `| ${row.name} | ${Math.round(row.perSecond)} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} |`,
    );
  }
} finally {
  store.close();
  rmSync(directory, { recursive: true, force: true });
}
