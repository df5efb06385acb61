import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, toAdapterError, TotpAdapterError } from '../adapters/adapter-error.js';

const sixDigits = /^[0-9]{6}$/;

/**
 * Runs an element's adapter calls: one at a time, aborted when the element leaves the page,
 * failures classified as `TotpAdapterError`, a `rate_limited` wait counted down, and each
 * code sent at most once in the element's life (C-07).
 */
export class AdapterCallController implements ReactiveController {
  /** A call is in flight. */
  pending = false;
  /** How the last call failed, until the next call starts. */
  error?: TotpAdapterError;

  readonly #host: ReactiveControllerHost;
  readonly #sentCodes = new Set<string>();
  #abort?: AbortController;
  #retryAt = 0;
  #ticker?: ReturnType<typeof setInterval>;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whole seconds left of a `rate_limited` wait; 0 when none. */
  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#retryAt - Date.now()) / 1000));
  }

  /** No call may start: one is in flight or a rate-limit wait is running. */
  get blocked(): boolean {
    return this.pending || this.secondsLeft > 0;
  }

  /**
   * Runs `call` unless blocked; resolves with its result, or `undefined` when it failed (see
   * `error`), was aborted or did not start.
   */
  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.blocked) return undefined;
    const abort = (this.#abort = new AbortController());
    this.pending = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      return { value: await call(abort.signal) };
    } catch (reason) {
      if (abort.signal.aborted && isAbortError(reason)) return undefined;
      this.#fail(toAdapterError(reason));
      return undefined;
    } finally {
      if (this.#abort === abort) {
        this.pending = false;
        this.#abort = undefined;
        this.#host.requestUpdate();
      }
    }
  }

  /**
   * Sends a six-digit `code` through `call`, at most once: a code this element already sent
   * fails locally as `code_already_used` and reaches no backend.
   */
  submitCode<T>(
    code: string,
    call: (code: string, signal: AbortSignal) => Promise<T>,
  ): Promise<{ value: T } | undefined> {
    if (this.blocked || !sixDigits.test(code)) return Promise.resolve(undefined);
    if (this.#sentCodes.has(code)) {
      this.#fail(new TotpAdapterError('code_already_used'));
      this.#host.requestUpdate();
      return Promise.resolve(undefined);
    }
    this.#sentCodes.add(code);
    return this.run((signal) => call(code, signal));
  }

  /** Forgets the last failure and any wait, e.g. when the user starts over. */
  reset(): void {
    this.error = undefined;
    this.#retryAt = 0;
    this.#stopTicker();
    this.#host.requestUpdate();
  }

  /** Aborts the call in flight, if any. */
  abort(): void {
    this.#abort?.abort();
  }

  hostDisconnected(): void {
    this.abort();
    this.#stopTicker();
    this.#sentCodes.clear();
  }

  #fail(error: TotpAdapterError): void {
    this.error = error;
    if (error.code === 'rate_limited' && error.retryAfter) {
      this.#retryAt = Date.now() + error.retryAfter * 1000;
      this.#stopTicker();
      this.#ticker = setInterval(() => {
        if (!this.secondsLeft) {
          // The wait is over: the rate-limit message goes and the field opens again.
          this.error = undefined;
          this.#stopTicker();
        }
        this.#host.requestUpdate();
      }, 1000);
    }
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
