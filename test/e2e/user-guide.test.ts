/// <reference types="node" />
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import {
  Authenticator,
  enableTwoFactor,
  launchChromium,
  newVisitor,
  protectedApiStatus,
  scenario,
  settingsState,
  signInWithPassword,
  signOut,
  typeCode,
  type Visitor,
} from './support/browser.js';

/*
 * The user guide (2fa-user-guide.txt), step by step, in Chromium against the demo application:
 * one account goes through every flow in order. Codes come from an authenticator that knows
 * only the Secret key read off the page; the server clock is moved to a fresh 30 s step
 * (test mode) where the guide would have the user wait for the next code.
 */

describe('the user guide in a browser', () => {
  const state: { server?: DemoServer; visitors: Visitor[] } = { visitors: [] };
  let browser: Browser;
  let server: DemoServer;
  let user: { email: string; password: string };
  /** The Secret key the user saved in a password manager. */
  let savedKey = '';

  const visit = async () => {
    const visitor = await newVisitor(browser);
    state.visitors.push(visitor);
    return visitor.page;
  };

  before(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
    state.server = server;
    user = await server.createUser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  scenario('signs in with email and password while 2FA is off', state, async () => {
    const page = await visit();
    await page.goto(`${server.origin}/`);
    assert.equal(await protectedApiStatus(page), 401);
    assert.equal(await signInWithPassword(page, server.origin, user), 'account');
    assert.equal(await page.locator('#account-email').textContent(), user.email);
    assert.equal(await settingsState(page), 'Off');
    assert.equal(await protectedApiStatus(page), 200);
  });

  scenario('enables 2FA from the Account page with the Secret key shown', state, async () => {
    const page = await visit();
    await signInWithPassword(page, server.origin, user);
    savedKey = await enableTwoFactor(page, server);
    assert.equal(await page.locator('totp-enroll').count(), 0, 'the dialog closed');
  });

  scenario('signs out, then signs in with the current code', state, async () => {
    const page = await visit();
    assert.equal(await signInWithPassword(page, server.origin, user), 'code');
    assert.equal(await protectedApiStatus(page), 401, 'password-only session');
    const phone = new Authenticator(savedKey);
    await typeCode(page, 'totp-verify', phone.code(await server.nextStep()));
    await page.waitForURL('**/account.html');
    assert.equal(await settingsState(page), 'On');
    assert.equal(await protectedApiStatus(page), 200);
    await signOut(page);
    assert.equal(await protectedApiStatus(page), 401);
  });

  scenario('shows a message for a wrong code and accepts the right one next', state, async () => {
    const page = await visit();
    await signInWithPassword(page, server.origin, user);
    const phone = new Authenticator(savedKey);
    const now = await server.nextStep();
    await typeCode(page, 'totp-verify', phone.wrongCode(now));
    await page.locator('totp-verify [part="message"]', { hasText: "didn't work" }).waitFor();
    assert.equal(await protectedApiStatus(page), 401);
    await typeCode(page, 'totp-verify', phone.code(now));
    await page.waitForURL('**/account.html');
  });

  scenario(
    'refuses the same code a second time with the "already used" message',
    state,
    async () => {
      const page = await visit();
      const phone = new Authenticator(savedKey);
      await signInWithPassword(page, server.origin, user);
      const code = phone.code(await server.nextStep());
      await typeCode(page, 'totp-verify', code);
      await page.waitForURL('**/account.html');
      await signOut(page);
      // Within the same 30 s step, the same code again: a replay.
      await signInWithPassword(page, server.origin, user);
      await typeCode(page, 'totp-verify', code);
      await page.locator('totp-verify [part="message"]', { hasText: 'already used' }).waitFor();
      assert.equal(await protectedApiStatus(page), 401);
      // The next code of the app works.
      await typeCode(page, 'totp-verify', phone.code(await server.nextStep()));
      await page.waitForURL('**/account.html');
    },
  );

  scenario('disables 2FA with a current code', state, async () => {
    const page = await visit();
    const phone = new Authenticator(savedKey);
    await signInWithPassword(page, server.origin, user);
    await typeCode(page, 'totp-verify', phone.code(await server.nextStep()));
    await page.waitForURL('**/account.html');
    await page.locator('totp-settings [part="toggle"]', { hasText: 'Disable' }).click();
    await typeCode(page, 'totp-disable', phone.code(await server.nextStep()));
    await page.locator('totp-settings [part="toggle"]', { hasText: 'Enable' }).waitFor();
    assert.equal(await settingsState(page), 'Off');
    await signOut(page);
    assert.equal(await signInWithPassword(page, server.origin, user), 'account');
  });

  scenario(
    'enables 2FA again with a new Secret key; the old key no longer works',
    state,
    async () => {
      const page = await visit();
      await signInWithPassword(page, server.origin, user);
      const oldKey = savedKey;
      savedKey = await enableTwoFactor(page, server);
      assert.notEqual(savedKey, oldKey);
      await signOut(page);
      await signInWithPassword(page, server.origin, user);
      const now = await server.nextStep();
      await typeCode(page, 'totp-verify', new Authenticator(oldKey).code(now));
      await page.locator('totp-verify [part="message"]', { hasText: "didn't work" }).waitFor();
      await typeCode(page, 'totp-verify', new Authenticator(savedKey).code(now));
      await page.waitForURL('**/account.html');
    },
  );

  scenario(
    'lost phone: a new authenticator with the saved Secret key signs in',
    state,
    async () => {
      // A new phone and a new browser: nothing but the key from the password manager.
      const page = await visit();
      const newPhone = new Authenticator(savedKey.replaceAll(' ', '').toLowerCase());
      await page.goto(`${server.origin}/lost-phone.html`);
      assert.match((await page.locator('main').textContent()) ?? '', /Enter a setup key/);
      await page.getByRole('link', { name: 'sign in', exact: true }).click();
      assert.equal(await signInWithPassword(page, server.origin, user), 'code');
      await typeCode(page, 'totp-verify', newPhone.code(await server.nextStep()));
      await page.waitForURL('**/account.html');
      assert.equal(await protectedApiStatus(page), 200);
    },
  );
});
