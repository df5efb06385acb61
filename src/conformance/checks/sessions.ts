import type { SendOptions } from '../client.js';
import { codeLabel, isError, refused, type Check, type CheckContext } from '../context.js';

/** A CSRF probe of A-27: a state change that must be refused while 2FA stays on. */
function csrfCheck(id: string, title: string, probe: (code: string) => SendOptions): Check {
  return {
    id,
    title,
    async run(t: CheckContext) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const answer = await user.send('/disable', { ...probe(user.code(T)) });
      t.expect(refused(answer), 'the request was not refused');
      t.expect(await user.enabled(), '2FA was turned off');
    },
  };
}

/** disabling, password-only sessions, CSRF and binding to the session's user. */
export const sessionChecks: Check[] = [
  {
    id: 'A-25',
    title: 'Disabling needs a valid current code; afterwards no old code works',
    async run(t) {
      const user = await t.user();
      const T = await t.step(3000);
      await user.enable(T);
      const none = await user.send('/disable', { body: {}, label: 'no code' });
      t.expect(isError(none, 400, 'invalid_format'), '/disable without a code was not 400');
      t.expect(await user.enabled(), '/disable without a code turned 2FA off');
      const wrong = await user.submit('/disable', user.wrong(T), 'wrong code');
      t.expect(isError(wrong, 422, 'invalid_code'), '/disable with a wrong code was not 422');
      t.expect(await user.enabled(), '/disable with a wrong code turned 2FA off');
      const done = await user.submit('/disable', user.code(T), codeLabel(0));
      t.expect(done.status === 200, '/disable with a valid code was refused');
      t.expect(!(await user.enabled()), 'status still says enabled');
      const old = await user.submit('/verify', user.code(T + 1), `${codeLabel(1)} after disable`);
      t.expect(refused(old), 'a code of the deleted secret was accepted');
    },
  },
  {
    id: 'A-26',
    title: 'A password-only session reaches /verify and nothing else',
    async run(t) {
      const user = await t.user();
      const T = await t.step(3000);
      await user.enable(T);
      const partial = await user.fixture.signInPasswordOnly();
      const code = user.code(T);
      const calls: [string, SendOptions][] = [
        ['/status', {}],
        ['/enrollment', {}],
        [
          '/enrollment/confirm',
          { body: { enrollmentId: user.enrollmentId, code }, label: codeLabel(0) },
        ],
        ['/enrollment/cancel', { body: { enrollmentId: user.enrollmentId } }],
        ['/disable', { body: { code }, label: codeLabel(0) }],
      ];
      for (const [route, options] of calls) {
        const answer = await user.send(route, options, partial);
        t.expect(isError(answer, 401, 'unauthenticated'), `${route} did not answer 401`);
      }
      t.expect(await user.enabled(), '2FA was turned off');
      const verify = await user.send('/verify', { body: { code }, label: codeLabel(0) }, partial);
      t.expect(verify.status === 200, '/verify refused a valid code in a password-only session');
    },
  },
  {
    id: 'A-29',
    title: 'Client-set flags do not upgrade a password-only session',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const partial = await user.fixture.signInPasswordOnly();
      const cookie = [partial.Cookie ?? partial.cookie, 'mfa=1'].filter(Boolean).join('; ');
      const flagged: Record<string, string> = {
        ...partial,
        Cookie: cookie,
        'X-2FA-Verified': 'true',
      };
      delete flagged.cookie;
      const status = await user.send('/status', { label: '+ flags' }, flagged);
      t.expect(isError(status, 401, 'unauthenticated'), '/status answered a flagged session');
      const body = { code: user.code(T), verified: true, mfa: true };
      const label = `${codeLabel(0)} + flags`;
      const disable = await user.send('/disable', { body, label }, flagged);
      t.expect(isError(disable, 401, 'unauthenticated'), '/disable answered a flagged session');
      t.expect(await user.enabled(), '2FA was turned off');
    },
  },
  csrfCheck('A-27.get', 'GET /disable?code=… changes nothing', (code) => ({
    method: 'GET',
    query: `code=${code}`,
    label: `?code=${codeLabel(0)}`,
  })),
  csrfCheck('A-27.form', 'A form-encoded POST /disable is refused', (code) => ({
    body: `code=${code}`,
    contentType: 'application/x-www-form-urlencoded',
    label: `form code=${codeLabel(0)}`,
  })),
  csrfCheck('A-27.text-plain', 'A text/plain POST /disable is refused', (code) => ({
    body: JSON.stringify({ code }),
    contentType: 'text/plain',
    label: `text/plain ${codeLabel(0)}`,
  })),
  csrfCheck('A-27.origin', 'A POST /disable from a foreign Origin is refused', (code) => ({
    body: { code },
    headers: { Origin: 'https://evil.example' },
    label: `Origin: https://evil.example, ${codeLabel(0)}`,
  })),
  csrfCheck('A-27.header', 'A POST /disable without X-TOTP-Elements is refused', (code) => ({
    body: { code },
    noMarker: true,
    label: `no X-TOTP-Elements, ${codeLabel(0)}`,
  })),
  {
    id: 'A-28',
    title: "Another user's code, or a body naming another user, changes nothing",
    async run(t) {
      const alice = await t.user();
      const bob = await t.user();
      const T = await t.step(3000);
      await alice.enable(T);
      await bob.enable(T);
      const bobsCode = bob.code(T);
      const label = "bob's code(T)";
      const crossed = await alice.submit('/verify', bobsCode, `${label} in alice's session`);
      t.expect(refused(crossed), "alice's session accepted bob's code");
      const named = { userId: bob.fixture.id ?? 'bob', accountId: bob.fixture.id ?? 'bob' };
      const disable = await alice.submit('/disable', bobsCode, `${label} + userId`, {
        body: named,
      });
      t.expect(refused(disable), "alice's session disabled with bob's code");
      t.expect(await alice.enabled(), "alice's 2FA was turned off");
      t.expect(await bob.enabled(), "bob's 2FA was turned off");
      const own = await bob.submit('/verify', bobsCode, `${label} in bob's session`);
      t.expect(own.status === 200, "bob's code was consumed by alice's requests");
    },
  },
];
