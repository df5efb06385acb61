/// <reference types="node" />
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpAdapter } from '../adapters/http-adapter.js';
import { createTotpHandler, type TotpHandler } from './handler.js';
import { createMemoryStore } from './memory-store.js';
import {
  toExpressMiddleware,
  toNodeHandler,
  type ExpressMiddleware,
  type NodeRequest,
} from './node.js';
import { codeAt, testKey, testUser, wrongCode } from './test-support.js';
import { base32Decode } from './totp-reference.js';

const clock = { now: Date.UTC(2025, 4, 1, 12, 0, 5) };
const step = () => Math.floor(clock.now / 30_000);

function makeHandler(basePath: string): TotpHandler {
  return createTotpHandler({
    store: createMemoryStore(),
    issuer: 'ACME Co',
    getUser: testUser,
    encryptionKey: testKey,
    clock: () => clock.now,
    basePath,
    onVerified: () => ({
      headers: [
        ['Set-Cookie', 'sid=rotated; HttpOnly; SameSite=Lax'],
        ['Set-Cookie', 'mfa_at=1; HttpOnly; SameSite=Lax'],
      ],
      body: { redirectTo: '/account' },
    }),
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = { 'X-TOTP-Elements': '1', 'Content-Type': 'application/json' };

/** The user-facing flow over real HTTP: enroll, confirm, verify with cookies, disable. */
async function flow(base: string) {
  const user = { 'X-Test-User': `u${Math.random()}` };
  const post = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...json, ...user },
      body: JSON.stringify(body),
    });
  const begun = await post('/enrollment', {});
  assert.equal(begun.status, 200);
  assert.equal(begun.headers.get('cache-control'), 'no-store');
  const { enrollmentId, secret } = (await begun.json()) as Record<string, string>;
  const key = base32Decode(secret!);
  assert.equal(
    (await post('/enrollment/confirm', { enrollmentId, code: codeAt(key, step()) })).status,
    200,
  );
  const verified = await post('/verify', { code: codeAt(key, step() + 1) });
  assert.equal(verified.status, 200);
  assert.deepEqual(await verified.json(), { redirectTo: '/account' });
  assert.deepEqual(verified.headers.getSetCookie(), [
    'sid=rotated; HttpOnly; SameSite=Lax',
    'mfa_at=1; HttpOnly; SameSite=Lax',
  ]);
  const status = await fetch(`${base}/status`, { headers: { ...json, ...user } });
  assert.deepEqual(await status.json(), { enabled: true });
  const replay = await post('/disable', { code: codeAt(key, step() + 1) });
  assert.deepEqual([replay.status, await replay.json()], [422, { error: 'code_already_used' }]);
}

/** Sends `size` bytes to `url` with raw node:http; resolves with the status and elapsed ms. */
function sendLarge(url: string, size: number, declareLength: boolean) {
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        ...json,
        'X-Test-User': 'big',
        ...(declareLength ? { 'Content-Length': size } : {}),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(Buffer.alloc(size, '1'));
  });
}

describe('toNodeHandler() on 127.0.0.1', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer(toNodeHandler(makeHandler('/api/2fa')));
    base = `${await listen(server)}/api/2fa`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('runs the whole flow with cookies from onVerified', async () => {
    await flow(base);
  });

  it('answers a 1 MB body with a fast 413, declared or chunked, and keeps serving', async () => {
    for (const declared of [true, false]) {
      const { status, ms } = await sendLarge(`${base}/verify`, 1 << 20, declared);
      assert.equal(status, 413);
      assert.ok(ms < 2000, `${ms} ms`);
    }
    await flow(base);
  });

  it('answers protocol errors with the contract statuses', async () => {
    const get = await fetch(`${base}/verify`, { headers: json });
    assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
    const text = await fetch(`${base}/verify`, {
      method: 'POST',
      headers: { 'X-TOTP-Elements': '1', 'Content-Type': 'text/plain', 'X-Test-User': 'a' },
      body: '{"code":"123456"}',
    });
    assert.equal(text.status, 415);
    const origin = await fetch(`${base}/status`, {
      headers: { ...json, 'X-Test-User': 'a', Origin: 'https://evil.example' },
    });
    assert.equal(origin.status, 403);
    const own = await fetch(`${base}/status`, {
      headers: { ...json, 'X-Test-User': 'a', Origin: new URL(base).origin },
    });
    assert.equal(own.status, 200, 'the origin is rebuilt from the Host header and the socket');
    const outside = await fetch(`${base.replace('/api/2fa', '')}/elsewhere`);
    assert.equal(outside.status, 404);
  });
});

describe('toExpressMiddleware() in a Connect-style app on 127.0.0.1', () => {
  let server: Server;
  let origin: string;

  /** A tiny Connect: `use(path, fn)` strips the mount path from `req.url` as Express does. */
  function app(stack: [string, ExpressMiddleware][]) {
    return (req: NodeRequest, res: ServerResponse) => {
      req.originalUrl = req.url;
      let index = 0;
      const next = (error?: unknown) => {
        const layer = stack[index++];
        if (error || !layer) {
          res.statusCode = error ? 500 : 404;
          res.end(error ? 'app error' : 'app 404');
          return;
        }
        const [mount, fn] = layer;
        const path = req.originalUrl!;
        if (!path.startsWith(mount)) return next();
        req.url = path.slice(mount.length) || '/';
        fn(req, res, next);
      };
      next();
    };
  }

  /** Parses JSON bodies first, like express.json(). */
  const jsonParser: ExpressMiddleware = (req, _res, next) => {
    if (req.headers['content-type'] !== 'application/json' || req.method !== 'POST') return next();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      req.body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      next();
    });
  };

  before(async () => {
    server = createServer(
      app([
        ['/parsed', jsonParser],
        ['/parsed', toExpressMiddleware(makeHandler('/parsed/api/2fa'))],
        ['/api/2fa', toExpressMiddleware(makeHandler('/api/2fa'))],
        ['/', (_req, res) => void res.end('app page')],
      ]),
    );
    origin = await listen(server);
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('serves the contract under its mount path, from originalUrl', async () => {
    await flow(`${origin}/api/2fa`);
  });

  it('passes other paths to next()', async () => {
    assert.equal(await (await fetch(`${origin}/about`)).text(), 'app page');
    assert.equal(await (await fetch(`${origin}/api/2faX`)).text(), 'app page');
  });

  it('works after a JSON body parser consumed the body', async () => {
    await flow(`${origin}/parsed/api/2fa`);
  });
});

describe('the browser HTTP adapter against this server (docs/rest-contract.md §6)', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer(toNodeHandler(makeHandler('/api/2fa')));
    base = `${await listen(server)}/api/2fa`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('maps every refusal to the adapter code of the status table', async () => {
    const headers = { 'X-Test-User': 'mapper' };
    const adapter = createHttpAdapter({ baseUrl: base, headers });
    const refusal = async (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (error: { code: string; retryAfter?: number }) =>
          error.retryAfter ? `${error.code} ${error.retryAfter}` : error.code,
      );
    const enrollment = await adapter.beginEnrollment();
    const key = base32Decode(enrollment.secret);
    assert.equal(
      await refusal(adapter.confirmEnrollment('nope', codeAt(key, step()))),
      'no_pending_enrollment',
    );
    assert.equal(await refusal(adapter.verify('12345')), 'invalid_format');
    assert.equal(await refusal(adapter.verify('123456')), 'invalid_code');
    await adapter.confirmEnrollment(enrollment.enrollmentId, codeAt(key, step()));
    assert.equal(await refusal(adapter.beginEnrollment()), 'already_enabled');
    assert.equal(await refusal(adapter.verify(codeAt(key, step()))), 'code_already_used');
    assert.deepEqual(await adapter.verify(codeAt(key, step() + 1)), { redirectTo: '/account' });
    for (let i = 0; i < 10; i += 1) await refusal(adapter.disable(wrongCode(key, step(), i)));
    assert.equal(await refusal(adapter.disable(codeAt(key, step() + 1))), 'rate_limited 60');
    assert.equal((await adapter.status()).lockedUntil, new Date(clock.now + 60_000).toISOString());
    const password = createHttpAdapter({
      baseUrl: base,
      headers: { ...headers, 'X-Test-Stage': 'password' },
    });
    assert.equal(await refusal(password.status()), 'unauthenticated');
    const other = createHttpAdapter({ baseUrl: base.replace('/api/2fa', '/nope') });
    assert.equal(await refusal(other.status()), 'server');
  });
});
