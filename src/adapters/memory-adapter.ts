import type { AdapterCallOptions, TotpAdapter } from './adapter.js';
import { TotpAdapterError, type TotpErrorCode } from './adapter-error.js';
import { MemoryTotpBackend, type MemoryBackendOptions } from './memory-backend.js';

export { MemoryTotpBackend, totpPolicy, type MemoryBackendOptions } from './memory-backend.js';

/** Options of `createMemoryAdapter()`. */
export interface MemoryAdapterOptions extends MemoryBackendOptions {
  /** Simulated round trip in milliseconds before each call settles. Default 0. */
  latencyMs?: number;
}

/** Which call a forced failure applies to. */
export interface FailNextOptions {
  /** Only the next call of this method fails; default the next call of any method. */
  method?: keyof TotpAdapter;
  /** Seconds reported with `rate_limited`; default 60. */
  retryAfter?: number;
}

/** An in-memory `TotpAdapter` with a switch for forcing failures. */
export interface MemoryAdapter extends Required<TotpAdapter> {
  /**
   * Makes the next call (or the next call of `options.method`) reject with `code` after the
   * usual latency, without touching any state; for demos of every error state. A later
   * `failNext` replaces an unused one.
   */
  failNext(code: TotpErrorCode, options?: FailNextOptions): void;
}

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/** Resolves after `ms` (one macrotask at least); rejects with `AbortError` when `signal` aborts. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A complete TOTP backend living in the page, for demos, prototypes and tests: it enforces
 * what a real server must (see `MemoryTotpBackend` and docs/rest-contract.md). NOT for
 * production: the secret is generated and checked in the browser, so it proves nothing.
 *
 * ```ts
 * const adapter = createMemoryAdapter({ issuer: 'Acme', accountName: 'ada@acme.test' });
 * adapter.failNext('network', { method: 'verify' }); // the next verify fails as offline
 * ```
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const backend = new MemoryTotpBackend(options);
  const latencyMs = options.latencyMs ?? 0;
  let forced: { code: TotpErrorCode; method?: keyof TotpAdapter; retryAfter?: number } | undefined;

  async function call<T>(
    method: keyof TotpAdapter,
    callOptions: AdapterCallOptions | undefined,
    run: () => T,
  ): Promise<T> {
    await delay(latencyMs, callOptions?.signal);
    if (forced && (forced.method ?? method) === method) {
      const { code, retryAfter = 60 } = forced;
      forced = undefined;
      throw new TotpAdapterError(code, { retryAfter });
    }
    return run();
  }

  return {
    status: (o) => call('status', o, () => backend.status()),
    beginEnrollment: (o) => call('beginEnrollment', o, () => backend.beginEnrollment()),
    confirmEnrollment: (id, code, o) =>
      call('confirmEnrollment', o, () => void backend.confirmEnrollment(id, code)),
    verify: (code, o) => call('verify', o, () => backend.verify(code)),
    disable: (code, o) => call('disable', o, () => void backend.disable(code)),
    cancelEnrollment: (id, o) =>
      call('cancelEnrollment', o, () => void backend.cancelEnrollment(id)),
    failNext(code, failOptions = {}) {
      forced = { code, ...failOptions };
    },
  };
}
