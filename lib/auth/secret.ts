// The key next-auth signs and encrypts session cookies with: NEXTAUTH_SECRET when set (required with
// Cognito), otherwise a random key kept in the data folder so sessions survive restarts of the
// embedded console. Synchronous because next-auth's options and the proxy need it up front.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { AuthConfig } from './config';

let cached: { file: string; secret: string } | null = null;

export function authSecret(config: AuthConfig): string {
  if (config.secret) return config.secret;
  if (config.mode !== 'local') throw new Error('NEXTAUTH_SECRET is required');
  if (cached?.file === config.secretFile) return cached.secret;
  let secret: string;
  try {
    secret = fs.readFileSync(config.secretFile, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(config.secretFile), { recursive: true, mode: 0o700 });
    secret = randomBytes(32).toString('base64url');
    try {
      // 'wx': if another process created it first, use theirs.
      fs.writeFileSync(config.secretFile, secret, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      secret = fs.readFileSync(config.secretFile, 'utf8').trim();
    }
  }
  cached = { file: config.secretFile, secret };
  return secret;
}
