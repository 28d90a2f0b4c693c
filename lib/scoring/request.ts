// The scoring API's request body: one transaction or a bounded batch, in the canonical schema, and
// whether to return the top attributions. Errors come back as a list of { path, message } a client
// can act on.
import { z } from 'zod';

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

export function parseScoreRequest(
  body: unknown,
): { ok: true; request: ScoreRequest } | { ok: false; errors: FieldError[] } {
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
  const ids = new Set<string>();
  for (const [i, tx] of data.transactions.entries()) {
    if (ids.has(tx.transaction_id)) {
      return {
        ok: false,
        errors: [
          {
            path: `transactions.${i}.transaction_id`,
            message: `duplicate transaction_id "${tx.transaction_id}"`,
          },
        ],
      };
    }
    ids.add(tx.transaction_id);
  }
  return { ok: true, request: { transactions: data.transactions, explain: data.explain, single: false } };
}
