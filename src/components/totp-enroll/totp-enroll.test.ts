import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { install } from '@sinonjs/fake-timers';
import { Secret, TOTP } from 'otpauth';
import { create } from 'qrcode';
import { TotpAdapterError, totpErrorCodes } from '../../adapters/adapter-error.js';
import { adapterErrorMessage, adapterErrorsEn } from '../../adapters/adapter-error.strings.js';
import type { TotpEnrollment } from '../../adapters/adapter.js';
import { setDefaultAdapter } from '../../adapters/default-adapter.js';
import { createMemoryAdapter } from '../../adapters/memory-adapter.js';
import '../../i18n/ru.js';
import { createFakeAdapter, type FakeAdapter } from '../../testing/fake-adapter.js';
import { litWarnings } from '../../../test/helpers/lit-warnings.js';
import { watchForLeaks } from '../../../test/helpers/leak-watch.js';
import type { TotpEnrollElement } from './totp-enroll.js';
import './define.js';
import {
  codeFieldOf as codeField,
  partText as text,
  shadowPart as part,
} from '../../../test/helpers/shadow-parts.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NEW_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
/** Every code the tests type. */
const CODES = ['123456', '654321', '135790', '246810', '135792', '975310'];
const uriOf = (secret: string, extra = '') =>
  `otpauth://totp/ACME:ada%40acme.test?secret=${secret}&issuer=ACME${extra}`;

function enrollment(overrides: Partial<TotpEnrollment> = {}): TotpEnrollment {
  return {
    enrollmentId: 'enrollment-1',
    secret: SECRET,
    otpauthUri: uriOf(SECRET),
    issuer: 'ACME',
    accountName: 'ada@acme.test',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    ...overrides,
  };
}

// Captured before any test fakes the clock: waiting for the lazy QR encoder needs real time.
const realSetTimeout = window.setTimeout.bind(window);
const nextTask = () => new Promise((resolve) => realSetTimeout(resolve, 0));

/** Waits, polling on real time, until `check()` holds. */
async function until(check: () => unknown): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) throw new Error('Condition never held');
    await new Promise((resolve) => realSetTimeout(resolve, 10));
  }
}

const shownSecret = (el: TotpEnrollElement) => text(el, 'secret')!.replace(/ /g, '');

async function enrollWith(adapter: FakeAdapter): Promise<TotpEnrollElement> {
  return fixture<TotpEnrollElement>(html`<totp-enroll .adapter=${adapter}></totp-enroll>`);
}

/** Settles the pending `beginEnrollment` call and waits until the element shows the outcome. */
async function settleBegin(
  el: TotpEnrollElement,
  adapter: FakeAdapter,
  outcome: { resolve: unknown } | { reject: unknown } = { resolve: enrollment() },
): Promise<void> {
  const call = adapter.next('beginEnrollment');
  if ('resolve' in outcome) call.resolve(outcome.resolve as TotpEnrollment);
  else call.reject(outcome.reject);
  await el.updateComplete;
  await until(() => !part(el, 'loading'));
  await el.updateComplete;
  await codeField(el).updateComplete;
}

/** A started element showing `enrollment()`. */
async function shownWith(adapter: FakeAdapter): Promise<TotpEnrollElement> {
  const el = await enrollWith(adapter);
  await settleBegin(el, adapter);
  return el;
}

/** Types key by key: WebKitWebDriver drops a repeated character within one `type` call. */
async function typeCode(el: TotpEnrollElement, code: string): Promise<void> {
  codeField(el).querySelector('input')!.focus();
  for (const key of code) await sendKeys({ type: key });
  await codeField(el).updateComplete;
}

/** Settles the pending `confirmEnrollment` call and lets the element render the outcome. */
async function settleConfirm(
  el: TotpEnrollElement,
  adapter: FakeAdapter,
  outcome: { resolve: unknown } | { reject: unknown },
): Promise<void> {
  const call = adapter.next('confirmEnrollment');
  if ('resolve' in outcome) call.resolve(undefined);
  else call.reject(outcome.reject);
  await nextTask();
  await el.updateComplete;
  await codeField(el).updateComplete;
}

/** What the element and its rendering still hold: its own fields and Lit's committed values. */
function heldBy(el: TotpEnrollElement): string {
  const seen = new WeakSet<object>();
  const fields = Object.fromEntries(
    Object.getOwnPropertyNames(el).map((name) => [
      name,
      (el as unknown as Record<string, unknown>)[name],
    ]),
  );
  const litPart = (el.shadowRoot as unknown as { _$litPart$?: unknown })._$litPart$;
  return JSON.stringify([fields, litPart], (_key, value: unknown) => {
    if (value instanceof Node) return value.nodeName;
    if (typeof value === 'function') return undefined;
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return undefined;
    seen.add(value);
    return value instanceof Map || value instanceof Set ? [...value] : value;
  });
}

/** Fails if the shadow root or any field of `el` holds the secret or the URI (C-14). */
function expectWiped(el: TotpEnrollElement, secret = SECRET): void {
  const markup = el.shadowRoot!.innerHTML;
  expect(markup.replace(/\s/g, '')).to.not.contain(secret);
  expect(markup).to.not.contain('otpauth');
  expect(part(el, 'qr-code')).to.equal(null);
  expect(part(el, 'secret')).to.equal(null);
  const held = heldBy(el);
  expect(held).to.not.contain(secret);
  expect(held).to.not.contain('otpauth');
}

/** Replaces `navigator.clipboard` with a recorder; `restore()` puts the browser's back. */
function stubClipboard(write: () => Promise<void> = () => Promise.resolve()) {
  const written: string[] = [];
  let reads = 0;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: (value: string) => {
        written.push(value);
        return write();
      },
      readText: () => {
        reads++;
        return Promise.resolve('');
      },
    },
  });
  return {
    written,
    reads: () => reads,
    restore: () => Reflect.deleteProperty(navigator, 'clipboard'),
  };
}

describe('<totp-enroll>', () => {
  // C-12, C-13: after every flow below, nothing secret in storage, console, events, light DOM
  // or the URL.
  let leaks: ReturnType<typeof watchForLeaks>;
  beforeEach(() => {
    leaks = watchForLeaks();
  });
  afterEach(() => {
    setDefaultAdapter(undefined);
    leaks.stop();
    expect(leaks.found([SECRET, NEW_SECRET, 'otpauth', ...CODES], document.body)).to.deep.equal([]);
  });

  describe('starting', () => {
    it('begins an enrollment on connect and says it is preparing', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      expect(adapter.callCount('beginEnrollment')).to.equal(1);
      expect(text(el, 'loading')).to.equal('Preparing your QR code…');
      expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
      expect(el.shadowRoot!.querySelector('slot[name="code"]')).to.equal(null);
      expect(text(el, 'cancel')).to.equal('Cancel');
    });

    for (const code of totpErrorCodes) {
      it(`shows ${code} on begin with a Try again button that begins anew`, async () => {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        const reported = oneEvent(el, 'totp-enroll-error');
        const error = new TotpAdapterError(code, { retryAfter: 30 });
        await settleBegin(el, adapter, { reject: error });
        expect((await reported).detail.error).to.equal(code);
        expect(text(el, 'message')).to.equal(adapterErrorMessage(adapterErrorsEn, error));
        expect(part(el, 'message')!.getAttribute('role')).to.equal('alert');
        expect(part(el, 'secret')).to.equal(null);
        expect(part(el, 'open-app')).to.equal(null);
        const again = part(el, 'start-over') ?? part(el, 'retry')!;
        if (code === 'rate_limited') {
          // C-09: no new attempt while the wait runs.
          expect(again.hasAttribute('disabled')).to.be.true;
          return;
        }
        again.click();
        await settleBegin(el, adapter);
        expect(adapter.callCount('beginEnrollment')).to.equal(2);
        expect(shownSecret(el)).to.equal(SECRET);
      });
    }

    it('reports a failed fetch as a network failure and a thrown error as a server one', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      await settleBegin(el, adapter, { reject: new TypeError('Failed to fetch') });
      expect(text(el, 'message')).to.contain("Couldn't reach the server");
      part(el, 'retry')!.click();
      await settleBegin(el, adapter, { reject: new Error(`boom ${SECRET}`) });
      expect(text(el, 'message')).to.contain('Something went wrong');
      expect(text(el, 'message')).to.not.contain('boom');
    });

    it('explains a missing adapter and starts as soon as a page-wide default is set', async () => {
      const el = await fixture<TotpEnrollElement>(html`<totp-enroll></totp-enroll>`);
      expect(text(el, 'message')).to.contain('no adapter is configured');
      const adapter = createFakeAdapter();
      setDefaultAdapter(adapter);
      expect(adapter.callCount('beginEnrollment')).to.equal(1);
      await settleBegin(el, adapter);
      expect(shownSecret(el)).to.equal(SECRET);
    });
  });

  describe('untrusted payloads (C-16)', () => {
    const malformed: [string, Partial<TotpEnrollment> | null][] = [
      ['a javascript: URI', { otpauthUri: 'javascript:alert(1)' }],
      ['an https URI', { otpauthUri: `https://evil.test/?secret=${SECRET}` }],
      ['an HOTP URI', { otpauthUri: `otpauth://hotp/ACME:ada?secret=${SECRET}&counter=0` }],
      ['a URI without a secret', { otpauthUri: 'otpauth://totp/ACME:ada?issuer=ACME' }],
      ['a secret that is not base32', { secret: 'AB<CD', otpauthUri: uriOf('AB%3CCD') }],
      ['a URI whose secret differs', { otpauthUri: uriOf(NEW_SECRET) }],
      ['a missing enrollment id', { enrollmentId: undefined }],
      ['an unreadable expiry', { expiresAt: 'soon' }],
      ['no enrollment at all', null],
    ];
    for (const [what, overrides] of malformed) {
      it(`refuses ${what}: error state, no link, no QR code, no secret`, async () => {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        const reported = oneEvent(el, 'totp-enroll-error');
        await settleBegin(el, adapter, { resolve: overrides && enrollment(overrides) });
        expect((await reported).detail.error).to.equal('malformed_response');
        expect(text(el, 'message')).to.contain('unexpected response');
        expect(el.shadowRoot!.querySelector('a')).to.equal(null);
        expectWiped(el);
        expect(el.shadowRoot!.innerHTML).to.not.contain('javascript:');
        expect(part(el, 'retry')).to.not.equal(null);
      });
    }

    it('renders a hostile issuer and account name as plain text', async () => {
      const issuer = '<img src=x onerror=alert(1)>';
      const accountName = '<b>ada</b>';
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      await settleBegin(el, adapter, {
        resolve: enrollment({
          issuer,
          accountName,
          otpauthUri: `otpauth://totp/x?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`,
        }),
      });
      expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect(el.shadowRoot!.textContent).to.contain(
        `The app will list it as ${issuer} (${accountName}).`,
      );
      expect(part(el, 'qr-code')!.getAttribute('aria-label')).to.equal(
        `QR code for adding ${issuer} to an authenticator app`,
      );
    });

    it('accepts a URI secret in lower case or padded', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      await settleBegin(el, adapter, {
        resolve: enrollment({ otpauthUri: uriOf(`${SECRET.toLowerCase()}====`) }),
      });
      expect(shownSecret(el)).to.equal(SECRET);
    });

    for (const extra of ['&algorithm=SHA256', '&digits=8', '&period=60']) {
      it(`warns about ${extra.slice(1)} but goes on (C-17)`, async () => {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        await settleBegin(el, adapter, {
          resolve: enrollment({ otpauthUri: uriOf(SECRET, extra) }),
        });
        expect(text(el, 'compat-warning')).to.contain('non-standard settings');
        expect(shownSecret(el)).to.equal(SECRET);
        expect(codeField(el).disabled).to.be.false;
      });
    }

    it('shows no compatibility warning for SHA1, 6 digits and 30 seconds', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      const defaults = '&algorithm=sha1&digits=6&period=30';
      await settleBegin(el, adapter, {
        resolve: enrollment({ otpauthUri: uriOf(SECRET, defaults) }),
      });
      expect(part(el, 'compat-warning')).to.equal(null);
    });
  });

  describe('the enrollment on screen', () => {
    it('shows the guide’s two ways, the account, the grouped Secret key and its warning', async () => {
      const el = await shownWith(createFakeAdapter());
      const steps = part(el, 'steps')!;
      expect(steps.localName).to.equal('ol');
      expect(steps.textContent).to.contain('tap + → Scan QR code');
      expect(steps.textContent).to.contain('tap + → Enter a setup key');
      expect(el.shadowRoot!.textContent).to.contain(
        'The app will list it as ACME (ada@acme.test).',
      );
      expect(text(el, 'secret')).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
      expect(part(el, 'secret')!.getAttribute('translate')).to.equal('no');
      expect(getComputedStyle(part(el, 'secret')!).fontFamily).to.contain('monospace');
      expect(text(el, 'warning')).to.contain('password manager');
      expect(text(el, 'warning')).to.contain('screenshot');
      expect(part(el, 'expiry-warning')).to.equal(null);
      expect(el.shadowRoot!.querySelector('slot[name="code"]')).to.not.equal(null);
      expect(codeField(el).querySelector('input')!.getAttribute('aria-label')).to.equal(
        'Enter verification code',
      );
      expect(text(el, 'submit')).to.equal('Confirm');
    });

    it('displays a key that, without spaces, is the URI’s secret (C-15)', async () => {
      const el = await shownWith(createFakeAdapter());
      const uri = new URL(el.shadowRoot!.querySelector('a')!.href);
      expect(shownSecret(el)).to.equal(uri.searchParams.get('secret'));
      expect(
        text(el, 'secret')!
          .split(' ')
          .every((group) => group.length <= 4),
      ).to.be.true;
    });

    it('draws a QR code that decodes back to the enrollment URI, on a white quiet zone', async () => {
      const el = await shownWith(createFakeAdapter());
      const svg = part(el, 'qr-code') as unknown as SVGSVGElement;
      expect(svg.localName).to.equal('svg');
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal(
        'QR code for adding ACME to an authenticator app',
      );
      expect(svg.getAttribute('shape-rendering')).to.equal('crispEdges');
      const { size, data } = create(uriOf(SECRET), { errorCorrectionLevel: 'M' }).modules;
      const side = size + 8;
      expect(svg.getAttribute('viewBox')).to.equal(`-4 -4 ${side} ${side}`);
      const background = svg.querySelector('rect')!;
      expect(
        ['x', 'y', 'width', 'height'].map((name) => background.getAttribute(name)),
      ).to.deep.equal(['-4', '-4', String(side), String(side)]);
      expect(getComputedStyle(background).fill).to.equal('rgb(255, 255, 255)');
      const modules = svg.querySelector('path')!;
      expect(getComputedStyle(modules).fill).to.equal('rgb(0, 0, 0)');
      let mismatches = 0;
      for (let y = -4; y < size + 4; y++) {
        for (let x = -4; x < size + 4; x++) {
          const inside = x >= 0 && y >= 0 && x < size && y < size;
          const dark = modules.isPointInFill(new DOMPoint(x + 0.5, y + 0.5));
          if (dark !== (inside && data[y * size + x] === 1)) mismatches++;
        }
      }
      expect(mismatches).to.equal(0);
      expect(el.shadowRoot!.innerHTML).to.not.contain('data:');
      expect(el.shadowRoot!.querySelector('img, image, canvas, foreignObject')).to.equal(null);
    });

    it('sizes the QR code with --totp-enroll-qr-size', async () => {
      const el = await shownWith(createFakeAdapter());
      el.style.setProperty('--totp-enroll-qr-size', '200px');
      expect(part(el, 'qr-code')!.getBoundingClientRect().width).to.equal(200);
    });

    it('links “Open in authenticator app” to the validated otpauth: URI', async () => {
      const el = await shownWith(createFakeAdapter());
      const link = part(el, 'open-app') as HTMLAnchorElement;
      expect(link.getAttribute('href')).to.equal(uriOf(SECRET));
      expect(link.textContent!.trim()).to.equal('Open in authenticator app');
    });

    it('copies the ungrouped Secret key from the keyboard, announces it, never reads the clipboard', async () => {
      const clipboard = stubClipboard();
      try {
        const el = await shownWith(createFakeAdapter());
        const button = part(el, 'copy-secret')!;
        expect(button.localName).to.equal('button');
        button.focus();
        await sendKeys({ press: 'Enter' });
        const status = el.shadowRoot!.querySelector('span[role="status"]')!;
        await until(() => status.textContent!.trim());
        expect(clipboard.written).to.deep.equal([SECRET]);
        expect(status.textContent!.trim()).to.equal('Copied');
        part(el, 'copy-uri')!.click();
        await until(() => clipboard.written.length === 2 && status.textContent!.trim());
        expect(clipboard.written[1]).to.equal(uriOf(SECRET));
        expect(status.textContent!.trim()).to.equal('Copied');
        expect(clipboard.reads()).to.equal(0);
      } finally {
        clipboard.restore();
      }
    });

    it('announces a copy the browser refused', async () => {
      const clipboard = stubClipboard(() =>
        Promise.reject(new DOMException('No', 'NotAllowedError')),
      );
      try {
        const el = await shownWith(createFakeAdapter());
        part(el, 'copy-secret')!.click();
        const status = el.shadowRoot!.querySelector('span[role="status"]')!;
        await until(() => status.textContent!.trim());
        expect(status.textContent!.trim()).to.equal(
          "Couldn't copy. Select the key and copy it yourself.",
        );
      } finally {
        clipboard.restore();
      }
    });
  });

  describe('confirming', () => {
    it('sends the code with the enrollment id, and reports success without secrets', async () => {
      const adapter = createFakeAdapter();
      const el = await shownWith(adapter);
      await typeCode(el, '123456');
      expect(adapter.next('confirmEnrollment').args).to.deep.equal(['enrollment-1', '123456']);
      const completed = oneEvent(el, 'totp-enroll-complete');
      await settleConfirm(el, adapter, { resolve: undefined });
      const event = await completed;
      expect(event.bubbles && event.composed).to.be.true;
      expect((event as Event & { detail?: unknown }).detail).to.equal(undefined);
      expect(text(el, 'success')).to.equal(
        'Two-factor authentication is on. From now on, every sign-in asks for a code from your app.',
      );
      expect(part(el, 'cancel')).to.equal(null);
      expectWiped(el);
    });

    it('makes exactly one call for auto-submit, Enter ×5 and a click (C-07)', async () => {
      const adapter = createFakeAdapter();
      const el = await shownWith(adapter);
      await typeCode(el, '123456');
      for (let press = 0; press < 5; press++) await sendKeys({ press: 'Enter' });
      part(el, 'submit')!.click();
      part(el, 'submit')!.click();
      expect(adapter.callCount('confirmEnrollment')).to.equal(1);
      expect(codeField(el).disabled).to.be.true;
    });

    it('keeps the same secret visible after a wrong code and clears the entry', async () => {
      const adapter = createFakeAdapter();
      const el = await shownWith(adapter);
      await typeCode(el, '123456');
      await settleConfirm(el, adapter, { reject: new TotpAdapterError('invalid_code') });
      expect(shownSecret(el)).to.equal(SECRET);
      expect(codeField(el).value).to.equal('');
      expect(text(el, 'message')).to.contain("That code didn't work");
      expect(adapter.callCount('beginEnrollment')).to.equal(1);
      await typeCode(el, '654321');
      expect(adapter.next('confirmEnrollment').args).to.deep.equal(['enrollment-1', '654321']);
    });

    const kept = totpErrorCodes.filter(
      (code) => !['enrollment_expired', 'no_pending_enrollment', 'rate_limited'].includes(code),
    );
    for (const code of kept) {
      it(`keeps everything on screen after ${code} on confirm`, async () => {
        const adapter = createFakeAdapter();
        const el = await shownWith(adapter);
        await typeCode(el, '123456');
        const reported = oneEvent(el, 'totp-enroll-error');
        const error = new TotpAdapterError(code);
        await settleConfirm(el, adapter, { reject: error });
        expect((await reported).detail.error).to.equal(code);
        expect(text(el, 'message')).to.equal(adapterErrorMessage(adapterErrorsEn, error));
        expect(shownSecret(el)).to.equal(SECRET);
        expect(part(el, 'qr-code')).to.not.equal(null);
        expect(codeField(el).value).to.equal('');
        expect(codeField(el).disabled).to.be.false;
      });
    }

    for (const code of ['enrollment_expired', 'no_pending_enrollment'] as const) {
      it(`offers Start over after ${code}, which shows a NEW secret`, async () => {
        const adapter = createFakeAdapter();
        const el = await shownWith(adapter);
        await typeCode(el, '123456');
        const reported = oneEvent(el, 'totp-enroll-error');
        await settleConfirm(el, adapter, { reject: new TotpAdapterError(code) });
        expect((await reported).detail.error).to.equal(code);
        expect(text(el, 'message')).to.contain('Start again to get a new QR code');
        expectWiped(el);
        const startOver = part(el, 'start-over')!;
        expect(startOver.textContent!.trim()).to.equal('Start over');
        expect(el.shadowRoot!.activeElement).to.equal(startOver);
        startOver.click();
        await settleBegin(el, adapter, {
          resolve: enrollment({
            enrollmentId: 'enrollment-2',
            secret: NEW_SECRET,
            otpauthUri: uriOf(NEW_SECRET),
          }),
        });
        expect(adapter.callCount('beginEnrollment')).to.equal(2);
        expect(shownSecret(el)).to.equal(NEW_SECRET);
        expect(text(el, 'message')).to.equal('');
        await typeCode(el, '654321');
        expect(adapter.next('confirmEnrollment').args).to.deep.equal(['enrollment-2', '654321']);
      });
    }

    describe('with fake timers', () => {
      let clock: ReturnType<typeof install>;
      afterEach(() => clock.uninstall());

      it('disables entry for a rate limit, counts down and never retries by itself (C-09)', async () => {
        const adapter = createFakeAdapter();
        const el = await shownWith(adapter);
        clock = install({ now: Date.now(), toFake: ['setInterval', 'clearInterval', 'Date'] });
        await typeCode(el, '123456');
        await settleConfirm(el, adapter, {
          reject: new TotpAdapterError('rate_limited', { retryAfter: 120 }),
        });
        expect(codeField(el).disabled).to.be.true;
        expect(part(el, 'submit')!.hasAttribute('disabled')).to.be.true;
        expect(text(el, 'countdown')).to.equal('You can try again in 2:00.');
        expect(shownSecret(el)).to.equal(SECRET);
        clock.tick(61_000);
        await el.updateComplete;
        expect(text(el, 'countdown')).to.equal('You can try again in 0:59.');
        clock.tick(59_000);
        await el.updateComplete;
        await codeField(el).updateComplete;
        expect(adapter.callCount('confirmEnrollment')).to.equal(1);
        expect(codeField(el).disabled).to.be.false;
      });

      it('warns two minutes before expiry with Start over, then wipes the expired enrollment (C-19)', async () => {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        clock = install({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        await settleBegin(el, adapter);
        clock.tick(13 * 60_000 - 1000);
        await el.updateComplete;
        expect(part(el, 'expiry-warning')).to.equal(null);
        clock.tick(1000);
        await el.updateComplete;
        expect(text(el, 'expiry-warning')).to.contain('Less than 2 minutes');
        expect(part(el, 'expiry-warning')!.getAttribute('role')).to.equal('alert');
        expect(part(el, 'start-over')).to.not.equal(null);
        expect(shownSecret(el)).to.equal(SECRET);
        const reported = oneEvent(el, 'totp-enroll-error');
        clock.tick(2 * 60_000);
        await el.updateComplete;
        expect((await reported).detail.error).to.equal('enrollment_expired');
        expect(text(el, 'message')).to.equal(adapterErrorsEn.enrollment_expired);
        expectWiped(el);
        part(el, 'start-over')!.click();
        expect(adapter.callCount('beginEnrollment')).to.equal(2);
      });

      it('starts over from the expiry warning with one action', async () => {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        clock = install({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        await settleBegin(el, adapter, {
          resolve: enrollment({ expiresAt: new Date(Date.now() + 90_000).toISOString() }),
        });
        part(el, 'start-over')!.click();
        await settleBegin(el, adapter, {
          resolve: enrollment({ secret: NEW_SECRET, otpauthUri: uriOf(NEW_SECRET) }),
        });
        expect(shownSecret(el)).to.equal(NEW_SECRET);
        expect(part(el, 'expiry-warning')).to.equal(null);
        // The first enrollment's timer is gone: nothing expires at its time.
        clock.tick(90_000);
        await el.updateComplete;
        expect(shownSecret(el)).to.equal(NEW_SECRET);
      });
    });
  });

  describe('leaving', () => {
    it('cancels: fires totp-enroll-cancel, tells the backend, wipes the secret', async () => {
      const adapter = createFakeAdapter();
      const el = await shownWith(adapter);
      const cancelled = oneEvent(el, 'totp-enroll-cancel');
      part(el, 'cancel')!.click();
      const event = await cancelled;
      expect(event.bubbles && event.composed).to.be.true;
      expect(adapter.next('cancelEnrollment').args).to.deep.equal(['enrollment-1']);
      await el.updateComplete;
      expectWiped(el);
      // Fire and forget: a failure of the backend is ignored.
      adapter.next('cancelEnrollment').reject(new TotpAdapterError('network'));
      await nextTask();
    });

    it('cancels with an adapter that cannot discard enrollments', async () => {
      const adapter = createFakeAdapter();
      const el = await fixture<TotpEnrollElement>(
        html`<totp-enroll .adapter=${{ ...adapter, cancelEnrollment: undefined }}></totp-enroll>`,
      );
      await settleBegin(el, adapter);
      const cancelled = oneEvent(el, 'totp-enroll-cancel');
      part(el, 'cancel')!.click();
      await cancelled;
      expect(adapter.callCount('cancelEnrollment')).to.equal(0);
    });

    it('cancels while starting: the begin call is aborted', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      part(el, 'cancel')!.click();
      expect(adapter.calls[0].aborted).to.be.true;
      await nextTask();
      await el.updateComplete;
      expect(adapter.callCount()).to.equal(1);
    });

    it('aborts the begin call when it leaves the page, and begins anew when back', async () => {
      const adapter = createFakeAdapter();
      const el = await enrollWith(adapter);
      const parent = el.parentElement!;
      el.remove();
      expect(adapter.calls[0].aborted).to.be.true;
      parent.append(el);
      await nextTask();
      expect(adapter.callCount('beginEnrollment')).to.equal(2);
      await settleBegin(el, adapter);
      expect(shownSecret(el)).to.equal(SECRET);
    });

    it('aborts the confirm call, fires nothing and wipes the secret when removed', async () => {
      const adapter = createFakeAdapter();
      const el = await shownWith(adapter);
      await typeCode(el, '123456');
      let events = 0;
      el.addEventListener('totp-enroll-complete', () => events++);
      el.addEventListener('totp-enroll-error', () => events++);
      el.remove();
      const confirm = adapter.calls.find((call) => call.method === 'confirmEnrollment')!;
      expect(confirm.aborted).to.be.true;
      await nextTask();
      await el.updateComplete;
      expect(events).to.equal(0);
      expectWiped(el);
    });

    it('leaves nothing secret anywhere over a long flow with every kind of exit (C-12, C-13)', async () => {
      const clipboard = stubClipboard();
      try {
        const adapter = createFakeAdapter();
        const el = await enrollWith(adapter);
        await settleBegin(el, adapter, { reject: new TotpAdapterError('server') });
        part(el, 'retry')!.click();
        await settleBegin(el, adapter, {
          resolve: enrollment({ otpauthUri: 'javascript:alert(1)' }),
        });
        part(el, 'retry')!.click();
        await settleBegin(el, adapter);
        part(el, 'copy-secret')!.click();
        part(el, 'copy-uri')!.click();
        await typeCode(el, '246810');
        await settleConfirm(el, adapter, { reject: new TotpAdapterError('invalid_code') });
        await typeCode(el, '135792');
        await settleConfirm(el, adapter, { reject: new TotpAdapterError('enrollment_expired') });
        part(el, 'start-over')!.click();
        await settleBegin(el, adapter, {
          resolve: enrollment({ secret: NEW_SECRET, otpauthUri: uriOf(NEW_SECRET) }),
        });
        await typeCode(el, '975310');
        await settleConfirm(el, adapter, { resolve: undefined });
        expect(text(el, 'success')).to.contain('Two-factor authentication is on');
        const needles = [SECRET, NEW_SECRET, 'otpauth', 'JBSW Y3DP', 'KRSX G5CT', ...CODES];
        expect(leaks.found(needles, el)).to.deep.equal([]);
      } finally {
        clipboard.restore();
      }
    });
  });

  describe('modal', () => {
    async function modalWith(adapter: FakeAdapter) {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <button id="opener">Enable 2-step verification</button>
          <totp-enroll modal .adapter=${adapter}></totp-enroll>
        </div>
      `);
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      const el = wrapper.querySelector('totp-enroll')!;
      return { el, opener, dialog: el.shadowRoot!.querySelector('dialog')! };
    }

    it('waits for open() to begin, then shows a modal dialog with an accessible name', async () => {
      const adapter = createFakeAdapter();
      const { el, opener, dialog } = await modalWith(adapter);
      expect(adapter.callCount()).to.equal(0);
      expect(dialog.open).to.be.false;
      opener.focus();
      await el.open();
      expect(dialog.open).to.be.true;
      expect(dialog.matches(':modal')).to.be.true;
      expect(dialog.getAttribute('aria-label')).to.equal('Set up two-factor authentication');
      expect(adapter.callCount('beginEnrollment')).to.equal(1);
      await settleBegin(el, adapter);
      expect(dialog.contains(part(el, 'qr-code'))).to.be.true;
      await expect(el).to.be.accessible();
      // The slotted code field is part of the dialog, not made inert by it.
      await typeCode(el, '123456');
      expect(adapter.callCount('confirmEnrollment')).to.equal(1);
    });

    it('cancels on Escape, tells the backend and returns focus to the opener', async () => {
      const adapter = createFakeAdapter();
      const { el, opener, dialog } = await modalWith(adapter);
      opener.focus();
      await el.open();
      await settleBegin(el, adapter);
      part(el, 'copy-secret')!.focus();
      const cancelled = oneEvent(el, 'totp-enroll-cancel');
      await sendKeys({ press: 'Escape' });
      await cancelled;
      expect(dialog.open).to.be.false;
      expect(adapter.next('cancelEnrollment').args).to.deep.equal(['enrollment-1']);
      await until(() => document.activeElement === opener);
      await el.updateComplete;
      expectWiped(el);
    });

    it('closes with close() as a cancel, and starts a fresh enrollment on each open()', async () => {
      const adapter = createFakeAdapter();
      const { el, dialog } = await modalWith(adapter);
      await el.open();
      await settleBegin(el, adapter);
      let cancels = 0;
      el.addEventListener('totp-enroll-cancel', () => cancels++);
      el.close();
      expect(dialog.open).to.be.false;
      expect(cancels).to.equal(1);
      await el.updateComplete;
      expectWiped(el);
      await el.open();
      expect(dialog.open).to.be.true;
      await settleBegin(el, adapter, {
        resolve: enrollment({ secret: NEW_SECRET, otpauthUri: uriOf(NEW_SECRET) }),
      });
      expect(adapter.callCount('beginEnrollment')).to.equal(2);
      expect(shownSecret(el)).to.equal(NEW_SECRET);
      el.close();
      await nextTask();
      expect(cancels).to.equal(2);
    });

    it('shows success with a Done button that closes without a cancel', async () => {
      const adapter = createFakeAdapter();
      const { el, dialog } = await modalWith(adapter);
      await el.open();
      await settleBegin(el, adapter);
      await typeCode(el, '123456');
      const completed = oneEvent(el, 'totp-enroll-complete');
      await settleConfirm(el, adapter, { resolve: undefined });
      await completed;
      expect(dialog.open).to.be.true;
      expect(text(el, 'success')).to.contain('Two-factor authentication is on');
      await expect(el).to.be.accessible();
      let cancels = 0;
      el.addEventListener('totp-enroll-cancel', () => cancels++);
      part(el, 'done')!.click();
      await nextTask();
      expect(dialog.open).to.be.false;
      expect(cancels).to.equal(0);
      expect(adapter.callCount('cancelEnrollment')).to.equal(0);
    });
  });

  it('enrolls end to end with the memory adapter, the code computed from the shown key', async () => {
    const adapter = createMemoryAdapter({ issuer: 'ACME', accountName: 'ada@acme.test' });
    const el = await fixture<TotpEnrollElement>(
      html`<totp-enroll .adapter=${adapter}></totp-enroll>`,
    );
    await until(() => part(el, 'secret'));
    const secret = shownSecret(el);
    const uri = (part(el, 'open-app') as HTMLAnchorElement).getAttribute('href')!;
    expect(new URL(uri).searchParams.get('secret')).to.equal(secret);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const completed = oneEvent(el, 'totp-enroll-complete');
    await typeCode(el, code);
    await completed;
    expect((await adapter.status()).enabled).to.be.true;
    await el.updateComplete;
    expect(text(el, 'success')).to.contain('Two-factor authentication is on');
    expectWiped(el, secret);
  });

  it('speaks Russian under lang="ru"', async () => {
    const adapter = createFakeAdapter();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ru"><totp-enroll .adapter=${adapter}></totp-enroll></div>`,
    );
    const el = wrapper.querySelector('totp-enroll')!;
    expect(text(el, 'loading')).to.equal('Готовим QR-код…');
    await settleBegin(el, adapter);
    expect(text(el, 'steps')).to.contain('«Сканировать QR-код»');
    expect(text(el, 'steps')).to.contain('«Ввести ключ настройки»');
    expect(text(el, 'warning')).to.contain('менеджере паролей');
    expect(text(el, 'copy-secret')).to.equal('Скопировать ключ');
    expect(text(el, 'open-app')).to.equal('Открыть в приложении-аутентификаторе');
    expect(text(el, 'submit')).to.equal('Подтвердить');
    expect(text(el, 'cancel')).to.equal('Отмена');
    expect(part(el, 'qr-code')!.getAttribute('aria-label')).to.equal(
      'QR-код для добавления ACME в приложение-аутентификатор',
    );
    await typeCode(el, '123456');
    await settleConfirm(el, adapter, { reject: new TotpAdapterError('enrollment_expired') });
    expect(text(el, 'start-over')).to.equal('Начать заново');
    part(el, 'start-over')!.click();
    await settleBegin(el, adapter);
    await typeCode(el, '654321');
    await settleConfirm(el, adapter, { resolve: undefined });
    expect(text(el, 'success')).to.contain('Двухфакторная аутентификация включена');
  });

  it('takes string overrides per instance', async () => {
    const adapter = createFakeAdapter();
    const el = await fixture<TotpEnrollElement>(
      html`<totp-enroll
        .adapter=${adapter}
        .strings=${{ copySecret: 'Copy', confirm: 'Turn on' }}
      ></totp-enroll>`,
    );
    await settleBegin(el, adapter);
    expect(text(el, 'copy-secret')).to.equal('Copy');
    expect(text(el, 'submit')).to.equal('Turn on');
  });

  it('passes axe while starting, shown, after failures and after success', async () => {
    const adapter = createFakeAdapter();
    const el = await enrollWith(adapter);
    await expect(el).to.be.accessible();
    await settleBegin(el, adapter, { reject: new TotpAdapterError('network') });
    await expect(el).to.be.accessible();
    part(el, 'retry')!.click();
    await settleBegin(el, adapter, {
      resolve: enrollment({ otpauthUri: uriOf(SECRET, '&digits=8') }),
    });
    await expect(el).to.be.accessible();
    await typeCode(el, '123456');
    await settleConfirm(el, adapter, { reject: new TotpAdapterError('invalid_code') });
    await expect(el).to.be.accessible();
    await typeCode(el, '654321');
    await settleConfirm(el, adapter, { reject: new TotpAdapterError('no_pending_enrollment') });
    await expect(el).to.be.accessible();
    part(el, 'start-over')!.click();
    await settleBegin(el, adapter);
    await typeCode(el, '135790');
    await settleConfirm(el, adapter, { resolve: undefined });
    await expect(el).to.be.accessible();
  });

  describe('development mode', () => {
    it('caused no Lit dev-mode warnings in any test', () => {
      expect(litWarnings()).to.deep.equal([]);
    });
  });
});
