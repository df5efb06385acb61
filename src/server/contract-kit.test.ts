/// <reference types="node" />
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { createHttpAdapter } from '../adapters/http-adapter.js';
import { runAdapterContract } from '../testing/adapter-contract.js';
import { createTotpHandler } from './handler.js';
import { toNodeHandler } from './node.js';
import { createSqliteStore } from './sqlite-store.js';
import { testKey, testUser } from './test-support.js';

/*
 * The package's own conformance suite (mocha-style globals, supplied by node:test here) run
 * through the browser HTTP adapter against this server over real HTTP, on a SQLite store and a
 * fixed clock: the status table, bodies and headers must be what the adapter expects.
 */
Object.assign(globalThis, { describe, it });

const now = Date.UTC(2025, 4, 1, 12, 0, 5);
const server = createServer(
  toNodeHandler(
    createTotpHandler({
      store: createSqliteStore(':memory:'),
      issuer: 'ACME Co',
      getUser: testUser,
      encryptionKey: testKey,
      clock: () => now,
      basePath: '/api/2fa',
    }),
  ),
);
const listening = new Promise<string>((resolve) =>
  server.listen(0, '127.0.0.1', () => {
    resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/2fa`);
  }),
);
after(() => new Promise((resolve) => server.close(resolve)));

let users = 0;
runAdapterContract(
  'reference server over HTTP',
  async () =>
    createHttpAdapter({ baseUrl: await listening, headers: { 'X-Test-User': `user${++users}` } }),
  { now: () => now },
);
