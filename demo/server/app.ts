/// <reference types="node" />
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import Database from 'better-sqlite3';
import {
  createTotpHandler,
  generateEncryptionKey,
  toNodeHandler,
  type TotpUser,
} from '../../src/server/index.js';
import { createSqliteStore } from '../../src/server/sqlite-store.js';
import { createAccounts } from './accounts.js';
import { createSessions, sessionTag, type Session } from './sessions.js';
import { serveStatic } from './static.js';

/*
 * The demo application: email + password accounts, sessions in an HttpOnly cookie, the TOTP
 * handler of src/server under /api/2fa, a protected API, and the built pages with a strict
 * Content-Security-Policy. One request listener serves `npm start`; `npm run dev` mounts the
 * same listener (without the static pages) as Vite middleware.
 */

/** The demo account seeded on every start. */
export const demoAccount = { email: 'demo@example.com', password: 'correct horse battery staple' };

/** Where the TOTP routes live; the pages use `createHttpAdapter({ baseUrl: '/api/2fa' })`. */
export const totpBasePath = '/api/2fa';

/** The header every JSON call of the pages carries (A-27: a cross-site form cannot send it). */
export const csrfHeader = 'x-demo-csrf';

/** The strict policy of C-23 / S-12 on every page. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export interface DemoAppOptions {
  /** Folder of the SQLite file and the development encryption key. */
  dataDir: string;
  /** The built site (Vite output); without it only the API is served (dev middleware). */
  siteDir?: string;
  /**
   * Test-mode hooks under /api/test (S-10): create users, move the server clock, reset
   * counters. Refused when `NODE_ENV=production`.
   */
  testMode?: boolean;
  /** One line per request and per security event; never a secret, code or password. */
  log?: (line: string) => void;
}

export interface DemoApp {
  /** Answers the request, or returns `false` when it is not the app's (dev: Vite goes on). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): void;
}

/** The development key: `TOTP_ENCRYPTION_KEY`, else a key file created on first start (0600). */
function encryptionKey(dataDir: string): string {
  const fromEnv = process.env.TOTP_ENCRYPTION_KEY;
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'encryption-key');
  if (!existsSync(file)) writeFileSync(file, `${generateEncryptionKey()}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const isHttps = (req: IncomingMessage) => Boolean((req.socket as Partial<TLSSocket>).encrypted);

/** `__Host-` cookies must be Secure, so plain http on localhost uses a plain name. */
const cookieName = (secure: boolean) => (secure ? '__Host-sid' : 'sid');

function sessionCookie(id: string, secure: boolean): string {
  // HttpOnly: no script reads it. SameSite=Lax: no cross-site POST carries it. Secure only
  // over https: browsers refuse Secure cookies from http origins (some except localhost).
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  return [`${cookieName(secure)}=${id}`, ...attributes].join('; ');
}

function clearedCookie(secure: boolean): string {
  return `${sessionCookie('', secure)}; Max-Age=0`;
}

const jsonHeaders = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { ...jsonHeaders, ...headers });
  res.end(JSON.stringify(body));
}

/** Reads a small JSON object body; `undefined` when it is not one. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) return undefined;
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function createDemoApp(options: DemoAppOptions): DemoApp {
  const { dataDir, siteDir, log = () => {} } = options;
  const testMode = options.testMode ?? false;
  if (testMode && process.env.NODE_ENV === 'production') {
    throw new Error('Test mode (TOTP_DEMO_TEST_MODE) is refused when NODE_ENV=production.');
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'demo.sqlite'));
  const accounts = createAccounts(db);
  const store = createSqliteStore(db);
  /** Test mode moves the server clock forward instead of waiting for the next 30 s step. */
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  const sessions = createSessions(now);
  const ready = accounts.exists(demoAccount.email)
    ? Promise.resolve()
    : accounts.create(demoAccount.email, demoAccount.password).then(() => {});

  const sessionOf = (cookieHeader: string | null | undefined, secure: boolean) =>
    sessions.get(cookieValue(cookieHeader, cookieName(secure)));

  const webSecure = (request: Request) => new URL(request.url).protocol === 'https:';

  const totp = createTotpHandler({
    store,
    issuer: 'totp-elements demo',
    basePath: totpBasePath,
    encryptionKey: encryptionKey(dataDir),
    clock: now,
    getUser(request): TotpUser | undefined {
      const session = sessionOf(request.headers.get('Cookie'), webSecure(request));
      if (!session) return undefined;
      return {
        id: session.userId,
        accountName: session.email,
        stage: session.stage,
        sessionId: sessionTag(session.id),
      };
    },
    // a new session id once the code is accepted; the old id is worthless from now on.
    onVerified(_user, request) {
      const secure = webSecure(request);
      const id = cookieValue(request.headers.get('Cookie'), cookieName(secure));
      const rotated = id && sessions.rotate(id, 'full');
      if (!rotated) throw new Error('the session ended during verification');
      return {
        headers: { 'Set-Cookie': sessionCookie(rotated.id, secure) },
        body: { redirectTo: '/account.html' },
      };
    },
    onSecurityEvent(event, request) {
      let ended = 0;
      if (event.type === 'totp.enabled' || event.type === 'totp.disabled') {
        // enabling or disabling ends the user's other sessions.
        const id = cookieValue(request.headers.get('Cookie'), cookieName(webSecure(request)));
        ended = sessions.endOthers(event.userId, id);
      }
      log(`event ${event.type} user=${event.userId} ended_sessions=${ended} at=${event.at}`);
    },
    logger: {
      debug: () => {},
      error: (entry) => log(`totp error ${JSON.stringify(entry)}`),
    },
    testMode: testMode ? {} : undefined,
  });
  const totpListener = toNodeHandler(totp);

  /** A-27 for the app's own JSON endpoints: POST, JSON, the custom header, same origin. */
  function refuseCsrf(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return true;
    }
    const origin = req.headers.origin;
    const own = `${isHttps(req) ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    const site = req.headers['sec-fetch-site'];
    if (
      req.headers[csrfHeader] !== '1' ||
      (origin !== undefined && origin !== own) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none')
    ) {
      sendJson(res, 403, { error: 'forbidden' });
      return true;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      sendJson(res, 415, { error: 'unsupported_media_type' });
      return true;
    }
    return false;
  }

  async function signIn(req: IncomingMessage, res: ServerResponse, secure: boolean) {
    if (refuseCsrf(req, res)) return;
    const body = await readJson(req);
    const { email, password } = body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') {
      sendJson(res, 400, { error: 'invalid_format' });
      return;
    }
    await ready;
    const account = await accounts.signIn(email.trim(), password);
    if (!account) {
      log(`sign-in refused`);
      sendJson(res, 401, { error: 'invalid_credentials' });
      return;
    }
    const authenticator = await store.getAuthenticator(account.id);
    const stage = authenticator?.confirmedAt != null ? 'password' : 'full';
    // A new id on every sign-in (session fixation); any session this browser had ends.
    sessions.delete(cookieValue(req.headers.cookie, cookieName(secure)));
    const session = sessions.create(account.id, account.email, stage);
    log(`sign-in user=${account.id} stage=${stage}`);
    sendJson(
      res,
      200,
      { stage, redirectTo: stage === 'full' ? '/account.html' : undefined },
      { 'Set-Cookie': sessionCookie(session.id, secure) },
    );
  }

  function signOut(req: IncomingMessage, res: ServerResponse, secure: boolean) {
    if (refuseCsrf(req, res)) return;
    sessions.delete(cookieValue(req.headers.cookie, cookieName(secure)));
    sendJson(res, 200, {}, { 'Set-Cookie': clearedCookie(secure) });
  }

  /** Test-mode hooks (S-10). Never mounted without `testMode`. */
  async function testHook(req: IncomingMessage, res: ServerResponse, path: string) {
    if (refuseCsrf(req, res)) return;
    const body = (await readJson(req)) ?? {};
    if (path === '/api/test/users') {
      const email = `user-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const password = `pw-${Math.random().toString(36).slice(2)}`;
      await accounts.create(email, password);
      sendJson(res, 200, { email, password });
    } else if (path === '/api/test/clock') {
      const advance = Number(body.advanceMs ?? 0);
      if (!Number.isFinite(advance) || advance < 0) return sendJson(res, 400, { error: 'bad' });
      clockOffset += advance;
      sendJson(res, 200, { now: now() });
    } else if (path === '/api/test/reset-counters' && typeof body.email === 'string') {
      const account = await accounts.signIn(body.email, String(body.password ?? ''));
      if (!account) return sendJson(res, 404, { error: 'not_found' });
      await totp.testHooks!.resetCounters(account.id);
      sendJson(res, 200, {});
    } else {
      sendJson(res, 404, { error: 'not_found' });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const secure = isHttps(req);
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');

    if (pathname === totpBasePath || pathname.startsWith(`${totpBasePath}/`)) {
      await totpListener(req, res);
      return true;
    }
    if (pathname === '/api/session') {
      await signIn(req, res, secure);
      return true;
    }
    if (pathname === '/api/session/sign-out') {
      signOut(req, res, secure);
      return true;
    }
    if (pathname === '/api/session/state') {
      // What the sign-in page needs after a reload: which step this browser is at.
      const session = sessionOf(req.headers.cookie, secure);
      sendJson(res, 200, { stage: session?.stage ?? 'none' });
      return true;
    }
    if (pathname === '/api/me') {
      // The protected API: only a session that passed the second factor.
      const session = sessionOf(req.headers.cookie, secure);
      if (session?.stage !== 'full') {
        sendJson(res, 401, { error: 'unauthenticated' });
        return true;
      }
      const authenticator = await store.getAuthenticator(session.userId);
      sendJson(res, 200, { email: session.email, twoFactor: authenticator?.confirmedAt != null });
      return true;
    }
    if (testMode && pathname.startsWith('/api/test/')) {
      await testHook(req, res, pathname);
      return true;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: 'not_found' });
      return true;
    }
    if (pathname === '/account.html' || pathname === '/account') {
      const session: Session | undefined = sessionOf(req.headers.cookie, secure);
      if (session?.stage !== 'full') {
        res.writeHead(303, { Location: '/sign-in.html', 'Cache-Control': 'no-store' });
        res.end();
        return true;
      }
    }
    if (!siteDir) return false;
    serveStatic(req, res, siteDir, pathname, { 'Content-Security-Policy': contentSecurityPolicy });
    return true;
  }

  return {
    async handle(req, res) {
      const started = performance.now();
      res.on('finish', () => {
        const path = (req.url ?? '/').split('?')[0];
        const ms = (performance.now() - started).toFixed(0);
        if (path?.startsWith('/api/')) log(`${req.method} ${path} ${res.statusCode} ${ms} ms`);
      });
      try {
        return await route(req, res);
      } catch (error) {
        log(`error ${String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
        else res.end();
        return true;
      }
    },
    close() {
      sessions.clear();
      store.close();
    },
  };
}
