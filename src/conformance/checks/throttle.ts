import type { Exchange, SendOptions } from '../client.js';
import { stepMs } from '../clock.js';
import {
  codeLabel,
  isError,
  refused,
  TestUser,
  type Check,
  type CheckContext,
} from '../context.js';

/** The kit waits out a lock only when it is this short (test mode, S-10). */
const maxWaitSeconds = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as whole seconds ≥ 1, or `undefined` when missing or malformed. */
function retryAfter(exchange: Exchange): number | undefined {
  const value = exchange.headers.get('Retry-After');
  return value && /^[0-9]+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined;
}

/** A fresh user with 2FA enabled (K-4) and a sender of wrong codes. */
async function lockable(t: CheckContext) {
  const user = await t.user();
  const T = await t.step();
  await user.enable(T);
  const wrong = (route: '/verify' | '/disable' = '/verify', options: SendOptions = {}, of = user) =>
    of.submit(route, user.wrong(Math.floor(t.client.clock.now() / stepMs)), 'wrong code', options);
  return { user, wrong };
}

/** Sends wrong codes until a `429`, at most `throttleAfter + 1`; answers the `429`. */
async function failUntilLocked(t: CheckContext, send: () => Promise<Exchange>) {
  for (let failures = 0; failures <= t.throttleAfter; failures += 1) {
    const answer = await send();
    if (answer.status === 429) {
      t.note(`locked after ${failures} failures`);
      return { locked: answer };
    }
    t.expect(isError(answer, 422, 'invalid_code'), 'a wrong code was not answered invalid_code');
  }
  t.fail(`not locked after ${t.throttleAfter} failures (declared throttleAfter)`);
  return undefined;
}

/** Sends `count` wrong codes, spread as `send(i)` decides; then expects `429` from `probe`. */
async function sharedCounter(
  t: CheckContext,
  send: (index: number) => Promise<Exchange>,
  probes: (() => Promise<Exchange>)[],
) {
  for (let i = 0; i < t.throttleAfter; i += 1) await send(i);
  const lockedAt = Date.now();
  for (const probe of probes) {
    const answer = await probe();
    if (answer.status === 429) continue;
    // The shortest lock is 1 s: a later probe may rightly be evaluated.
    if (Date.now() - answer.ms - lockedAt >= 1000) t.warn('the probe came too late to tell');
    else t.fail(`not locked after ${t.throttleAfter} failures spread out`);
  }
}

/** A second session of `user`'s fixture user, as a `TestUser` sharing the secret. */
async function otherSession(t: CheckContext, user: TestUser) {
  const other = new TestUser(t, user.fixture, await user.fixture.signIn());
  other.secret = user.secret;
  t.note('(new session of the same user)');
  return other;
}

/**
 * Sends wrong codes from `user` until the authenticator is disabled or `cap` failures were
 * evaluated, moving the server's clock past every lock; answers the failures counted, or
 * `undefined` after failing the check.
 */
async function failToCap(t: CheckContext, user: TestUser, cap: number) {
  let failures = 0;
  for (let sent = 0; sent < 3 * cap && failures < cap; sent += 1) {
    const code = user.wrong(Math.floor(t.client.clock.now() / stepMs));
    // Sent without evidence: a hundred lines would bury the verdict.
    const answer = await t.client.send('/verify', user.session, { body: { code } });
    const seconds = retryAfter(answer);
    if (isError(answer, 422, 'invalid_code')) failures += 1;
    else if (isError(answer, 423, 'authenticator_disabled')) return failures + 1;
    else if (answer.status === 429 && seconds !== undefined) await t.advance(seconds * 1000 + 100);
    else {
      t.fail(`failure ${failures + 1}: ${t.client.describe(answer, 'wrong code')}`);
      return undefined;
    }
  }
  if (failures < cap) t.fail(`locks outlived their Retry-After: ${failures} failures evaluated`);
  return failures < cap ? undefined : failures;
}

/** one counter per user, locks that hold, a hard cap, no races. */
export const throttleChecks: Check[] = [
  {
    id: 'A-11',
    title: 'Locked with 429 and Retry-After within the declared failures; a correct code waits',
    async run(t) {
      const { user, wrong } = await lockable(t);
      // The step of the correct code, taken first: the lock may be too short to wait in.
      const T = await t.step(4000);
      const lock = await failUntilLocked(t, () => wrong());
      if (!lock) return;
      const seconds = retryAfter(lock.locked);
      t.expect(seconds !== undefined, 'the 429 has no Retry-After of whole seconds ≥ 1');
      const correct = await user.submit('/verify', user.code(T), `${codeLabel(0)} while locked`);
      t.expect(correct.status === 429, 'a correct code was evaluated while locked');
      if (seconds === undefined || seconds > maxWaitSeconds) {
        t.note(`lock of ${seconds} s not waited out: whether the code was consumed is unseen`);
        return;
      }
      await sleep(seconds * 1000 + 250);
      const now = await t.step();
      if (now > T + 1) {
        t.note('code(T) left the window while the lock lasted: whether it was consumed is unseen');
        return;
      }
      const label = `${codeLabel(T - now)} (the code sent while locked)`;
      const after = await user.submit('/verify', user.code(T), label);
      t.expect(after.status === 200, 'the code sent while locked was refused after the lock');
    },
  },
  {
    id: 'A-11.escalation',
    title: 'After a lock ends, one failure is evaluated and locks again, at least as long',
    async run(t) {
      const { wrong } = await lockable(t);
      const lock = await failUntilLocked(t, () => wrong());
      if (!lock) return;
      const first = retryAfter(lock.locked);
      if (first === undefined || first > maxWaitSeconds) {
        t.info(`lock of ${first} s: give the fixture short test-mode locks to observe escalation`);
        return;
      }
      await sleep(first * 1000 + 250);
      const evaluated = await wrong();
      t.expect(
        isError(evaluated, 422, 'invalid_code'),
        'the attempt after the lock was not evaluated',
      );
      const relocked = await wrong();
      const second = retryAfter(relocked);
      t.expect(relocked.status === 429, 'one failure after a lock did not lock again');
      t.expect((second ?? 0) >= first, `the second lock (${second} s) is shorter than the first`);
      if (second === first) t.note('equal lock durations: the server shortens locks in test mode');
    },
  },
  {
    id: 'A-10.sessions',
    title: 'Failures in different sessions of one user share one counter',
    async run(t) {
      const { user, wrong } = await lockable(t);
      const other = await otherSession(t, user);
      const third = await otherSession(t, user);
      const half = Math.ceil(t.throttleAfter / 2);
      await sharedCounter(t, (i) => wrong('/verify', {}, i < half ? user : other), [
        () => wrong('/verify', {}, third),
      ]);
    },
  },
  {
    id: 'A-10.xff',
    title: 'The counter does not depend on X-Forwarded-For',
    async run(t) {
      const { wrong } = await lockable(t);
      const from = (i: number) => ({ headers: { 'X-Forwarded-For': `198.51.100.${i + 1}` } });
      await sharedCounter(t, (i) => wrong('/verify', from(i)), [() => wrong('/verify', from(99))]);
    },
  },
  {
    id: 'A-10.endpoints',
    title: 'Failures on /verify and /disable share one counter and lock both',
    async run(t) {
      const { user, wrong } = await lockable(t);
      const onVerify = Math.ceil(t.throttleAfter * 0.6);
      await sharedCounter(t, (i) => wrong(i < onVerify ? '/verify' : '/disable'), [
        () => wrong('/verify'),
        () => wrong('/disable'),
      ]);
      t.expect(await user.enabled(), 'status no longer says enabled');
    },
  },
  {
    id: 'A-13',
    title: 'A success resets the failure counter (SHOULD)',
    async run(t) {
      const { user, wrong } = await lockable(t);
      const T = await t.step(3000);
      const below = t.throttleAfter - 1;
      for (let i = 0; i < below; i += 1) await wrong();
      const success = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(success.status === 200, `the correct code after ${below} failures was refused`);
      for (let i = 0; i < below; i += 1) {
        if ((await wrong()).status === 429) {
          t.warn(`locked ${i + 1} failures after a success: the counter was not reset`);
          return;
        }
      }
    },
  },
  {
    id: 'A-12',
    title: 'Hard cap: at most 100 consecutive failures disable the authenticator',
    async run(t) {
      const cap = t.hardCap;
      if (cap > 100) {
        t.fail(`declared hardCap ${cap} is above 100`);
        return;
      }
      if (!t.canAdvance) {
        t.info(`Not run (${cap - t.throttleAfter} lock periods): give the fixture advanceClock()`);
        return;
      }
      const user = await t.user();
      await user.enable(await t.advancedStep());
      const failures = await failToCap(t, user, cap);
      if (failures === undefined) return;
      t.note(`${failures} consecutive wrong codes, the clock advanced past every lock`);
      if (failures < cap) t.note(`disabled before the declared hardCap of ${cap}`);
      for (let locks = 0; locks < 3; locks += 1) {
        const label = `${codeLabel(0)} after ${failures} failures`;
        const answer = await user.submit('/verify', user.code(await t.advancedStep()), label);
        if (answer.status === 200) {
          t.fail(`a correct code succeeded after ${failures} consecutive failures`);
          return;
        }
        const seconds = retryAfter(answer);
        if (answer.status !== 429 || seconds === undefined) {
          t.expect(
            isError(answer, 423, 'authenticator_disabled'),
            'the correct code was not refused 423 authenticator_disabled',
          );
          return;
        }
        await t.advance(seconds * 1000 + 100);
      }
      t.fail('the correct code was still locked out after three locks');
    },
  },
  {
    id: 'A-14',
    title: 'A burst of 25 concurrent wrong codes evaluates at most the declared number',
    async run(t) {
      const { wrong } = await lockable(t);
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 25 }, () => wrong()));
      // Each lock lasts at least 1 s: a slower burst may rightly outlive one lock per second.
      const allowed = t.throttleAfter + Math.floor((Date.now() - started) / 1000);
      const evaluated = answers.filter((answer) => answer.status === 422).length;
      t.note(`${evaluated} evaluated, ${answers.filter((a) => a.status === 429).length} locked`);
      t.expect(evaluated <= allowed, `${evaluated} wrong codes evaluated`);
      t.expect(answers.every(refused), 'a wrong code was accepted');
    },
  },
];
