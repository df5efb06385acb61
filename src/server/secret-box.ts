/// <reference types="node" />
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * Secrets at rest (S-05, A-34): AES-256-GCM under a 32-byte operator key kept outside the
 * database, a random 96-bit IV per secret, the 128-bit tag, and the user id as associated data
 * so a ciphertext copied to another user's row does not decrypt. Stored as
 * `v1.<key id>.<iv>.<ciphertext + tag>` in base64url; the key id is a fingerprint of the key,
 * so several keys can be configured for rotation without naming them.
 */

/** A 32-byte key: the bytes, or their base64 or base64url text (`generateEncryptionKey()`). */
export type EncryptionKey = string | Uint8Array;

/** A fresh random key as base64 text, for an environment variable or a secrets manager. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

/** Encrypts and decrypts TOTP secrets. */
export interface SecretBox {
  /** The envelope of `secret` for `userId`, under the first configured key. */
  seal(secret: Uint8Array, userId: string): string;
  /** The secret in `envelope`, or `undefined` if it is missing, empty, foreign or tampered with. */
  open(envelope: string | null | undefined, userId: string): Uint8Array | undefined;
}

function keyBytes(key: EncryptionKey): Buffer {
  let bytes = Buffer.alloc(0);
  if (typeof key !== 'string') bytes = Buffer.from(key);
  else if (/^[A-Za-z0-9+/]{43}=$/.test(key)) bytes = Buffer.from(key, 'base64');
  else if (/^[A-Za-z0-9_-]{43}$/.test(key)) bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 32) {
    throw new TypeError('encryptionKey must be 32 bytes (see generateEncryptionKey())');
  }
  return bytes;
}

const keyId = (key: Buffer) =>
  createHash('sha256')
    .update('totp-elements key id\0')
    .update(key)
    .digest('base64url')
    .slice(0, 11);

const aad = (userId: string) => Buffer.from(`totp-elements secret v1\0${userId}`);

/** A `SecretBox` that seals with `keys[0]` and opens with any of `keys`. */
export function createSecretBox(keys: EncryptionKey | readonly EncryptionKey[]): SecretBox {
  const list = (Array.isArray(keys) ? keys : [keys]) as readonly EncryptionKey[];
  if (list.length === 0) throw new TypeError('encryptionKey is required');
  const byId = new Map(list.map((key) => keyBytes(key)).map((key) => [keyId(key), key]));
  const [sealId, sealKey] = [...byId][0]!;

  return {
    seal(secret, userId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv).setAAD(aad(userId));
      const body = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
      return ['v1', sealId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(envelope, userId) {
      const [version, id = '', iv = '', body = ''] = envelope?.split('.') ?? [];
      const key = byId.get(id);
      const nonce = Buffer.from(iv, 'base64url');
      const sealed = Buffer.from(body, 'base64url');
      if (version !== 'v1' || !key || nonce.length !== 12 || sealed.length <= 16) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, nonce);
        decipher.setAAD(aad(userId)).setAuthTag(sealed.subarray(-16));
        const secret = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
        // Fail closed on a secret too short to be one.
        return secret.length >= 16 ? new Uint8Array(secret) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
