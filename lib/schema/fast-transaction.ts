// Accepts well-formed transactions without zod, because zod costs ~5 µs a row and the reader must
// do 300k rows/s. transactionSchema stays the one source of rules: this path may only say "valid,
// and here is exactly what zod would output" or "ask zod" (undefined), never reject. Every rejection,
// and every doubtful row, goes through zod. fast-transaction.test.ts checks on generated records that
// it never accepts what zod rejects and that its output equals zod's, key order included.
import {
  CHANNELS,
  MAX_AMOUNT,
  parseUtcTimestamp,
  TRANSACTION_FIELDS,
  type Channel,
  type Transaction,
} from './transaction';

/** The fields this path knows; the test fails when the schema gains one, so the path cannot go stale. */
export const FAST_PATH_FIELDS = TRANSACTION_FIELDS;

const MCC = /^\d{4}$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);
const isChannel = (value: unknown): value is Channel => CHANNEL_SET.has(value);

function trimmed(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length >= 1 && text.length <= max ? text : undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal number in ts[from, from + length), or -1 when a character there is not a digit. */
function digitsAt(ts: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const d = ts.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Whether `ts` is a valid timestamp already in toISOString's form, YYYY-MM-DDTHH:mm:ss.sssZ, so zod
 * would output it unchanged. Checking that shape directly skips parseUtcTimestamp's regex and Date
 * round trip, a third of this path's time. It may say no to a valid timestamp (parseUtcTimestamp then
 * decides) but must never say yes to one parseUtcTimestamp refuses; the test checks every day and
 * time field boundary from 1999 to 2100.
 */
export function isCanonicalUtc(ts: string): boolean {
  if (ts.length !== 24 || ts.charCodeAt(23) !== 90 /* Z */ || ts.charCodeAt(10) !== 84 /* T */) return false;
  if (
    ts.charCodeAt(4) !== 45 ||
    ts.charCodeAt(7) !== 45 ||
    ts.charCodeAt(13) !== 58 ||
    ts.charCodeAt(16) !== 58
  )
    return false;
  if (ts.charCodeAt(19) !== 46 || digitsAt(ts, 20, 3) < 0) return false;
  const year = digitsAt(ts, 0, 4);
  const month = digitsAt(ts, 5, 2);
  const day = digitsAt(ts, 8, 2);
  const hour = digitsAt(ts, 11, 2);
  const minute = digitsAt(ts, 14, 2);
  const second = digitsAt(ts, 17, 2);
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  // Every fourth year is a leap year throughout 2000-2099 (2000 included).
  const days = month === 2 && year % 4 === 0 ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= days;
}

const matches = (value: unknown, re: RegExp): value is string => typeof value === 'string' && re.test(value);

/** The parsed transaction when `input` is certainly valid; undefined means "let zod decide". */
export function fastTransaction(input: Readonly<Record<string, unknown>>): Transaction | undefined {
  const transaction_id = trimmed(input.transaction_id, 64);
  const card_id = trimmed(input.card_id, 64);
  const terminal_id = trimmed(input.terminal_id, 64);
  const merchant_name = trimmed(input.merchant_name, 200);
  if (
    transaction_id === undefined ||
    card_id === undefined ||
    terminal_id === undefined ||
    merchant_name === undefined
  ) {
    return undefined;
  }
  const { timestamp: ts, mcc, amount, currency, channel, card_country, merchant_country } = input;
  if (typeof ts !== 'string') return undefined;
  let timestamp = ts;
  if (!isCanonicalUtc(ts)) {
    const ms = parseUtcTimestamp(ts.trim());
    if (typeof ms !== 'number') return undefined;
    timestamp = new Date(ms).toISOString();
  }
  // `!(a >= 0 && a <= MAX)` also refuses NaN; Infinity fails `<= MAX_AMOUNT`.
  if (typeof amount !== 'number' || !(amount >= 0 && amount <= MAX_AMOUNT)) return undefined;
  if (!matches(mcc, MCC) || !matches(currency, CURRENCY) || !isChannel(channel)) return undefined;
  if (!matches(card_country, COUNTRY) || !matches(merchant_country, COUNTRY)) return undefined;
  const { is_fraud, fraud_scenario } = input;
  // A key present with value undefined shows up in zod's output; leave that rare shape to zod.
  if (is_fraud === undefined) {
    if (Object.hasOwn(input, 'is_fraud')) return undefined;
  } else if (typeof is_fraud !== 'boolean') {
    return undefined;
  }
  if (fraud_scenario === undefined) {
    if (Object.hasOwn(input, 'fraud_scenario')) return undefined;
  } else if (typeof fraud_scenario !== 'string' || fraud_scenario.length > 64) {
    return undefined;
  }
  const tx: Transaction = {
    transaction_id,
    timestamp,
    card_id,
    terminal_id,
    merchant_name,
    mcc,
    amount,
    currency,
    channel,
    card_country,
    merchant_country,
  };
  if (is_fraud !== undefined) tx.is_fraud = is_fraud;
  if (fraud_scenario !== undefined) tx.fraud_scenario = fraud_scenario;
  return tx;
}
