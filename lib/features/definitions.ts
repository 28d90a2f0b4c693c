// The one definition of the model's features: names, meaning, and the pure function that computes
// them from a transaction and the card's and terminal's history before it. The batch lake build, the
// ingestion pipeline, the scoring API, rescoring and the training export all call `featureVector`.
import type { Transaction } from '@/lib/schema/transaction';

import type { Timeline } from './timeline';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Labels become known this long after a transaction; terminal risk only looks behind it. */
export const LABEL_DELAY_DAYS = 7;
/** Below this amount an e-commerce payment counts as a card-testing probe. */
export const SMALL_AMOUNT = 5;
const HOURS_SINCE_PREV_CAP = 720;
const WINDOW_DAYS = [1, 7, 30] as const;

/**
 * An amount above this multiple of the card's typical mean is atypical. Atypical amounts are kept out
 * of the typical mean, so a burst of inflated frauds cannot drag the baseline up and hide itself.
 */
const ATYPICAL_RATIO = 3;

/** Card timeline columns (values per past transaction). */
export const CARD_COLUMNS = [
  'cents',
  'ecommerce',
  'foreign',
  'small_ecommerce',
  'typical',
  'typical_cents',
] as const;
/** Terminal timeline columns. */
export const TERMINAL_COLUMNS = ['fraud', 'typical_fraud'] as const;
const [CENTS, ECOM, FOREIGN, SMALL_ECOM, TYPICAL, TYPICAL_CENTS] = [0, 1, 2, 3, 4, 5];
const [FRAUD, TYPICAL_FRAUD] = [0, 1];

/** The card's and terminal's state before a transaction: all the feature function may read. */
export interface FeatureContext {
  /** The card's earlier transactions (columns CARD_COLUMNS). */
  card: Timeline;
  /** The terminal's earlier transactions with their labels (columns TERMINAL_COLUMNS). */
  terminal: Timeline;
  /** Time of the earliest fraud recorded at the terminal, whether or not it is known yet. */
  terminalFirstFraudMs: number | null;
}

const span = (days: number): string => (days === 1 ? '24 hours' : `${days} days`);

/** Every feature, in vector order. Each set below is a prefix of this list. */
export const FEATURES = [
  // The Fraud Detection Handbook's 15 inputs, exactly as it defines them.
  { name: 'tx_amount', description: 'Transaction amount' },
  { name: 'tx_during_weekend', description: '1 if on Saturday or Sunday (UTC)' },
  { name: 'tx_during_night', description: '1 if between 00:00 and 06:59 (UTC)' },
  ...WINDOW_DAYS.flatMap((d) => [
    {
      name: `customer_id_nb_tx_${d}day_window`,
      description: `Card transactions in the last ${span(d)}, this one included`,
    },
    {
      name: `customer_id_avg_amount_${d}day_window`,
      description: `Card mean amount over the last ${span(d)}, this one included`,
    },
  ]),
  ...WINDOW_DAYS.flatMap((d) => [
    {
      name: `terminal_id_nb_tx_${d}day_window`,
      description: `Terminal transactions over ${span(d)} ending ${LABEL_DELAY_DAYS} days ago`,
    },
    {
      name: `terminal_id_risk_${d}day_window`,
      description: `Terminal fraud share over ${span(d)} ending ${LABEL_DELAY_DAYS} days ago`,
    },
  ]),
  // Derived from the same raw fields, still behind the label delay.
  {
    name: 'amount_over_card_avg_30day',
    description: "Amount divided by the card's mean over the previous 30 days (1 when no history)",
  },
  ...WINDOW_DAYS.map((d) => ({
    name: `terminal_id_nb_fraud_${d}day_window`,
    description: `Terminal frauds over ${span(d)} ending ${LABEL_DELAY_DAYS} days ago`,
  })),
  {
    name: 'terminal_id_days_since_first_known_fraud',
    description: "Days since the terminal's first known fraud (-1 when none known)",
  },
  {
    name: 'amount_over_card_typical_30day',
    description: `Amount divided by the card's mean over its typical transactions of the previous 30 days (1 when none); an amount over ${ATYPICAL_RATIO}× that mean is atypical and left out of it`,
  },
  {
    name: 'card_nb_atypical_14day_window',
    description: `Card transactions over ${ATYPICAL_RATIO}× its typical mean in the last 14 days, this one included`,
  },
  {
    name: 'terminal_id_days_since_first_fraud_30day_window',
    description: `UTC calendar days since the terminal's first fraud within the 30 days ending ${LABEL_DELAY_DAYS} days ago (-1 when none): the age of a current compromise, which older frauds do not blur`,
  },
  {
    name: 'terminal_id_risk_since_first_fraud_30day_window',
    description: `Terminal fraud share from its first fraud within the 30 days ending ${LABEL_DELAY_DAYS} days ago to the end of that window (0 when none): 1 while a compromise goes on, low after a one-off fraud`,
  },
  // Handbook profile only (not in the realistic set): the terminal's known fraud pattern in finer detail.
  {
    name: 'terminal_id_days_since_last_fraud_30day_window',
    description: `UTC calendar days since the terminal's last fraud within the 30 days ending ${LABEL_DELAY_DAYS} days ago (-1 when none)`,
  },
  {
    name: 'terminal_id_nb_fraud_days_30day_window',
    description: `Distinct UTC days with a terminal fraud over the 30 days ending ${LABEL_DELAY_DAYS} days ago`,
  },
  {
    name: 'terminal_id_fraud_run_days',
    description: `UTC calendar days since the start of the terminal's trailing run of frauds, the transactions up to ${LABEL_DELAY_DAYS} days ago that are all fraud (within the 30-day window; -1 when its last known transaction is legitimate or none)`,
  },
  {
    name: 'terminal_id_nb_fraud_run',
    description: `Length of the terminal's trailing run of frauds up to ${LABEL_DELAY_DAYS} days ago, within the 30-day window (0 when its last known transaction is legitimate)`,
  },
  {
    name: 'terminal_id_days_since_legit_before_run',
    description: `UTC calendar days since the terminal's last legitimate transaction before its trailing fraud run, within the 30-day window (38 when none there, -1 when there is no run)`,
  },
  ...([7, 30] as const).map((d) => ({
    name: `terminal_id_nb_typical_fraud_${d}day_window`,
    description: `Terminal frauds over ${span(d)} ending ${LABEL_DELAY_DAYS} days ago whose amount was typical for their card (not over ${ATYPICAL_RATIO}× its typical mean)`,
  })),
  {
    name: 'terminal_id_days_since_first_typical_fraud_30day_window',
    description: `UTC calendar days since the terminal's first fraud with an amount typical for its card within the 30 days ending ${LABEL_DELAY_DAYS} days ago (-1 when none)`,
  },
  {
    name: 'amount_over_card_median_30day',
    description: "Amount divided by the median amount of the card's previous 30 days (1 when no history)",
  },
  {
    name: 'card_days_since_first_atypical_14day',
    description: `Days since the card's first atypical transaction (over ${ATYPICAL_RATIO}× its typical mean) in the previous 14 days (-1 when none)`,
  },
  // What the richer schema allows.
  { name: 'is_foreign', description: "1 if the merchant's country differs from the card's" },
  { name: 'is_ecommerce', description: '1 for a card-not-present (e-commerce) payment' },
  { name: 'is_swipe', description: '1 for a magnetic-stripe swipe' },
  { name: 'mcc_risk_group', description: 'Merchant category risk group: 1 low, 2 medium, 3 high, 0 unknown' },
  {
    name: 'hours_since_card_prev_tx',
    description: "Hours since the card's previous transaction (capped at 720, -1 when none)",
  },
  { name: 'card_nb_tx_1hour_window', description: 'Card transactions in the last hour, this one included' },
  {
    name: 'card_nb_small_ecommerce_1hour_window',
    description: `Card e-commerce payments under ${SMALL_AMOUNT} in the last hour, this one included`,
  },
  {
    name: 'card_nb_foreign_30day_window',
    description: 'Card foreign transactions in the last 30 days, this one included',
  },
  {
    name: 'card_nb_ecommerce_30day_window',
    description: 'Card e-commerce transactions in the last 30 days, this one included',
  },
] as const satisfies readonly { name: string; description: string }[];

export type FeatureName = (typeof FEATURES)[number]['name'];

const ALL_NAMES: readonly string[] = FEATURES.map((f) => f.name);
const prefix = (last: FeatureName): readonly string[] => ALL_NAMES.slice(0, ALL_NAMES.indexOf(last) + 1);

/** Derived features only the handbook_plus set has (they follow the shared derived ones in FEATURES). */
const HANDBOOK_PLUS_ONLY: readonly string[] = ALL_NAMES.slice(
  ALL_NAMES.indexOf('terminal_id_risk_since_first_fraud_30day_window') + 1,
  ALL_NAMES.indexOf('is_foreign'),
);

export const FEATURE_SETS = {
  /** The Handbook's 15 features. */
  handbook: prefix('terminal_id_risk_30day_window'),
  /** The Handbook's features plus ones derived from the same raw fields. */
  handbook_plus: prefix(ALL_NAMES[ALL_NAMES.indexOf('is_foreign') - 1] as FeatureName),
  /** Everything the canonical schema supports: handbook_plus's shared derived features, then the rest. */
  realistic: ALL_NAMES.filter((name) => !HANDBOOK_PLUS_ONLY.includes(name)),
} as const;
export type FeatureSetName = keyof typeof FEATURE_SETS;
export const FEATURE_SET_NAMES = Object.keys(FEATURE_SETS) as FeatureSetName[];

export function isFeatureSetName(name: string): name is FeatureSetName {
  return Object.hasOwn(FEATURE_SETS, name);
}

// Risk groups by merchant category code: categories where stolen cards are cashed out fastest rank
// high. Unknown codes are 0 so the model can tell "unknown" from "low".
// prettier-ignore
const MCC_RISK: Readonly<Record<string, 1 | 2 | 3>> = {
  '5411': 1, '5812': 1, '5814': 1, '5541': 1, '5912': 1, '4111': 1, '4121': 1, '5331': 1, '5499': 1,
  '4511': 2, '7011': 2, '5311': 2, '5999': 2, '5045': 2, '5651': 2, '5691': 2, '4722': 2, '7832': 2,
  '4829': 3, '5944': 3, '5816': 3, '5732': 3, '6051': 3, '7995': 3, '6012': 3, '5967': 3,
};

export const mccRiskGroup = (mcc: string): number => MCC_RISK[mcc] ?? 0;

/**
 * What the state records per card transaction (CARD_COLUMNS order). Whether the amount is typical
 * depends on the card's history before it, so the feature function and the state call this with the
 * same timeline and get the same answer.
 */
export function cardEntry(tx: Transaction, card: Timeline, t: number): number[] {
  const cents = Math.round(tx.amount * 100);
  const ecommerce = tx.channel === 'ecommerce' ? 1 : 0;
  const now = card.position(t);
  const month = card.position(t - 30 * DAY_MS);
  const typicalCount = card.sumBetween(TYPICAL, month, now);
  const typical =
    typicalCount === 0 || cents * typicalCount <= ATYPICAL_RATIO * card.sumBetween(TYPICAL_CENTS, month, now)
      ? 1
      : 0;
  return [
    cents,
    ecommerce,
    tx.card_country === tx.merchant_country ? 0 : 1,
    ecommerce && tx.amount < SMALL_AMOUNT ? 1 : 0,
    typical,
    typical ? cents : 0,
  ];
}

/**
 * What the state records per terminal transaction (TERMINAL_COLUMNS order), given the card's entry for
 * it: a fraud whose amount was typical for its card is one the card's own behaviour does not explain.
 */
export const terminalEntry = (tx: Transaction, cardValues: readonly number[]): number[] => [
  tx.is_fraud ? 1 : 0,
  tx.is_fraud && cardValues[TYPICAL] === 1 ? 1 : 0,
];

/**
 * The feature vector of `tx` for a feature set, given the history before it. Pure: same inputs,
 * same output, no I/O. Card windows are (t - N days, t] and include this transaction; terminal windows
 * are (t - (delay + N) days, t - delay] so that no label is read before it would be known.
 */
export function featureVector(
  tx: Transaction,
  ctx: FeatureContext,
  set: FeatureSetName = 'realistic',
): number[] {
  return featureVectorAt(tx, Date.parse(tx.timestamp), ctx, set);
}

/**
 * `featureVector` with the transaction's time already parsed (epoch ms), for the hot paths; `entry`
 * is `cardEntry(tx, ctx.card, t)` when the caller already has it (the state records the same entry).
 */
export function featureVectorAt(
  tx: Transaction,
  t: number,
  ctx: FeatureContext,
  set: FeatureSetName,
  entry: readonly number[] = cardEntry(tx, ctx.card, t),
): number[] {
  const size = FEATURE_SETS[set].length;
  const { card, terminal } = ctx;
  const [cents, ecommerce, foreign, smallEcom, typical] = entry as [number, number, number, number, number];
  // Thursday 1970-01-01 is day 0; weekday 0 = Sunday, as Date#getUTCDay counts.
  const weekday = (Math.floor(t / DAY_MS) + 4) % 7;
  const hour = Math.floor((t - Math.floor(t / DAY_MS) * DAY_MS) / HOUR_MS);
  const out: number[] = [tx.amount, weekday === 0 || weekday === 6 ? 1 : 0, hour <= 6 ? 1 : 0];

  // Each window boundary is searched once; windows are differences of prefix sums between positions.
  const now = card.position(t);
  for (const d of WINDOW_DAYS) {
    const from = card.position(t - d * DAY_MS);
    const n = now - from + 1;
    out.push(n, (card.sumBetween(CENTS, from, now) + cents) / n / 100);
  }
  const delayEnd = t - LABEL_DELAY_DAYS * DAY_MS;
  const end = terminal.position(delayEnd);
  const frauds: number[] = [];
  let terminalMonth = end;
  for (const d of WINDOW_DAYS) {
    const from = terminal.position(delayEnd - d * DAY_MS);
    const n = end - from;
    const f = terminal.sumBetween(FRAUD, from, end);
    frauds.push(f);
    out.push(n, n === 0 ? 0 : f / n);
    terminalMonth = from; // the last window is the 30-day one
  }
  if (out.length >= size) return out;

  const month = card.position(t - 30 * DAY_MS);
  const prior30 = now - month;
  const priorCents30 = card.sumBetween(CENTS, month, now);
  out.push(prior30 === 0 || priorCents30 === 0 ? 1 : cents / (priorCents30 / prior30));
  out.push(frauds[0]!, frauds[1]!, frauds[2]!);
  const first = ctx.terminalFirstFraudMs;
  out.push(first !== null && first <= delayEnd ? (t - first) / DAY_MS : -1);
  const typicalCount = card.sumBetween(TYPICAL, month, now);
  const typicalCents = card.sumBetween(TYPICAL_CENTS, month, now);
  out.push(typicalCount === 0 || typicalCents === 0 ? 1 : cents / (typicalCents / typicalCount));
  const fortnight = card.position(t - 14 * DAY_MS);
  out.push(now - fortnight - card.sumBetween(TYPICAL, fortnight, now) + (1 - typical));
  // The fraud streak behind the delay: from the first fraud in the 30-day window to its end.
  const streak = terminal.firstPositive(FRAUD, terminalMonth, end);
  // Its age in whole UTC calendar days: compromises last whole days, and a fractional age blurs the
  // day one ends.
  out.push(streak < 0 ? -1 : Math.floor(t / DAY_MS) - Math.floor(terminal.timeAt(streak) / DAY_MS));
  out.push(streak < 0 ? 0 : terminal.sumBetween(FRAUD, streak, end) / (end - streak));
  if (set === 'handbook_plus') {
    pushHandbookPlusOnly(out, t, terminal, terminalMonth, end, card, month, now, cents);
    return out;
  }

  const prev = card.timeBefore(now);
  const hourAgo = card.position(t - HOUR_MS);
  out.push(
    foreign,
    ecommerce,
    tx.channel === 'swipe' ? 1 : 0,
    mccRiskGroup(tx.mcc),
    prev === null ? -1 : Math.min(HOURS_SINCE_PREV_CAP, (t - prev) / HOUR_MS),
    now - hourAgo + 1,
    card.sumBetween(SMALL_ECOM, hourAgo, now) + smallEcom,
    card.sumBetween(FOREIGN, month, now) + foreign,
    card.sumBetween(ECOM, month, now) + ecommerce,
  );
  return out;
}

const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** The handbook_plus-only features (see FEATURES), appended to `out`. */
function pushHandbookPlusOnly(
  out: number[],
  t: number,
  terminal: Timeline,
  from: number,
  end: number,
  card: Timeline,
  month: number,
  now: number,
  cents: number,
): void {
  const today = utcDay(t);
  // Terminal, behind the delay: walk the 30-day window backwards (a terminal has a few entries a day).
  let lastFraud = -1;
  const fraudDays = new Set<number>();
  let run = 0;
  let runOpen = true;
  let runStart = -1;
  let legitBefore = -1;
  for (let i = end - 1; i >= from; i--) {
    const fraud = terminal.sumBetween(FRAUD, i, i + 1) > 0;
    const day = utcDay(terminal.timeAt(i));
    if (fraud) {
      if (lastFraud < 0) lastFraud = i;
      fraudDays.add(day);
      if (runOpen) {
        run++;
        runStart = i;
      }
    } else if (runOpen) {
      runOpen = false;
      if (run > 0) legitBefore = i;
    }
  }
  out.push(lastFraud < 0 ? -1 : today - utcDay(terminal.timeAt(lastFraud)));
  out.push(fraudDays.size);
  out.push(run === 0 ? -1 : today - utcDay(terminal.timeAt(runStart)));
  out.push(run);
  out.push(run === 0 ? -1 : legitBefore < 0 ? 38 : today - utcDay(terminal.timeAt(legitBefore)));
  const week = terminal.position(t - (LABEL_DELAY_DAYS + 7) * DAY_MS);
  out.push(terminal.sumBetween(TYPICAL_FRAUD, week, end), terminal.sumBetween(TYPICAL_FRAUD, from, end));
  const firstTypical = terminal.firstPositive(TYPICAL_FRAUD, from, end);
  out.push(firstTypical < 0 ? -1 : today - utcDay(terminal.timeAt(firstTypical)));
  // Card: the median of the previous 30 days' amounts, and the age of a burst of atypical amounts.
  const n = now - month;
  if (n === 0) out.push(1);
  else {
    const amounts: number[] = [];
    for (let i = month; i < now; i++) amounts.push(card.sumBetween(CENTS, i, i + 1));
    amounts.sort((a, b) => a - b);
    const median = n % 2 ? amounts[(n - 1) / 2]! : (amounts[n / 2 - 1]! + amounts[n / 2]!) / 2;
    out.push(median === 0 ? 1 : cents / median);
  }
  const fortnight = card.position(t - 14 * DAY_MS);
  let firstAtypical = -1;
  for (let i = fortnight; i < now; i++) {
    if (card.sumBetween(TYPICAL, i, i + 1) === 0) {
      firstAtypical = i;
      break;
    }
  }
  out.push(firstAtypical < 0 ? -1 : (t - card.timeAt(firstAtypical)) / DAY_MS);
}
