/// <reference types="node" />
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Request } from 'playwright-core';
import { repoRoot, startDemoServer, type DemoServer } from './support/demo-server.js';
import {
  Authenticator,
  enableTwoFactor,
  launchChromium,
  newVisitor,
  protectedApiStatus,
  scenario,
  settingsState,
  signInWithPassword,
  typeCode,
  type Visitor,
} from './support/browser.js';

/*
 * What the security requirements ask of the demo application end to end: throttling with a
 * visible countdown, server-side enforcement (§2 row 70), no third-party request and no secret
 * in any request during enrollment (row 73), zero CSP violations on every page (row 79), session
 * hygiene, CSRF rules, headers (S-12) and test mode refused in production (S-10).
 */

const pages = [
  '/',
  '/index.html',
  '/sign-in.html',
  '/account.html',
  '/lost-phone.html',
  '/playground.html',
  '/otp-input.html',
];

describe('security of the demo application', () => {
  const state: { server?: DemoServer; visitors: Visitor[] } = { visitors: [] };
  let browser: Browser;
  let server: DemoServer;

  const visit = async () => {
    const visitor = await newVisitor(browser);
    state.visitors.push(visitor);
    return visitor.page;
  };

  /** A fresh account with 2FA on, enabled through the Account page. */
  async function userWithTwoFactor() {
    const user = await server.createUser();
    const page = await visit();
    await signInWithPassword(page, server.origin, user);
    const phone = new Authenticator(await enableTwoFactor(page, server));
    await page.context().clearCookies();
    return { user, phone };
  }

  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
    state.server = server;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  scenario('locks after 10 wrong codes and counts the wait down', state, async () => {
    const { user, phone } = await userWithTwoFactor();
    const page = await visit();
    assert.equal(await signInWithPassword(page, server.origin, user), 'code');
    const now = await server.nextStep();
    const message = page.locator('totp-verify [part="message"]');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await typeCode(page, 'totp-verify', phone.wrongCode(now, attempt));
      await message.filter({ hasText: "didn't work" }).waitFor();
      await page.locator('totp-verify otp-input input:not([disabled])').waitFor();
    }
    // The 11th code, even the right one, is not evaluated: 429 and a countdown.
    await typeCode(page, 'totp-verify', phone.code(now));
    await message.filter({ hasText: 'Too many attempts. Try again in 1 minute.' }).waitFor();
    const countdown = page.locator('totp-verify [part="countdown"]');
    assert.match((await countdown.textContent()) ?? '', /You can try again in (1:00|0:5\d)\./);
    assert.equal(await page.locator('totp-verify otp-input input').isDisabled(), true);
    await page.waitForFunction(() => {
      const part = document
        .querySelector('totp-verify')
        ?.shadowRoot?.querySelector('[part=countdown]');
      return /0:5\d/.test(part?.textContent ?? '');
    });
    assert.equal(await protectedApiStatus(page), 401);
    // After the lock (server clock moved past it), the next code signs in.
    await server.advanceClock(61_000);
    await page.reload();
    await typeCode(page, 'totp-verify', phone.code(await server.nextStep()));
    await page.waitForURL('**/account.html');
    assert.equal(await protectedApiStatus(page), 200);
  });

  scenario(
    'keeps the protected API at 401 when /verify is faked as { ok: true }',
    state,
    async () => {
      const { user, phone } = await userWithTwoFactor();
      const page = await visit();
      await signInWithPassword(page, server.origin, user);
      await page.route('**/api/2fa/verify', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true}' }),
      );
      // The UI believes it and goes to the Account page; the server sends it back.
      const toAccount = page.waitForRequest('**/account.html');
      await typeCode(page, 'totp-verify', phone.wrongCode(await server.now()));
      const redirect = await (await toAccount).response();
      assert.equal(redirect?.status(), 303);
      await page.waitForURL('**/sign-in.html', { waitUntil: 'load' });
      await page.locator('#code-step:not([hidden]) totp-verify').waitFor();
      assert.equal(await protectedApiStatus(page), 401);
      const direct = await page.request.get(`${server.origin}/api/me`);
      assert.equal(direct.status(), 401);
      const account = await page.request.get(`${server.origin}/account.html`, { maxRedirects: 0 });
      assert.equal(account.status(), 303);
    },
  );

  scenario(
    'contacts only the demo origin during enrollment and never sends the secret',
    state,
    async () => {
      const user = await server.createUser();
      const page = await visit();
      await signInWithPassword(page, server.origin, user);
      const requests: Request[] = [];
      page.on('request', (request) => requests.push(request));
      const secretKey = await enableTwoFactor(page, server);
      const secret = secretKey.replaceAll(' ', '');
      assert.ok(requests.some((request) => request.url().endsWith('/api/2fa/enrollment')));
      for (const request of requests) {
        const url = request.url();
        assert.ok(url.startsWith(`${server.origin}/`), `request to another origin: ${url}`);
        const sent = `${url}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`;
        for (const form of [secret, secretKey, secret.toLowerCase(), encodeURIComponent(secret)]) {
          assert.ok(
            !sent.includes(form),
            `a request carries the secret: ${request.method()} ${url}`,
          );
        }
      }
      // C-12: nothing of it in browser storage or cookies either.
      const stored = await page.evaluate(() =>
        JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
      );
      const cookies = JSON.stringify(await page.context().cookies());
      assert.ok(!stored.includes(secret) && !cookies.includes(secret), 'the secret was stored');
    },
  );

  scenario('raises no securitypolicyviolation on any page', state, async () => {
    const page = await visit();
    const user = await server.createUser();
    for (const path of pages) {
      const response = await page.goto(`${server.origin}${path}`);
      await page.waitForLoadState('networkidle');
      const csp = response?.headers()['content-security-policy'] ?? '';
      assert.match(csp, /default-src 'self'; script-src 'self'; style-src 'self'/, path);
    }
    // The pages with elements in every state they reach in the flows.
    await signInWithPassword(page, server.origin, user);
    await page.locator('totp-settings [part="toggle"]', { hasText: 'Enable' }).click();
    await page.locator('totp-enroll [part="qr-code"]').waitFor();
    await page.goto(`${server.origin}/playground.html`);
    await page.getByRole('button', { name: 'Show an inline <totp-enroll>' }).click();
    await page.locator('#enroll-slot totp-enroll [part="secret"]').waitFor();
    await page.locator('#knob-theme').selectOption('dark');
    await page.locator('#knob-dir').selectOption('rtl');
    await page.locator('#knob-length').selectOption('8');
    await page.waitForTimeout(200);
    // scenario() asserts that no violation was recorded.
  });

  scenario(
    'rotates the session id on sign-in and on 2FA success; ends other sessions',
    state,
    async () => {
      const { user, phone } = await userWithTwoFactor();
      const page = await visit();
      const sid = async () =>
        (await page.context().cookies()).find((cookie) => cookie.name === 'sid');
      await signInWithPassword(page, server.origin, user);
      const passwordStage = await sid();
      assert.equal(passwordStage?.httpOnly, true);
      assert.equal(passwordStage?.sameSite, 'Lax');
      await typeCode(page, 'totp-verify', phone.code(await server.nextStep()));
      await page.waitForURL('**/account.html');
      const full = await sid();
      assert.ok(full && passwordStage && full.value !== passwordStage.value, 'rotated on 2FA');

      // A second browser signed in as the same user loses its session when 2FA is turned off.
      const other = await visit();
      await signInWithPassword(other, server.origin, user);
      await typeCode(other, 'totp-verify', phone.code(await server.nextStep()));
      await other.waitForURL('**/account.html');
      assert.equal(await protectedApiStatus(page), 200);
      await other.locator('totp-settings [part="toggle"]', { hasText: 'Disable' }).click();
      await typeCode(other, 'totp-disable', phone.code(await server.nextStep()));
      await other.locator('totp-settings [part="toggle"]', { hasText: 'Enable' }).waitFor();
      assert.equal(await settingsState(other), 'Off');
      assert.equal(await protectedApiStatus(other), 200);
      assert.equal(await protectedApiStatus(page), 401, 'the other session ended');
    },
  );

  scenario(
    'refuses cross-site and non-JSON sign-in requests; API answers are no-store',
    state,
    async () => {
      const user = await server.createUser();
      const body = JSON.stringify(user);
      const post = (headers: Record<string, string>, payload = body) =>
        fetch(`${server.origin}/api/session`, { method: 'POST', headers, body: payload });
      const json = { 'Content-Type': 'application/json', 'X-Demo-CSRF': '1' };
      assert.equal((await post({ ...json, Origin: 'https://evil.example' })).status, 403);
      assert.equal((await post({ 'Content-Type': 'application/json' })).status, 403);
      assert.equal((await post({ 'X-Demo-CSRF': '1', 'Content-Type': 'text/plain' })).status, 415);
      assert.equal(
        (await fetch(`${server.origin}/api/session`, { headers: { 'X-Demo-CSRF': '1' } })).status,
        405,
      );
      const wrong = await post(json, JSON.stringify({ ...user, password: 'nope' }));
      assert.equal(wrong.status, 401);
      const ok = await post({ ...json, Origin: server.origin });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      assert.match(
        ok.headers.get('set-cookie') ?? '',
        /^sid=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      const me = await fetch(`${server.origin}/api/me`);
      assert.equal(me.status, 401);
      assert.equal(me.headers.get('cache-control'), 'no-store');
      assert.equal(me.headers.get('strict-transport-security'), null, 'no HSTS over http');
    },
  );

  scenario('refuses to start in test mode with NODE_ENV=production', state, async () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'demo/server/main.ts'), '--no-build'],
      {
        cwd: repoRoot,
        env: { ...process.env, NODE_ENV: 'production', TOTP_DEMO_TEST_MODE: '1', PORT: '0' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /refused when NODE_ENV=production/);
  });
});
