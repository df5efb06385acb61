// @ts-check
/**
 * The reference server (src/server) mounted in the test runner's Koa server, so the browser
 * tests run the HTTP adapter against the real implementation of docs/rest-contract.md. Node 20
 * cannot import `.ts`, so the server is bundled with esbuild on first use. Test mode only: the
 * user is whoever the `X-Test-User` header names (a fresh one per new name, so tests are
 * independent), and `X-Test-Session: password` makes the session password-only.
 */
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** URL prefix of the routes. */
export const contractBase = '/__contract/2fa';

const serverEntry = `
import { createMemoryStore, createTotpHandler, generateEncryptionKey } from './src/server/index.ts';

export function createTestHandler(basePath, clock) {
  return createTotpHandler({
    store: createMemoryStore(),
    issuer: 'totp-elements tests',
    encryptionKey: generateEncryptionKey(),
    basePath,
    clock,
    getUser(request) {
      const id = request.headers.get('X-Test-User');
      if (!id) return undefined;
      const stage = request.headers.get('X-Test-Session') === 'password' ? 'password' : 'full';
      return { id, accountName: id + '@example.com', stage };
    },
  });
}
`;

/** Bundles the reference server and creates its handler. */
async function loadHandler(/** @type {() => number} */ clock) {
  const result = await build({
    stdin: {
      contents: serverEntry,
      resolveDir: fileURLToPath(new URL('../..', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0].text).toString('base64');
  const { createTestHandler } = await import(`data:text/javascript;base64,${code}`);
  return createTestHandler(contractBase, clock);
}

/**
 * The request body, read whole (the server itself refuses more than its limit).
 * @param {import('node:http').IncomingMessage} req
 */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Creates the middleware.
 * @param {{ now?: () => number }} [options] `now`: the server clock in ms (default `Date.now`).
 * @returns {(ctx: import('koa').Context, next: () => Promise<unknown>) => Promise<unknown>}
 */
export function contractRoutes(options = {}) {
  /** @type {Promise<(request: Request) => Promise<Response>> | undefined} */
  let handler;

  return async (ctx, next) => {
    if (ctx.path !== contractBase && !ctx.path.startsWith(`${contractBase}/`)) return next();
    handler ??= loadHandler(options.now ?? Date.now);
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
    const request = new Request(new URL(ctx.originalUrl, ctx.origin), {
      method: ctx.method,
      headers,
      body: hasBody ? await readBody(ctx.req) : undefined,
    });
    const response = await (await handler)(request);
    ctx.status = response.status;
    response.headers.forEach((value, name) => ctx.set(name, value));
    ctx.body = Buffer.from(await response.arrayBuffer());
  };
}
