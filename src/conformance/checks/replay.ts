import { codeLabel, isError, refused, type Check } from '../context.js';

/** one-time use of every step, on every route, under concurrency. */
export const replayChecks: Check[] = [
  {
    id: 'A-06',
    title: 'A used code is refused when sent again',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const first = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(first.status === 200, 'code(T) was refused the first time');
      const again = await user.submit('/verify', user.code(T), `${codeLabel(0)} again`);
      t.expect(refused(again), 'code(T) was accepted twice');
      if (again.status === 422 && !isError(again, 422, 'code_already_used')) {
        t.warn('the replay is not told apart as code_already_used');
      }
    },
  },
  {
    id: 'A-06.older',
    title: 'After a code is accepted, an unused code of an earlier step is refused',
    async run(t) {
      if (t.window !== 'both') {
        t.info('Needs T+1 in the window: not run for a declared window of T−1 and T.');
        return;
      }
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const later = await user.submit('/verify', user.code(T + 1), codeLabel(1));
      t.expect(later.status === 200, 'code(T+1) was refused');
      const older = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(refused(older), 'code(T) was accepted after code(T+1)');
    },
  },
  {
    id: 'A-06.endpoints',
    title: 'A code used at enrollment or on /verify is refused by /verify and /disable',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const confirmCode = await user.submit(
        '/verify',
        user.code(T - 1),
        `${codeLabel(-1)} (confirmed with)`,
      );
      t.expect(refused(confirmCode), 'the code that confirmed the enrollment passed /verify');
      const verified = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(verified.status === 200, 'code(T) was refused');
      const disabled = await user.submit('/disable', user.code(T), `${codeLabel(0)} again`);
      t.expect(refused(disabled), 'the code used on /verify disabled 2FA');
      t.expect(await user.enabled(), 'status no longer says enabled');
    },
  },
  {
    id: 'A-07',
    title: '20 concurrent submissions of one code, from 20 sessions: exactly one succeeds',
    async run(t) {
      const user = await t.user();
      // One session each: a server that rotates the session ID on /verify keeps the others.
      const sessions = await Promise.all(Array.from({ length: 20 }, () => user.fixture.signIn()));
      const T = await t.step(3000);
      await user.enable(T);
      const body = { code: user.code(T) };
      const answers = await Promise.all(
        sessions.map((session) => user.send('/verify', { body, label: codeLabel(0) }, session)),
      );
      const successes = answers.filter((answer) => answer.status === 200).length;
      t.note(`${successes} of 20 succeeded`);
      t.expect(successes === 1, `${successes} of 20 concurrent submissions succeeded`);
      t.expect(!answers.some((answer) => answer.status === 401), 'a session was lost');
    },
  },
  {
    id: 'A-08',
    title: 'After a replay is refused, a code of a later step still works',
    async run(t) {
      if (t.window !== 'both') {
        t.info('Needs T+1 in the window: not run for a declared window of T−1 and T.');
        return;
      }
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      await user.submit('/verify', user.code(T - 1), `${codeLabel(-1)} (replay)`);
      const later = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(later.status === 200, 'code(T) was refused after a replay of code(T−1)');
    },
  },
  {
    id: 'A-21',
    title: 'Two concurrent confirmations with one code: one succeeds, and /verify refuses it',
    async run(t) {
      const user = await t.user();
      await user.enroll();
      const T = await t.step();
      const answers = await Promise.all([0, 1].map(() => user.confirm(T, codeLabel(0))));
      const successes = answers.filter((answer) => answer.status === 200).length;
      t.expect(successes === 1, `${successes} of 2 concurrent confirmations succeeded`);
      const verify = await user.submit('/verify', user.code(T), `${codeLabel(0)} (confirmed with)`);
      t.expect(refused(verify), 'the code that confirmed the enrollment passed /verify');
    },
  },
];
