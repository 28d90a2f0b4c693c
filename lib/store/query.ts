// Shared plumbing for list reads: a tiny expression builder (placeholders for names and values, so
// attribute names never collide with DynamoDB's reserved words) and a bounded page collector that
// keeps querying until a filtered page is full, the list ends, or a scan budget is spent.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';

import type { Store } from './client';
import { decodeCursor, encodeCursor, type CursorKey } from './cursor';
import { InvalidCursorError } from './errors';
import { fromItem, toAttr, toItem, type Item, type Plain } from './marshal';

/** Accumulates `#n`/`:v` placeholders for one request. */
export class Expr {
  readonly names: Record<string, string> = {};
  readonly values: Item = {};
  private n = 0;

  /** A placeholder for an attribute path such as `tx.amount`. */
  name(path: string): string {
    return path
      .split('.')
      .map((part) => {
        const key = `#${part.replace(/[^A-Za-z0-9_]/g, '_')}`;
        this.names[key] = part;
        return key;
      })
      .join('.');
  }

  value(v: Plain): string {
    const key = `:v${this.n++}`;
    this.values[key] = toAttr(v);
    return key;
  }

  /** Spread into a command: leaves out empty maps, which DynamoDB rejects. */
  params(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Item } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null at the end of the list. */
  cursor: string | null;
  /** Items read from the index to fill this page (filtered ones included): the page's cost. */
  scanned: number;
}

export interface CollectOptions {
  /** The list's identity, checked against cursors (e.g. `queue:open:score`). */
  list: string;
  limit: number;
  cursor?: string;
  /** Attributes that make up an index position: table key + index keys. */
  keyAttributes: readonly string[];
  /** Stop after reading this many items even if the page is not full (selective filters). */
  maxScanned?: number;
}

/** Runs a query page by page until `limit` items pass the filter; returns them and a cursor. */
export async function collect(
  store: Store,
  input: QueryCommandInput,
  options: CollectOptions,
): Promise<Page<Record<string, unknown>>> {
  const maxScanned = options.maxScanned ?? 5_000;
  const filtered = input.FilterExpression !== undefined;
  let start: Item | undefined = options.cursor
    ? toStartKey(options.list, options.cursor, options.keyAttributes)
    : undefined;
  const items: Item[] = [];
  let scanned = 0;
  // Bounded by maxScanned (each round reads ≥ 1 item or ends the list) and by a round cap.
  for (let round = 0; round < 1_000; round++) {
    const want = options.limit - items.length;
    const out = await store.client.send(
      new QueryCommand({
        ...input,
        Limit: filtered ? Math.max(1, Math.min(want * 2 + 20, 1_000, maxScanned - scanned)) : want,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    scanned += out.ScannedCount ?? 0;
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
    if (items.length >= options.limit) {
      const page = items.slice(0, options.limit);
      const last = page[page.length - 1]!;
      // More matched than fit: resume right after the last item returned, not after the last read.
      const resume = items.length > options.limit || start ? keyOf(last, options.keyAttributes) : undefined;
      return {
        items: page.map(fromItem),
        cursor: resume ? encodeCursor(options.list, resume) : null,
        scanned,
      };
    }
    if (!start) break;
    if (scanned >= maxScanned) break;
  }
  return {
    items: items.map(fromItem),
    cursor: start ? encodeCursor(options.list, plainKey(start)) : null,
    scanned,
  };
}

function keyOf(item: Item, attributes: readonly string[]): CursorKey {
  const pick: Item = {};
  for (const a of attributes) {
    const v = item[a];
    if (v) pick[a] = v;
  }
  return plainKey(pick);
}

function plainKey(key: Item): CursorKey {
  const out: CursorKey = {};
  for (const [k, v] of Object.entries(fromItem(key))) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

function toStartKey(list: string, cursor: string, attributes: readonly string[]): Item {
  const key = decodeCursor(list, cursor);
  for (const a of attributes) if (!(a in key)) throw new InvalidCursorError(`missing ${a}`);
  return toItem(key);
}
