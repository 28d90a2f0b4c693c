// The two alert rules as pure functions: a high-risk review item, and a day whose fraud rate breaches
// the configured threshold. Each alert's id is derived from what it is about (the transaction, the
// day), so raising it again — re-ingestion, a re-run of the daily job — names the same stored alert
// and the store's conditional put keeps one.
import type { Transaction } from '@/lib/schema/transaction';
import type { Alert } from '@/lib/store';

/** What the rule needs from a review item; a `NewReview` (lib/store) fits as is. */
export interface HighRiskInput {
  transaction: Pick<
    Transaction,
    'transaction_id' | 'card_id' | 'terminal_id' | 'amount' | 'currency' | 'merchant_name' | 'mcc' | 'channel'
  >;
  score: number;
  /** When the item was flagged; the alert carries it so a re-raised alert is identical. */
  flaggedAt?: Date;
}

export const highRiskAlertId = (transactionId: string): string => `high_risk#${transactionId}`;
export const fraudRateAlertId = (day: string): string => `fraud_rate#${day}`;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A `high_risk_item` alert when `score ≥ highRiskScore`, else null. `now` is used only when the input
 * has no flaggedAt.
 */
export function highRiskAlert(
  input: HighRiskInput,
  params: { highRiskScore: number; now?: Date },
): Alert | null {
  const { transaction: tx, score } = input;
  if (!Number.isFinite(score) || score < params.highRiskScore) return null;
  const at = (input.flaggedAt ?? params.now ?? new Date()).toISOString();
  const amount = `${tx.amount.toFixed(2)} ${tx.currency}`;
  return {
    alert_id: highRiskAlertId(tx.transaction_id),
    kind: 'high_risk_item',
    at,
    severity: 'critical',
    title: clip(
      `High-risk transaction ${tx.transaction_id}: score ${score.toFixed(3)} ≥ ${params.highRiskScore} — ` +
        `${amount} at ${clip(tx.merchant_name, 80)} (MCC ${tx.mcc}, ${tx.channel}), card ${tx.card_id}`,
      500,
    ),
    transaction_id: tx.transaction_id,
    card_id: tx.card_id,
    terminal_id: tx.terminal_id,
    score,
    threshold: params.highRiskScore,
  };
}

/**
 * One UTC day's counts, as the daily job computes them. A `SummaryDay` from lib/analytics/lake-summary (day,
 * transactions, frauds, labelled) fits as is, so the alert and the dashboard agree on the rate.
 */
export interface DayCounts {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  transactions: number;
  /** Frauds known for the day: labels in simulated data, analyst-confirmed frauds in production. */
  frauds: number;
  /**
   * Transactions whose outcome is known. Labels arrive late, so the rate is frauds / labelled when
   * given (the dashboard's definition); without it, frauds / transactions.
   */
  labelled?: number;
  /** Items the model sent to review; reported in the alert for context when given. */
  flagged?: number;
}

/** Validates counts; a bad input is a caller bug, so it throws rather than silently not alerting. */
function checkCounts(counts: DayCounts): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(counts.day);
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!date || date.toISOString().slice(0, 10) !== counts.day)
    throw new RangeError(`day must be a real YYYY-MM-DD date, got "${counts.day}"`);
  for (const key of ['transactions', 'frauds', 'labelled', 'flagged'] as const) {
    const v = counts[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0))
      throw new RangeError(`${key} must be a whole number ≥ 0, got ${v}`);
  }
  const base = counts.labelled ?? counts.transactions;
  if (counts.frauds > base || base > counts.transactions || (counts.flagged ?? 0) > counts.transactions)
    throw new RangeError(`${counts.day}: need frauds ≤ labelled ≤ transactions and flagged ≤ transactions`);
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/**
 * A `fraud_rate_breach` alert when the day's fraud rate (see DayCounts) is > dailyFraudRate and at
 * least `minTransactions` outcomes are known, else null. Severity is critical at twice the threshold
 * or more. `now` is when the breach was detected: the alert's place in the feed.
 */
export function fraudRateAlert(
  counts: DayCounts,
  params: { dailyFraudRate: number; minTransactions?: number; now?: Date },
): Alert | null {
  checkCounts(counts);
  const base = counts.labelled ?? counts.transactions;
  if (base === 0 || base < (params.minTransactions ?? 1)) return null;
  const rate = counts.frauds / base;
  if (rate <= params.dailyFraudRate) return null;
  const among =
    counts.labelled === undefined
      ? `${counts.transactions} transactions`
      : `${counts.labelled} labelled of ${counts.transactions} transactions`;
  const flagged =
    counts.flagged === undefined
      ? ''
      : `, ${counts.flagged} flagged (${percent(counts.flagged / Math.max(1, counts.transactions))})`;
  return {
    alert_id: fraudRateAlertId(counts.day),
    kind: 'fraud_rate_breach',
    at: (params.now ?? new Date()).toISOString(),
    severity: rate >= 2 * params.dailyFraudRate ? 'critical' : 'warning',
    title:
      `Fraud rate ${percent(rate)} on ${counts.day} is over the ${percent(params.dailyFraudRate)} threshold — ` +
      `${counts.frauds} frauds in ${among}${flagged}`,
    day: counts.day,
    rate,
    threshold: params.dailyFraudRate,
  };
}
