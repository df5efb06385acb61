/// <reference types="node" />
import {
  createFlows,
  type Flows,
  type TotpRoute,
  type TotpSecurityEvent,
  type TotpUser,
  type VerifiedResult,
} from './flows.js';
import { jsonResponse, readJsonObject, Refusal, refusalResponse } from './http.js';
import { isLabelPart } from './key-uri.js';
import { resolvePolicy, type FailureLimits, type TotpPolicy } from './policy.js';
import { createSecretBox, type EncryptionKey } from './secret-box.js';
import type { TotpStore } from './store.js';

/** Where outcome logs go; `console` fits. Entries never hold a secret, URI or code (S-08, A-32). */
export interface TotpLogger {
  /** One entry per request: route, method, status, result, userId, ip, at. */
  debug(entry: object): void;
  /** Server-side failures: a store error, a throwing hook, a secret that does not decrypt. */
  error(entry: object): void;
}

/** Options of `createTotpHandler()`. */
export interface TotpHandlerOptions {
  /** Where state lives: `createSqliteStore()`, `createMemoryStore()` or your own. */
  store: TotpStore;
  /** Service name shown in authenticator apps; non-empty, no `:`. */
  issuer: string;
  /** The session's user, or `undefined` without a session. Body fields never choose it. */
  getUser(request: Request): TotpUser | undefined | Promise<TotpUser | undefined>;
  /** 32-byte AES-256-GCM key(s) from outside the database; the first seals, all open (S-05). */
  encryptionKey: EncryptionKey | readonly EncryptionKey[];
  /** Overrides of `defaultPolicy`; values beyond the contract's bounds throw (S-06). */
  policy?: Partial<TotpPolicy>;
  /**
   * Called after `/verify` accepted a code, before answering: rotate the session ID and mark it
   * fully signed in. Returned headers (e.g. `Set-Cookie`) and body fields (e.g.
   * `redirectTo`) go into the `200` response. If it throws, the answer is `500`.
   */
  onVerified?(
    user: TotpUser,
    request: Request,
  ): VerifiedResult | void | Promise<VerifiedResult | void>;
  /** Notification and audit hook (S-07, A-31); errors it throws are logged, never answered. */
  onSecurityEvent?(event: TotpSecurityEvent, request: Request): void | Promise<void>;
  /** Server time in milliseconds since the epoch. Default `Date.now`. */
  clock?: () => number;
  /** Debug log of every outcome and error log of server failures. */
  logger?: TotpLogger;
  /** Prefix of the routes, `''` or like `/api/2fa`. Default `''`. */
  basePath?: string;
  /**
   * Origins allowed in an `Origin` header. Default: the request URL's own origin. Set
   * it behind a TLS-terminating proxy, and for cross-origin callers (then CORS is answered).
   */
  allowedOrigins?: readonly string[];
  /** Test-mode hooks for the conformance kit (S-10); refused when `NODE_ENV=production`. */
  testMode?: { /** Every lock lasts 1 s instead of 60 s doubling to 1 h. */ shortLocks?: boolean };
}

/** Extra facts about a request that a Web `Request` does not carry. */
export interface RequestContext {
  /** The peer address (never from `X-Forwarded-For`, S-09), for the log. */
  clientAddress?: string;
}

/** Present on a handler created with `testMode`. */
export interface TestHooks {
  /** Zeroes a user's failure counter and lock (not a hard-cap disable). */
  resetCounters(userId: string): Promise<void>;
}

/** The REST contract as a Web `Request` → `Response` function. */
export interface TotpHandler {
  (request: Request, context?: RequestContext): Promise<Response>;
  /** The normalised `basePath`. */
  readonly basePath: string;
  /** The effective policy, to declare to the conformance kit. */
  readonly policy: Readonly<TotpPolicy>;
  /** Only with `testMode`. */
  readonly testHooks?: TestHooks;
}

type RouteSpec = { method: 'GET' | 'POST'; passwordStage?: boolean; run: keyof Flows };

const routes: Record<TotpRoute, RouteSpec> = {
  '/status': { method: 'GET', run: 'status' },
  '/enrollment': { method: 'POST', run: 'beginEnrollment' },
  '/enrollment/confirm': { method: 'POST', run: 'confirmEnrollment' },
  '/enrollment/cancel': { method: 'POST', run: 'cancelEnrollment' },
  '/verify': { method: 'POST', passwordStage: true, run: 'verify' },
  '/disable': { method: 'POST', run: 'disable' },
};

const isRoute = (path: string): path is TotpRoute => Object.hasOwn(routes, path);

/**
 * The reference server of docs/rest-contract.md as a framework-agnostic function from a Web
 * `Request` to a `Response`; `toNodeHandler()` and `toExpressMiddleware()` adapt it. Throws at
 * construction on a bad issuer, key, base path or policy, and on `testMode` in production.
 */
export function createTotpHandler(options: TotpHandlerOptions): TotpHandler {
  const policy = resolvePolicy(options.policy);
  if (!isLabelPart(options.issuer)) throw new TypeError('issuer must be non-empty, without ":"');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (!/^(\/[^/?#]+)*$/.test(basePath)) throw new TypeError('basePath must look like /api/2fa');
  if (options.testMode && process.env.NODE_ENV === 'production') {
    throw new Error('testMode is refused when NODE_ENV=production (S-10)');
  }
  const { store, logger, clock = Date.now } = options;
  const lockMs = (seconds: number) => (options.testMode?.shortLocks ? 1000 : seconds * 1000);
  const limits: FailureLimits = {
    throttleAfter: policy.throttleAfter,
    hardCap: policy.hardCap,
    firstDelayMs: lockMs(policy.firstDelay),
    maxDelayMs: lockMs(policy.maxDelay),
  };

  const flows = createFlows({
    store,
    box: createSecretBox(options.encryptionKey),
    policy,
    limits,
    issuer: options.issuer,
    onVerified: options.onVerified,
    async emit(event, request) {
      try {
        await options.onSecurityEvent?.(event, request);
      } catch (error) {
        logger?.error({ msg: 'totp onSecurityEvent failed', type: event.type, error: `${error}` });
      }
    },
    unreadableSecret: ({ user, route }) =>
      logger?.error({ msg: 'totp secret unreadable', userId: user.id, route }),
  });

  /** CORS headers for an allowed cross-origin caller (A-27: an allow-list, never `*`). */
  function corsHeaders(origin: string | null, own: string): Record<string, string> {
    if (!origin || origin === own) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    };
  }

  /** The answer to a CORS preflight of an allowed origin: no body, no state. */
  const preflight = (route: TotpRoute, cors: Record<string, string>) =>
    new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': routes[route].method,
        'Access-Control-Allow-Headers': 'Content-Type, X-TOTP-Elements',
        'Access-Control-Max-Age': '600',
        'Cache-Control': 'no-store',
      },
    });

  async function handle(request: Request, context: RequestContext = {}): Promise<Response> {
    const now = clock();
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : '';
    const route = isRoute(path) ? path : undefined;
    const origin = request.headers.get('Origin');
    const originAllowed = !origin || (options.allowedOrigins ?? [url.origin]).includes(origin);
    const cors = originAllowed ? corsHeaders(origin, url.origin) : {};
    if (route && request.method === 'OPTIONS' && origin && originAllowed) {
      return preflight(route, cors);
    }

    let user: TotpUser | undefined;
    let result = 'ok';
    let response: Response;
    try {
      // The order of docs/rest-contract.md §7 step 1: 404/405, 403, 401, 415, 413, 400.
      if (!route) throw new Refusal('not_found');
      const spec = routes[route];
      if (request.method !== spec.method) {
        throw new Refusal('method_not_allowed', { Allow: spec.method });
      }
      if (!originAllowed || request.headers.get('X-TOTP-Elements') !== '1') {
        throw new Refusal('forbidden');
      }
      user = await options.getUser(request);
      const stageAllowed =
        user?.stage === 'full' || (spec.passwordStage && user?.stage === 'password');
      if (!user || !stageAllowed) throw new Refusal('unauthenticated');
      const body = spec.method === 'POST' ? await readJsonObject(request) : {};
      const outcome = await flows[spec.run]({ user, route, body, request, now });
      const headers = new Headers(outcome.headers);
      for (const [name, value] of Object.entries(cors)) headers.set(name, value);
      response = jsonResponse(200, outcome.body, headers);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal('server_error');
      if (refusal.error === 'server_error') {
        logger?.error({ msg: 'totp request failed', route, userId: user?.id, error: `${error}` });
      }
      result = refusal.error;
      response = refusalResponse(refusal, cors);
    }
    logger?.debug({
      msg: 'totp request',
      route: route ?? '(unknown)',
      method: request.method,
      status: response.status,
      result,
      userId: user?.id,
      ip: context.clientAddress,
      at: new Date(now).toISOString(),
    });
    return response;
  }

  const testHooks: TestHooks | undefined = options.testMode && {
    resetCounters: (userId) => store.resetFailures(userId),
  };
  return Object.assign(handle, { basePath, policy, testHooks });
}
