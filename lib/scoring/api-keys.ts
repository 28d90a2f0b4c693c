// API keys for the scoring API. Keys are configured hashed (FRAUD_API_KEYS="name:sha256hex,…"), so
// the configuration never holds a usable secret; a presented key is hashed and compared in constant
// time with every configured hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ApiKey {
  name: string;
  hash: Buffer;
}

export class ApiKeyConfigError extends Error {}

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new random key (what the client sends) and the line to add to FRAUD_API_KEYS. */
export function newApiKey(name: string): { key: string; entry: string } {
  if (!/^[\w.-]{1,64}$/.test(name))
    throw new ApiKeyConfigError(`key name "${name}" may only use letters, digits, . _ -`);
  const key = `fk_${randomBytes(24).toString('base64url')}`;
  return { key, entry: `${name}:${hashApiKey(key)}` };
}

/** Parses FRAUD_API_KEYS; an empty or unset value means the API is disabled (no key is accepted). */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry, i) => {
    const match = /^\s*([\w.-]{1,64}):([0-9a-f]{64})\s*$/.exec(entry);
    if (!match)
      throw new ApiKeyConfigError(`FRAUD_API_KEYS entry ${i + 1} is not "name:<64 hex digits of sha256>"`);
    return { name: match[1]!, hash: Buffer.from(match[2]!, 'hex') };
  });
}

/** The name of the key `presented` matches, or null. Every configured key is compared, in constant time. */
export function verifyApiKey(presented: string | null, keys: readonly ApiKey[]): string | null {
  if (!presented) return null;
  const hash = createHash('sha256').update(presented, 'utf8').digest();
  let found: string | null = null;
  for (const key of keys) if (timingSafeEqual(hash, key.hash) && found === null) found = key.name;
  return found;
}
