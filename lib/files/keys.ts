// The file key layout shared by the local folder and S3, and the rules every key obeys. Keys are
// `/`-separated relative paths; the rules keep them meaningful on both backends (no empty or dot
// segments, nothing absolute, no backslashes or control characters), so a key can never name a file
// outside the local root and means the same object on S3.
import { InvalidKeyError } from './errors';

/** Top-level areas of the store. */
export const AREAS = {
  /** Incoming transaction files, one object per source file. */
  inbox: 'inbox/',
  /** The Parquet lake: `lake/transactions/dt=YYYY-MM-DD/part-<part>.parquet`. */
  lake: 'lake/',
  /** Rejected rows, one NDJSON object per source file. */
  quarantine: 'quarantine/',
  /** Source files that could not be read at all, with their error (the local dead-letter queue). */
  failed: 'failed/',
  /** Model artifacts. */
  models: 'models/',
} as const;

/** S3's limit on a key's UTF-8 length; the local folder keeps it so keys stay portable. */
export const MAX_KEY_BYTES = 1024;

// Segments are checked one by one: `.`/`..` anywhere, empty ones (`a//b`, leading or trailing `/`)
// and characters that a file system or a URL would treat specially.
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

function check(key: string, allowTrailingSlash: boolean): void {
  if (typeof key !== 'string') throw new InvalidKeyError(String(key), 'not a string');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES)
    throw new InvalidKeyError(key, `longer than ${MAX_KEY_BYTES} bytes`);
  if (FORBIDDEN.test(key)) throw new InvalidKeyError(key, 'contains a backslash or a control character');
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key))
    throw new InvalidKeyError(key, 'absolute paths are not keys');
  const segments = key.split('/');
  if (allowTrailingSlash && segments.length > 1 && segments.at(-1) === '') segments.pop();
  for (const segment of segments) {
    if (segment === '') throw new InvalidKeyError(key, 'empty path segment');
    if (segment === '.' || segment === '..')
      throw new InvalidKeyError(key, `"${segment}" segments are not allowed`);
  }
}

/** Throws InvalidKeyError unless `key` names an object (a file, not a folder). */
export function assertKey(key: string): string {
  if (key === '') throw new InvalidKeyError(key, 'empty');
  check(key, false);
  return key;
}

/** Throws InvalidKeyError unless `prefix` is '' or a key-like prefix (a trailing `/` is allowed). */
export function assertPrefix(prefix: string): string {
  if (prefix !== '') check(prefix, true);
  return prefix;
}

/** Joins key parts with `/`, dropping slashes at the joins; the result is validated. */
export function joinKey(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '')
    .join('/');
  return assertKey(joined);
}

/** The lake object for one source part and day, as lib/lake/writer.ts names it locally. */
export function lakePartKey(dt: string, part: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dt)) throw new InvalidKeyError(dt, 'dt must be YYYY-MM-DD');
  if (!/^[\w.=-]+$/.test(part)) throw new InvalidKeyError(part, 'part may only use letters, digits, . _ = -');
  return `${AREAS.lake}transactions/dt=${dt}/part-${part}.parquet`;
}

/**
 * Orders keys as S3 lists them (by UTF-8 bytes, which is code point order). Plain `<` compares UTF-16
 * units and puts U+E000–U+FFFF after astral characters; the remap below fixes that without
 * allocating, so the local folder lists in exactly S3's order.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
