import { codeLabel, isError, refused, type Check } from '../context.js';

/** Digits 0–9 of another script, for the digit-for-digit variants of A-04. */
const shiftDigits = (code: string, zero: number) =>
  [...code].map((digit) => String.fromCodePoint(zero + Number(digit))).join('');

/** codes, the window, server time and the wire format. */
export const verificationChecks: Check[] = [
  {
    id: 'A-01',
    title: 'A code computed by the RFC 6238 reference implementation is accepted',
    async run(t) {
      const user = await t.user();
      await user.enroll();
      const T = await t.step();
      const confirmed = await user.confirm(T, codeLabel(0));
      t.expect(confirmed.status === 200, 'the current code did not confirm the enrollment');
      t.expect(await user.enabled(), 'status does not say enabled after confirmation');
    },
  },
  {
    id: 'A-02',
    title: 'Codes of T−2 and T+2 are refused, then T−1 is accepted (K-3)',
    async run(t) {
      const user = await t.user();
      await user.enroll();
      const T = await t.step();
      for (const offset of [2, -2]) {
        const answer = await user.confirm(T + offset, codeLabel(offset));
        t.expect(isError(answer, 422, 'invalid_code'), `${codeLabel(offset)} was not refused`);
      }
      const accepted = await user.confirm(T - 1, codeLabel(-1));
      t.expect(accepted.status === 200, 'code(T−1) was refused');
    },
  },
  {
    id: 'A-02.future',
    title: 'A code of T+1 is accepted exactly when the declared window includes it',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const answer = await user.submit('/verify', user.code(T + 1), codeLabel(1));
      if (t.window === 'both') t.expect(answer.status === 200, 'declared window both, T+1 refused');
      else t.expect(refused(answer), 'declared window past, yet T+1 was accepted');
    },
  },
  {
    id: 'A-03',
    title: 'A client-supplied time is ignored',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const seconds = (T + 10) * 30 + 5;
      const answer = await user.submit('/verify', user.code(T + 10), `${codeLabel(10)} + times`, {
        body: { timestamp: seconds, time: seconds * 1000 },
        headers: { 'X-Client-Time': String(seconds) },
      });
      t.expect(refused(answer), 'code(T+10) was accepted with a client time pointing at it');
    },
  },
  {
    id: 'A-04',
    title: 'Only a JSON string of six ASCII digits is accepted; nothing else, never a 5xx',
    async run(t) {
      const user = await t.user();
      const T = await t.step(4000);
      await user.enable(T);
      const code = user.code(T);
      const json = (value: string) => `{"code":${value}}`;
      const refusals: [string, string][] = [
        ['JSON number', json(String(Number(code)))],
        ['number with exponent', json(`${Number(code) / 10}e1`)],
        ['null', json('null')],
        ['array', json(`["${code}"]`)],
        ['object', json(`{"value":"${code}"}`)],
        ['missing code', '{}'],
        ['five digits', json(`"${code.slice(1)}"`)],
        ['empty string', json('""')],
        ['seven digits (0 + code)', json(`"0${code}"`)],
        ['leading space', json(`" ${code}"`)],
        ['trailing space', json(`"${code} "`)],
        ['plus sign', json(`"+${code}"`)],
        ['minus sign', json(`"-${code}"`)],
        ['decimal point', json(`"${code}.0"`)],
        ['underscore', json(`"${code.slice(0, 3)}_${code.slice(3)}"`)],
        ['1 MB string', json(`"${'1'.repeat(1_000_000)}"`)],
      ];
      for (const [label, body] of refusals) {
        const answer = await user.send('/verify', { body, label });
        t.expect(refused(answer), `${label}: answered ${answer.status}`);
        if (body.length > 1024 && answer.ms > 2000) t.warn(`${label}: answered in ${answer.ms} ms`);
      }
      for (const [label, zero] of [
        ['full-width digits', 0xff10],
        ['Arabic-Indic digits', 0x0660],
      ] as const) {
        const answer = await user.send('/verify', {
          body: { code: shiftDigits(code, zero) },
          label,
        });
        if (answer.status === 200) {
          t.warn(`${label} accepted (NFKC folding)`);
          return;
        }
        t.expect(refused(answer), `${label}: answered ${answer.status}`);
      }
      const control = await user.submit('/verify', code, `${codeLabel(0)} (control)`);
      if (control.status === 429) t.note('control locked: the server counts malformed codes');
      else t.expect(control.status === 200, 'the correct code, sent last, was refused');
    },
  },
  {
    id: 'K-6',
    title: '9 random wrong codes for each of 6 fresh users are all refused',
    async run(t) {
      for (let u = 0; u < 6; u += 1) {
        const user = await t.user();
        await user.enroll();
        const T = await t.step();
        for (let i = 0; i < 9; i += 1) {
          const answer = await user.send('/enrollment/confirm', {
            body: { enrollmentId: user.enrollmentId, code: user.wrong(T) },
            label: 'random code',
          });
          t.expect(isError(answer, 422, 'invalid_code'), 'a random code was not invalid_code');
        }
      }
      if (t.verdict === 'PASS') t.evidence.splice(2, t.evidence.length - 3, '… 57 more requests');
    },
  },
  {
    id: 'A-05',
    title: 'Codes are compared in constant time',
    async run(t) {
      t.info('Not observable from outside: review the code (reference: crypto.timingSafeEqual).');
    },
  },
];
