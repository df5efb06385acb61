import { lockDelayMs } from './policy.js';
import type { AuthenticatorRecord, PendingEnrollment, TotpStore } from './store.js';

const blank = (userId: string): AuthenticatorRecord => ({
  userId,
  secretCiphertext: null,
  confirmedAt: null,
  lastUsedStep: -1,
  failCount: 0,
  lockUntil: 0,
  lockLevel: 0,
  disabledAt: null,
});

/**
 * A `TotpStore` in process memory, for tests, demos and single-process apps that can lose
 * their 2FA state on restart. Each method reads and writes without awaiting in between, so it
 * is atomic on the event loop; records are copied in and out.
 */
export function createMemoryStore(): TotpStore {
  const authenticators = new Map<string, AuthenticatorRecord>();
  const pendings = new Map<string, PendingEnrollment>();

  return {
    async getAuthenticator(userId) {
      const record = authenticators.get(userId);
      return record && { ...record };
    },
    async getPendingEnrollment(userId) {
      const pending = pendings.get(userId);
      return pending && { ...pending };
    },
    async putPendingEnrollment(pending) {
      pendings.set(pending.userId, { ...pending });
    },
    async deletePendingEnrollment(userId, enrollmentId) {
      if (pendings.get(userId)?.enrollmentId !== enrollmentId) return false;
      return pendings.delete(userId);
    },
    async confirmEnrollment(userId, enrollmentId, step, now) {
      const pending = pendings.get(userId);
      const record = authenticators.get(userId) ?? blank(userId);
      const ok =
        pending?.enrollmentId === enrollmentId &&
        pending.expiresAt > now &&
        record.confirmedAt === null &&
        record.lockUntil <= now;
      if (!ok) return false;
      pendings.delete(userId);
      authenticators.set(userId, {
        ...blank(userId),
        secretCiphertext: pending.secretCiphertext,
        confirmedAt: now,
        lastUsedStep: step,
      });
      return true;
    },
    async consumeStep(userId, step, now) {
      const record = authenticators.get(userId);
      const ok =
        record?.confirmedAt != null &&
        record.disabledAt === null &&
        record.lockUntil <= now &&
        record.lastUsedStep < step;
      if (!ok) return false;
      Object.assign(record, { lastUsedStep: step, failCount: 0, lockUntil: 0, lockLevel: 0 });
      return true;
    },
    async recordFailure(userId, now, limits) {
      const record = authenticators.get(userId) ?? blank(userId);
      if (record.disabledAt !== null || record.lockUntil > now) return undefined;
      record.failCount += 1;
      if (record.confirmedAt !== null && record.failCount >= limits.hardCap) {
        record.disabledAt = now;
        record.lockUntil = 0;
      } else if (record.failCount >= limits.throttleAfter) {
        record.lockUntil = now + lockDelayMs(limits, record.lockLevel);
        record.lockLevel += 1;
      }
      authenticators.set(userId, record);
      const { failCount, lockUntil, disabledAt } = record;
      return { failCount, lockUntil, disabledAt };
    },
    async resetFailures(userId) {
      const record = authenticators.get(userId);
      if (record) Object.assign(record, { failCount: 0, lockUntil: 0, lockLevel: 0 });
    },
    async deleteAuthenticator(userId) {
      authenticators.delete(userId);
      pendings.delete(userId);
    },
  };
}
