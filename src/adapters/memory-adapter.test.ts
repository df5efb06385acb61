import { aTimeout, expect } from '@open-wc/testing';
import { runAdapterContract } from '../testing/adapter-contract.js';
import { codeAt, wrongCode } from '../testing/contract-checks.js';
import type { TotpAdapter } from './adapter.js';
import { TotpAdapterError, type TotpErrorCode } from './adapter-error.js';
import {
  createMemoryAdapter,
  MemoryTotpBackend,
  type MemoryAdapterOptions,
} from './memory-adapter.js';

/** RFC 6238 Appendix B SHA1 seed `12345678901234567890` in base32. */
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const minute = 60_000;

/** A memory adapter on a clock the test moves by hand. */
function setup(options: MemoryAdapterOptions = {}, start = Date.UTC(2030, 0, 1, 0, 0, 10)) {
  const clock = { time: start };
  const adapter = createMemoryAdapter({ ...options, now: () => clock.time });
  const step = () => Math.floor(clock.time / 30_000);
  return { adapter, clock, step };
}

async function failure(promise: Promise<unknown>): Promise<TotpAdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TotpAdapterError);
    return error as TotpAdapterError;
  }
  throw new Error('expected a rejection');
}

async function expectCode(promise: Promise<unknown>, code: TotpErrorCode) {
  expect((await failure(promise)).code).to.equal(code);
}

/** Begins and confirms an enrollment at the current step; returns the secret. */
async function enable(adapter: TotpAdapter, step: number): Promise<string> {
  const { enrollmentId, secret } = await adapter.beginEnrollment();
  await adapter.confirmEnrollment(enrollmentId, codeAt(secret, step));
  return secret;
}

describe('createMemoryAdapter', () => {
  describe('time window (RFC 6238, ±1 step)', () => {
    const atVector = () => setup({ initiallyEnabled: true, secret: rfcSecret }, 1234567890_000);

    it('rejects T-2 and T+2 and accepts T-1, T, T+1 in turn', async () => {
      const { adapter } = atVector();
      await expectCode(adapter.verify('186057'), 'invalid_code');
      await expectCode(adapter.verify('240500'), 'invalid_code');
      await adapter.verify('980357');
      await adapter.verify('005924');
      await adapter.verify('590587');
    });

    it('accepts T+1 on its own, from a phone ahead of the server', async () => {
      await atVector().adapter.verify('590587');
    });

    it('keeps leading zeros significant', async () => {
      await expectCode(atVector().adapter.verify('5924'), 'invalid_format');
    });

    it('moves the window at exact step boundaries (t = 30k)', async () => {
      const vector = (time: number) =>
        setup({ initiallyEnabled: true, secret: rfcSecret }, time).adapter.verify('287082');
      await vector(30_000); // T
      await vector(59_999); // T
      await vector(89_999); // T-1
      await vector(29_999); // T+1
      await expectCode(vector(90_000), 'invalid_code'); // T-2
    });

    it('computes codes past 2^32 seconds and for the other RFC times', async () => {
      const vector = (seconds: number, code: string) =>
        setup({ initiallyEnabled: true, secret: rfcSecret }, seconds * 1000).adapter.verify(code);
      await vector(1111111109, '081804');
      await vector(1111111111, '050471');
      await vector(2000000000, '279037');
      await vector(20000000000, '353130');
    });
  });

  describe('replay', () => {
    it('rejects the confirming code on verify and disable, and older in-window codes', async () => {
      const { adapter, step } = setup();
      const t = step();
      const secret = await enable(adapter, t);
      await expectCode(adapter.verify(codeAt(secret, t)), 'code_already_used');
      await expectCode(adapter.disable(codeAt(secret, t)), 'code_already_used');
      await expectCode(adapter.verify(codeAt(secret, t - 1)), 'code_already_used');
      expect((await adapter.status()).enabled).to.equal(true);
      await adapter.verify(codeAt(secret, t + 1));
      await expectCode(adapter.verify(codeAt(secret, t + 1)), 'code_already_used');
      await expectCode(adapter.verify(codeAt(secret, t)), 'code_already_used');
    });

    it('rejects a verified code on disable', async () => {
      const { adapter, step } = setup();
      const t = step();
      const secret = await enable(adapter, t - 1);
      await adapter.verify(codeAt(secret, t));
      await expectCode(adapter.disable(codeAt(secret, t)), 'code_already_used');
      expect((await adapter.status()).enabled).to.equal(true);
    });

    it('does not count replays as failures', async () => {
      const { adapter, step } = setup();
      const t = step();
      const secret = await enable(adapter, t);
      for (let i = 0; i < 9; i += 1) {
        await expectCode(adapter.verify(wrongCode(secret, t, i)), 'invalid_code');
      }
      for (let i = 0; i < 5; i += 1) {
        await expectCode(adapter.verify(codeAt(secret, t)), 'code_already_used');
      }
      await adapter.verify(codeAt(secret, t + 1));
    });
  });

  describe('throttling', () => {
    /** Sends wrong codes until `count` failures were counted. */
    async function fail(adapter: TotpAdapter, secret: string, t: number, count: number) {
      for (let i = 0; i < count; i += 1) {
        await expectCode(adapter.verify(wrongCode(secret, t, i)), 'invalid_code');
      }
    }

    it('locks for 60 s after the 10th failure without evaluating a correct code', async () => {
      const { adapter, clock, step } = setup();
      const t = step();
      const secret = await enable(adapter, t);
      await fail(adapter, secret, t, 10);
      const locked = await failure(adapter.verify(codeAt(secret, t + 1)));
      expect([locked.code, locked.retryAfter]).to.deep.equal(['rate_limited', 60]);
      const status = await adapter.status();
      expect(status).to.deep.equal({
        enabled: true,
        lockedUntil: new Date(clock.time + minute).toISOString(),
      });
      clock.time += 30_000;
      expect((await failure(adapter.disable(codeAt(secret, t + 1)))).retryAfter).to.equal(30);
      clock.time += 30_000;
      // Two steps later the correct code is T-1 and still unused: it was never evaluated.
      await adapter.verify(codeAt(secret, t + 1));
      expect(await adapter.status()).to.deep.equal({ enabled: true });
    });

    it('doubles the lock with every further failure up to one hour', async () => {
      const { adapter, clock, step } = setup();
      const secret = await enable(adapter, step());
      await fail(adapter, secret, step(), 10);
      const waits: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const locked = await failure(adapter.verify(wrongCode(secret, step())));
        expect(locked.code).to.equal('rate_limited');
        waits.push(locked.retryAfter!);
        clock.time += locked.retryAfter! * 1000;
        await expectCode(adapter.verify(wrongCode(secret, step(), i)), 'invalid_code');
      }
      expect(waits).to.deep.equal([60, 120, 240, 480, 960, 1920, 3600]);
      expect((await failure(adapter.verify(wrongCode(secret, step())))).retryAfter).to.equal(3600);
    });

    it('counts failed confirmations', async () => {
      const { adapter, step } = setup();
      const { enrollmentId, secret } = await adapter.beginEnrollment();
      for (let i = 0; i < 10; i += 1) {
        const wrong = wrongCode(secret, step(), i);
        await expectCode(adapter.confirmEnrollment(enrollmentId, wrong), 'invalid_code');
      }
      const code = codeAt(secret, step());
      await expectCode(adapter.confirmEnrollment(enrollmentId, code), 'rate_limited');
    });

    it('shares one counter between verify and disable', async () => {
      const { adapter, step } = setup();
      const t = step();
      const secret = await enable(adapter, t);
      await fail(adapter, secret, t, 6);
      for (let i = 0; i < 4; i += 1) {
        await expectCode(adapter.disable(wrongCode(secret, t, i)), 'invalid_code');
      }
      await expectCode(adapter.verify(codeAt(secret, t + 1)), 'rate_limited');
    });

    it('resets the count on success, also after a lock', async () => {
      const { adapter, clock, step } = setup();
      const secret = await enable(adapter, step());
      await fail(adapter, secret, step(), 10);
      clock.time += minute;
      await adapter.verify(codeAt(secret, step()));
      await fail(adapter, secret, step(), 9);
      await adapter.verify(codeAt(secret, step() + 1));
      await fail(adapter, secret, step(), 9);
    });

    it('disables the authenticator at 100 failures, even for a correct code', async () => {
      const { adapter, clock, step } = setup();
      const secret = await enable(adapter, step());
      const outcomes: (string | undefined)[] = [];
      for (let failures = 0; failures < 100;) {
        const error = await failure(adapter.verify(wrongCode(secret, step(), failures)));
        if (error.code === 'rate_limited') clock.time += error.retryAfter! * 1000;
        else ((failures += 1), outcomes.push(error.code));
      }
      expect(outcomes.slice(0, 99).every((code) => code === 'invalid_code')).to.equal(true);
      expect(outcomes[99]).to.equal('authenticator_disabled');
      clock.time += 2 * 3600_000;
      await expectCode(adapter.verify(codeAt(secret, step())), 'authenticator_disabled');
      await expectCode(adapter.disable(codeAt(secret, step())), 'authenticator_disabled');
      expect(await adapter.status()).to.deep.equal({ enabled: true });
      await expectCode(adapter.beginEnrollment(), 'already_enabled');
    });
  });

  describe('enrollment', () => {
    it('encodes the otpauth URI per RFC 3986 and the Key Uri Format', async () => {
      const { adapter } = setup({ issuer: 'ACME Co', accountName: 'a+b@x.io' });
      const { secret, otpauthUri, issuer, accountName } = await adapter.beginEnrollment();
      expect(otpauthUri).to.equal(
        `otpauth://totp/ACME%20Co:a%2Bb%40x.io?secret=${secret}&issuer=ACME%20Co` +
          '&algorithm=SHA1&digits=6&period=30',
      );
      expect([issuer, accountName]).to.deep.equal(['ACME Co', 'a+b@x.io']);
      const odd = await setup({ issuer: "Bob's (shop)*!" }).adapter.beginEnrollment();
      expect(odd.otpauthUri).to.contain('totp/Bob%27s%20%28shop%29%2A%21:user%40example.com?');
    });

    it('makes a fresh 160-bit secret for every start', async () => {
      const { adapter } = setup();
      const first = await adapter.beginEnrollment();
      const second = await adapter.beginEnrollment();
      expect(first.secret).to.match(/^[A-Z2-7]{32}$/);
      expect(second.secret).not.to.equal(first.secret);
      expect(second.enrollmentId).not.to.equal(first.enrollmentId);
    });

    it('expires the pending enrollment after 15 minutes', async () => {
      const start = Date.UTC(2030, 0, 1, 0, 0, 10);
      for (const [elapsed, outcome] of [
        [15 * minute - 1, undefined],
        [15 * minute, 'enrollment_expired'],
      ] as const) {
        const { adapter, clock, step } = setup({}, start);
        const { enrollmentId, secret, expiresAt } = await adapter.beginEnrollment();
        expect(expiresAt).to.equal(new Date(start + 15 * minute).toISOString());
        clock.time += elapsed;
        const confirm = () => adapter.confirmEnrollment(enrollmentId, codeAt(secret, step()));
        if (!outcome) await confirm();
        else {
          await expectCode(confirm(), outcome);
          await expectCode(confirm(), 'no_pending_enrollment');
        }
      }
    });

    it('refuses to start while enabled and never returns the secret again', async () => {
      const { adapter, step } = setup();
      const secret = await enable(adapter, step());
      await expectCode(adapter.beginEnrollment(), 'already_enabled');
      expect(JSON.stringify(await adapter.status())).not.to.contain(secret);
      expect(JSON.stringify(await adapter.verify(codeAt(secret, step() + 1)))).not.to.contain(
        secret,
      );
    });

    it('confirms only the pending id and cancels it', async () => {
      const { adapter, step } = setup();
      const { enrollmentId, secret } = await adapter.beginEnrollment();
      const code = codeAt(secret, step());
      await expectCode(adapter.confirmEnrollment('other', code), 'no_pending_enrollment');
      await expectCode(adapter.cancelEnrollment('other'), 'no_pending_enrollment');
      await adapter.cancelEnrollment(enrollmentId);
      await expectCode(adapter.confirmEnrollment(enrollmentId, code), 'no_pending_enrollment');
      await expectCode(adapter.confirmEnrollment(42 as unknown as string, code), 'invalid_format');
    });

    it('forgets the secret on disable, so its codes work nowhere', async () => {
      const { adapter, step } = setup();
      const t = step();
      const secret = await enable(adapter, t - 1);
      await adapter.disable(codeAt(secret, t));
      expect(await adapter.status()).to.deep.equal({ enabled: false });
      await expectCode(adapter.verify(codeAt(secret, t + 1)), 'invalid_code');
      await expectCode(adapter.disable(codeAt(secret, t + 1)), 'invalid_code');
    });

    it('fails closed without counting when nothing is enabled', async () => {
      const { adapter } = setup();
      for (let i = 0; i < 12; i += 1) await expectCode(adapter.verify('000000'), 'invalid_code');
      expect(await adapter.status()).to.deep.equal({ enabled: false });
    });
  });

  describe('options', () => {
    it('starts enabled with a given or random secret', async () => {
      const { adapter, step } = setup({ initiallyEnabled: true, secret: rfcSecret });
      expect((await adapter.status()).enabled).to.equal(true);
      await adapter.verify(codeAt(rfcSecret, step()));
      expect((await setup({ initiallyEnabled: true }).adapter.status()).enabled).to.equal(true);
    });

    it('refuses weak secrets and colons in the label', () => {
      expect(() =>
        createMemoryAdapter({ initiallyEnabled: true, secret: 'JBSWY3DPEHPK3PXP' }),
      ).to.throw(TypeError);
      expect(() => createMemoryAdapter({ issuer: 'A:B' })).to.throw(TypeError);
      expect(() => createMemoryAdapter({ accountName: '' })).to.throw(TypeError);
    });

    it('fails the next call on demand without touching state', async () => {
      const { adapter, step } = setup();
      adapter.failNext('network');
      await expectCode(adapter.status(), 'network');
      expect((await adapter.status()).enabled).to.equal(false);
      const secret = await enable(adapter, step());
      adapter.failNext('rate_limited', { method: 'verify', retryAfter: 120 });
      expect((await adapter.status()).enabled).to.equal(true);
      const forced = await failure(adapter.verify(codeAt(secret, step() + 1)));
      expect([forced.code, forced.retryAfter]).to.deep.equal(['rate_limited', 120]);
      await adapter.verify(codeAt(secret, step() + 1));
    });

    it('simulates latency and aborts during it', async () => {
      const slow = setup({ latencyMs: 10_000 }).adapter;
      const controller = new AbortController();
      const call = slow.status({ signal: controller.signal });
      let settled = false;
      call.then(
        () => (settled = true),
        () => (settled = true),
      );
      await aTimeout(0);
      expect(settled).to.equal(false);
      controller.abort();
      const error = await call.catch((reason: unknown) => reason);
      expect((error as DOMException).name).to.equal('AbortError');
    });
  });

  it('exports the synchronous backend core for servers', () => {
    const backend = new MemoryTotpBackend({ now: () => 0 });
    expect(backend.status()).to.deep.equal({ enabled: false });
    expect(() => backend.verify(123456)).to.throw(TotpAdapterError, 'The code is not six digits');
  });
});

const contractClock = { time: Date.UTC(2030, 0, 1, 0, 0, 10) };
runAdapterContract('memory adapter', () => createMemoryAdapter({ now: () => contractClock.time }), {
  now: () => contractClock.time,
});
