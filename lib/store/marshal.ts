// Converts plain JS values to DynamoDB AttributeValues and back. We write our own because
// @aws-sdk/util-dynamodb is not installed at a version matching the client; the store only needs
// strings, finite numbers, booleans, null, binary, lists and maps, and zod validates what comes back.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Plain =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | readonly Plain[]
  | { readonly [key: string]: Plain | undefined };

export type Item = Record<string, AttributeValue>;

export function toAttr(value: Plain): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') {
    // DynamoDB numbers cannot hold NaN or ±Infinity; failing here names the bug instead of a 400.
    if (!Number.isFinite(value)) throw new TypeError(`cannot store non-finite number ${String(value)}`);
    return { N: String(value) };
  }
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: (value as readonly Plain[]).map(toAttr) };
  return { M: toItem(value as { readonly [key: string]: Plain | undefined }) };
}

/** Marshals an object; `undefined` members are left out (optional fields simply do not exist). */
export function toItem(value: { readonly [key: string]: Plain | undefined }): Item {
  const out: Item = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = toAttr(v);
  return out;
}

export function fromAttr(attr: AttributeValue): unknown {
  if (attr.S !== undefined) return attr.S;
  if (attr.N !== undefined) return Number(attr.N);
  if (attr.BOOL !== undefined) return attr.BOOL;
  if (attr.NULL !== undefined) return null;
  if (attr.B !== undefined) return attr.B;
  if (attr.L !== undefined) return attr.L.map(fromAttr);
  if (attr.M !== undefined) return fromItem(attr.M);
  if (attr.SS !== undefined) return [...attr.SS];
  if (attr.NS !== undefined) return attr.NS.map(Number);
  if (attr.BS !== undefined) return [...attr.BS];
  throw new TypeError('unknown DynamoDB attribute type');
}

export function fromItem(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, attr] of Object.entries(item)) out[key] = fromAttr(attr);
  return out;
}

/** Bytes DynamoDB counts for an item (names + values), close enough to stay clear of the 400 KB cap. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [key, attr] of Object.entries(item)) size += Buffer.byteLength(key) + attrSize(attr);
  return size;
}

function attrSize(attr: AttributeValue): number {
  if (attr.S !== undefined) return Buffer.byteLength(attr.S);
  if (attr.N !== undefined) return Math.ceil(attr.N.replace(/^-/, '').length / 2) + 1;
  if (attr.B !== undefined) return attr.B.byteLength;
  if (attr.BOOL !== undefined || attr.NULL !== undefined) return 1;
  if (attr.L !== undefined) return 3 + attr.L.reduce((n, a) => n + 1 + attrSize(a), 0);
  if (attr.M !== undefined) return 3 + itemSize(attr.M) + Object.keys(attr.M).length;
  return 0;
}
