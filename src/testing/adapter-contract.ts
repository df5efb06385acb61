import { TOTP, URI } from 'otpauth';
import type { TotpAdapter, TotpEnrollment } from '../adapters/adapter.js';
import type { TotpErrorCode } from '../adapters/adapter-error.js';
import {
  aborts,
  base32Bytes,
  check,
  codeAt,
  currentStep,
  rejects,
  succeeds,
  wrongCode,
} from './contract-checks.js';

/** Options of `runAdapterContract()`. */
export interface AdapterContractOptions {
  /**
   * The backend's clock in milliseconds, when the test controls it (e.g. the memory adapter's
   * `now`). Without it the suite uses `Date.now()` and waits out the last 3 s of a step
   * before computing codes.
   */
  now?: () => number;
  /** The backend's declared consecutive failures before throttling, at most 10. Default 10. */
  throttleAfter?: number;
}

type TestContext = { timeout?(ms: number): void; skip?(): void } | undefined;

/** Rejections that mean "this code does not pass": wrong, or already used. */
const notAccepted: readonly TotpErrorCode[] = ['invalid_code', 'code_already_used'];

const fullWidth = (code: string) =>
  code.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
const arabicIndic = (code: string) =>
  code.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));

function checkEnrollment(enrollment: TotpEnrollment, now: number): void {
  const { enrollmentId, secret, otpauthUri: uri, issuer, accountName, expiresAt } = enrollment;
  check(typeof enrollmentId === 'string' && enrollmentId !== '', 'enrollmentId is empty');
  check(/^[A-Z2-7]+$/.test(secret), 'secret should be upper-case base32 without padding (A-18)');
  check(base32Bytes(secret) >= 16, 'secret should hold at least 128 bits (A-16)');
  check(issuer !== '' && accountName !== '', 'issuer and accountName should not be empty');
  check(!`${issuer}${accountName}`.includes(':'), 'issuer and accountName may not contain ":"');
  const expiry = Date.parse(expiresAt);
  check(expiry > now, 'expiresAt should be a time in the future (A-20)');

  const match = /^otpauth:\/\/totp\/([^?#]*)\?([^#]*)$/.exec(uri);
  check(match, 'otpauthUri should be otpauth://totp/<label>?<parameters>');
  check(!uri.includes('+'), 'otpauthUri should encode spaces as %20 and "+" as %2B (A-18)');
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return undefined;
    }
  };
  const [labelIssuer, labelAccount] = match[1]!.split(/:|%3A/i, 2).map(decode);
  check(labelIssuer === issuer, 'the label prefix of otpauthUri should be the issuer (A-18)');
  check(labelAccount === accountName, 'the label of otpauthUri should end with accountName');
  const params = new Map(
    match[2]!.split('&').map((pair) => {
      const [name = '', value = ''] = pair.split('=', 2);
      return [decode(name), decode(value)] as const;
    }),
  );
  check(params.get('secret') === secret, "otpauthUri's secret should equal secret (C-15)");
  check(params.get('issuer') === issuer, 'otpauthUri should carry issuer=<label prefix> (A-18)');
  const fixed = { algorithm: 'SHA1', digits: '6', period: '30' };
  for (const [name, value] of Object.entries(fixed)) {
    const given = params.get(name);
    check(given === undefined || given === value, `otpauthUri ${name} should be ${value} (A-18)`);
  }
  const parsed = URI.parse(uri);
  check(parsed instanceof TOTP, 'otpauthUri should parse as a TOTP key URI');
  check(parsed.secret.base32 === secret, 'the parsed otpauthUri should hold the same secret');
}

/**
 * Registers a mocha-style suite (global `describe` and `it`; also works in Vitest and Jest)
 * that checks an adapter and the backend behind it against docs/rest-contract.md: status,
 * enrollment payload, confirmation, code format, window, replay on every endpoint,
 * throttling, re-enrollment, disabling, cross-user isolation and aborts.
 *
 * `createAdapter` is called once per test and must return an adapter for a fresh, fully
 * signed-in user with 2FA off. The suite computes codes from the enrollment's secret with
 * `otpauth` and keeps them in memory only; its failure messages never contain a code.
 * It relies on the window including T+1, as the contract's does.
 */
export function runAdapterContract(
  name: string,
  createAdapter: () => TotpAdapter | Promise<TotpAdapter>,
  options: AdapterContractOptions = {},
): void {
  const throttleAfter = options.throttleAfter ?? 10;
  if (throttleAfter > 10) throw new RangeError('throttleAfter must be at most 10 (A-11)');
  const now = () => options.now?.() ?? Date.now();
  const step = () => currentStep(options.now);

  /** Begins and confirms an enrollment with the code of `confirmStep`; returns the secret. */
  async function enable(adapter: TotpAdapter, confirmStep: number): Promise<string> {
    const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'beginEnrollment');
    await succeeds(
      adapter.confirmEnrollment(enrollmentId, codeAt(secret, confirmStep)),
      'confirmEnrollment with a current code',
    );
    return secret;
  }

  async function expectEnabled(adapter: TotpAdapter, enabled: boolean, when: string) {
    const status = await succeeds(adapter.status(), `status ${when}`);
    check(status.enabled === enabled, `status ${when} should say enabled: ${enabled}`);
  }

  describe(`${name} (TOTP adapter contract)`, function (this: TestContext) {
    this?.timeout?.(30_000);

    it('reports 2FA off for a fresh user, with no lock', async () => {
      const status = await succeeds((await createAdapter()).status(), 'status');
      check(status.enabled === false, 'status of a fresh user should say enabled: false');
      check(status.lockedUntil === undefined, 'a fresh user should not be locked');
    });

    it('starts a well-formed enrollment that enables nothing yet', async () => {
      const adapter = await createAdapter();
      checkEnrollment(await succeeds(adapter.beginEnrollment(), 'beginEnrollment'), now());
      await expectEnabled(adapter, false, 'after beginEnrollment (A-20)');
    });

    it('issues a new secret for every enrollment and user', async () => {
      const first = await createAdapter();
      const secrets = new Set([
        (await succeeds(first.beginEnrollment(), 'beginEnrollment')).secret,
        (await succeeds(first.beginEnrollment(), 'second beginEnrollment')).secret,
        (await succeeds((await createAdapter()).beginEnrollment(), 'beginEnrollment')).secret,
      ]);
      check(secrets.size === 3, 'every enrollment should get its own secret (A-17)');
    });

    it('enables 2FA only with a current code of the pending secret', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'begin');
      await rejects(
        adapter.confirmEnrollment(enrollmentId, wrongCode(secret, t)),
        ['invalid_code'],
        'confirmEnrollment with a wrong code',
      );
      await expectEnabled(adapter, false, 'after a wrong confirmation');
      await succeeds(
        adapter.confirmEnrollment(enrollmentId, codeAt(secret, t)),
        'confirmEnrollment with the code of step T',
      );
      await expectEnabled(adapter, true, 'after confirmation');
    });

    it('rejects anything but six ASCII digits without counting or consuming it', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'begin');
      const code = codeAt(secret, t);
      const malformed: Record<string, unknown> = {
        'five digits': code.slice(0, 5),
        'seven digits': `0${code}`,
        'a leading space': ` ${code}`,
        'a trailing space': `${code} `,
        'a space inside': `${code.slice(0, 3)} ${code.slice(3)}`,
        'a decimal point': `${code}.0`,
        'a letter': `${code.slice(0, 5)}a`,
        'full-width digits': fullWidth(code),
        'Arabic-Indic digits': arabicIndic(code),
        'an empty string': '',
        'a JSON number': Number(code),
        null: null,
      };
      for (const [what, value] of Object.entries(malformed)) {
        await rejects(
          adapter.confirmEnrollment(enrollmentId, value as string),
          ['invalid_format'],
          `confirmEnrollment with ${what} (A-04)`,
        );
      }
      await expectEnabled(adapter, false, 'after malformed codes');
      await succeeds(
        adapter.confirmEnrollment(enrollmentId, code),
        'confirmEnrollment with the well-formed code after malformed ones',
      );
    });

    it('confirms only the pending enrollment id', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'begin');
      await rejects(
        adapter.confirmEnrollment(`${enrollmentId}x`, codeAt(secret, t)),
        ['no_pending_enrollment'],
        'confirmEnrollment with another enrollmentId',
      );
      await succeeds(
        adapter.confirmEnrollment(enrollmentId, codeAt(secret, t)),
        'confirmEnrollment with the right id after a wrong one',
      );
    });

    it('replaces the pending enrollment when a new one starts', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const first = await succeeds(adapter.beginEnrollment(), 'beginEnrollment');
      const second = await succeeds(adapter.beginEnrollment(), 'second beginEnrollment');
      await rejects(
        adapter.confirmEnrollment(first.enrollmentId, codeAt(first.secret, t)),
        ['no_pending_enrollment'],
        'confirmEnrollment of the replaced enrollment',
      );
      await rejects(
        adapter.confirmEnrollment(second.enrollmentId, codeAt(first.secret, t)),
        ['invalid_code'],
        "confirmEnrollment with a code of the replaced enrollment's secret (A-20)",
      );
      await succeeds(
        adapter.confirmEnrollment(second.enrollmentId, codeAt(second.secret, t)),
        'confirmEnrollment of the new enrollment',
      );
    });

    it('cancels a pending enrollment, when cancelEnrollment exists', async function (this: TestContext) {
      const adapter = await createAdapter();
      if (!adapter.cancelEnrollment) return this?.skip?.();
      const t = await step();
      const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'begin');
      await succeeds(adapter.cancelEnrollment(enrollmentId), 'cancelEnrollment');
      await rejects(
        adapter.confirmEnrollment(enrollmentId, codeAt(secret, t)),
        ['no_pending_enrollment'],
        'confirmEnrollment after cancelEnrollment',
      );
      await expectEnabled(adapter, false, 'after cancelEnrollment');
    });

    it('accepts steps T-1, T and T+1 in turn and rejects T-2 and T+2', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t - 1);
      for (const offset of [2, -2]) {
        await rejects(
          adapter.verify(codeAt(secret, t + offset)),
          ['invalid_code'],
          `verify with the code of step T${offset > 0 ? '+' : ''}${offset} (A-02)`,
        );
      }
      const result = await succeeds(adapter.verify(codeAt(secret, t)), 'verify at step T');
      check(typeof result === 'object' && result !== null, 'verify should resolve to an object');
      const { redirectTo } = result;
      check(redirectTo === undefined || typeof redirectTo === 'string', 'bad redirectTo');
      await succeeds(adapter.verify(codeAt(secret, t + 1)), 'verify at step T+1');
    });

    it('rejects a replayed code on every endpoint, and then takes the next step', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t);
      const used = codeAt(secret, t);
      await rejects(adapter.verify(used), notAccepted, 'verify with the code used to confirm');
      await rejects(adapter.disable(used), notAccepted, 'disable with the code used to confirm');
      await expectEnabled(adapter, true, 'after a replayed disable (A-06)');
      await succeeds(adapter.verify(codeAt(secret, t + 1)), 'verify of the next step (A-08)');
      await rejects(adapter.verify(codeAt(secret, t + 1)), notAccepted, 'a second verify');
    });

    it('rejects an older code once a newer one was accepted', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t + 1);
      await rejects(
        adapter.verify(codeAt(secret, t)),
        notAccepted,
        'verify of step T after step T+1 was accepted (A-06)',
      );
    });

    it(`throttles after at most ${throttleAfter} failures, whatever the endpoint`, async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t);
      let failures = 0;
      for (; failures <= throttleAfter; failures += 1) {
        const wrong = wrongCode(secret, t, failures);
        const call = failures % 2 ? adapter.disable(wrong) : adapter.verify(wrong);
        const error = await rejects(
          call,
          ['invalid_code', 'rate_limited'],
          `wrong code #${failures + 1}`,
        );
        if (error.code === 'rate_limited') break;
      }
      check(failures <= throttleAfter, `no rate_limited after ${throttleAfter} failures (A-11)`);
      check(failures > 0, 'rate_limited before any failure');
      const throttled = await rejects(
        adapter.verify(codeAt(secret, t + 1)),
        ['rate_limited'],
        'verify with the correct code while throttled (A-11)',
      );
      check(
        Number.isInteger(throttled.retryAfter) && throttled.retryAfter! >= 1,
        'rate_limited should carry retryAfter, whole seconds of at least 1 (A-11)',
      );
      const status = await succeeds(adapter.status(), 'status while throttled');
      check(status.enabled, 'status while throttled should say enabled: true');
      check(
        status.lockedUntil === undefined || Date.parse(status.lockedUntil) > now(),
        'lockedUntil should be a future time',
      );
    });

    it('resets the failure count after a success', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t);
      const failSome = async (salt: number) => {
        for (let i = 0; i < throttleAfter - 1; i += 1) {
          await rejects(adapter.verify(wrongCode(secret, t, salt + i)), ['invalid_code'], 'wrong');
        }
      };
      await failSome(0);
      await succeeds(adapter.verify(codeAt(secret, t + 1)), 'verify after failures');
      await failSome(100);
    });

    it('refuses a new enrollment while enabled and never shows the secret again', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t);
      const error = await rejects(adapter.beginEnrollment(), ['already_enabled'], 'begin (A-22)');
      const status = await succeeds(adapter.status(), 'status');
      const result = await succeeds(adapter.verify(codeAt(secret, t + 1)), 'verify (old secret)');
      const seen = JSON.stringify([status, result, error.message, String(error)]);
      check(!seen.includes(secret), 'a response after confirmation holds the secret (A-23)');
    });

    it('disables 2FA only with a current code', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const secret = await enable(adapter, t);
      await rejects(adapter.disable(wrongCode(secret, t)), ['invalid_code'], 'disable (wrong)');
      await expectEnabled(adapter, true, 'after a wrong disable (A-25)');
      await succeeds(adapter.disable(codeAt(secret, t + 1)), 'disable with a current code');
      await expectEnabled(adapter, false, 'after disable');
      await rejects(adapter.verify(codeAt(secret, t + 1)), notAccepted, 'verify after disable');
      const next = await succeeds(adapter.beginEnrollment(), 'beginEnrollment after disable');
      check(next.secret !== secret, 'enabling again should use a new secret (A-23)');
    });

    it("rejects another user's code", async () => {
      const [alice, bob] = [await createAdapter(), await createAdapter()];
      const t = await step();
      await enable(alice, t);
      const bobSecret = await enable(bob, t);
      await rejects(
        alice.verify(codeAt(bobSecret, t + 1)),
        ['invalid_code'],
        "verify with another user's code (A-28)",
      );
    });

    it('rejects with AbortError when the signal aborts, before or during a call', async () => {
      const adapter = await createAdapter();
      const t = await step();
      const { enrollmentId, secret } = await succeeds(adapter.beginEnrollment(), 'begin');
      const code = codeAt(secret, t);
      const signal = AbortSignal.abort();
      await aborts(adapter.status({ signal }), 'status with an aborted signal');
      await aborts(adapter.confirmEnrollment(enrollmentId, code, { signal }), 'confirm (aborted)');
      await expectEnabled(adapter, false, 'after an aborted confirmation');
      const controller = new AbortController();
      const pending = adapter.status({ signal: controller.signal });
      controller.abort();
      await aborts(pending, 'status aborted while in flight');
      await succeeds(
        adapter.confirmEnrollment(enrollmentId, code),
        'confirmEnrollment with the code an aborted call never sent',
      );
    });
  });
}
