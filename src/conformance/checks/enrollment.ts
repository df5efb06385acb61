import { base32Decode } from '../../server/totp-reference.js';
import type { Exchange } from '../client.js';
import { codeLabel, isError, refused, type Check } from '../context.js';

/** The body of an enrollment response, as far as the checks read it. */
interface Enrollment {
  enrollmentId?: unknown;
  secret?: unknown;
  otpauthUri?: unknown;
  issuer?: unknown;
  accountName?: unknown;
  expiresAt?: unknown;
}

const enrollmentOf = (exchange: Exchange) => (exchange.body ?? {}) as Enrollment;

/** How far past `expiresAt` the kit moves the server's clock (A-20.expiry). */
const expiryMarginMs = 10_000;

/** Problems of an otpauth URI against its enrollment, empty when well-formed. */
export function uriProblems(enrollment: Enrollment): string[] {
  const { otpauthUri, secret, issuer, accountName } = enrollment;
  if (typeof otpauthUri !== 'string') return ['no otpauthUri'];
  const match = /^otpauth:\/\/totp\/([^?]*)\?(.*)$/.exec(otpauthUri);
  if (!match) return ['not otpauth://totp/<label>?<parameters>'];
  const [, label = '', query = ''] = match;
  const problems: string[] = [];
  if (label.includes('+') || query.includes('+')) problems.push('a literal + (space must be %20)');
  const parts = label.split(':');
  let decoded: string[] = [];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    problems.push('label not percent-encoded');
  }
  if (parts.length !== 2) problems.push('label is not <issuer>:<account> with one :');
  else if (decoded[0] !== issuer || decoded[1] !== accountName) {
    problems.push('label differs from the issuer and accountName fields');
  }
  const params = new URLSearchParams(query);
  if (params.get('secret') !== secret) problems.push('secret parameter differs from the field');
  if (params.get('issuer') !== issuer) problems.push('issuer parameter differs from the label');
  for (const [name, value] of [
    ['algorithm', 'SHA1'],
    ['digits', '6'],
    ['period', '30'],
  ] as const) {
    const given = params.get(name);
    if (given !== null && given !== value) problems.push(`${name}=${given}`);
  }
  return problems;
}

/** the secret, the URI, pending enrollments and what follows confirmation. */
export const enrollmentChecks: Check[] = [
  {
    id: 'A-16',
    title: 'The secret is unpadded upper-case base32 of at least 128 bits (160 recommended)',
    async run(t) {
      const user = await t.user();
      const { secret } = enrollmentOf(await user.enroll());
      const text = String(secret);
      t.expect(/^[A-Z2-7]+$/.test(text), 'the secret is not unpadded upper-case base32');
      const bits = base32Decode(text.replace(/=+$/, '')).length * 8;
      t.note(`${bits} bits`);
      if (bits < 128) t.fail(`${bits} bits, fewer than 128`);
      else if (bits < 160) t.warn(`${bits} bits, fewer than the recommended 160`);
    },
  },
  {
    id: 'A-17',
    title: '60 enrollments of 3 users give 60 different secrets and enrollment ids',
    async run(t) {
      const secrets = new Set<unknown>();
      const ids = new Set<unknown>();
      for (let u = 0; u < 3; u += 1) {
        const user = await t.user();
        for (let i = 0; i < 20; i += 1) {
          const { secret, enrollmentId } = enrollmentOf(await user.enroll());
          secrets.add(secret);
          ids.add(enrollmentId);
        }
      }
      t.evidence.splice(1, t.evidence.length - 2, '… 58 more enrollments');
      t.note(`${secrets.size} distinct secrets, ${ids.size} distinct enrollment ids`);
      t.expect(secrets.size === 60 && ids.size === 60, 'a secret or an enrollment id repeated');
    },
  },
  {
    id: 'A-18',
    title: 'The otpauth URI is well-formed and matches the enrollment',
    async run(t) {
      const user = await t.user();
      const enrollment = enrollmentOf(await user.enroll());
      for (const problem of uriProblems(enrollment)) t.fail(`otpauthUri: ${problem}`);
      for (const field of ['issuer', 'accountName'] as const) {
        const value = enrollment[field];
        t.expect(
          typeof value === 'string' && value !== '' && !value.includes(':'),
          `${field} empty or with :`,
        );
      }
    },
  },
  {
    id: 'A-19',
    title: 'The enrollment response carries Cache-Control: no-store and no secret in a header',
    async run(t) {
      const user = await t.user();
      const started = await user.enroll();
      const cache = started.headers.get('Cache-Control') ?? '';
      t.note(`Cache-Control: ${cache || '(none)'}`);
      t.expect(/(^|,)\s*no-store\s*(,|$)/i.test(cache), 'no Cache-Control: no-store');
      const secret = String(enrollmentOf(started).secret);
      const headers = [...started.headers.values()].join('\n');
      t.expect(!headers.includes(secret), 'the secret appears in a response header');
    },
  },
  {
    id: 'A-20',
    title: 'Enrollment stays pending until confirmed with a code of the latest pending secret',
    async run(t) {
      const user = await t.user();
      await user.enroll();
      const first = { id: user.enrollmentId, secret: user.secret };
      t.expect(!(await user.enabled()), 'starting enrollment enabled 2FA');
      await user.enroll();
      const T = await t.step(3000);
      const stale = await user.send('/enrollment/confirm', {
        body: { enrollmentId: first.id, code: user.code(T) },
        label: `replaced enrollmentId + ${codeLabel(0)}`,
      });
      t.expect(isError(stale, 404, 'no_pending_enrollment'), 'a replaced enrollmentId was not 404');
      const latest = user.secret;
      user.secret = first.secret;
      const oldSecret = await user.confirm(T, `${codeLabel(0)} of the replaced secret`);
      t.expect(refused(oldSecret), 'a code of the replaced secret confirmed');
      const attacker = new Uint8Array(20).fill(1);
      user.secret = attacker;
      const chosen = await user.confirm(T, `${codeLabel(0)} of a body secret`, {
        secret: 'AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIB',
      });
      t.expect(refused(chosen), 'a secret chosen in the body was used');
      user.secret = latest;
      const wrong = await user.send('/enrollment/confirm', {
        body: { enrollmentId: user.enrollmentId, code: user.wrong(T) },
        label: 'wrong code',
      });
      t.expect(isError(wrong, 422, 'invalid_code'), 'a wrong code was not invalid_code');
      t.expect(!(await user.enabled()), 'enabled without a valid code');
      const confirmed = await user.confirm(T, codeLabel(0));
      t.expect(confirmed.status === 200, 'the code of the latest secret did not confirm');
    },
  },
  {
    id: 'A-20.cancel',
    title: 'A cancelled enrollment cannot be confirmed',
    async run(t) {
      const user = await t.user();
      await user.enroll();
      const cancelled = await user.send('/enrollment/cancel', {
        body: { enrollmentId: user.enrollmentId },
      });
      t.expect(cancelled.status === 200, 'cancel was refused');
      const T = await t.step();
      const confirm = await user.confirm(T, codeLabel(0));
      t.expect(isError(confirm, 404, 'no_pending_enrollment'), 'confirmed after cancel');
      t.expect(!(await user.enabled()), 'status says enabled');
    },
  },
  {
    id: 'A-20.expiry',
    title: 'A pending enrollment expires',
    async run(t) {
      const user = await t.user();
      const { expiresAt } = enrollmentOf(await user.enroll());
      const at = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
      if (Number.isNaN(at)) {
        t.fail('expiresAt is missing or not a date');
        return;
      }
      const seconds = Math.round((at - t.client.clock.now()) / 1000);
      t.expect(seconds > 0, 'expiresAt is in the past');
      if (!t.canAdvance) {
        t.info(`expiresAt is ${seconds} s ahead; give the fixture advanceClock() to test expiry`);
        return;
      }
      // Past expiresAt by a margin, then to a safe point of a step: the code is right for then.
      const ms = Math.max(0, at - t.client.clock.now()) + expiryMarginMs;
      await t.advance(ms);
      t.note(`server clock advanced ${Math.round(ms / 1000)} s, past expiresAt`);
      const T = await t.advancedStep();
      const late = await user.confirm(T, `${codeLabel(0)} of the advanced clock`);
      t.expect(
        isError(late, 410, 'enrollment_expired'),
        'a confirmation after expiresAt was not 410 enrollment_expired',
      );
    },
  },
  {
    id: 'A-22',
    title: 'Enrollment is refused while enabled, and the enabled secret keeps working',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const secret = user.secret;
      const again = await user.send('/enrollment');
      t.expect(
        isError(again, 409, 'already_enabled'),
        'a new enrollment was not 409 already_enabled',
      );
      user.secret = secret;
      const verify = await user.submit('/verify', user.code(T), codeLabel(0));
      t.expect(verify.status === 200, 'the enabled secret no longer works');
    },
  },
  {
    id: 'A-23',
    title: 'No route returns the secret or the URI after confirmation',
    async run(t) {
      const user = await t.user();
      const T = await t.step();
      await user.enable(T);
      const secret = String(user.secretText);
      const oldId = user.enrollmentId;
      const answers = [
        await user.send('/status'),
        await user.send('/enrollment'),
        await user.send('/enrollment/confirm', {
          body: { enrollmentId: oldId, code: user.wrong(T) },
          label: 'old enrollmentId',
        }),
        await user.send('/enrollment/cancel', { body: { enrollmentId: oldId } }),
        await user.submit('/verify', user.wrong(T), 'wrong code'),
        await user.submit('/disable', user.wrong(T), 'wrong code'),
      ];
      for (const answer of answers) {
        const seen = `${answer.text}\n${[...answer.headers.values()].join('\n')}`.toUpperCase();
        t.expect(!seen.includes(secret), `${answer.method} ${answer.route} returned the secret`);
        t.expect(!seen.includes('OTPAUTH:'), `${answer.method} ${answer.route} returned a URI`);
      }
    },
  },
];
