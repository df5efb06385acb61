import { expect } from '@open-wc/testing';
import { runAdapterContract } from '../testing/adapter-contract.js';
import { codeAt, currentStep } from '../testing/contract-checks.js';
import { TotpAdapterError } from './adapter-error.js';
import { createHttpAdapter } from './http-adapter.js';

/*
 * The HTTP adapter against real HTTP: test/support/contract-routes.js mounts the reference server
 * (src/server) in the test runner, one fresh user per `X-Test-User`.
 */
const base = '/__contract/2fa';
const newUser = () => `u${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
const adapterFor = (user: string, session: 'full' | 'password' = 'full', baseUrl = base) =>
  createHttpAdapter({ baseUrl, headers: { 'X-Test-User': user, 'X-Test-Session': session } });

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).to.be.instanceOf(TotpAdapterError);
  return (error as TotpAdapterError).code;
}

runAdapterContract('HTTP adapter over the REST routes', () => adapterFor(newUser()));

describe('REST contract routes', () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body,
      headers: {
        'X-Test-User': newUser(),
        'X-TOTP-Elements': '1',
        'Content-Type': 'application/json',
        ...headers,
      },
    });

  it('lets a password-only session verify and nothing else', async () => {
    const user = newUser();
    const full = adapterFor(user);
    const half = adapterFor(user, 'password');
    const t = await currentStep();
    const { enrollmentId, secret } = await full.beginEnrollment();
    await full.confirmEnrollment(enrollmentId, codeAt(secret, t));
    expect(await errorCode(half.status())).to.equal('unauthenticated');
    expect(await errorCode(half.beginEnrollment())).to.equal('unauthenticated');
    expect(await errorCode(half.disable(codeAt(secret, t + 1)))).to.equal('unauthenticated');
    await half.verify(codeAt(secret, t + 1));
    expect((await full.status()).enabled).to.equal(true);
  });

  it('refuses requests a cross-site page could send without a preflight', async () => {
    const code = JSON.stringify({ code: '123456' });
    const plain = await post('/verify', code, { 'Content-Type': 'text/plain' });
    const form = await post('/disable', 'code=123456', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    const noHeader = await post('/disable', code, { 'X-TOTP-Elements': '' });
    const get = await fetch(`${base}/disable`, { headers: { 'X-TOTP-Elements': '1' } });
    expect([plain.status, form.status, noHeader.status, get.status]).to.deep.equal([
      415, 415, 403, 405,
    ]);
    expect(get.headers.get('Allow')).to.equal('POST');
    expect(await noHeader.json()).to.deep.equal({ error: 'forbidden' });
  });

  it('answers every route with JSON that is never cached', async () => {
    for (const response of [
      await fetch(`${base}/status`, { headers: { 'X-TOTP-Elements': '1', 'X-Test-User': 'a' } }),
      await post('/enrollment', '{}'),
      await post('/verify', '{"code":123456}'),
      await post('/nowhere', '{}'),
    ]) {
      expect(response.headers.get('Cache-Control')).to.equal('no-store');
      expect(response.headers.get('Content-Type')).to.match(/^application\/json/);
    }
  });

  it('refuses an oversized body fast, and a malformed one as invalid_format', async () => {
    const huge = await post('/verify', JSON.stringify({ code: '1'.repeat(1_000_000) }));
    expect(huge.status).to.equal(413);
    for (const body of ['{', '[]', '"123456"', '{"code":["123456"]}', '{}']) {
      const response = await post('/verify', body);
      expect([response.status, await response.json()], body).to.deep.equal([
        400,
        { error: 'invalid_format' },
      ]);
    }
  });

  it('reports protocol refusals through the adapter as server errors', async () => {
    const lost = adapterFor(newUser(), 'full', `${base}/v0`);
    expect(await errorCode(lost.status())).to.equal('server');
  });
});
