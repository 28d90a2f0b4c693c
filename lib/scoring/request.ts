// The scoring API's request body: one transaction or a bounded batch, in the canonical schema, and
// whether to return the top attributions. Errors come back as a list of { path, message } a client
// can act on.
import { z } from 'zod';

import { fastTransaction } from '@/lib/schema/fast-transaction';
import { transactionSchema, type Transaction } from '@/lib/schema/transaction';

/** Largest batch per request: bounds latency and memory per call. */
export const MAX_BATCH = 1000;
/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1 << 20;
const MAX_TOP = 33;

const explain = z
  .union([z.boolean(), z.number().int().min(1).max(MAX_TOP)])
  .optional()
  .transform((v) => (v === true ? 5 : v === false || v === undefined ? 0 : v));

const singleSchema = z.strictObject({ transaction: transactionSchema, explain });
const batchSchema = z.strictObject({
  transactions: z
    .array(transactionSchema)
    .min(1, 'transactions is empty')
    .max(MAX_BATCH, `at most ${MAX_BATCH} transactions per request`),
  explain,
});

export interface ScoreRequest {
  transactions: Transaction[];
  /** Number of top attributions to return per transaction (0 = none). */
  explain: number;
  single: boolean;
}

export type FieldError = { path: string; message: string };

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What zod's `explain` gives for a value it certainly accepts; undefined means "ask zod". */
function fastExplain(value: unknown): number | undefined {
  if (value === undefined || value === false) return 0;
  if (value === true) return 5;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TOP
    ? value
    : undefined;
}

/**
 * The request zod would return for a body that is certainly valid, or undefined to let zod decide
 * (and explain). zod costs about 9 µs per transaction, more than the features and the model together
 * on the API's hot path; this path, like the file readers', may only accept, never reject:
 * fastTransaction is tested to output exactly what transactionSchema does, and anything unusual in
 * the envelope (an unknown key, a doubtful explain, a batch size out of range) goes to zod.
 */
function fastScoreRequest(body: unknown): ScoreRequest | undefined {
  if (!isRecord(body)) return undefined;
  const batch = 'transactions' in body;
  for (const key of Object.keys(body)) {
    if (key !== 'explain' && key !== (batch ? 'transactions' : 'transaction')) return undefined;
  }
  const explain = fastExplain(body.explain);
  if (explain === undefined) return undefined;
  if (!batch) {
    const tx = isRecord(body.transaction) ? fastTransaction(body.transaction) : undefined;
    return tx && { transactions: [tx], explain, single: true };
  }
  const items = body.transactions;
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_BATCH) return undefined;
  const transactions: Transaction[] = new Array<Transaction>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const tx = isRecord(item) ? fastTransaction(item) : undefined;
    if (!tx) return undefined;
    transactions[i] = tx;
  }
  return { transactions, explain, single: false };
}

/** The first transaction id used twice in a batch, as a field error, or null. */
function duplicateId(transactions: readonly Transaction[]): FieldError | null {
  const ids = new Set<string>();
  for (const [i, tx] of transactions.entries()) {
    if (ids.has(tx.transaction_id)) {
      return {
        path: `transactions.${i}.transaction_id`,
        message: `duplicate transaction_id "${tx.transaction_id}"`,
      };
    }
    ids.add(tx.transaction_id);
  }
  return null;
}

export type ParsedScoreRequest = { ok: true; request: ScoreRequest } | { ok: false; errors: FieldError[] };

export function parseScoreRequest(body: unknown): ParsedScoreRequest {
  const fast = fastScoreRequest(body);
  if (!fast) return parseScoreRequestWithZod(body);
  const duplicate = fast.single ? null : duplicateId(fast.transactions);
  return duplicate ? { ok: false, errors: [duplicate] } : { ok: true, request: fast };
}

/** The reference parse, zod only: what `parseScoreRequest` must always agree with (tested). */
export function parseScoreRequestWithZod(body: unknown): ParsedScoreRequest {
  // Picking the shape by its key (rather than a union) keeps each field's own error message.
  const batch = typeof body === 'object' && body !== null && 'transactions' in body;
  const parsed = (batch ? batchSchema : singleSchema).safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    };
  }
  const data = parsed.data;
  if ('transaction' in data)
    return { ok: true, request: { transactions: [data.transaction], explain: data.explain, single: true } };
  const duplicate = duplicateId(data.transactions);
  if (duplicate) return { ok: false, errors: [duplicate] };
  return { ok: true, request: { transactions: data.transactions, explain: data.explain, single: false } };
}
