import { totpStep } from '../server/totp-reference.js';

/** Milliseconds per TOTP step. */
export const stepMs = 30_000;

/** How far from a step boundary every window or replay case runs (K-2). */
export const boundaryMarginMs = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server's clock, estimated from `Date` headers (K-2). A `Date` of second `d` on a response
 * sent at local time `s` and received at `r` bounds the offset to `[d − r, d + 1000 − s]`; the
 * bounds of all responses are intersected, so the estimate sharpens as the run goes on.
 */
export class ServerClock {
  #low = -Infinity;
  #high = Infinity;
  #advanced = 0;

  /** Narrows the offset with the `Date` header of a response. */
  observe(date: string | null, sentAt: number, receivedAt: number): void {
    const server = date ? Date.parse(date) : NaN;
    if (Number.isNaN(server)) return;
    const low = server - receivedAt;
    const high = server + 1000 - sentAt;
    if (low > this.#high || high < this.#low) {
      // The server's clock jumped: start again from this response.
      [this.#low, this.#high] = [low, high];
    } else {
      [this.#low, this.#high] = [Math.max(this.#low, low), Math.min(this.#high, high)];
    }
  }

  /** Adds `ms` the fixture moved the server's clock: its `Date` headers keep the real clock. */
  advance(ms: number): void {
    this.#advanced += ms;
  }

  /** Whether any `Date` header has been seen. */
  get known(): boolean {
    return Number.isFinite(this.#low) && Number.isFinite(this.#high);
  }

  /** The estimated server time in milliseconds since the epoch. */
  now(): number {
    return Date.now() + this.#advanced + (this.known ? (this.#low + this.#high) / 2 : 0);
  }

  /** Half the width of the offset's bounds: how wrong `now()` can be. */
  get uncertainty(): number {
    return this.known ? (this.#high - this.#low) / 2 : 1000;
  }

  /**
   * The current server step, after waiting until at least `boundaryMarginMs` (plus the
   * uncertainty) separate now from both boundaries of the step, with `needMs` more to spare.
   */
  async safeStep(needMs = 1000): Promise<number> {
    const margin = boundaryMarginMs + Math.min(this.uncertainty, 2000);
    for (;;) {
      const into = this.now() % stepMs;
      if (into >= margin && into <= stepMs - margin - needMs) {
        return Number(totpStep(this.now() / 1000));
      }
      await sleep((into < margin ? margin - into : stepMs - into + margin) + 50);
    }
  }
}
