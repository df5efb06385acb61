/**
 * The reference server of docs/rest-contract.md for Node 20+: a framework-agnostic Web
 * `Request` → `Response` handler, adapters for `node:http` and Express, two stores, and an
 * RFC 6238 code generator for tests. See docs/server.md.
 */
export {
  createTotpHandler,
  type RequestContext,
  type TestHooks,
  type TotpHandler,
  type TotpHandlerOptions,
  type TotpLogger,
} from './handler.js';
export type { TotpRoute, TotpSecurityEvent, TotpUser, VerifiedResult } from './flows.js';
export { defaultPolicy, lockDelayMs, type FailureLimits, type TotpPolicy } from './policy.js';
export { generateEncryptionKey, type EncryptionKey } from './secret-box.js';
export type { AuthenticatorRecord, FailureOutcome, PendingEnrollment, TotpStore } from './store.js';
export { createMemoryStore } from './memory-store.js';
export {
  toExpressMiddleware,
  toNodeHandler,
  type ExpressMiddleware,
  type NodeHandler,
  type NodeRequest,
} from './node.js';
export {
  base32Decode,
  base32Encode,
  hotp,
  totp,
  totpStep,
  type CodeOptions,
  type TotpAlgorithm,
  type TotpOptions,
} from './totp-reference.js';
