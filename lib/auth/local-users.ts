// The embedded deployment's demo users: one per role, passwords generated on first start, stored as
// scrypt hashes (plus a 0600 credentials file so `npm start` can print them again), checked in
// constant time. Only used when Cognito is not configured (lib/auth/config.ts decides).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { z } from 'zod';

import { ROLES, type Role } from './roles';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_BYTES = 32;

const userSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/),
  name: z.string().min(1).max(80),
  role: z.enum(ROLES),
  salt: z.string().min(16),
  hash: z.string().min(32),
});
const fileSchema = z.object({ version: z.literal(1), users: z.array(userSchema) });
export type LocalUserRecord = z.infer<typeof userSchema>;

export interface LocalUser {
  username: string;
  name: string;
  role: Role;
}

export interface LocalCredential extends LocalUser {
  password: string;
}

export const DEMO_USERS: readonly LocalUser[] = [
  { username: 'analyst', name: 'Demo Analyst', role: 'analyst' },
  { username: 'manager', name: 'Demo Risk Manager', role: 'manager' },
  { username: 'admin', name: 'Demo Admin', role: 'admin' },
];

export const credentialsFileFor = (usersFile: string): string =>
  path.join(path.dirname(usersFile), 'local-credentials.json');

async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return scryptAsync(password, salt, KEY_BYTES);
}

/** Writes the users file (hashed) and the credentials file (0600), replacing both. */
export async function writeLocalUsers(usersFile: string, users: readonly LocalCredential[]): Promise<void> {
  const records: LocalUserRecord[] = [];
  for (const u of users) {
    const salt = randomBytes(16);
    const hash = await hashPassword(u.password, salt);
    records.push({
      username: u.username,
      name: u.name,
      role: u.role,
      salt: salt.toString('base64'),
      hash: hash.toString('base64'),
    });
  }
  await fs.mkdir(path.dirname(usersFile), { recursive: true, mode: 0o700 });
  await fs.writeFile(usersFile, JSON.stringify({ version: 1, users: records }, null, 2), { mode: 0o600 });
  await fs.writeFile(credentialsFileFor(usersFile), JSON.stringify(users, null, 2), { mode: 0o600 });
}

/**
 * The demo users' credentials, creating them with fresh random passwords on first use. Returns what
 * `npm start` prints.
 */
export async function ensureLocalUsers(usersFile: string): Promise<LocalCredential[]> {
  try {
    const text = await fs.readFile(credentialsFileFor(usersFile), 'utf8');
    await fs.access(usersFile);
    return JSON.parse(text) as LocalCredential[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const users = DEMO_USERS.map((u) => ({ ...u, password: randomBytes(9).toString('base64url') }));
  await writeLocalUsers(usersFile, users);
  return users;
}

async function readUsers(usersFile: string): Promise<LocalUserRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(usersFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return fileSchema.parse(JSON.parse(text)).users;
}

// Compared against when the username is unknown, so a miss costs the same time as a wrong password.
const DUMMY = { salt: Buffer.alloc(16, 1), hash: Buffer.alloc(KEY_BYTES) };

/** The user when `password` matches, else null. Constant time in the password; no user enumeration. */
export async function verifyLocalUser(
  usersFile: string,
  username: string,
  password: string,
): Promise<LocalUser | null> {
  const users = await readUsers(usersFile);
  const record = users.find((u) => u.username === username.trim().toLowerCase());
  const salt = record ? Buffer.from(record.salt, 'base64') : DUMMY.salt;
  const expected = record ? Buffer.from(record.hash, 'base64') : DUMMY.hash;
  const actual = await hashPassword(password, salt);
  const ok = expected.length === actual.length && timingSafeEqual(expected, actual);
  return ok && record ? { username: record.username, name: record.name, role: record.role } : null;
}
