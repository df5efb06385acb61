import type {
  AdapterCallOptions,
  TotpAdapter,
  TotpEnrollment,
  TotpStatus,
  TotpVerifyResult,
} from './adapter.js';
import { TotpAdapterError, type TotpErrorCode } from './adapter-error.js';
import { parseRetryAfter } from './retry-after.js';

/** Options of `createHttpAdapter()`. */
export interface HttpAdapterOptions {
  /** URL prefix of the routes, absolute or relative to the page: `/api/2fa`. */
  baseUrl: string;
  /** Headers added to every request. */
  headers?: HeadersInit;
  /** Called before every request for extra headers, such as an anti-CSRF token. */
  getHeaders?: () => HeadersInit | Promise<HeadersInit>;
  /** `fetch` credentials mode. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** Milliseconds before a call fails with `timeout`. Default 15000. */
  timeoutMs?: number;
  /** The `fetch` to use. Default the global one. */
  fetch?: typeof fetch;
}

/** Header sent with every request so the server can refuse cross-site forms. */
export const contractHeader = { name: 'X-TOTP-Elements', value: '1' } as const;

type ServerErrorCode = Exclude<
  TotpErrorCode,
  'network' | 'timeout' | 'server' | 'malformed_response'
>;

/** The HTTP status of each error code a server sends (docs/rest-contract.md). */
const statusOf: Record<ServerErrorCode, number> = {
  invalid_format: 400,
  unauthenticated: 401,
  reauth_required: 403,
  no_pending_enrollment: 404,
  already_enabled: 409,
  enrollment_expired: 410,
  invalid_code: 422,
  code_already_used: 422,
  authenticator_disabled: 423,
  rate_limited: 429,
};

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && isoTime.test(value) && !Number.isNaN(Date.parse(value));
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON body of `response`, or `undefined` when it is not declared or not parsed as JSON. */
async function readJson(response: Response, within: <T>(p: Promise<T>) => Promise<T>) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) return undefined;
  const text = await within(response.text());
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const malformed = (status: number) => new TotpAdapterError('malformed_response', { status });

function toStatus(body: Record<string, unknown>, status: number): TotpStatus {
  const { enabled, lockedUntil } = body;
  if (typeof enabled !== 'boolean') throw malformed(status);
  if (lockedUntil === undefined) return { enabled };
  if (!isTime(lockedUntil)) throw malformed(status);
  return { enabled, lockedUntil };
}

function toEnrollment(body: Record<string, unknown>, status: number): TotpEnrollment {
  const { enrollmentId, secret, otpauthUri, issuer, accountName, expiresAt } = body;
  const valid =
    isText(enrollmentId) &&
    /^[\x21-\x7e]{1,256}$/.test(enrollmentId) &&
    typeof secret === 'string' &&
    /^[A-Z2-7]{26,128}$/.test(secret) &&
    typeof otpauthUri === 'string' &&
    uriHolds(otpauthUri, secret) &&
    isText(issuer) &&
    isText(accountName) &&
    isTime(expiresAt);
  if (!valid) throw malformed(status);
  return { enrollmentId, secret, otpauthUri, issuer, accountName, expiresAt };
}

/** Whether `uri` is an `otpauth://totp/` URI whose `secret` is `secret`. */
function uriHolds(uri: string, secret: string): boolean {
  try {
    const url = new URL(uri);
    return (
      url.protocol === 'otpauth:' &&
      url.host === 'totp' &&
      url.searchParams.get('secret') === secret
    );
  } catch {
    return false;
  }
}

/** The error for a response that is not `200`, following the contract's status table. */
async function toError(
  response: Response,
  within: <T>(p: Promise<T>) => Promise<T>,
): Promise<TotpAdapterError> {
  const { status } = response;
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    return new TotpAdapterError('rate_limited', { status, retryAfter });
  }
  if (status >= 500) return new TotpAdapterError('server', { status });
  const body = await readJson(response, within);
  const error = isRecord(body) ? body.error : undefined;
  if (typeof error === 'string' && Object.hasOwn(statusOf, error)) {
    // A contract code under another status than the table's is a broken server.
    const code = error as ServerErrorCode;
    return statusOf[code] === status ? new TotpAdapterError(code, { status }) : malformed(status);
  }
  if (status === 401) return new TotpAdapterError('unauthenticated', { status });
  // A protocol refusal (`forbidden`, `method_not_allowed`, …) or a code this client predates.
  if (isText(error) && status >= 400) return new TotpAdapterError('server', { status });
  return malformed(status);
}

/**
 * A `TotpAdapter` speaking the REST contract of docs/rest-contract.md over `fetch`: JSON POST
 * with `X-TOTP-Elements: 1` for every change, `cache: 'no-store'`, `redirect: 'error'` (a
 * redirect would re-send the code elsewhere), a timeout, and strict validation of every
 * response. Errors carry the status but never the request body or the code.
 */
export function createHttpAdapter(options: HttpAdapterOptions): TotpAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request(
    path: string,
    body: object | undefined,
    callOptions: AdapterCallOptions | undefined,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const callerSignal = callOptions?.signal;
    if (callerSignal?.aborted) throw abortError();
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, timeoutMs);
    callerSignal?.addEventListener('abort', abort, { once: true });
    // Every await races the abort, so neither a stuck hook nor a stuck `fetch` outlives it.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(abortError()), { once: true });
    });
    aborted.catch(() => {});
    const within = <T>(promise: Promise<T>) => Promise.race([promise, aborted]);
    try {
      const headers = new Headers(options.headers);
      const extra = new Headers(await within(Promise.resolve(options.getHeaders?.())));
      extra.forEach((value, name) => headers.set(name, value));
      headers.set('Accept', 'application/json');
      headers.set(contractHeader.name, contractHeader.value);
      if (body) headers.set('Content-Type', 'application/json');
      const response = await within(
        send(`${base}${path}`, {
          method: body ? 'POST' : 'GET',
          headers,
          body: body && JSON.stringify(body),
          credentials: options.credentials ?? 'same-origin',
          cache: 'no-store',
          redirect: 'error',
          signal: controller.signal,
        }),
      );
      if (response.status !== 200) throw await toError(response, within);
      const parsed = await readJson(response, within);
      if (!isRecord(parsed)) throw malformed(response.status);
      return { status: response.status, body: parsed };
    } catch (reason) {
      if (callerSignal?.aborted) throw abortError();
      if (controller.signal.aborted) throw new TotpAdapterError('timeout');
      if (reason instanceof TotpAdapterError) throw reason;
      throw new TotpAdapterError('network');
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abort);
    }
  }

  async function expectStatus(
    path: string,
    body: object,
    enabled: boolean | undefined,
    callOptions?: AdapterCallOptions,
  ): Promise<void> {
    const response = await request(path, body, callOptions);
    const status = toStatus(response.body, response.status);
    if (enabled !== undefined && status.enabled !== enabled) throw malformed(response.status);
  }

  return {
    async status(callOptions) {
      const response = await request('/status', undefined, callOptions);
      return toStatus(response.body, response.status);
    },
    async beginEnrollment(callOptions) {
      const response = await request('/enrollment', {}, callOptions);
      return toEnrollment(response.body, response.status);
    },
    confirmEnrollment: (enrollmentId, code, callOptions) =>
      expectStatus('/enrollment/confirm', { enrollmentId, code }, true, callOptions),
    async verify(code, callOptions) {
      const response = await request('/verify', { code }, callOptions);
      const { redirectTo, error } = response.body;
      if ((redirectTo !== undefined && typeof redirectTo !== 'string') || error !== undefined) {
        throw malformed(response.status);
      }
      return response.body as TotpVerifyResult;
    },
    disable: (code, callOptions) => expectStatus('/disable', { code }, false, callOptions),
    cancelEnrollment: (enrollmentId, callOptions) =>
      expectStatus('/enrollment/cancel', { enrollmentId }, undefined, callOptions),
  };
}
