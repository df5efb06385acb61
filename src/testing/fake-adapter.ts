import type { AdapterCallOptions, TotpAdapter } from '../adapters/adapter.js';

/** The name of an adapter method. */
export type AdapterMethod = keyof TotpAdapter;

type Result<M extends AdapterMethod> = Awaited<ReturnType<Required<TotpAdapter>[M]>>;

/** One recorded call: its arguments, and the switches that settle it. */
export interface FakeCall<M extends AdapterMethod = AdapterMethod> {
  /** The method called. */
  readonly method: M;
  /** The arguments before `options`, e.g. `[code]` for `verify`. Kept in memory only. */
  readonly args: readonly unknown[];
  /** The caller's signal, if any. */
  readonly signal?: AbortSignal;
  /** The caller aborted before the call settled; the promise rejected with `AbortError`. */
  readonly aborted: boolean;
  /** The promise was resolved, rejected or aborted. */
  readonly settled: boolean;
  /** Fulfils the call with `value`. */
  resolve(value: Result<M>): void;
  /** Rejects the call, typically with a `TotpAdapterError`. */
  reject(reason: unknown): void;
}

/** A `TotpAdapter` whose calls stay pending until the test settles them. */
export interface FakeAdapter extends Required<TotpAdapter> {
  /** Every call in order. Never print it: arguments hold codes. */
  readonly calls: readonly FakeCall[];
  /** Number of calls of `method`, or of all methods. */
  callCount(method?: AdapterMethod): number;
  /** The oldest call of `method` that is still pending; throws if there is none. */
  next<M extends AdapterMethod>(method: M): FakeCall<M>;
}

/**
 * Creates a fake adapter for element tests:
 *
 * ```ts
 * const fake = createFakeAdapter();
 * el.adapter = fake;
 * await typeCode(el.querySelector('otp-input')!, '123456');
 * expect(fake.callCount('verify')).to.equal(1);
 * fake.next('verify').reject(new TotpAdapterError('invalid_code'));
 * ```
 *
 * An aborted signal rejects the pending call with a `DOMException` named `AbortError` and marks
 * it `aborted`.
 */
export function createFakeAdapter(): FakeAdapter {
  const calls: FakeCall[] = [];

  function record<M extends AdapterMethod>(
    method: M,
    args: unknown[],
    options?: AdapterCallOptions,
  ): Promise<Result<M>> {
    return new Promise((resolvePromise, rejectPromise) => {
      const signal = options?.signal;
      let aborted = false;
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) {
          throw new Error(`${method} call #${calls.indexOf(call) + 1} is already settled`);
        }
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        action();
      };
      const onAbort = () =>
        settle(() => {
          aborted = true;
          rejectPromise(new DOMException('The operation was aborted.', 'AbortError'));
        });
      const call: FakeCall<M> = {
        method,
        args,
        signal,
        get aborted() {
          return aborted;
        },
        get settled() {
          return settled;
        },
        resolve: (value) => settle(() => resolvePromise(value)),
        reject: (reason) => settle(() => rejectPromise(reason)),
      };
      calls.push(call as unknown as FakeCall);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    calls,
    callCount: (method) => calls.filter((call) => !method || call.method === method).length,
    next<M extends AdapterMethod>(method: M): FakeCall<M> {
      const call = calls.find((candidate) => candidate.method === method && !candidate.settled);
      if (!call) throw new Error(`No pending ${method} call`);
      return call as unknown as FakeCall<M>;
    },
    status: (options) => record('status', [], options),
    beginEnrollment: (options) => record('beginEnrollment', [], options),
    confirmEnrollment: (id, code, options) => record('confirmEnrollment', [id, code], options),
    verify: (code, options) => record('verify', [code], options),
    disable: (code, options) => record('disable', [code], options),
    cancelEnrollment: (id, options) => record('cancelEnrollment', [id], options),
  };
}
