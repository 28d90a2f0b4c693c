// Sign-in mode from the environment: local by default, Cognito when configured, and a half-configured
// Cognito is an error rather than a quiet fall back to the local demo sign-in.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { AuthConfigError, authConfigFromEnv } from './config';

const SECRET = 'x'.repeat(32);
const POOL = {
  FRAUD_COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
  FRAUD_COGNITO_CLIENT_ID: 'client-id',
  FRAUD_COGNITO_CLIENT_SECRET: 'client-secret',
  NEXTAUTH_SECRET: SECRET,
};

describe('authConfigFromEnv', () => {
  it('is local sign-in with the users file under the data folder when Cognito is not configured', () => {
    const config = authConfigFromEnv({ FRAUD_DATA_DIR: '/srv/fraud' });
    expect(config).toEqual({
      mode: 'local',
      usersFile: path.join('/srv/fraud', 'auth', 'local-users.json'),
      secret: null,
      secretFile: path.join('/srv/fraud', 'auth', 'secret'),
    });
  });

  it('uses NEXTAUTH_SECRET in local mode when it is set', () => {
    const config = authConfigFromEnv({ FRAUD_DATA_DIR: '/srv/fraud', NEXTAUTH_SECRET: SECRET });
    expect(config.secret).toBe(SECRET);
  });

  it('derives the Cognito issuer from the user pool id', () => {
    expect(authConfigFromEnv(POOL)).toEqual({
      mode: 'cognito',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      secret: SECRET,
    });
    expect(authConfigFromEnv({ ...POOL, FRAUD_COGNITO_REGION: 'eu-central-1' })).toMatchObject({
      issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-west-1_AbC123',
    });
  });

  it('takes an explicit issuer (an OIDC stand-in) without a pool id, trailing slash removed', () => {
    const { FRAUD_COGNITO_USER_POOL_ID: _pool, ...rest } = POOL;
    expect(authConfigFromEnv({ ...rest, FRAUD_COGNITO_ISSUER: 'http://127.0.0.1:3334/' })).toMatchObject({
      mode: 'cognito',
      issuer: 'http://127.0.0.1:3334',
    });
  });

  it('treats empty and blank values as unset', () => {
    const blank = {
      FRAUD_COGNITO_USER_POOL_ID: '',
      FRAUD_COGNITO_CLIENT_ID: ' ',
      FRAUD_COGNITO_CLIENT_SECRET: '',
      FRAUD_COGNITO_ISSUER: '',
      NEXTAUTH_SECRET: '',
    };
    expect(authConfigFromEnv(blank).mode).toBe('local');
  });

  it('names every missing variable of a half-configured Cognito', () => {
    expect(() => authConfigFromEnv({ FRAUD_COGNITO_CLIENT_ID: 'client-id' })).toThrow(
      /partly configured: set FRAUD_COGNITO_CLIENT_SECRET, FRAUD_COGNITO_USER_POOL_ID, NEXTAUTH_SECRET/,
    );
    const { NEXTAUTH_SECRET: _secret, ...noSecret } = POOL;
    expect(() => authConfigFromEnv(noSecret)).toThrow(/set NEXTAUTH_SECRET$/);
    const { FRAUD_COGNITO_CLIENT_SECRET: _clientSecret, ...noClientSecret } = POOL;
    expect(() => authConfigFromEnv(noClientSecret)).toThrow(AuthConfigError);
  });

  it('rejects malformed values with the variable name', () => {
    expect(() => authConfigFromEnv({ ...POOL, FRAUD_COGNITO_USER_POOL_ID: 'not-a-pool' })).toThrow(
      /FRAUD_COGNITO_USER_POOL_ID: expected a user pool id/,
    );
    expect(() => authConfigFromEnv({ ...POOL, NEXTAUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => authConfigFromEnv({ ...POOL, FRAUD_COGNITO_ISSUER: 'ftp://idp.example' })).toThrow(
      /FRAUD_COGNITO_ISSUER/,
    );
  });

  it('never enables local sign-in when any Cognito variable is set', () => {
    const keys = [
      'FRAUD_COGNITO_USER_POOL_ID',
      'FRAUD_COGNITO_CLIENT_ID',
      'FRAUD_COGNITO_CLIENT_SECRET',
      'FRAUD_COGNITO_ISSUER',
    ] as const;
    const values: Record<(typeof keys)[number], string> = {
      FRAUD_COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      FRAUD_COGNITO_CLIENT_ID: 'client-id',
      FRAUD_COGNITO_CLIENT_SECRET: 'client-secret',
      FRAUD_COGNITO_ISSUER: 'https://idp.example',
    };
    // Every non-empty subset of the Cognito variables, with and without a session secret.
    for (let mask = 1; mask < 1 << keys.length; mask++) {
      for (const secret of [undefined, SECRET]) {
        const env: Record<string, string | undefined> = { NEXTAUTH_SECRET: secret };
        keys.forEach((key, i) => {
          if (mask & (1 << i)) env[key] = values[key];
        });
        let mode: string;
        try {
          mode = authConfigFromEnv(env).mode;
        } catch (error) {
          expect(error).toBeInstanceOf(AuthConfigError);
          continue;
        }
        expect(mode, JSON.stringify(env)).toBe('cognito');
      }
    }
  });
});
