// next-auth's options per mode: which providers exist, how a Cognito ID token becomes roles, how demo
// users sign in, and that an identity without a console role gets no session at all.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Account, NextAuthOptions, User } from 'next-auth';
import type { CredentialsConfig } from 'next-auth/providers/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuthConfig } from './config';
import { writeLocalUsers } from './local-users';
import { buildAuthOptions } from './options';

const COGNITO: AuthConfig = {
  mode: 'cognito',
  issuer: 'http://127.0.0.1:3334',
  clientId: 'client',
  clientSecret: 'client-secret',
  secret: 's'.repeat(32),
};

let dir: string;
let local: AuthConfig;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'auth-options-'));
  const usersFile = path.join(dir, 'auth', 'local-users.json');
  await writeLocalUsers(usersFile, [
    { username: 'manager', name: 'Demo Risk Manager', role: 'manager', password: 'the-password' },
  ]);
  local = { mode: 'local', usersFile, secret: 's'.repeat(32), secretFile: path.join(dir, 'auth', 'secret') };
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// next-auth merges the options' id over the provider's default ('credentials') when it starts.
const providerIds = (options: NextAuthOptions) =>
  options.providers.map((p) => (p.options as { id?: string } | undefined)?.id ?? p.id);

function cognitoProfile(claims: Record<string, unknown>) {
  const provider = buildAuthOptions(COGNITO).providers[0];
  if (provider?.type !== 'oauth' || !provider.options?.profile) throw new Error('no Cognito profile mapping');
  return provider.options.profile(claims, {} as Parameters<typeof provider.options.profile>[1]);
}

async function authorizeLocal(username: string, password: string) {
  const provider = buildAuthOptions(local).providers[0];
  if (provider?.type !== 'credentials') throw new Error('no local provider');
  const { authorize } = provider.options as Pick<CredentialsConfig, 'authorize'>;
  return authorize({ username, password }, { body: {}, query: {}, headers: {}, method: 'POST' });
}

function signIn(options: NextAuthOptions, user: Partial<User>) {
  const callback = options.callbacks?.signIn;
  if (!callback) throw new Error('no signIn callback');
  return callback({ user: { id: 'x', ...user } as User, account: null as Account | null });
}

describe('buildAuthOptions', () => {
  it('offers only Cognito when Cognito is configured, and only the local form otherwise', () => {
    expect(providerIds(buildAuthOptions(COGNITO))).toEqual(['cognito']);
    expect(providerIds(buildAuthOptions(local))).toEqual(['local']);
  });

  it('maps the ID token to a user with roles from cognito:groups', async () => {
    expect(
      await cognitoProfile({
        sub: 'abc-123',
        name: 'Rita Risk',
        email: 'rita@example.com',
        'cognito:groups': ['us-east-staff', 'manager'],
      }),
    ).toEqual({
      id: 'abc-123',
      name: 'Rita Risk',
      email: 'rita@example.com',
      roles: ['manager'],
      provider: 'cognito',
    });
    expect(await cognitoProfile({ sub: 'abc-123', 'cognito:username': 'rita' })).toMatchObject({
      name: 'rita',
      email: null,
      roles: [],
    });
  });

  it('signs a demo user in with the right password only', async () => {
    expect(await authorizeLocal('manager', 'the-password')).toEqual({
      id: 'local:manager',
      name: 'Demo Risk Manager',
      email: null,
      roles: ['manager'],
      provider: 'local',
    });
    expect(await authorizeLocal('manager', 'wrong')).toBeNull();
    expect(await authorizeLocal('', '')).toBeNull();
  });

  it('refuses a session to an identity with no console role', async () => {
    for (const options of [buildAuthOptions(COGNITO), buildAuthOptions(local)]) {
      expect(await signIn(options, { roles: ['analyst'], provider: 'cognito' })).toBe(true);
      expect(await signIn(options, { roles: [], provider: 'cognito' })).toBe(false);
      expect(await signIn(options, {})).toBe(false);
    }
  });

  it('carries roles from sign-in into the session and drops unknown ones', async () => {
    const { jwt, session } = buildAuthOptions(COGNITO).callbacks ?? {};
    if (!jwt || !session) throw new Error('callbacks missing');
    const token = await jwt({
      token: { sub: 'abc-123', name: 'Rita Risk', email: 'rita@example.com' },
      user: { id: 'abc-123', roles: ['manager'], provider: 'cognito' },
      account: null,
    });
    expect(token).toMatchObject({ roles: ['manager'], provider: 'cognito' });
    const result = await session({
      session: { expires: '2099-01-01T00:00:00.000Z' } as Parameters<typeof session>[0]['session'],
      token: { ...token, roles: [...(token.roles ?? []), 'root' as 'admin'] },
      user: { id: 'abc-123', roles: [], provider: 'cognito', email: '', emailVerified: null },
      newSession: undefined,
      trigger: 'update',
    });
    expect(result.user).toEqual({
      id: 'abc-123',
      name: 'Rita Risk',
      email: 'rita@example.com',
      roles: ['manager'],
      provider: 'cognito',
    });
  });
});
