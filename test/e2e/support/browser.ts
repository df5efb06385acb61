/// <reference types="node" />
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { base32Decode, totp } from '../../../src/server/totp-reference.js';
import { repoRoot, type DemoServer } from './demo-server.js';

/*
 * Debian's Chromium through playwright-core, pages that record Content-Security-Policy
 * violations, an authenticator app that computes codes from a Secret key read off the page, and
 * the steps of the user guide.
 */

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A browser profile (cookies, storage) with one page, recording CSP violations. */
export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Every `securitypolicyviolation` event and CSP console error, on every document. */
  cspViolations: string[];
}

export async function newVisitor(browser: Browser): Promise<Visitor> {
  const context = await browser.newContext();
  const cspViolations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    cspViolations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void })
        .__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      cspViolations.push(`console: ${message.text()}`);
    }
  });
  page.setDefaultTimeout(10_000);
  return { context, page, cspViolations };
}

/** An authenticator app: codes of the Secret key at the server's time (a synced phone clock). */
export class Authenticator {
  readonly #key: Uint8Array;

  constructor(secretKey: string) {
    this.#key = base32Decode(secretKey.replace(/\s+/g, '').toUpperCase());
  }

  code(serverMs: number): string {
    return totp(this.#key, Math.floor(serverMs / 1000));
  }

  /** A well-formed code that is none of the codes of the steps around `serverMs`. */
  wrongCode(serverMs: number, salt = 0): string {
    const near = new Set([-2, -1, 0, 1, 2].map((step) => this.code(serverMs + step * 30_000)));
    for (let candidate = 100_000 + salt * 7919; ; candidate += 1) {
      const code = String(candidate % 1_000_000).padStart(6, '0');
      if (!near.has(code)) return code;
    }
  }
}

/**
 * A test that saves a screenshot of every open page and the server log under test-output/e2e/
 * when it fails.
 */
export function scenario(
  name: string,
  state: { server?: DemoServer; visitors: Visitor[] },
  body: () => Promise<void>,
): void {
  it(name, async () => {
    try {
      await body();
    } catch (error) {
      const dir = join(repoRoot, 'test-output/e2e');
      const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      mkdirSync(dir, { recursive: true });
      for (const [index, visitor] of state.visitors.entries()) {
        await visitor.page
          .screenshot({ path: join(dir, `${slug}-${index}.png`), fullPage: true })
          .catch(() => undefined);
      }
      writeFileSync(join(dir, `${slug}-server.log`), state.server?.log() ?? '(no server)');
      throw error;
    } finally {
      for (const visitor of state.visitors.splice(0)) {
        assert.deepEqual(visitor.cspViolations, [], 'Content-Security-Policy violations');
        await visitor.context.close();
      }
    }
  });
}

/* ----------------------------------------------------------------- steps of the user guide */

/** Types `code` into the code field inside `host` (a CSS selector of the flow element). */
export async function typeCode(page: Page, host: string, code: string): Promise<void> {
  // The cells are drawn over the real input: click them as a user would.
  const field = page.locator(`${host} otp-input`);
  await field.click();
  await page.locator(`${host} otp-input input:focus`).waitFor({ state: 'attached' });
  await page.keyboard.type(code);
}

/** The text of `part` in the shadow root of `host`. */
export async function partText(page: Page, host: string, part: string): Promise<string> {
  return ((await page.locator(`${host} [part~="${part}"]`).first().textContent()) ?? '').trim();
}

/** Signs in with email and password; resolves once the page shows the next step. */
export async function signInWithPassword(
  page: Page,
  origin: string,
  user: { email: string; password: string },
): Promise<'code' | 'account'> {
  await page.goto(`${origin}/sign-in.html`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.locator('#code-step:not([hidden]) totp-verify');
  const next = await Promise.race([
    code.waitFor().then(() => 'code' as const),
    page.waitForURL('**/account.html').then(() => 'account' as const),
  ]);
  if (next === 'account') await page.locator('#account-email', { hasText: '@' }).waitFor();
  return next;
}

/** The 2FA state shown by `<totp-settings>` on the Account page. */
export async function settingsState(page: Page): Promise<string> {
  const state = page.locator('totp-settings [part="state"] strong');
  await state.waitFor();
  return ((await state.textContent()) ?? '').trim();
}

/**
 * Account → Enable 2-step verification → reads the Secret key off the dialog → confirms the
 * authenticator's current code. Returns the Secret key as shown (groups of four).
 */
export async function enableTwoFactor(page: Page, server: DemoServer): Promise<string> {
  await page.locator('totp-settings [part="toggle"]', { hasText: 'Enable' }).click();
  const secretPart = page.locator('totp-settings totp-enroll [part="secret"]');
  await secretPart.waitFor();
  const secretKey = ((await secretPart.textContent()) ?? '').trim();
  assert.match(secretKey, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const phone = new Authenticator(secretKey);
  await typeCode(page, 'totp-enroll', phone.code(await server.nextStep()));
  await page.locator('totp-settings [part="toggle"]', { hasText: 'Disable' }).waitFor();
  assert.equal(await settingsState(page), 'On');
  return secretKey;
}

/** Sign out from the Account page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in.html');
}

/** `GET /api/me` from the page, with its cookies: the protected API's status. */
export function protectedApiStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/me')).status);
}
