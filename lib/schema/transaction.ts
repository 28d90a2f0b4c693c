// The canonical card-transaction record: the one shape every reader, the simulator, the feature code,
// the lake and the review store agree on. Field names are snake_case so they survive Athena/Glue,
// which lower-cases column names.
import { z } from 'zod';

export const CHANNELS = ['chip', 'swipe', 'contactless', 'ecommerce'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Every field of the record, in the column order used by CSV files and the lake. */
export const TRANSACTION_FIELDS = [
  'transaction_id',
  'timestamp',
  'card_id',
  'terminal_id',
  'merchant_name',
  'mcc',
  'amount',
  'currency',
  'channel',
  'card_country',
  'merchant_country',
  'is_fraud',
  'fraud_scenario',
] as const;
export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

/** Latest instant accepted; anything later is a clock or parsing error, not a transaction. */
const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);
const MIN_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
/** Above this an amount is a unit error (cents sent as units, a stray exponent), not a card payment. */
export const MAX_AMOUNT = 1_000_000;

// ISO-8601 with an explicit UTC designator ('Z' or +00:00): local times are ambiguous and refused.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]00:?00)$/;

/** Parses an ISO-8601 UTC timestamp to epoch milliseconds, or returns an error message. */
export function parseUtcTimestamp(text: string): number | string {
  const m = ISO_UTC.exec(text);
  if (!m) return `timestamp "${clip(text)}" is not ISO-8601 UTC (expected e.g. 2024-05-01T13:45:00Z)`;
  const [, y, mo, d, h, mi, s = '0', frac = ''] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, Math.floor(Number(`0${frac || '.0'}`) * 1000));
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches impossible calendar dates.
  if (back.getUTCDate() !== +d! || back.getUTCMonth() !== +mo! - 1 || +h! > 23 || +mi! > 59 || +s > 59) {
    return `timestamp "${clip(text)}" is not a real date and time`;
  }
  if (ms < MIN_TIMESTAMP_MS || ms >= MAX_TIMESTAMP_MS) {
    return `timestamp "${clip(text)}" is outside 2000-01-01..2099-12-31`;
  }
  return ms;
}

const id = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} is empty`)
    .max(64, `${what} is longer than 64 characters`);

const country = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .regex(/^[A-Z]{2}$/, `${what} must be a two-letter ISO 3166 code such as FR`);

export const transactionSchema = z.object({
  transaction_id: id('transaction_id'),
  timestamp: z.string({ error: 'timestamp must be text' }).transform((text, ctx) => {
    const ms = parseUtcTimestamp(text.trim());
    if (typeof ms === 'string') {
      ctx.addIssue({ code: 'custom', message: ms });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  }),
  card_id: id('card_id'),
  terminal_id: id('terminal_id'),
  merchant_name: z
    .string({ error: 'merchant_name must be text' })
    .trim()
    .min(1, 'merchant_name is empty')
    .max(200, 'merchant_name is longer than 200 characters'),
  mcc: z
    .string({ error: 'mcc must be text' })
    .regex(/^\d{4}$/, 'mcc must be a four-digit merchant category code'),
  amount: z
    // zod 4 already refuses NaN and ±Infinity as "not a number"; say which it was.
    .number({
      error: (iss) =>
        typeof iss.input === 'number' ? 'amount must be a finite number' : 'amount must be a number',
    })
    .refine((v) => v >= 0, 'amount is negative')
    .refine((v) => v <= MAX_AMOUNT, `amount is above ${MAX_AMOUNT}`),
  currency: z
    .string({ error: 'currency must be text' })
    .regex(/^[A-Z]{3}$/, 'currency must be a three-letter ISO 4217 code'),
  channel: z.enum(CHANNELS, {
    error: (iss) => `unknown channel "${clip(String(iss.input))}" (expected ${CHANNELS.join(', ')})`,
  }),
  card_country: country('card_country'),
  merchant_country: country('merchant_country'),
  is_fraud: z.boolean({ error: 'is_fraud must be true/false or 1/0' }).optional(),
  fraud_scenario: z
    .string({ error: 'fraud_scenario must be text' })
    .max(64, 'fraud_scenario is longer than 64 characters')
    .optional(),
});

/** A validated transaction. `timestamp` is normalised to `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export type Transaction = z.output<typeof transactionSchema>;

/** Epoch milliseconds of a validated transaction's timestamp. */
export const txTime = (tx: Pick<Transaction, 'timestamp'>): number => Date.parse(tx.timestamp);

/** The UTC calendar day of a validated transaction: the lake's `dt` partition value. */
export const txDay = (tx: Pick<Transaction, 'timestamp'>): string => tx.timestamp.slice(0, 10);

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
