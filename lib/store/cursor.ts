// Opaque page cursors: a list's position (the last returned key) serialised as base64url JSON and
// tagged with the list it belongs to, so a cursor from one list or sort order is refused by another
// instead of silently starting somewhere odd. Positions are keys, never offsets: stable under writes.
import { z } from 'zod';

import { InvalidCursorError } from './errors';

const cursorSchema = z.object({
  v: z.literal(1),
  list: z.string(),
  key: z.record(z.string(), z.union([z.string(), z.number()])),
});

export type CursorKey = Record<string, string | number>;

export function encodeCursor(list: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, list, key }), 'utf8').toString('base64url');
}

export function decodeCursor(list: string, cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError('not a cursor');
  if (result.data.list !== list)
    throw new InvalidCursorError(`it belongs to "${result.data.list}", not "${list}"`);
  return result.data.key;
}
