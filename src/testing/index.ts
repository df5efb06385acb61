/**
 * Test helpers for apps and backends using totp-elements: a scriptable fake adapter, helpers
 * that type and paste into `<otp-input>`, and the adapter contract suite. `typeCode` needs
 * `@web/test-runner-commands` (an optional peer dependency); the rest needs only a
 * mocha-style runner.
 */
export {
  createFakeAdapter,
  type AdapterMethod,
  type FakeAdapter,
  type FakeCall,
} from './fake-adapter.js';
export { pasteCode, typeCode } from './otp-input-harness.js';
export { runAdapterContract, type AdapterContractOptions } from './adapter-contract.js';
