/// <reference types="node" />
import { randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type Database from 'better-sqlite3';

/*
 * Email + password accounts of the demo application, in a `demo_users` table of the same SQLite
 * file as the TOTP store. Passwords are hashed with scrypt (node:crypto) and a random salt.
 */

/** A demo account as the app sees it; the hash never leaves this module. */
export interface Account {
  id: string;
  email: string;
}

const scryptParams = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, scryptParams);
  const { N, r, p } = scryptParams;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt = '', hash = ''] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: scryptParams.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The accounts table and its queries. */
export function createAccounts(db: Database.Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS demo_users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`);
  const byEmail = db.prepare(
    'SELECT id, email, password_hash AS passwordHash FROM demo_users WHERE email = ?',
  );
  const insert = db.prepare(
    'INSERT INTO demo_users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  // A hash to check against when the email is unknown, so both cases take as long.
  const dummy = hashPassword(randomBytes(16).toString('hex'));

  return {
    /** Creates an account; throws if the email is taken. */
    async create(email: string, password: string): Promise<Account> {
      const id = randomUUID();
      insert.run(id, email, await hashPassword(password), Date.now());
      return { id, email };
    },
    exists(email: string): boolean {
      return byEmail.get(email) !== undefined;
    },
    /** The account of `email` if `password` is right, else `undefined`. */
    async signIn(email: string, password: string): Promise<Account | undefined> {
      const row = byEmail.get(email) as
        { id: string; email: string; passwordHash: string } | undefined;
      const ok = await checkPassword(password, row?.passwordHash ?? (await dummy));
      return ok && row ? { id: row.id, email: row.email } : undefined;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
