/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { isCodeFormat, matchingSteps } from './code-check.js';
import { Refusal } from './http.js';
import { isLabelPart, keyUri } from './key-uri.js';
import type { FailureLimits, TotpPolicy } from './policy.js';
import type { SecretBox } from './secret-box.js';
import type { AuthenticatorRecord, TotpStore } from './store.js';

/** A signed-in user as the app's `getUser()` reports it. */
export interface TotpUser {
  /** Stable user id; every route acts on this user only. */
  id: string;
  /** Account name shown in the authenticator app, e.g. the e-mail; `:` is removed (KUF). */
  accountName: string;
  /** `password`: password accepted, second factor pending; such sessions may only verify. */
  stage: 'full' | 'password';
  /** The session's id, if the app has one: a pending enrollment is bound to it. */
  sessionId?: string;
}

/** A route, relative to the base path. */
export type TotpRoute =
  '/status' | '/enrollment' | '/enrollment/confirm' | '/enrollment/cancel' | '/verify' | '/disable';

/** A security-relevant outcome for notifications and audit (S-07, A-31); never a secret or code. */
export interface TotpSecurityEvent {
  type:
    | 'totp.enabled'
    | 'totp.disabled'
    | 'totp.locked'
    | 'totp.disabled_by_cap'
    | 'totp.replay_rejected';
  userId: string;
  /** ISO 8601 time of the server clock. */
  at: string;
  route: TotpRoute;
  /** `totp.locked`: until when codes are refused (ISO 8601). */
  lockedUntil?: string;
  /** `totp.locked`, `totp.disabled_by_cap`: consecutive failures so far. */
  failures?: number;
}

/** What `onVerified` may add to the `/verify` response: headers (a new session cookie), fields. */
export interface VerifiedResult {
  headers?: HeadersInit;
  /** Extra fields such as `redirectTo`; never `error`. */
  body?: Record<string, unknown>;
}

/** One request, as the flows see it. */
export interface FlowRequest {
  user: TotpUser;
  route: TotpRoute;
  body: Record<string, unknown>;
  request: Request;
  /** The server clock for the whole request. */
  now: number;
}

/** A successful flow: the JSON body and any extra headers. */
export interface FlowResult {
  body: object;
  headers?: HeadersInit;
}

/** What the flows need from the handler. */
export interface FlowDeps {
  store: TotpStore;
  box: SecretBox;
  policy: TotpPolicy;
  limits: FailureLimits;
  issuer: string;
  emit(event: TotpSecurityEvent, request: Request): Promise<void>;
  /** Reports an authenticator whose secret does not decrypt (fails closed, A-24). */
  unreadableSecret(flow: FlowRequest): void;
  onVerified?(
    user: TotpUser,
    request: Request,
  ): VerifiedResult | void | Promise<VerifiedResult | void>;
}

const iso = (time: number) => new Date(time).toISOString();

/** The code field of a body, or `invalid_format`: never trimmed, padded or parsed. */
function codeOf(body: Record<string, unknown>): string {
  if (!isCodeFormat(body.code)) throw new Refusal('invalid_format');
  return body.code;
}

function enrollmentIdOf(body: Record<string, unknown>): string {
  if (typeof body.enrollmentId !== 'string') throw new Refusal('invalid_format');
  return body.enrollmentId;
}

/** `423` when disabled by the hard cap, `429` while locked, else nothing. */
function gate(record: AuthenticatorRecord | undefined, now: number): Refusal | undefined {
  if (record?.disabledAt != null) return new Refusal('authenticator_disabled');
  if (record && record.lockUntil > now) {
    const seconds = Math.max(1, Math.ceil((record.lockUntil - now) / 1000));
    return new Refusal('rate_limited', { 'Retry-After': String(seconds) });
  }
  return undefined;
}

/** The contract's route handlers: §7 verification, §8 throttle, §9 enrollment lifecycle. */
export function createFlows(deps: FlowDeps) {
  const { store, box, policy, limits } = deps;

  const emit = (flow: FlowRequest, type: TotpSecurityEvent['type'], extra = {}) =>
    deps.emit(
      { type, userId: flow.user.id, at: iso(flow.now), route: flow.route, ...extra },
      flow.request,
    );

  function statusOf(record: AuthenticatorRecord | undefined, now: number) {
    const status: { enabled: boolean; lockedUntil?: string } = {
      enabled: record?.confirmedAt != null,
    };
    if (record && record.disabledAt === null && record.lockUntil > now) {
      status.lockedUntil = iso(record.lockUntil);
    }
    return status;
  }

  /** Counts a wrong code (increment-then-check, A-14) and picks the answer. */
  async function failure(flow: FlowRequest): Promise<Refusal> {
    const { id } = flow.user;
    const outcome = await store.recordFailure(id, flow.now, limits);
    // Not counted: a concurrent request locked or disabled first, so this one is refused too.
    if (!outcome) {
      return gate(await store.getAuthenticator(id), flow.now) ?? new Refusal('invalid_code');
    }
    const failures = outcome.failCount;
    if (outcome.disabledAt !== null) {
      await emit(flow, 'totp.disabled_by_cap', { failures });
      return new Refusal('authenticator_disabled');
    }
    if (outcome.lockUntil > flow.now) {
      await emit(flow, 'totp.locked', { failures, lockedUntil: iso(outcome.lockUntil) });
    }
    return new Refusal('invalid_code');
  }

  /** A replay is refused and reported, never counted (§8 decision 3). */
  async function replay(flow: FlowRequest): Promise<Refusal> {
    await emit(flow, 'totp.replay_rejected');
    return new Refusal('code_already_used');
  }

  /** The matched step of `code` for the secret in `envelope`; throws the refusal otherwise. */
  async function match(flow: FlowRequest, envelope: string | null, code: string) {
    const secret = box.open(envelope, flow.user.id);
    if (!secret) {
      deps.unreadableSecret(flow);
      throw new Refusal('invalid_code');
    }
    try {
      const steps = matchingSteps(secret, code, flow.now, policy.window);
      if (steps.length === 0) throw await failure(flow);
      // Rarely two steps share a code: take the latest, so neither can be replayed.
      return steps[steps.length - 1]!;
    } finally {
      secret.fill(0);
    }
  }

  /** Verifies and consumes a code of the enabled authenticator (§7), or throws the refusal. */
  async function useCode(flow: FlowRequest): Promise<void> {
    const code = codeOf(flow.body);
    const { id } = flow.user;
    const record = await store.getAuthenticator(id);
    // Fail closed and uncounted: with nothing enabled no code can be right.
    if (record?.confirmedAt == null) throw new Refusal('invalid_code');
    const gated = gate(record, flow.now);
    if (gated) throw gated;
    const step = await match(flow, record.secretCiphertext, code);
    if (step <= record.lastUsedStep) throw await replay(flow);
    if (await store.consumeStep(id, step, flow.now)) return;
    // The conditional write lost: another request consumed, locked, disabled or turned off.
    const latest = await store.getAuthenticator(id);
    if (latest?.confirmedAt == null) throw new Refusal('invalid_code');
    throw gate(latest, flow.now) ?? (await replay(flow));
  }

  /** The user's pending enrollment `enrollmentId` in this session, or `404`. */
  async function pendingOf(flow: FlowRequest, enrollmentId: string) {
    const pending = await store.getPendingEnrollment(flow.user.id);
    const sameSession = pending?.sessionId == null || pending.sessionId === flow.user.sessionId;
    if (pending?.enrollmentId !== enrollmentId || !sameSession) {
      throw new Refusal('no_pending_enrollment');
    }
    return pending;
  }

  return {
    async status(flow: FlowRequest): Promise<FlowResult> {
      return { body: statusOf(await store.getAuthenticator(flow.user.id), flow.now) };
    },

    async beginEnrollment(flow: FlowRequest): Promise<FlowResult> {
      const { user, now } = flow;
      const record = await store.getAuthenticator(user.id);
      if (record?.confirmedAt != null) throw new Refusal('already_enabled');
      const accountName = user.accountName.replaceAll(':', '');
      if (!isLabelPart(accountName)) throw new TypeError('getUser() gave an empty accountName');
      const secret = randomBytes(20);
      const enrollmentId = randomBytes(16).toString('hex');
      const expiresAt = now + policy.enrollmentTtl * 1000;
      await store.putPendingEnrollment({
        userId: user.id,
        enrollmentId,
        sessionId: user.sessionId ?? null,
        secretCiphertext: box.seal(secret, user.id),
        expiresAt,
      });
      const { base32 } = new Secret({ buffer: Uint8Array.from(secret).buffer });
      secret.fill(0);
      return {
        body: {
          enrollmentId,
          secret: base32,
          otpauthUri: keyUri(deps.issuer, accountName, base32),
          issuer: deps.issuer,
          accountName,
          expiresAt: iso(expiresAt),
        },
      };
    },

    async confirmEnrollment(flow: FlowRequest): Promise<FlowResult> {
      const { user, now } = flow;
      const enrollmentId = enrollmentIdOf(flow.body);
      const code = codeOf(flow.body);
      const pending = await pendingOf(flow, enrollmentId);
      if (pending.expiresAt <= now) {
        await store.deletePendingEnrollment(user.id, enrollmentId);
        throw new Refusal('enrollment_expired');
      }
      const gated = gate(await store.getAuthenticator(user.id), now);
      if (gated) throw gated;
      const step = await match(flow, pending.secretCiphertext, code);
      if (!(await store.confirmEnrollment(user.id, enrollmentId, step, now))) {
        // Lost to a concurrent confirmation (the same code: a replay), a lock, or a replacement.
        const record = await store.getAuthenticator(user.id);
        if (record?.confirmedAt != null) throw await replay(flow);
        throw gate(record, now) ?? new Refusal('no_pending_enrollment');
      }
      await emit(flow, 'totp.enabled');
      return { body: { enabled: true } };
    },

    async cancelEnrollment(flow: FlowRequest): Promise<FlowResult> {
      const { user, now } = flow;
      const enrollmentId = enrollmentIdOf(flow.body);
      await pendingOf(flow, enrollmentId);
      if (!(await store.deletePendingEnrollment(user.id, enrollmentId))) {
        throw new Refusal('no_pending_enrollment');
      }
      return { body: statusOf(await store.getAuthenticator(user.id), now) };
    },

    async verify(flow: FlowRequest): Promise<FlowResult> {
      await useCode(flow);
      const result = (await deps.onVerified?.(flow.user, flow.request)) ?? {};
      if (result.body && 'error' in result.body) {
        throw new TypeError('onVerified() may not return a body with an "error" field');
      }
      return { body: { ...result.body }, headers: result.headers };
    },

    async disable(flow: FlowRequest): Promise<FlowResult> {
      await useCode(flow);
      await store.deleteAuthenticator(flow.user.id);
      await emit(flow, 'totp.disabled');
      return { body: { enabled: false } };
    },
  };
}

/** The route handlers of `createFlows()`. */
export type Flows = ReturnType<typeof createFlows>;
