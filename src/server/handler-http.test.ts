/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore } from './memory-store.js';
import { baseStep, codeAt, harness } from './test-support.js';

const postRoutes = [
  '/enrollment',
  '/enrollment/confirm',
  '/enrollment/cancel',
  '/verify',
  '/disable',
];
const allRoutes = ['/status', ...postRoutes];

function assertHygiene(response: { status: number; headers: Headers; text: string }) {
  assert.equal(response.headers.get('Cache-Control'), 'no-store', `no-store on ${response.status}`);
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
  assert.equal(response.headers.get('Location'), null);
  const body = JSON.parse(response.text);
  if (response.status !== 200) assert.deepEqual(Object.keys(body), ['error'], 'error body: A-33');
}

describe('HTTP hygiene (A-27, A-33, S-12)', () => {
  it('answers 405 with Allow on a known route with the wrong method (row 63)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    for (const route of postRoutes) {
      for (const method of ['GET', 'PUT', 'DELETE', 'HEAD']) {
        const response = await h.handler(h.request(route, { method }));
        assert.equal(response.status, 405, `${method} ${route}`);
        assert.equal(response.headers.get('Allow'), 'POST');
        assert.equal(response.headers.get('Cache-Control'), 'no-store');
      }
    }
    const post = await h.call('/status', { method: 'POST' });
    assert.deepEqual([post.status, post.body], [405, { error: 'method_not_allowed' }]);
    assert.equal(post.headers.get('Allow'), 'GET');
    assert.deepEqual((await h.call('/status')).body, { enabled: true }, 'GET changed nothing');
    assert.equal(
      (await h.call('/verify', { body: { code: codeAt(key, baseStep + 1) } })).status,
      200,
    );
  });

  it('answers 415 to anything but application/json, before reading the body (row 63)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    const code = codeAt(key, baseStep + 1);
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json-patch+json',
      '',
    ];
    for (const type of types) {
      for (const route of postRoutes) {
        const response = await h.call(route, {
          body: `{"code":"${code}"}`,
          headers: { 'Content-Type': type },
        });
        assert.deepEqual(
          [response.status, response.body],
          [415, { error: 'unsupported_media_type' }],
        );
        assertHygiene(response);
      }
    }
    const charset = { 'Content-Type': 'Application/JSON; charset=utf-8' };
    const ok = await h.call('/disable', { body: { code }, headers: charset });
    assert.equal(ok.status, 200, 'media type parameters and case are fine');
  });

  it('answers 403 without X-TOTP-Elements: 1 (A-27)', async () => {
    const h = harness();
    for (const route of allRoutes) {
      for (const value of [undefined, '0', 'true', '']) {
        const request = h.request(route, { body: {} });
        const headers = new Headers(request.headers);
        if (value === undefined) headers.delete('X-TOTP-Elements');
        else headers.set('X-TOTP-Elements', value);
        const response = await h.handler(new Request(request, { headers }));
        assert.equal(response.status, 403, `${route} with ${value}`);
        assert.deepEqual(await response.json(), { error: 'forbidden' });
      }
    }
  });

  it('answers 403 to a foreign Origin and takes its own (row 63)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    for (const origin of [
      'https://evil.example',
      'null',
      'http://server.test:8080',
      'https://server.test',
    ]) {
      const response = await h.call('/disable', {
        body: { code: codeAt(key, baseStep + 1) },
        headers: { Origin: origin },
      });
      assert.deepEqual([response.status, response.body], [403, { error: 'forbidden' }], origin);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
    }
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
    const same = await h.call('/status', { headers: { Origin: 'http://server.test' } });
    assert.equal(same.status, 200);
    assert.equal(same.headers.get('Access-Control-Allow-Origin'), null, 'same origin: no CORS');
  });

  it('takes allowedOrigins instead of its own origin, with CORS for them', async () => {
    const h = harness({ allowedOrigins: ['https://app.example'] });
    const own = await h.call('/status', { headers: { Origin: 'http://server.test' } });
    assert.equal(own.status, 403);
    const app = await h.call('/status', { headers: { Origin: 'https://app.example' } });
    assert.equal(app.status, 200);
    assert.equal(app.headers.get('Access-Control-Allow-Origin'), 'https://app.example');
    assert.equal(app.headers.get('Access-Control-Allow-Credentials'), 'true');
    assert.equal(app.headers.get('Access-Control-Expose-Headers'), 'Retry-After');
    assert.equal(app.headers.get('Vary'), 'Origin');

    const preflight = await h.handler(
      new Request('http://server.test/2fa/verify', {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), 'https://app.example');
    assert.equal(preflight.headers.get('Access-Control-Allow-Methods'), 'POST');
    assert.equal(
      preflight.headers.get('Access-Control-Allow-Headers'),
      'Content-Type, X-TOTP-Elements',
    );
    assert.equal(preflight.headers.get('Cache-Control'), 'no-store');

    const evil = await h.handler(
      new Request('http://server.test/2fa/verify', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example' },
      }),
    );
    assert.equal(evil.status, 405);
    assert.equal(evil.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('answers 404 not_found outside the routes, without naming the path in the log', async () => {
    const h = harness();
    for (const path of [
      '/',
      '/statuses',
      '/enrollment/',
      '/verify/123456',
      '/__proto__',
      '/constructor',
    ]) {
      const response = await h.call(path, { method: 'POST', body: {} });
      assert.deepEqual([response.status, response.body], [404, { error: 'not_found' }], path);
      assertHygiene(response);
    }
    const outside = await h.handler(new Request('http://server.test/status'));
    assert.equal(outside.status, 404);
    assert.ok(!h.logs.some((line) => line.includes('123456')));
  });

  it('answers 413 to bodies over 1 KiB, by Content-Length or by reading (row 26)', async () => {
    const h = harness();
    await h.enable('alice');
    const big = await h.call('/verify', { body: { code: '1'.repeat(1 << 20) } });
    assert.deepEqual([big.status, big.body], [413, { error: 'payload_too_large' }]);
    const declared = await h.call('/verify', {
      body: { code: '123456' },
      headers: { 'Content-Length': String(1 << 20) },
    });
    assert.equal(declared.status, 413);
    const padded = await h.call('/verify', { body: `{"code":"123456"${' '.repeat(1020)}}` });
    assert.equal(padded.status, 413);
    const fits = await h.call('/verify', { body: `{"code":"12345"${' '.repeat(900)}}` });
    assert.equal(fits.status, 400);
  });

  it('answers 400 to bodies that are not UTF-8 JSON objects', async () => {
    const h = harness();
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    const request = new Request('http://server.test/2fa/verify', {
      method: 'POST',
      headers: { 'X-TOTP-Elements': '1', 'Content-Type': 'application/json', 'X-Test-User': 'a' },
      body: bytes,
    });
    assert.equal((await h.handler(request)).status, 400);
  });

  it('puts no-store, JSON and nosniff on every response, errors included (S-12)', async () => {
    const h = harness();
    const key = await h.enable('alice');
    const responses = [
      await h.call('/status'),
      await h.call('/status', { user: null }),
      await h.call('/enrollment'),
      await h.call('/verify', { body: { code: 'x' } }),
      await h.call('/verify', { body: { code: codeAt(key, baseStep + 1) } }),
      await h.call('/verify', { body: { code: codeAt(key, baseStep + 1) } }),
      await h.call('/enrollment/cancel', { body: { enrollmentId: 'x' } }),
      await h.call('/nowhere'),
    ];
    for (const response of responses) assertHygiene(response);
  });

  it('answers 500 when the store fails and logs no request details', async () => {
    const store = { ...createMemoryStore() };
    store.getAuthenticator = async () => {
      throw new Error('disk I/O error');
    };
    const h = harness({ store });
    const response = await h.call('/verify', { body: { code: '123456' } });
    assert.deepEqual([response.status, response.body], [500, { error: 'server_error' }]);
    assertHygiene(response);
    const line = h.logs.find((entry) => entry.includes('totp request failed'))!;
    assert.match(line, /disk I\/O error/);
    assert.ok(!line.includes('123456'));
  });

  it('answers 500 when getUser throws', async () => {
    const h = harness({
      getUser: () => {
        throw new Error('session store down');
      },
    });
    const response = await h.call('/status');
    assert.deepEqual([response.status, response.body], [500, { error: 'server_error' }]);
  });

  it('logs a throwing onSecurityEvent and still answers', async () => {
    const h = harness({
      onSecurityEvent: () => {
        throw new Error('mailer down');
      },
    });
    await h.enable('alice');
    assert.deepEqual((await h.call('/status')).body, { enabled: true });
    assert.ok(h.logs.some((line) => line.includes('totp onSecurityEvent failed')));
  });
});
