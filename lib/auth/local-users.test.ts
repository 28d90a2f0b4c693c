// The demo users: created once with random passwords, stored hashed, checked without revealing which
// usernames exist.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  credentialsFileFor,
  DEMO_USERS,
  ensureLocalUsers,
  verifyLocalUser,
  writeLocalUsers,
} from './local-users';

let dir: string;
let usersFile: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'local-users-'));
  usersFile = path.join(dir, 'auth', 'local-users.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('writeLocalUsers + verifyLocalUser', () => {
  const users = [
    { username: 'analyst', name: 'Demo Analyst', role: 'analyst' as const, password: 'correct horse' },
    { username: 'admin', name: 'Demo Admin', role: 'admin' as const, password: 'battery staple' },
  ];

  it('accepts the right password and returns the user without secrets', async () => {
    await writeLocalUsers(usersFile, users);
    expect(await verifyLocalUser(usersFile, 'analyst', 'correct horse')).toEqual({
      username: 'analyst',
      name: 'Demo Analyst',
      role: 'analyst',
    });
    expect(await verifyLocalUser(usersFile, '  Admin ', 'battery staple')).toMatchObject({ role: 'admin' });
  });

  it('refuses a wrong password, an unknown user and another user’s password', async () => {
    await writeLocalUsers(usersFile, users);
    expect(await verifyLocalUser(usersFile, 'analyst', 'Correct horse')).toBeNull();
    expect(await verifyLocalUser(usersFile, 'analyst', '')).toBeNull();
    expect(await verifyLocalUser(usersFile, 'nobody', 'correct horse')).toBeNull();
    expect(await verifyLocalUser(usersFile, 'admin', 'correct horse')).toBeNull();
  });

  it('stores salted hashes only, readable by the owner alone', async () => {
    await writeLocalUsers(usersFile, [users[0]!, { ...users[0]!, username: 'analyst2' }]);
    const text = await fs.readFile(usersFile, 'utf8');
    expect(text).not.toContain('correct horse');
    const records = (JSON.parse(text) as { users: { salt: string; hash: string }[] }).users;
    expect(records[0]!.hash).not.toBe(records[1]!.hash); // same password, different salt
    expect((await fs.stat(usersFile)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(credentialsFileFor(usersFile))).mode & 0o777).toBe(0o600);
  });

  it('signs nobody in before the users file exists', async () => {
    expect(await verifyLocalUser(usersFile, 'analyst', 'anything')).toBeNull();
  });
});

describe('ensureLocalUsers', () => {
  it('creates one demo user per role with random passwords, once', async () => {
    const first = await ensureLocalUsers(usersFile);
    expect(first.map((u) => [u.username, u.role])).toEqual(DEMO_USERS.map((u) => [u.username, u.role]));
    expect(new Set(first.map((u) => u.password)).size).toBe(first.length);
    for (const u of first) expect(u.password.length).toBeGreaterThanOrEqual(12);

    const again = await ensureLocalUsers(usersFile);
    expect(again).toEqual(first);
    for (const u of first) expect(await verifyLocalUser(usersFile, u.username, u.password)).not.toBeNull();
  });
});
