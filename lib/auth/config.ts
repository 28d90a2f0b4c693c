// Sign-in settings from the environment, validated once. Cognito when its client id is set (the
// issuer from the user pool id, or FRAUD_COGNITO_ISSUER for an OIDC stand-in such as the e2e issuer);
// otherwise local sign-in for the demo users under the data folder. A half-configured Cognito is an
// error, never a silent fall back to local sign-in.
import path from 'node:path';

import { z } from 'zod';

import { envIssues, optionalEnv } from '@/lib/config/env';
import { dataPaths } from '@/lib/config/paths';

export type AuthConfig =
  | {
      mode: 'cognito';
      issuer: string;
      clientId: string;
      clientSecret: string;
      /** NEXTAUTH_SECRET: required, since containers do not keep files. */
      secret: string;
    }
  | {
      mode: 'local';
      /** Hashed demo users (created by `npm start`). */
      usersFile: string;
      /** NEXTAUTH_SECRET, or null to use (and create) `<data>/auth/secret`. */
      secret: string | null;
      secretFile: string;
    };

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

const envSchema = z.object({
  FRAUD_COGNITO_USER_POOL_ID: optionalEnv.pipe(
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, 'expected a user pool id like eu-west-1_AbC123')
      .optional(),
  ),
  FRAUD_COGNITO_REGION: optionalEnv,
  FRAUD_COGNITO_CLIENT_ID: optionalEnv,
  FRAUD_COGNITO_CLIENT_SECRET: optionalEnv,
  FRAUD_COGNITO_ISSUER: optionalEnv.pipe(z.url({ protocol: /^https?$/ }).optional()),
  NEXTAUTH_SECRET: optionalEnv.pipe(
    z.string().min(32, 'NEXTAUTH_SECRET needs at least 32 characters').optional(),
  ),
});

type Env = Readonly<Record<string, string | undefined>>;

export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new AuthConfigError(`sign-in settings are invalid: ${envIssues(parsed.error)}`);
  }
  const e = parsed.data;
  const cognitoKeys = [
    e.FRAUD_COGNITO_USER_POOL_ID,
    e.FRAUD_COGNITO_CLIENT_ID,
    e.FRAUD_COGNITO_CLIENT_SECRET,
    e.FRAUD_COGNITO_ISSUER,
  ];
  if (cognitoKeys.some((v) => v !== undefined)) {
    const missing: string[] = [];
    if (!e.FRAUD_COGNITO_CLIENT_ID) missing.push('FRAUD_COGNITO_CLIENT_ID');
    if (!e.FRAUD_COGNITO_CLIENT_SECRET) missing.push('FRAUD_COGNITO_CLIENT_SECRET');
    if (!e.FRAUD_COGNITO_USER_POOL_ID && !e.FRAUD_COGNITO_ISSUER) missing.push('FRAUD_COGNITO_USER_POOL_ID');
    if (!e.NEXTAUTH_SECRET) missing.push('NEXTAUTH_SECRET');
    if (missing.length > 0)
      throw new AuthConfigError(`Cognito sign-in is partly configured: set ${missing.join(', ')}`);
    const poolId = e.FRAUD_COGNITO_USER_POOL_ID;
    const region = e.FRAUD_COGNITO_REGION ?? poolId?.split('_')[0];
    const issuer = e.FRAUD_COGNITO_ISSUER ?? `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
    return {
      mode: 'cognito',
      issuer: issuer.replace(/\/+$/, ''),
      clientId: e.FRAUD_COGNITO_CLIENT_ID!,
      clientSecret: e.FRAUD_COGNITO_CLIENT_SECRET!,
      secret: e.NEXTAUTH_SECRET!,
    };
  }
  const authDir = path.join(dataPaths(env as NodeJS.ProcessEnv).dataDir, 'auth');
  return {
    mode: 'local',
    usersFile: path.join(authDir, 'local-users.json'),
    secret: e.NEXTAUTH_SECRET ?? null,
    secretFile: path.join(authDir, 'secret'),
  };
}
