/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoApp, demoAccount } from './app.js';

/*
 * `npm start`: builds the demo site with Vite, then serves it with the API on
 * http://localhost:5173 (PORT to change; the next free port when it is taken).
 *
 * Environment: PORT, HOST (default 127.0.0.1), TOTP_DEMO_DATA_DIR (default data/),
 * TOTP_DEMO_SITE_DIR (default demo/dist), TOTP_ENCRYPTION_KEY (default: a key file in the data
 * folder), TOTP_DEMO_TEST_MODE=1 (test hooks; refused with NODE_ENV=production),
 * TLS_CERT_FILE + TLS_KEY_FILE (serve https: Secure `__Host-` cookie and HSTS).
 * Flag `--no-build` serves the site already in TOTP_DEMO_SITE_DIR.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const testMode = env.TOTP_DEMO_TEST_MODE === '1';
if (testMode && env.NODE_ENV === 'production') {
  console.error('TOTP_DEMO_TEST_MODE=1 is refused when NODE_ENV=production.');
  process.exit(1);
}
const dataDir = env.TOTP_DEMO_DATA_DIR ?? join(repoRoot, 'data');
const siteDir = env.TOTP_DEMO_SITE_DIR ?? join(repoRoot, 'demo/dist');
const host = env.HOST ?? '127.0.0.1';
const wantedPort = env.PORT === undefined ? 5173 : Number(env.PORT);
if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
  console.error(`PORT must be a port number, not ${env.PORT}`);
  process.exit(1);
}

if (!process.argv.includes('--no-build')) {
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: siteDir, emptyOutDir: true },
  });
}

const app = createDemoApp({
  dataDir,
  siteDir,
  testMode,
  log: (line) => console.log(`[demo] ${new Date().toISOString()} ${line}`),
});
const tls =
  env.TLS_CERT_FILE && env.TLS_KEY_FILE
    ? { cert: readFileSync(env.TLS_CERT_FILE), key: readFileSync(env.TLS_KEY_FILE) }
    : undefined;
const listener = (req: Parameters<typeof app.handle>[0], res: Parameters<typeof app.handle>[1]) =>
  void app.handle(req, res);
const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);

function listen(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError).once('listening', onListening);
    server.listen(port, host);
  });
}

async function listenFromPort(first: number): Promise<number> {
  for (let port = first; ; port += 1) {
    try {
      return await listen(port);
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || first === 0 || port - first >= 20) throw error;
      console.log(`Port ${port} is in use, trying ${port + 1}…`);
    }
  }
}

const port = await listenFromPort(wantedPort);
const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
console.log(`
  totp-elements demo: ${tls ? 'https' : 'http'}://${shownHost}:${port}/
  Sign in as ${demoAccount.email} / ${demoAccount.password}
  Data (SQLite, encryption key): ${dataDir}${testMode ? '\n  TEST MODE: /api/test hooks are on' : ''}
  Ctrl-C stops the server.
`);

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the demo server.`);
  server.close(() => {
    app.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
