/// <reference types="node" />
import { createHash, randomBytes } from 'node:crypto';

/*
 * Server-side sessions of the demo application, in memory (a restart signs everyone out). The
 * browser holds only a random id in an HttpOnly cookie. A session is either `password` (the
 * password was right, the code is pending: it may reach the verify endpoint and nothing else)
 * or `full`.
 */

export type Stage = 'password' | 'full';

export interface Session {
  id: string;
  userId: string;
  email: string;
  stage: Stage;
  /** When the session reached its stage (ms). */
  since: number;
}

/** A password-only session must finish 2FA within this time (ms). */
const passwordStageTtl = 10 * 60_000;
/** Idle limit of a full session (ms). */
const fullStageTtl = 8 * 60 * 60_000;

export function createSessions(now: () => number = Date.now) {
  const sessions = new Map<string, Session & { lastSeen: number }>();

  function expired(session: { stage: Stage; since: number; lastSeen: number }): boolean {
    const time = now();
    return session.stage === 'password'
      ? time - session.since > passwordStageTtl
      : time - session.lastSeen > fullStageTtl;
  }

  return {
    /** A new session with a fresh id; the caller sets the cookie. */
    create(userId: string, email: string, stage: Stage): Session {
      const id = randomBytes(32).toString('base64url');
      const session = { id, userId, email, stage, since: now(), lastSeen: now() };
      sessions.set(id, session);
      return { ...session };
    },
    get(id: string | undefined): Session | undefined {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      if (expired(session)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeen = now();
      return { ...session };
    },
    /** Replaces session `id` by a new one at `stage` (session fixation defence, A-30). */
    rotate(id: string, stage: Stage): Session | undefined {
      const old = sessions.get(id);
      if (!old) return undefined;
      sessions.delete(id);
      return this.create(old.userId, old.email, stage);
    },
    delete(id: string | undefined): void {
      if (id) sessions.delete(id);
    },
    /** Ends every session of `userId` except `keep` (A-30: after enabling or disabling 2FA). */
    endOthers(userId: string, keep: string | undefined): number {
      let ended = 0;
      for (const [id, session] of sessions) {
        if (session.userId === userId && id !== keep) {
          sessions.delete(id);
          ended += 1;
        }
      }
      return ended;
    },
    clear(): void {
      sessions.clear();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** What the TOTP store keeps to bind a pending enrollment to a session: never the id itself. */
export const sessionTag = (id: string) =>
  createHash('sha256').update('demo session\0').update(id).digest('base64url').slice(0, 22);
