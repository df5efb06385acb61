/// <reference types="node" />
import Database from 'better-sqlite3';
import type { AuthenticatorRecord, FailureOutcome, PendingEnrollment, TotpStore } from './store.js';

/**
 * The schema, one entry per version: entry `i` takes a database from `PRAGMA user_version = i`
 * to `i + 1`. Append only; never edit a released entry.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE totp_authenticators (
     user_id TEXT PRIMARY KEY,
     secret_ciphertext TEXT,
     confirmed_at INTEGER,
     last_used_step INTEGER NOT NULL DEFAULT -1,
     fail_count INTEGER NOT NULL DEFAULT 0,
     lock_until INTEGER NOT NULL DEFAULT 0,
     lock_level INTEGER NOT NULL DEFAULT 0,
     disabled_at INTEGER
   ) STRICT;
   CREATE TABLE totp_pending_enrollments (
     user_id TEXT PRIMARY KEY,
     enrollment_id TEXT NOT NULL,
     session_id TEXT,
     secret_ciphertext TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT;`,
];

/** Thrown inside the confirmation transaction to roll it back. */
class ConfirmRefused extends Error {}

/** A `TotpStore` on SQLite; `close()` closes the connection. */
export interface SqliteTotpStore extends TotpStore {
  close(): void;
}

/** Brings `db` to the latest schema inside one write transaction, so concurrent openers agree. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new Error(`totp database schema ${version} is newer than this code knows`);
    }
    for (let next = version; next < migrations.length; next += 1) db.exec(migrations[next]!);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

const authenticatorColumns = `user_id AS userId, secret_ciphertext AS secretCiphertext,
  confirmed_at AS confirmedAt, last_used_step AS lastUsedStep, fail_count AS failCount,
  lock_until AS lockUntil, lock_level AS lockLevel, disabled_at AS disabledAt`;

/**
 * A `TotpStore` in SQLite through better-sqlite3: a file name (opened in WAL mode with a busy
 * timeout, so several processes can share it) or an open `Database`. Migrates the schema on
 * open. Codes and counters change only through single conditional `UPDATE`s; a confirmation is
 * one `IMMEDIATE` transaction.
 */
export function createSqliteStore(database: string | Database.Database): SqliteTotpStore {
  const db = typeof database === 'string' ? new Database(database) : database;
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const statements = {
    getAuthenticator: db.prepare(
      `SELECT ${authenticatorColumns} FROM totp_authenticators WHERE user_id = ?`,
    ),
    getPending: db.prepare(
      `SELECT user_id AS userId, enrollment_id AS enrollmentId, session_id AS sessionId,
         secret_ciphertext AS secretCiphertext, expires_at AS expiresAt
       FROM totp_pending_enrollments WHERE user_id = ?`,
    ),
    putPending: db.prepare(
      `INSERT OR REPLACE INTO totp_pending_enrollments
         (user_id, enrollment_id, session_id, secret_ciphertext, expires_at)
       VALUES (:userId, :enrollmentId, :sessionId, :secretCiphertext, :expiresAt)`,
    ),
    deletePending: db.prepare(
      'DELETE FROM totp_pending_enrollments WHERE user_id = ? AND enrollment_id = ?',
    ),
    takePending: db.prepare(
      `DELETE FROM totp_pending_enrollments
       WHERE user_id = ? AND enrollment_id = ? AND expires_at > ?
       RETURNING secret_ciphertext AS secretCiphertext`,
    ),
    ensureRecord: db.prepare('INSERT OR IGNORE INTO totp_authenticators (user_id) VALUES (?)'),
    confirm: db.prepare(
      `UPDATE totp_authenticators
       SET secret_ciphertext = :secretCiphertext, confirmed_at = :now, last_used_step = :step,
         fail_count = 0, lock_until = 0, lock_level = 0, disabled_at = NULL
       WHERE user_id = :userId AND confirmed_at IS NULL AND lock_until <= :now`,
    ),
    consume: db.prepare(
      `UPDATE totp_authenticators
       SET last_used_step = :step, fail_count = 0, lock_until = 0, lock_level = 0
       WHERE user_id = :userId AND confirmed_at IS NOT NULL AND disabled_at IS NULL
         AND lock_until <= :now AND last_used_step < :step`,
    ),
    // Increment-then-check in one statement; SET expressions read the row's old values.
    recordFailure: db.prepare(
      `UPDATE totp_authenticators SET
         fail_count = fail_count + 1,
         disabled_at = CASE WHEN confirmed_at IS NOT NULL AND fail_count + 1 >= :hardCap
           THEN :now END,
         lock_until = CASE
           WHEN confirmed_at IS NOT NULL AND fail_count + 1 >= :hardCap THEN 0
           WHEN fail_count + 1 >= :throttleAfter
             THEN :now + min(:firstDelayMs * (1 << min(lock_level, 32)), :maxDelayMs)
           ELSE lock_until END,
         lock_level = CASE
           WHEN confirmed_at IS NOT NULL AND fail_count + 1 >= :hardCap THEN lock_level
           WHEN fail_count + 1 >= :throttleAfter THEN lock_level + 1
           ELSE lock_level END
       WHERE user_id = :userId AND disabled_at IS NULL AND lock_until <= :now
       RETURNING fail_count AS failCount, lock_until AS lockUntil, disabled_at AS disabledAt`,
    ),
    resetFailures: db.prepare(
      `UPDATE totp_authenticators SET fail_count = 0, lock_until = 0, lock_level = 0
       WHERE user_id = ?`,
    ),
    deleteAuthenticator: db.prepare('DELETE FROM totp_authenticators WHERE user_id = ?'),
    deleteAllPending: db.prepare('DELETE FROM totp_pending_enrollments WHERE user_id = ?'),
  };

  const confirm = db.transaction(
    (userId: string, enrollmentId: string, step: number, now: number): boolean => {
      const pending = statements.takePending.get(userId, enrollmentId, now) as
        { secretCiphertext: string } | undefined;
      if (!pending) return false;
      statements.ensureRecord.run(userId);
      const { changes } = statements.confirm.run({ ...pending, userId, step, now });
      // Throwing rolls the whole transaction back, the pending enrollment included.
      if (changes === 0) throw new ConfirmRefused();
      return true;
    },
  );

  const deleteAll = db.transaction((userId: string) => {
    statements.deleteAuthenticator.run(userId);
    statements.deleteAllPending.run(userId);
  });

  return {
    async getAuthenticator(userId) {
      return statements.getAuthenticator.get(userId) as AuthenticatorRecord | undefined;
    },
    async getPendingEnrollment(userId) {
      return statements.getPending.get(userId) as PendingEnrollment | undefined;
    },
    async putPendingEnrollment(pending) {
      statements.putPending.run(pending);
    },
    async deletePendingEnrollment(userId, enrollmentId) {
      return statements.deletePending.run(userId, enrollmentId).changes > 0;
    },
    async confirmEnrollment(userId, enrollmentId, step, now) {
      try {
        return confirm.immediate(userId, enrollmentId, step, now);
      } catch (error) {
        if (error instanceof ConfirmRefused) return false;
        throw error;
      }
    },
    async consumeStep(userId, step, now) {
      return statements.consume.run({ userId, step, now }).changes === 1;
    },
    async recordFailure(userId, now, limits) {
      statements.ensureRecord.run(userId);
      return statements.recordFailure.get({ userId, now, ...limits }) as FailureOutcome | undefined;
    },
    async resetFailures(userId) {
      statements.resetFailures.run(userId);
    },
    async deleteAuthenticator(userId) {
      deleteAll.immediate(userId);
    },
    close() {
      db.close();
    },
  };
}
