/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TotpUser } from '../server/flows.js';
import {
  createTotpHandler,
  type RequestContext,
  type TotpHandler,
  type TotpHandlerOptions,
} from '../server/handler.js';
import { createMemoryStore } from '../server/memory-store.js';
import { toNodeHandler } from '../server/node.js';
import { generateEncryptionKey } from '../server/secret-box.js';
import type { TotpStore } from '../server/store.js';
import type { ConformanceFixture } from './types.js';

/** What `wrap` gets besides the handler: the store, the session lookup and the clock. */
export interface ReferenceServerParts {
  store: TotpStore;
  getUser(request: Request): TotpUser | undefined;
  /** The handler's clock: `options.clock` (default `Date.now`) plus what `advanceClock` added. */
  clock(): number;
}

/** Options of `createReferenceFixture()`; every one has a default. */
export interface ReferenceFixtureOptions extends Partial<
  Pick<TotpHandlerOptions, 'store' | 'policy' | 'encryptionKey' | 'clock'>
> {
  /** Wraps the handler, e.g. to inject a fault when testing the kit itself. */
  wrap?(
    handler: TotpHandler,
    parts: ReferenceServerParts,
  ): (request: Request, context?: RequestContext) => Promise<Response>;
}

const basePath = '/api/2fa';

/**
 * The fixture of the reference server: `setup()` starts it on 127.0.0.1 on a free port in test
 * mode (1 s locks), with a memory store, and answers its base URL. Sessions are `sid` cookies;
 * a password-only session becomes a full one, with a new `sid`, when `/verify` accepts a code.
 * `advanceClock()` moves the handler's clock; the `Date` header keeps the real one.
 */
export function createReferenceFixture(options: ReferenceFixtureOptions = {}): ConformanceFixture {
  const sessions = new Map<string, TotpUser>();
  const store = options.store ?? createMemoryStore();
  let server: Server | undefined;
  let users = 0;
  let advanced = 0;
  const baseClock = options.clock ?? Date.now;
  const clock = () => baseClock() + advanced;

  const cookieOf = (request: Request) =>
    /(?:^|;\s*)sid=([0-9a-f]+)/.exec(request.headers.get('Cookie') ?? '')?.[1];

  function openSession(user: Omit<TotpUser, 'sessionId'>) {
    const sessionId = randomBytes(16).toString('hex');
    sessions.set(sessionId, { ...user, sessionId });
    return { Cookie: `sid=${sessionId}` };
  }

  const getUser = (request: Request) => sessions.get(cookieOf(request) ?? '');

  const handler = createTotpHandler({
    store,
    issuer: 'ACME Co',
    encryptionKey: options.encryptionKey ?? generateEncryptionKey(),
    policy: options.policy,
    clock,
    basePath,
    getUser,
    testMode: { shortLocks: true },
    onVerified(user, request) {
      sessions.delete(cookieOf(request) ?? '');
      const { Cookie } = openSession({ ...user, stage: 'full' });
      return { headers: { 'Set-Cookie': `${Cookie}; Path=/; HttpOnly; SameSite=Strict` } };
    },
  });
  const wrapped = options.wrap?.(handler, { store, getUser, clock });
  const serving = wrapped ? Object.assign(wrapped, { basePath, policy: handler.policy }) : handler;

  return {
    policy: {
      window: handler.policy.window,
      throttleAfter: handler.policy.throttleAfter,
      hardCap: handler.policy.hardCap,
    },
    async setup() {
      server = createServer(toNodeHandler(serving));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return { baseUrl: `http://127.0.0.1:${port}${basePath}` };
    },
    async teardown() {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    },
    async advanceClock(ms) {
      advanced += ms;
    },
    async createUser() {
      users += 1;
      const user = { id: `user-${users}`, accountName: `conformance+${users}@example.com` };
      return {
        id: user.id,
        signIn: async () => openSession({ ...user, stage: 'full' }),
        signInPasswordOnly: async () => openSession({ ...user, stage: 'password' }),
      };
    },
  };
}

/** The ready fixture: `totp-elements-conformance --fixture <this module>`. */
export default createReferenceFixture();
