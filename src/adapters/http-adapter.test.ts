import { expect } from '@open-wc/testing';
import type { TotpAdapter } from './adapter.js';
import { TotpAdapterError, type TotpErrorCode } from './adapter-error.js';
import { createHttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
import { parseRetryAfter } from './retry-after.js';

const code = '005924';
const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const enrollment = {
  enrollmentId: 'e-7f3a',
  secret,
  otpauthUri: `otpauth://totp/ACME%20Co:a%2Bb%40x.io?secret=${secret}&issuer=ACME%20Co`,
  issuer: 'ACME Co',
  accountName: 'a+b@x.io',
  expiresAt: '2030-01-01T00:15:00.000Z',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

interface Sent {
  url: string;
  init: RequestInit;
  headers: Headers;
}

/** An adapter whose `fetch` records requests and answers with `respond`. */
function setup(
  respond: (sent: Sent) => Response | Promise<Response> = () => json(200, { enabled: false }),
  options: Partial<HttpAdapterOptions> = {},
) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = { url: String(input), init, headers: new Headers(init.headers) };
    sent.push(request);
    return respond(request);
  };
  const adapter = createHttpAdapter({ baseUrl: '/api/2fa/', fetch, ...options });
  return { adapter, sent };
}

async function failure(promise: Promise<unknown>): Promise<TotpAdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TotpAdapterError);
    const text = `${String(error)} ${JSON.stringify(error)}`;
    expect(text).not.to.contain(code);
    expect(text).not.to.contain(enrollment.enrollmentId);
    expect((error as Error).cause).to.equal(undefined);
    return error as TotpAdapterError;
  }
  throw new Error('expected a rejection');
}

async function expectAbort(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).to.be.instanceOf(DOMException);
  expect((error as DOMException).name).to.equal('AbortError');
}

/** A `fetch` that settles only when its signal aborts, as a hung server would. */
const hang = ({ init }: Sent) =>
  new Promise<Response>((_, reject) =>
    init.signal?.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))),
  );

const calls: [string, (adapter: TotpAdapter) => Promise<unknown>][] = [
  ['status', (adapter) => adapter.status()],
  ['beginEnrollment', (adapter) => adapter.beginEnrollment()],
  ['confirmEnrollment', (adapter) => adapter.confirmEnrollment('e-7f3a', code)],
  ['verify', (adapter) => adapter.verify(code)],
  ['disable', (adapter) => adapter.disable(code)],
  ['cancelEnrollment', (adapter) => adapter.cancelEnrollment!('e-7f3a')],
];

describe('createHttpAdapter', () => {
  describe('requests', () => {
    it('reads the status with a GET that cannot be cached or redirected', async () => {
      const { adapter, sent } = setup();
      expect(await adapter.status()).to.deep.equal({ enabled: false });
      const [{ url, init, headers }] = sent;
      expect(url).to.equal('/api/2fa/status');
      expect(init.method).to.equal('GET');
      expect(init.body).to.equal(undefined);
      expect([init.cache, init.redirect, init.credentials]).to.deep.equal([
        'no-store',
        'error',
        'same-origin',
      ]);
      expect(headers.get('X-TOTP-Elements')).to.equal('1');
      expect(headers.get('Accept')).to.equal('application/json');
      expect(headers.has('Content-Type')).to.equal(false);
    });

    it('sends every change as a JSON POST with the custom header and the code as a string', async () => {
      const bodies: Record<string, unknown> = {
        '/api/2fa/enrollment': enrollment,
        '/api/2fa/enrollment/confirm': { enabled: true },
        '/api/2fa/disable': { enabled: false },
      };
      const { adapter, sent } = setup(({ url }) => json(200, bodies[url] ?? { enabled: false }));
      for (const [, call] of calls.slice(1)) await call(adapter);
      expect(sent.map(({ url, init }) => [url, init.body])).to.deep.equal([
        ['/api/2fa/enrollment', '{}'],
        ['/api/2fa/enrollment/confirm', '{"enrollmentId":"e-7f3a","code":"005924"}'],
        ['/api/2fa/verify', '{"code":"005924"}'],
        ['/api/2fa/disable', '{"code":"005924"}'],
        ['/api/2fa/enrollment/cancel', '{"enrollmentId":"e-7f3a"}'],
      ]);
      for (const { init, headers } of sent) {
        expect(init.method).to.equal('POST');
        expect(headers.get('Content-Type')).to.equal('application/json');
        expect(headers.get('X-TOTP-Elements')).to.equal('1');
        expect([init.cache, init.redirect]).to.deep.equal(['no-store', 'error']);
      }
    });

    it('adds static headers and a fresh anti-CSRF token per request, keeping its own', async () => {
      let token = 0;
      const { adapter, sent } = setup(undefined, {
        headers: { 'X-App': 'a', 'Content-Type': 'text/plain' },
        getHeaders: async () => ({ 'X-CSRF-Token': `t${++token}`, 'X-TOTP-Elements': '0' }),
        credentials: 'include',
      });
      await adapter.status();
      await adapter.verify(code);
      expect(sent.map(({ headers }) => headers.get('X-CSRF-Token'))).to.deep.equal(['t1', 't2']);
      expect(sent[1]!.headers.get('X-App')).to.equal('a');
      expect(sent[1]!.headers.get('Content-Type')).to.equal('application/json');
      expect(sent[1]!.headers.get('X-TOTP-Elements')).to.equal('1');
      expect(sent[1]!.init.credentials).to.equal('include');
    });

    it('accepts a synchronous getHeaders hook', async () => {
      const { adapter, sent } = setup(undefined, { getHeaders: () => [['X-CSRF-Token', 's']] });
      await adapter.status();
      expect(sent[0]!.headers.get('X-CSRF-Token')).to.equal('s');
    });
  });

  describe('responses', () => {
    it('returns the status, dropping unknown fields', async () => {
      const lockedUntil = '2030-01-01T00:01:00.000Z';
      const { adapter } = setup(() => json(200, { enabled: true, lockedUntil, secret }));
      expect(await adapter.status()).to.deep.equal({ enabled: true, lockedUntil });
    });

    it('returns a valid enrollment', async () => {
      const { adapter } = setup(() => json(200, { ...enrollment, extra: 1 }));
      expect(await adapter.beginEnrollment()).to.deep.equal(enrollment);
    });

    it('rejects enrollments that break the contract as malformed_response', async () => {
      const broken: Record<string, unknown>[] = [
        { secret: secret.toLowerCase() },
        { secret: `${secret}=` },
        { secret: secret.slice(0, 25) },
        { otpauthUri: enrollment.otpauthUri.replace(secret, secret.slice(0, 31) + 'A') },
        { otpauthUri: `otpauth://hotp/A:b?secret=${secret}` },
        { otpauthUri: `javascript:alert(1)//?secret=${secret}` },
        { otpauthUri: 'not a uri' },
        { enrollmentId: '' },
        { enrollmentId: 'has space' },
        { enrollmentId: 7 },
        { issuer: '' },
        { accountName: undefined },
        { expiresAt: 'tomorrow' },
        { expiresAt: '2030-01-01T00:15:00' },
      ];
      for (const change of broken) {
        const { adapter } = setup(() => json(200, { ...enrollment, ...change }));
        expect((await failure(adapter.beginEnrollment())).code, JSON.stringify(change)).to.equal(
          'malformed_response',
        );
      }
    });

    it('passes the verify result through and checks redirectTo', async () => {
      const result = { redirectTo: '/home', session: { fresh: true } };
      expect(await setup(() => json(200, result)).adapter.verify(code)).to.deep.equal(result);
      for (const body of [{ redirectTo: 5 }, { error: 'invalid_code' }, [], 'ok', null]) {
        const { adapter } = setup(() => json(200, body));
        expect((await failure(adapter.verify(code))).code).to.equal('malformed_response');
      }
    });

    it('requires the new state after confirm and disable', async () => {
      const confirmOff = setup(() => json(200, { enabled: false })).adapter;
      expect((await failure(confirmOff.confirmEnrollment('e', code))).code).to.equal(
        'malformed_response',
      );
      const disableOn = setup(() => json(200, { enabled: true })).adapter;
      expect((await failure(disableOn.disable(code))).code).to.equal('malformed_response');
      const empty = setup(() => json(200, {})).adapter;
      expect((await failure(empty.cancelEnrollment!('e'))).code).to.equal('malformed_response');
    });

    it('treats anything but a 200 JSON object as malformed_response', async () => {
      const answers = [
        () => new Response(null, { status: 204 }),
        () => json(201, { enabled: false }),
        () => new Response('{"enabled":false}', { status: 200 }),
        () => new Response('<html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
        () => new Response('{enabled', { headers: { 'Content-Type': 'application/json' } }),
        () => json(200, [true]),
        () => json(200, { enabled: 'yes' }),
        () => json(200, { enabled: true, lockedUntil: 'soon' }),
      ];
      for (const answer of answers) {
        const error = await failure(setup(answer).adapter.status());
        expect(error.code).to.equal('malformed_response');
      }
    });
  });

  describe('errors', () => {
    const table: [number, TotpErrorCode][] = [
      [400, 'invalid_format'],
      [401, 'unauthenticated'],
      [403, 'reauth_required'],
      [404, 'no_pending_enrollment'],
      [409, 'already_enabled'],
      [410, 'enrollment_expired'],
      [422, 'invalid_code'],
      [422, 'code_already_used'],
      [423, 'authenticator_disabled'],
    ];

    it('maps each documented status and error to its code', async () => {
      for (const [status, error] of table) {
        for (const [, call] of calls) {
          const failed = await failure(call(setup(() => json(status, { error })).adapter));
          expect([failed.code, failed.status]).to.deep.equal([error, status]);
        }
      }
    });

    it('treats a contract error under another status as malformed_response', async () => {
      for (const [status, error] of [
        [401, 'invalid_code'],
        [400, 'invalid_code'],
        [422, 'invalid_format'],
        [200, 'invalid_code'],
      ] as const) {
        const { adapter } = setup(() => json(status, { error }));
        expect((await failure(adapter.verify(code))).code, `${status}`).to.equal(
          'malformed_response',
        );
      }
    });

    it('maps protocol refusals and unknown codes to server, other bodies to malformed', async () => {
      const cases: [Response, TotpErrorCode][] = [
        [json(403, { error: 'forbidden' }), 'server'],
        [json(405, { error: 'method_not_allowed' }, { Allow: 'POST' }), 'server'],
        [json(415, { error: 'unsupported_media_type' }), 'server'],
        [json(418, { error: 'teapot' }), 'server'],
        [new Response('Unauthorized', { status: 401 }), 'unauthenticated'],
        [json(401, { error: 'session_expired' }), 'unauthenticated'],
        [new Response('<h1>Not found</h1>', { status: 404 }), 'malformed_response'],
        [json(400, { message: 'bad' }), 'malformed_response'],
        [json(409, { error: 7 }), 'malformed_response'],
        [new Response('Bad gateway', { status: 502 }), 'server'],
        [json(500, { error: 'invalid_code' }), 'server'],
        [json(503, {}), 'server'],
      ];
      for (const [response, expected] of cases) {
        const error = await failure(setup(() => response).adapter.verify(code));
        expect([error.code, error.status]).to.deep.equal([expected, response.status]);
      }
    });

    it('reads Retry-After on 429 as seconds or an HTTP-date, ignoring garbage', async () => {
      const inNinety = new Date(Math.ceil(Date.now() / 1000) * 1000 + 90_000).toUTCString();
      const cases: [string | undefined, number | undefined][] = [
        ['120', 120],
        ['0', 1],
        ['abc', undefined],
        ['-5', undefined],
        [undefined, undefined],
      ];
      for (const [header, retryAfter] of cases) {
        const headers: Record<string, string> =
          header === undefined ? {} : { 'Retry-After': header };
        const { adapter } = setup(() => json(429, { error: 'rate_limited' }, headers));
        const error = await failure(adapter.verify(code));
        expect([error.code, error.retryAfter, error.status]).to.deep.equal([
          'rate_limited',
          retryAfter,
          429,
        ]);
      }
      const { adapter } = setup(() => json(429, {}, { 'Retry-After': inNinety }));
      expect((await failure(adapter.verify(code))).retryAfter).to.be.within(89, 91);
      const bare = setup(() => new Response('slow down', { status: 429 })).adapter;
      expect((await failure(bare.status())).code).to.equal('rate_limited');
    });

    it('reports a failed fetch as network', async () => {
      const { adapter } = setup(() => Promise.reject(new TypeError(`Failed to fetch ${code}`)));
      expect((await failure(adapter.verify(code))).code).to.equal('network');
      const hook = setup(undefined, {
        getHeaders: () => {
          throw new Error('token endpoint down');
        },
      });
      expect((await failure(hook.adapter.status())).code).to.equal('network');
      expect(hook.sent).to.have.length(0);
    });
  });

  describe('timeouts and aborts', () => {
    it('fails with timeout and aborts the request when the server hangs', async () => {
      const { adapter, sent } = setup(hang, { timeoutMs: 5 });
      expect((await failure(adapter.verify(code))).code).to.equal('timeout');
      expect(sent[0]!.init.signal!.aborted).to.equal(true);
    });

    it('times out even if fetch or the header hook ignores the signal', async () => {
      const deaf = setup(() => new Promise<Response>(() => {}), { timeoutMs: 5 });
      expect((await failure(deaf.adapter.status())).code).to.equal('timeout');
      const stuckHook = setup(undefined, { timeoutMs: 5, getHeaders: () => new Promise(() => {}) });
      expect((await failure(stuckHook.adapter.status())).code).to.equal('timeout');
      expect(stuckHook.sent).to.have.length(0);
    });

    it('times out while reading a slow body', async () => {
      const body = new ReadableStream({ start: () => {} });
      const slow = () =>
        new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
      const { adapter } = setup(slow, { timeoutMs: 5 });
      expect((await failure(adapter.status())).code).to.equal('timeout');
    });

    it('rejects with AbortError without sending when the signal is already aborted', async () => {
      const { adapter, sent } = setup();
      await expectAbort(adapter.verify(code, { signal: AbortSignal.abort('custom reason') }));
      expect(sent).to.have.length(0);
    });

    it('rejects with AbortError and aborts the request when the caller aborts', async () => {
      let requested = () => {};
      const started = new Promise<void>((resolve) => (requested = resolve));
      const { adapter, sent } = setup((request) => (requested(), hang(request)));
      const controller = new AbortController();
      const call = adapter.verify(code, { signal: controller.signal });
      await started;
      controller.abort(new Error('navigated away'));
      await expectAbort(call);
      expect(sent[0]!.init.signal!.aborted).to.equal(true);
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(1994, 10, 6, 8, 49, 7);

  it('reads delta-seconds, at least 1', () => {
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter(' 7 ', now)).to.equal(7);
    expect(parseRetryAfter('0', now)).to.equal(1);
  });

  it('reads all three HTTP-date forms as seconds from now, rounded up', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).to.equal(30);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).to.equal(30);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).to.equal(30);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now + 29_500)).to.equal(1);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:00:00 GMT', now)).to.equal(1);
  });

  it('ignores anything else', () => {
    for (const value of [
      null,
      '',
      'abc',
      '-5',
      '1.5',
      '1e3',
      '99999999999999999999',
      'Sun, 31 Feb 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 25:49:37 GMT',
      'Sun, 06 Foo 1994 08:49:37 GMT',
      '2030-01-01T00:00:00Z',
      'Sun, 06 Nov 1994 08:49:37 UTC',
    ]) {
      expect(parseRetryAfter(value, now), String(value)).to.equal(undefined);
    }
  });
});
