// Turns one model input (its name, its value, and where useful the other inputs of the same vector)
// into words an analyst reads at a glance: "7 transactions on this card in 24 h (usual: 0.4)",
// "amount is 6.3× the card's 30-day average (€5.50)". Every feature in lib/features/definitions.ts must
// have a phrase: FeatureName widens to string (some names are built in callbacks), so the compiler cannot
// check the table below, and feature-phrases.test.ts fails when a feature is missing from it.
import { FEATURES, LABEL_DELAY_DAYS, SMALL_AMOUNT, type FeatureName } from '@/lib/features/definitions';
import { countryName, type Formats } from '@/lib/format/formats';
import type { Transaction } from '@/lib/schema/transaction';

import { mccName, RISK_GROUP_LABELS } from './mcc-categories';

/** The other inputs of the same vector, by feature name (missing or null where unknown). */
export type FeatureValues = Readonly<Record<string, number | null | undefined>>;

export interface PhraseContext {
  features: FeatureValues;
  /** The transaction the vector belongs to: currency for amounts, countries and channel for words. */
  tx?: Pick<Transaction, 'currency' | 'channel' | 'mcc' | 'card_country' | 'merchant_country'>;
  /** Numbers and money in the reader's locale. */
  formats: Formats;
}

type Phrase = (value: number, ctx: PhraseContext) => string;

/** Hours after which hours_since_card_prev_tx is capped (the feature code's cap). */
const PREV_TX_CAP_HOURS = 720;

const CHANNEL_WORDS: Readonly<Record<Transaction['channel'], string>> = {
  chip: 'chip',
  contactless: 'contactless',
  swipe: 'magnetic stripe',
  ecommerce: 'online',
};

const get = (ctx: PhraseContext, name: FeatureName): number | undefined => {
  const v = ctx.features[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

const money = (amount: number, ctx: PhraseContext): string =>
  ctx.formats.formatMoney(amount, ctx.tx?.currency);

/**
 * An amount summed over the card's history. The feature code adds raw amounts whatever their currency,
 * so a foreign payment's currency symbol would mislabel the card's (mostly home-currency) history: then
 * the number stands alone.
 */
const historyMoney = (amount: number, ctx: PhraseContext): string =>
  ctx.tx && ctx.tx.card_country !== ctx.tx.merchant_country
    ? ctx.formats.formatMoney(amount)
    : money(amount, ctx);

/** Terminal windows end at the label delay: only labels known at the transaction's time count. */
const terminalWindow = (days: number): string =>
  `in the ${days === 1 ? '24 h' : `${days} days`} ending ${LABEL_DELAY_DAYS} days ago`;

/** A daily rate for "usual" hints: tiny rates read "under 0.1" rather than a misleading 0. */
const usual = (rate: number, ctx: PhraseContext): string =>
  rate > 0 && rate < 0.1 ? 'under 0.1' : ctx.formats.formatDecimal(rate);

/** Card transactions per `hours`, on average over the card's 30-day window. */
function usualCount(ctx: PhraseContext, hours: number): string {
  const month = get(ctx, 'customer_id_nb_tx_30day_window');
  return month === undefined ? '' : ` (usual: ${usual((month * hours) / (30 * 24), ctx)})`;
}

function cardCount(window: string, hours: number | null): Phrase {
  return (v, ctx) =>
    `${ctx.formats.plural(v, 'transaction')} on this card in ${window}${hours === null ? '' : usualCount(ctx, hours)}`;
}

function cardAverage(days: 1 | 7): Phrase {
  return (v, ctx) => {
    const month = get(ctx, 'customer_id_avg_amount_30day_window');
    const label = days === 1 ? '24 h' : '7 days';
    return `card's average amount in ${label}: ${historyMoney(v, ctx)}${month === undefined ? '' : ` (30-day: ${historyMoney(month, ctx)})`}`;
  };
}

function terminalCount(days: number): Phrase {
  return (v, ctx) => `${ctx.formats.plural(v, 'transaction')} at this terminal ${terminalWindow(days)}`;
}

function terminalRisk(days: 1 | 7 | 30): Phrase {
  const countName = `terminal_id_nb_tx_${days}day_window` as const;
  const fraudName = `terminal_id_nb_fraud_${days}day_window` as const;
  return (v, ctx) => {
    const n = get(ctx, countName);
    if (n === 0) return `no transactions at this terminal ${terminalWindow(days)}, so no fraud rate`;
    const frauds = get(ctx, fraudName) ?? (n === undefined ? undefined : Math.round(v * n));
    const share =
      n === undefined || frauds === undefined ? '' : ` (${frauds} of ${ctx.formats.formatDecimal(n)})`;
    return `terminal fraud rate ${ctx.formats.formatPercent(v)}${share} ${terminalWindow(days)}`;
  };
}

function terminalFrauds(days: number): Phrase {
  return (v, ctx) =>
    v === 0
      ? `no fraud at this terminal ${terminalWindow(days)}`
      : `${ctx.formats.plural(v, 'fraud')} at this terminal ${terminalWindow(days)}`;
}

/** "6.3× the …", "50% of the …" or "about the …": ratios below one read better as a share. */
function ratioWords(v: number, what: string, ctx: PhraseContext): string {
  if (v >= 1.05) return `amount is ${ctx.formats.formatRatio(v)} ${what}`;
  if (v <= 0.95) return `amount is ${ctx.formats.formatPercent(v)} of ${what}`;
  return `amount is about ${what}`;
}

/** The card had no earlier transaction in 30 days (the feature then reads 1 by definition). */
const noCardHistory = (ctx: PhraseContext): boolean => {
  const month = get(ctx, 'customer_id_nb_tx_30day_window');
  return month !== undefined && month <= 1;
};

/** The mean an amount ratio divides by, recovered from the amount itself (amount / ratio). */
function baseAmount(v: number, ctx: PhraseContext): string {
  const amount = get(ctx, 'tx_amount');
  return amount === undefined || v <= 0 ? '' : ` (${historyMoney(amount / v, ctx)})`;
}

function countOf(ctx: PhraseContext): string {
  const month = get(ctx, 'customer_id_nb_tx_30day_window');
  return month === undefined ? '' : ` (of ${ctx.formats.formatDecimal(month)})`;
}

const PHRASES: Readonly<Record<string, Phrase>> = {
  tx_amount: (v, ctx) => `amount of ${money(v, ctx)}`,
  tx_during_weekend: (v) => (v === 1 ? 'on a weekend (Saturday or Sunday, UTC)' : 'on a weekday (UTC)'),
  tx_during_night: (v) => (v === 1 ? 'at night (00:00–06:59 UTC)' : 'in the daytime (07:00–23:59 UTC)'),
  customer_id_nb_tx_1day_window: cardCount('24 h', 24),
  customer_id_avg_amount_1day_window: cardAverage(1),
  customer_id_nb_tx_7day_window: cardCount('7 days', 7 * 24),
  customer_id_avg_amount_7day_window: cardAverage(7),
  customer_id_nb_tx_30day_window: cardCount('30 days', null),
  customer_id_avg_amount_30day_window: (v, ctx) =>
    `card's average amount in 30 days: ${historyMoney(v, ctx)}`,
  terminal_id_nb_tx_1day_window: terminalCount(1),
  terminal_id_risk_1day_window: terminalRisk(1),
  terminal_id_nb_tx_7day_window: terminalCount(7),
  terminal_id_risk_7day_window: terminalRisk(7),
  terminal_id_nb_tx_30day_window: terminalCount(30),
  terminal_id_risk_30day_window: terminalRisk(30),
  amount_over_card_avg_30day: (v, ctx) =>
    noCardHistory(ctx)
      ? 'no earlier transaction on this card in 30 days to compare the amount with'
      : `${ratioWords(v, "the card's 30-day average", ctx)}${baseAmount(v, ctx)}`,
  terminal_id_nb_fraud_1day_window: terminalFrauds(1),
  terminal_id_nb_fraud_7day_window: terminalFrauds(7),
  terminal_id_nb_fraud_30day_window: terminalFrauds(30),
  terminal_id_days_since_first_known_fraud: (v, ctx) =>
    v < 0
      ? 'no known fraud at this terminal'
      : `terminal's first known fraud was ${ctx.formats.plural(Math.round(v * 10) / 10, 'day')} ago`,
  amount_over_card_typical_30day: (v, ctx) =>
    noCardHistory(ctx)
      ? 'no typical spending on this card in 30 days to compare the amount with'
      : `${ratioWords(v, "the card's typical spend", ctx)}${baseAmount(v, ctx)}`,
  card_nb_atypical_14day_window: (v, ctx) =>
    v === 0
      ? 'no unusually large payment on this card in 14 days'
      : `${ctx.formats.plural(v, 'unusually large payment')} (over 3× the card's typical spend) in 14 days`,
  terminal_id_days_since_first_fraud_30day_window: (v, ctx) =>
    v < 0
      ? 'no run of fraud under way at this terminal'
      : `terminal's current run of fraud began ${ctx.formats.plural(v, 'day')} ago`,
  terminal_id_risk_since_first_fraud_30day_window: (v, ctx) =>
    v === 0
      ? `no run of fraud at this terminal ${terminalWindow(30)}`
      : `${ctx.formats.formatPercent(v)} of the terminal's transactions were fraud since its run of fraud began`,
  terminal_id_days_since_last_fraud_30day_window: (v, ctx) =>
    v < 0
      ? `no fraud at this terminal ${terminalWindow(30)}`
      : `terminal's last known fraud was ${ctx.formats.plural(v, 'day')} ago`,
  terminal_id_nb_fraud_days_30day_window: (v, ctx) =>
    v === 0
      ? `no day with fraud at this terminal ${terminalWindow(30)}`
      : `${ctx.formats.plural(v, 'day')} with fraud at this terminal ${terminalWindow(30)}`,
  terminal_id_fraud_run_days: (v, ctx) =>
    v < 0
      ? "the terminal's last known transaction was legitimate"
      : `terminal's latest known transactions are all fraud, since ${ctx.formats.plural(v, 'day')} ago`,
  terminal_id_nb_fraud_run: (v, ctx) =>
    v === 0
      ? "the terminal's last known transaction was legitimate"
      : `the terminal's last ${ctx.formats.plural(v, 'known transaction')} were all fraud`,
  terminal_id_days_since_legit_before_run: (v, ctx) =>
    v < 0
      ? 'no run of fraud at the end of what is known about this terminal'
      : v >= 38
        ? `no legitimate transaction before the terminal's run of fraud ${terminalWindow(30)}`
        : `terminal's last legitimate transaction before its run of fraud was ${ctx.formats.plural(v, 'day')} ago`,
  terminal_id_nb_typical_fraud_7day_window: (v, ctx) =>
    v === 0
      ? `no fraud at ordinary amounts at this terminal ${terminalWindow(7)}`
      : `${ctx.formats.plural(v, 'fraud')} at ordinary amounts for the card at this terminal ${terminalWindow(7)}`,
  terminal_id_nb_typical_fraud_30day_window: (v, ctx) =>
    v === 0
      ? `no fraud at ordinary amounts at this terminal ${terminalWindow(30)}`
      : `${ctx.formats.plural(v, 'fraud')} at ordinary amounts for the card at this terminal ${terminalWindow(30)}`,
  terminal_id_days_since_first_typical_fraud_30day_window: (v, ctx) =>
    v < 0
      ? `no fraud at ordinary amounts at this terminal ${terminalWindow(30)}`
      : `terminal's first fraud at an ordinary amount was ${ctx.formats.plural(v, 'day')} ago`,
  amount_over_card_median_30day: (v, ctx) =>
    noCardHistory(ctx)
      ? 'no earlier transaction on this card in 30 days to compare the amount with'
      : `${ratioWords(v, "the card's 30-day median", ctx)}${baseAmount(v, ctx)}`,
  card_days_since_first_atypical_14day: (v, ctx) =>
    v < 0
      ? 'no unusually large payment on this card in 14 days before this one'
      : `first unusually large payment on this card ${ctx.formats.plural(Math.round(v * 10) / 10, 'day')} ago`,
  is_foreign: (v, ctx) => {
    const tx = ctx.tx;
    if (v === 1)
      return tx
        ? `merchant in ${countryName(tx.merchant_country)}, card from ${countryName(tx.card_country)}`
        : "merchant abroad (not in the card's country)";
    return tx
      ? `merchant in the card's country (${countryName(tx.card_country)})`
      : "merchant in the card's country";
  },
  is_ecommerce: (v, ctx) =>
    v === 1
      ? 'online payment (card not present)'
      : `card present${ctx.tx && ctx.tx.channel !== 'ecommerce' ? ` (${CHANNEL_WORDS[ctx.tx.channel]})` : ''}`,
  is_swipe: (v, ctx) =>
    v === 1
      ? 'magnetic-stripe swipe (no chip)'
      : `not a magnetic-stripe swipe${ctx.tx && ctx.tx.channel !== 'swipe' ? ` (${CHANNEL_WORDS[ctx.tx.channel]})` : ''}`,
  mcc_risk_group: (v, ctx) => {
    const group = RISK_GROUP_LABELS[v] ?? 'unknown risk';
    const category = ctx.tx ? ` (${mccName(ctx.tx.mcc)}, ${ctx.tx.mcc})` : '';
    return v === 0
      ? `merchant category of unknown risk${category}`
      : `${group.replace(' ', '-')} merchant category${category}`;
  },
  hours_since_card_prev_tx: (v, ctx) =>
    v < 0
      ? 'first transaction on this card in 30 days'
      : v >= PREV_TX_CAP_HOURS
        ? "30 days or more since the card's previous transaction"
        : `${ctx.formats.formatHours(v)} after the card's previous transaction`,
  card_nb_tx_1hour_window: (v, ctx) =>
    `${ctx.formats.plural(v, 'transaction')} on this card in the last hour${usualCount(ctx, 1)}`,
  card_nb_small_ecommerce_1hour_window: (v, ctx) => {
    const small = money(SMALL_AMOUNT, ctx).replace(/[.,]00(?!\d)/, '');
    return v === 0
      ? `no online payment under ${small} on this card in the last hour`
      : `${ctx.formats.plural(v, 'online payment')} under ${small} on this card in the last hour`;
  },
  card_nb_foreign_30day_window: (v, ctx) =>
    `${ctx.formats.plural(v, 'foreign transaction')} on this card in 30 days${countOf(ctx)}`,
  card_nb_ecommerce_30day_window: (v, ctx) =>
    `${ctx.formats.plural(v, 'online payment')} on this card in 30 days${countOf(ctx)}`,
};

/** Features with a phrase, in vector order (every feature, unless a new one was added without one). */
export const PHRASED_FEATURES: readonly string[] = FEATURES.map((f) => f.name).filter((name) =>
  Object.hasOwn(PHRASES, name),
);

export function hasPhrase(name: string): boolean {
  return Object.hasOwn(PHRASES, name);
}

/**
 * The value of `name` in words. Missing values (null or NaN: the model routes them its own way) say so;
 * a name outside the feature definitions (a model newer than this console) falls back to name = value.
 */
export function describeFeature(name: string, value: number | null, ctx: PhraseContext): string {
  if (value === null || !Number.isFinite(value)) return `${name.replaceAll('_', ' ')}: not available`;
  const phrase = PHRASES[name];
  if (!phrase) return `${name} = ${ctx.formats.formatDecimal(value)}`;
  return phrase(value, ctx);
}

/** The features of one vector by name, for PhraseContext (names and values in the same order). */
export function featureValues(names: readonly string[], values: readonly (number | null)[]): FeatureValues {
  const out: Record<string, number | null> = {};
  names.forEach((name, i) => {
    out[name] = values[i] ?? null;
  });
  return out;
}
