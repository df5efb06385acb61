/// <reference types="node" />
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createTotpHandler, type TotpHandlerOptions } from './handler.js';
import { createMemoryStore } from './memory-store.js';
import { defaultPolicy, lockDelayMs, resolvePolicy } from './policy.js';
import { testKey, testUser } from './test-support.js';

const options = (): TotpHandlerOptions => ({
  store: createMemoryStore(),
  issuer: 'ACME Co',
  getUser: testUser,
  encryptionKey: testKey,
});

describe('policy (S-06, A-15)', () => {
  it('defaults to the reference policy', () => {
    assert.deepEqual(resolvePolicy(), {
      window: 'both',
      throttleAfter: 10,
      firstDelay: 60,
      maxDelay: 3600,
      hardCap: 100,
      enrollmentTtl: 900,
    });
    assert.ok(Object.isFrozen(defaultPolicy));
  });

  it('takes stricter values', () => {
    const policy = resolvePolicy({ window: 'past', throttleAfter: 3, hardCap: 20, firstDelay: 30 });
    assert.equal(policy.window, 'past');
    assert.equal(policy.hardCap, 20);
  });

  const refused: [string, Partial<typeof defaultPolicy>][] = [
    ['throttleAfter above 10', { throttleAfter: 11 }],
    ['throttleAfter 0', { throttleAfter: 0 }],
    ['fractional throttleAfter', { throttleAfter: 2.5 }],
    ['hardCap above 100', { hardCap: 101 }],
    ['hardCap not above throttleAfter', { throttleAfter: 10, hardCap: 10 }],
    ['firstDelay below 30 s', { firstDelay: 5 }],
    ['maxDelay below firstDelay', { firstDelay: 60, maxDelay: 59 }],
    ['a wider window', { window: 'wide' as 'both' }],
    ['enrollmentTtl above 1 h', { enrollmentTtl: 7200 }],
    ['a non-number', { hardCap: '100' as unknown as number }],
  ];
  for (const [what, overrides] of refused) {
    it(`refuses ${what}, also at handler construction`, () => {
      assert.throws(() => resolvePolicy(overrides), RangeError);
      assert.throws(() => createTotpHandler({ ...options(), policy: overrides }), RangeError);
    });
  }

  it('doubles lock delays up to the maximum', () => {
    const limits = { throttleAfter: 10, hardCap: 100, firstDelayMs: 60_000, maxDelayMs: 3_600_000 };
    const delays = [0, 1, 2, 3, 4, 5, 6, 7, 90].map((level) => lockDelayMs(limits, level) / 1000);
    assert.deepEqual(delays, [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });
});

describe('createTotpHandler() construction', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('refuses an issuer with a colon or an empty one (KUF)', () => {
    assert.throws(() => createTotpHandler({ ...options(), issuer: 'ACME:Co' }), TypeError);
    assert.throws(() => createTotpHandler({ ...options(), issuer: ' ' }), TypeError);
  });

  it('refuses a key that is not 32 bytes', () => {
    for (const encryptionKey of [Buffer.alloc(16), 'short', Buffer.alloc(32).toString('hex'), []]) {
      assert.throws(() => createTotpHandler({ ...options(), encryptionKey }), TypeError);
    }
  });

  it('normalises the base path and refuses a malformed one', () => {
    assert.equal(createTotpHandler({ ...options(), basePath: '/api/2fa/' }).basePath, '/api/2fa');
    assert.equal(createTotpHandler(options()).basePath, '');
    assert.throws(() => createTotpHandler({ ...options(), basePath: 'api' }), TypeError);
    assert.throws(() => createTotpHandler({ ...options(), basePath: '/a?b' }), TypeError);
  });

  it('declares the effective policy', () => {
    const handler = createTotpHandler({ ...options(), policy: { throttleAfter: 5 } });
    assert.equal(handler.policy.throttleAfter, 5);
    assert.equal(handler.policy.hardCap, 100);
  });

  it('has no test hooks unless testMode is given (S-10)', () => {
    assert.equal(createTotpHandler(options()).testHooks, undefined);
    const handler = createTotpHandler({ ...options(), testMode: { shortLocks: true } });
    assert.equal(typeof handler.testHooks?.resetCounters, 'function');
  });

  it('refuses testMode when NODE_ENV=production (S-10)', () => {
    process.env.NODE_ENV = 'production';
    assert.throws(() => createTotpHandler({ ...options(), testMode: {} }), /NODE_ENV=production/);
    assert.doesNotThrow(() => createTotpHandler(options()));
  });
});
