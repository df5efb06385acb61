/// <reference types="node" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The demo application as the e2e tests use it: `node --import tsx demo/server/main.ts` in a
 * child process on a free port, with a fresh data folder and site build in a temp folder and
 * the test-mode hooks on. Its output is kept as the server log.
 */

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface DemoServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Everything the server printed so far. */
  log(): string;
  /** A new account through the test-mode hook. */
  createUser(): Promise<{ email: string; password: string }>;
  /** The server clock in milliseconds. */
  now(): Promise<number>;
  /** Moves the server clock forward. */
  advanceClock(ms: number): Promise<number>;
  /**
   * Moves the server clock to 1 s after the start of its next 30 s step, so that the next code
   * is of a step no code was used in yet, and ~29 s remain before the step changes.
   */
  nextStep(): Promise<number>;
  stop(): Promise<void>;
}

async function testHook(origin: string, path: string, body: object): Promise<unknown> {
  const response = await fetch(`${origin}/api/test/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Demo-CSRF': '1' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`test hook ${path} answered ${response.status}`);
  return response.json();
}

export async function startDemoServer(): Promise<DemoServer> {
  const work = mkdtempSync(join(tmpdir(), 'totp-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'demo/server/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        TOTP_DEMO_TEST_MODE: '1',
        TOTP_DEMO_DATA_DIR: join(work, 'data'),
        TOTP_DEMO_SITE_DIR: join(work, 'site'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let exited = false;
  child.on('exit', () => (exited = true));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo server did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /totp-elements demo: http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited with ${code}:\n${output}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;

  const server: DemoServer = {
    origin,
    log: () => output,
    createUser: () => testHook(origin, 'users', {}) as Promise<{ email: string; password: string }>,
    async now() {
      return ((await testHook(origin, 'clock', { advanceMs: 0 })) as { now: number }).now;
    },
    async advanceClock(ms) {
      return ((await testHook(origin, 'clock', { advanceMs: ms })) as { now: number }).now;
    },
    async nextStep() {
      const now = await server.now();
      return server.advanceClock(30_000 - (now % 30_000) + 1000);
    },
    async stop() {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
  return server;
}
