// @ts-check
/**
 * The REST contract of docs/rest-contract.md as a Koa middleware for the test runner's server,
 * backed by the memory backend core (src/adapters/memory-backend.ts, bundled with esbuild on
 * first use). Test mode only: the user is whoever the `X-Test-User` header names (a fresh one
 * per new name, so tests are independent), and `X-Test-Session: password` makes the session
 * password-only. Routes live under `contractBase`.
 */
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** URL prefix of the routes. */
export const contractBase = '/__contract/2fa';

/** The HTTP status of each error code, as documented in docs/rest-contract.md §6. */
const statusOf = {
  invalid_format: 400,
  unauthenticated: 401,
  reauth_required: 403,
  forbidden: 403,
  no_pending_enrollment: 404,
  not_found: 404,
  method_not_allowed: 405,
  already_enabled: 409,
  enrollment_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_code: 422,
  code_already_used: 422,
  authenticator_disabled: 423,
  rate_limited: 429,
};

/** @type {Record<string, { method: 'GET' | 'POST', password?: boolean, run: (backend: any, body: any) => unknown }>} */
const routes = {
  '/status': { method: 'GET', run: (backend) => backend.status() },
  '/enrollment': { method: 'POST', run: (backend) => backend.beginEnrollment() },
  '/enrollment/confirm': {
    method: 'POST',
    run: (backend, body) => backend.confirmEnrollment(body.enrollmentId, body.code),
  },
  '/enrollment/cancel': {
    method: 'POST',
    run: (backend, body) => backend.cancelEnrollment(body.enrollmentId),
  },
  '/verify': { method: 'POST', password: true, run: (backend, body) => backend.verify(body.code) },
  '/disable': { method: 'POST', run: (backend, body) => backend.disable(body.code) },
};

const maxBody = 1024;

/** Loads the TypeScript backend core through esbuild, as Node 20 cannot import `.ts`. */
async function loadBackendModule() {
  const entry = fileURLToPath(new URL('../../src/adapters/memory-backend.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0].text).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}

/**
 * Reads at most `maxBody` bytes of the request body; `undefined` when it is longer.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string | undefined>}
 */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBody) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Creates the middleware.
 * @param {{ now?: () => number }} [options] `now`: the server clock in ms (default `Date.now`).
 * @returns {(ctx: import('koa').Context, next: () => Promise<unknown>) => Promise<unknown>}
 */
export function contractRoutes(options = {}) {
  /** @type {Promise<any> | undefined} */
  let backendModule;
  /** @type {Map<string, any>} */
  const users = new Map();

  return async (ctx, next) => {
    if (ctx.path !== contractBase && !ctx.path.startsWith(`${contractBase}/`)) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    /** @param {keyof typeof statusOf} error */
    const refuse = (error) => {
      ctx.status = statusOf[error];
      ctx.body = { error };
    };

    const route = routes[ctx.path.slice(contractBase.length)];
    if (!route) return refuse('not_found');
    if (ctx.method !== route.method) {
      ctx.set('Allow', route.method);
      return refuse('method_not_allowed');
    }
    const origin = ctx.get('Origin');
    if (ctx.get('X-TOTP-Elements') !== '1' || (origin && origin !== ctx.origin)) {
      return refuse('forbidden');
    }
    const user = ctx.get('X-Test-User');
    const passwordOnly = ctx.get('X-Test-Session') === 'password';
    if (!user || (passwordOnly && !route.password)) return refuse('unauthenticated');

    let body = {};
    if (route.method === 'POST') {
      if (ctx.get('Content-Type').split(';')[0].trim().toLowerCase() !== 'application/json') {
        return refuse('unsupported_media_type');
      }
      const text = await readBody(ctx.req);
      if (text === undefined) return refuse('payload_too_large');
      try {
        body = JSON.parse(text);
      } catch {
        return refuse('invalid_format');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return refuse('invalid_format');
      }
    }

    backendModule ??= loadBackendModule();
    const { MemoryTotpBackend } = await backendModule;
    if (!users.has(user)) {
      users.set(
        user,
        new MemoryTotpBackend({ accountName: `${user}@example.com`, now: options.now }),
      );
    }
    try {
      ctx.status = 200;
      ctx.body = route.run(users.get(user), body);
    } catch (error) {
      const code = /** @type {{ code?: keyof typeof statusOf, retryAfter?: number }} */ (error)
        .code;
      if (!code || !(code in statusOf)) throw error;
      if (code === 'rate_limited')
        ctx.set('Retry-After', String(/** @type {any} */ (error).retryAfter));
      refuse(code);
    }
  };
}
