// Reads a paginated store list from the top until it ends or `maxRows` is passed: what every export
// needs, bounded so one request cannot read the whole store into memory.
import type { Page } from '@/lib/store';

/** Most rows one export holds; a larger result is cut here and the response says so. */
export const MAX_EXPORT_ROWS = 10_000;

/** Items per store read (the store caps a page at 500). */
export const EXPORT_PAGE_SIZE = 500;

export async function collectPages<T>(
  fetchPage: (cursor: string | null, limit: number) => Promise<Page<T>>,
  maxRows: number,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  // Each page either adds items or moves the cursor; the page count bounds the loop regardless.
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await fetchPage(cursor, Math.min(EXPORT_PAGE_SIZE, maxRows + 1 - items.length));
    items.push(...page.items);
    cursor = page.cursor;
    if (items.length > maxRows) {
      items.length = maxRows;
      return { items, truncated: true };
    }
    if (cursor === null) break;
  }
  return { items, truncated: false };
}
