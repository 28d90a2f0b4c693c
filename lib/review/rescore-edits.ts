// What an analyst may change before rescoring (amount, time, merchant category, countries, channel),
// how the form's fields are validated, and the edited transaction with the list of changes the audit
// event records. The card and terminal stay fixed: the stored context is their history.
import { z } from 'zod';

import { CHANNELS, MAX_AMOUNT, transactionSchema, type Transaction } from '@/lib/schema/transaction';

/**
 * How far the time may move. The stored context reaches one day beyond the longest window, so within a
 * day the recomputed windows see exactly the history the pipeline saw (see FeatureState.contextSnapshot).
 */
export const RESCORE_WINDOW_HOURS = 24;

export const EDITABLE_FIELDS = [
  'amount',
  'timestamp',
  'mcc',
  'merchant_country',
  'card_country',
  'channel',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const country = (what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, `${what} must be a two-letter country code such as FR`);

/** The rescoring form as the server action receives it (all strings from FormData). */
export const rescoreFormSchema = z.object({
  transactionId: z.string().min(1).max(64),
  /** One per submit: a retried request appends the same audit event, not a second one. */
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id'),
  amount: z
    .string()
    .trim()
    .min(1, 'Enter an amount')
    .transform(Number)
    .pipe(
      z
        .number({ error: 'Enter the amount as a number, such as 120.50' })
        .min(0, 'The amount cannot be negative')
        .max(MAX_AMOUNT, `The amount must be at most ${MAX_AMOUNT.toLocaleString('en-US')}`),
    ),
  /** `YYYY-MM-DD HH:mm[:ss]` in UTC (a `T` instead of the space is accepted too). */
  time: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, 'Enter the time as YYYY-MM-DD HH:MM:SS (UTC)'),
  mcc: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'The merchant category must be a four-digit code'),
  merchant_country: country('The merchant country'),
  card_country: country('The card country'),
  channel: z.enum(CHANNELS, { error: 'Choose a channel' }),
});
export type RescoreForm = z.infer<typeof rescoreFormSchema>;

export type Changes = Partial<Record<EditableField, { from: string | number; to: string | number }>>;

export type EditResult =
  { ok: true; tx: Transaction; changes: Changes } | { ok: false; field: keyof RescoreForm; message: string };

/** A stored timestamp as the form's time field shows it: `2026-11-23 15:13:22` (UTC, to the second). */
export const inputTime = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

export function applyEdits(original: Transaction, form: RescoreForm): EditResult {
  // The input has whole seconds; an untouched field keeps the original instant to the millisecond.
  let timestamp = original.timestamp;
  const time = form.time.replace(' ', 'T');
  if (time !== original.timestamp.slice(0, 19)) {
    const at = Date.parse(`${time.length === 16 ? `${time}:00` : time}Z`);
    if (Number.isNaN(at)) return { ok: false, field: 'time', message: 'Enter a real date and time (UTC)' };
    if (Math.abs(at - Date.parse(original.timestamp)) > RESCORE_WINDOW_HOURS * 3_600_000)
      return {
        ok: false,
        field: 'time',
        message: `Keep the time within ${RESCORE_WINDOW_HOURS} hours of the original: the stored card and terminal history reaches no further`,
      };
    timestamp = new Date(at).toISOString();
  }
  const edited = {
    ...original,
    amount: form.amount,
    timestamp,
    mcc: form.mcc,
    merchant_country: form.merchant_country,
    card_country: form.card_country,
    channel: form.channel,
  };
  const parsed = transactionSchema.safeParse(edited);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'timestamp' ? 'time' : (issue?.path[0] as keyof RescoreForm | undefined);
    return {
      ok: false,
      field: field ?? 'amount',
      message: issue?.message ?? 'The edited transaction is not valid',
    };
  }
  const tx = parsed.data;
  const changes: Changes = {};
  for (const field of EDITABLE_FIELDS) {
    if (tx[field] !== original[field]) changes[field] = { from: original[field], to: tx[field] };
  }
  return { ok: true, tx, changes };
}
