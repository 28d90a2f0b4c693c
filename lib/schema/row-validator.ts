// Judges one decoded row of a file: valid by transactionSchema and not a repeated transaction_id, or
// rejected with a one-line reason naming every bad field and quoting its value. Holds the file's
// transaction_id index, so use one validator per file.
import type { z } from 'zod';

import { fastTransaction } from './fast-transaction';
import { IdIndex } from './id-index';
import { clip40, clipRaw } from './record-splitter';
import { TRANSACTION_FIELDS, transactionSchema, type Transaction } from './transaction';

export type ReadResult =
  | { ok: true; line: number; tx: Transaction }
  | { ok: false; line: number; raw: string; reason: string; duplicateOf?: number };

/** Per-field problems found before validation, e.g. CSV text that is not a number. */
export type FieldErrors = Map<string, string>;

const MAX_REASON_CHARS = 1000;
const FIELD_ORDER: ReadonlyMap<string, number> = new Map(TRANSACTION_FIELDS.map((f, i) => [f, i]));

/** A value as it should appear in a reason: strings quoted, everything clipped. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return `"${clip40(value)}"`;
  if (typeof value === 'object' && value !== null) return clip40(JSON.stringify(value));
  return String(value);
}

/**
 * A copy sharing no memory with its source: raw text is cut from a 64 KiB chunk, and a kept rejection
 * must not keep the whole chunk alive.
 */
const ownCopy = (text: string): string => (' ' + text).slice(1);
const rawOf = (text: string): string => ownCopy(clipRaw(text));

/** Reasons must stay on one line and bounded, whatever the data holds. */
export function oneLine(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, '\\n');
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS)}…` : flat;
}

function describeIssue(issue: z.core.$ZodIssue, input: Readonly<Record<string, unknown>>): string {
  const field = issue.path[0];
  if (typeof field !== 'string') return issue.message;
  const value = input[field];
  if (value === undefined && issue.code === 'invalid_type') return `${field} is missing`;
  if (value === '' || (typeof value === 'string' && issue.message.includes(`"${clip40(value)}"`)))
    return issue.message;
  return `${issue.message} (got ${showValue(value)})`;
}

const duplicate = (id: string, first: number): string =>
  `duplicate transaction_id ${showValue(id)} (first seen on line ${first})`;

export class RowValidator {
  private readonly firstSeen = new IdIndex();

  /** A row rejected before field validation (malformed JSON, wrong column count, …). */
  reject(line: number, raw: string, reason: string): ReadResult {
    return { ok: false, line, raw: rawOf(raw), reason: oneLine(reason) };
  }

  /**
   * Validates `input` (field values already of their JSON types). `fieldErrors` are problems found while
   * decoding the row; they replace whatever the schema would say about the same field.
   */
  check(
    line: number,
    raw: string,
    input: Readonly<Record<string, unknown>>,
    fieldErrors?: FieldErrors,
  ): ReadResult {
    if (fieldErrors === undefined) {
      const tx = fastTransaction(input);
      if (tx !== undefined) return this.accept(line, raw, tx);
    }
    const parsed = transactionSchema.safeParse(input);
    if (parsed.success && fieldErrors === undefined) return this.accept(line, raw, parsed.data);

    const problems: { order: number; text: string }[] = [];
    for (const [field, text] of fieldErrors ?? [])
      problems.push({ order: FIELD_ORDER.get(field) ?? Infinity, text });
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0];
      if (typeof field === 'string' && fieldErrors?.has(field)) continue;
      problems.push({
        order: typeof field === 'string' ? (FIELD_ORDER.get(field) ?? Infinity) : Infinity,
        text: describeIssue(issue, input),
      });
    }
    problems.sort((a, b) => a.order - b.order); // stable: a field's issues keep zod's order
    const reasons = problems.map((p) => p.text);

    // A row bad for other reasons can still repeat an accepted id; say so, it is often the real story.
    let duplicateOf: number | undefined;
    const id = input.transaction_id;
    const idIsBad = problems.some((p) => p.order === 0);
    if (typeof id === 'string' && !idIsBad) {
      duplicateOf = this.firstSeen.get(id.trim());
      if (duplicateOf !== undefined) reasons.push(duplicate(id.trim(), duplicateOf));
    }
    const result: ReadResult = { ok: false, line, raw: rawOf(raw), reason: oneLine(reasons.join('; ')) };
    if (duplicateOf !== undefined) result.duplicateOf = duplicateOf;
    return result;
  }

  private accept(line: number, raw: string, tx: Transaction): ReadResult {
    const first = this.firstSeen.addOrGet(tx.transaction_id, line);
    if (first === undefined) return { ok: true, line, tx };
    return {
      ok: false,
      line,
      raw: rawOf(raw),
      reason: oneLine(duplicate(tx.transaction_id, first)),
      duplicateOf: first,
    };
  }
}
