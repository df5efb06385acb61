/// <reference types="node" />
import { base32Decode, totp } from '../server/totp-reference.js';
import type { Client, Exchange, SendOptions } from './client.js';
import { boundaryMarginMs, stepMs } from './clock.js';
import type { ConformanceFixture, FixtureUser, SessionHeaders, Verdict } from './types.js';

/** A step offset as evidence names it: `code(T)`, `code(T−1)`, `code(T+2)`. */
export const codeLabel = (offset: number) =>
  `code(T${offset === 0 ? '' : offset > 0 ? `+${offset}` : `−${-offset}`})`;

/** A fresh test user of one check: a full session, and a secret once enrolled. */
export class TestUser {
  secret?: Uint8Array;
  /** The base32 secret of the latest enrollment, to look for where it must not be. */
  secretText?: string;
  enrollmentId?: string;

  constructor(
    readonly check: CheckContext,
    readonly fixture: FixtureUser,
    readonly session: SessionHeaders,
  ) {}

  /** Sends in this user's first full session (or `session`), adding the exchange to evidence. */
  send(route: string, options: SendOptions = {}, session = this.session): Promise<Exchange> {
    return this.check.send(route, session, options);
  }

  /** The code of the enrolled secret at `step`, by the kit's RFC implementation (K-1). */
  code(step: number): string {
    if (!this.secret) throw new Error('no secret: enroll first');
    return totp(this.secret, step * 30);
  }

  /** A well-formed code matching none of the steps `step − 3` to `step + 3`. */
  wrong(step: number): string {
    const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((offset) => this.code(step + offset)));
    for (;;) {
      const code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
      if (!near.has(code)) return code;
    }
  }

  /** `POST /enrollment`; keeps the secret in memory only. Throws unless it answers `200`. */
  async enroll(): Promise<Exchange> {
    const started = await this.send('/enrollment');
    const body = started.body as { secret?: unknown; enrollmentId?: unknown } | undefined;
    if (started.status !== 200 || typeof body?.secret !== 'string') {
      throw new Error(`enrollment refused: ${started.status}`);
    }
    this.check.client.secrets.add(body.secret);
    this.secretText = body.secret;
    this.secret = base32Decode(body.secret);
    this.enrollmentId = String(body.enrollmentId);
    return started;
  }

  /** `POST /enrollment/confirm` with the code of `step`. */
  confirm(step: number, label: string, extra: Record<string, unknown> = {}) {
    const body = { enrollmentId: this.enrollmentId, code: this.code(step), ...extra };
    return this.send('/enrollment/confirm', { body, label });
  }

  /** Enrolls and confirms with the code of `step − 1`, so T and T+1 stay unused. */
  async enable(step: number): Promise<void> {
    await this.enroll();
    const confirmed = await this.confirm(step - 1, codeLabel(-1));
    if (confirmed.status !== 200) throw new Error(`confirmation refused: ${confirmed.status}`);
  }

  /** `POST {route}` with `{ code }`, the code named `label` in evidence. */
  submit(route: '/verify' | '/disable', code: string, label: string, options: SendOptions = {}) {
    return this.send(route, { ...options, body: { code, ...(options.body as object) }, label });
  }

  /** Whether `GET /status` says enabled. */
  async enabled(): Promise<boolean> {
    const status = await this.send('/status');
    return (status.body as { enabled?: unknown } | undefined)?.enabled === true;
  }
}

/** What a check gets: requests that become evidence, fresh users, and its verdict. */
export class CheckContext {
  readonly evidence: string[] = [];
  verdict: Verdict = 'PASS';

  constructor(
    readonly client: Client,
    readonly fixture: ConformanceFixture,
  ) {}

  /** The declared window (A-02, A-15). */
  get window(): 'both' | 'past' {
    return this.fixture.policy?.window ?? 'both';
  }

  /** The declared `throttleAfter` (A-11, A-15). */
  get throttleAfter(): number {
    return this.fixture.policy?.throttleAfter ?? 10;
  }

  /** The declared `hardCap` (A-12, A-15). */
  get hardCap(): number {
    return this.fixture.policy?.hardCap ?? 100;
  }

  /** Whether the fixture can move the server's clock (`advanceClock`). */
  get canAdvance(): boolean {
    return typeof this.fixture.advanceClock === 'function';
  }

  /** Moves the server's clock `ms` forward through the fixture, and the kit's estimate too. */
  async advance(ms: number): Promise<void> {
    if (!this.fixture.advanceClock) throw new Error('the fixture has no advanceClock()');
    await this.fixture.advanceClock(ms);
    this.client.clock.advance(ms);
  }

  /** A request whose exchange is added to the evidence; a `5xx` fails the check. */
  async send(route: string, session: SessionHeaders | undefined, options: SendOptions = {}) {
    const exchange = await this.client.send(route, session, options);
    this.note(this.client.describe(exchange, options.label));
    if (exchange.status >= 500) this.fail(`${route} answered ${exchange.status}`);
    return exchange;
  }

  /** A fresh user from the fixture, signed in (K-4). */
  async user(): Promise<TestUser> {
    const user = await this.fixture.createUser();
    return new TestUser(this, user, await user.signIn());
  }

  /** The current server step, away from its boundaries (K-2). */
  step(needMs?: number): Promise<number> {
    return this.client.clock.safeStep(needMs);
  }

  /**
   * Like `step()`, but when near a boundary moves the server's clock (`advanceClock`) to 5 s
   * into a step instead of waiting.
   */
  async advancedStep(): Promise<number> {
    const into = this.client.clock.now() % stepMs;
    // Beyond the margin `step()` wants, whatever the uncertainty of the estimate.
    const target = boundaryMarginMs + 2000;
    if (into < target || into > stepMs - target - 1000) {
      await this.advance((target - into + stepMs) % stepMs);
    }
    return this.step();
  }

  note(line: string): void {
    this.evidence.push(line);
  }

  /** Fails the check unless `ok`, with `message` as evidence. */
  expect(ok: boolean, message: string): void {
    if (!ok) this.fail(message);
  }

  fail(message: string): void {
    this.verdict = 'FAIL';
    this.note(`FAIL: ${message}`);
  }

  warn(message: string): void {
    if (this.verdict !== 'FAIL') this.verdict = 'WARN';
    this.note(`WARN: ${message}`);
  }

  info(message: string): void {
    if (this.verdict === 'PASS') this.verdict = 'INFO';
    this.note(message);
  }
}

/** A check of the kit: an id tied to a requirement, a title, and what it does. */
export interface Check {
  id: string;
  title: string;
  run(context: CheckContext): Promise<void>;
}

/**
 * Whether `exchange` was refused as the server's answer to the request: a `4xx` other than
 * `401`, which means the session was lost and proves nothing.
 */
export const refused = (exchange: Exchange) =>
  exchange.status >= 400 && exchange.status < 500 && exchange.status !== 401;

/** Whether `exchange` is a contract error with code `error`. */
export const isError = (exchange: Exchange, status: number, error: string) =>
  exchange.status === status && (exchange.body as { error?: unknown })?.error === error;
