// What the simulated demo analyst decides about one flagged transaction, and when: the outcome from
// the simulator's fraud label with a realistic error rate, a reason code that fits the outcome (and the
// fraud scenario), and claim/decision times minutes to hours after flagging, within working hours.
// Pure and deterministic: the same item and seed always give the same decision, whatever the order
// or concurrency in which items are processed (each item draws from its own seeded stream).
import type { ReasonCode } from '@/lib/review/reasons';
import type { Transaction } from '@/lib/schema/transaction';
import { Categorical, Rng } from '@/lib/simulator/random';
import type { Outcome } from '@/lib/store/schema';

/** The actor on every simulated claim and decision: plainly not a person. */
export const DEMO_ANALYST = 'demo-analyst (simulated)';

export interface DemoRates {
  /** Share of frauds called legitimate (of those not escalated). */
  missRate: number;
  /** Share of legitimate transactions called fraud (of those not escalated). */
  falseAlarmRate: number;
  /** Share of items escalated instead of decided, whatever the label. */
  escalateRate: number;
}

/** In the range fraud teams report: a few percent wrong either way, some escalated. */
export const DEMO_RATES: DemoRates = { missRate: 0.03, falseAlarmRate: 0.02, escalateRate: 0.05 };

export interface DemoDecision {
  outcome: Outcome;
  reason: ReasonCode;
  /** Whether the outcome matches the label; null for an escalation. */
  correct: boolean | null;
  claimAt: Date;
  decideAt: Date;
}

export interface DemoItem {
  transactionId: string;
  tx: Pick<Transaction, 'is_fraud' | 'fraud_scenario' | 'amount' | 'channel'>;
  flaggedAt: Date | string;
}

/** The reason an analyst would give for each simulator scenario once they see the card's history. */
const SCENARIO_REASON: Record<string, ReasonCode<'fraud'>> = {
  compromised_terminal: 'merchant_compromise',
  skimmed_card: 'counterfeit',
  card_testing: 'card_not_present',
  account_takeover: 'account_takeover',
  compromised_card: 'card_not_present',
  lost_stolen_card: 'stolen_card',
  amount_over_220: 'card_not_present',
};

function weighted<C extends string>(choices: readonly (readonly [C, number])[]): (rng: Rng) => C {
  const dist = new Categorical(choices.map(([, w]) => w));
  return (rng) => choices[dist.sample(rng)]![0];
}

const fraudGuess = weighted<ReasonCode<'fraud'>>([
  ['card_not_present', 0.4],
  ['stolen_card', 0.2],
  ['account_takeover', 0.2],
  ['counterfeit', 0.1],
  ['merchant_compromise', 0.1],
]);
const legitimateReason = weighted<ReasonCode<'legitimate'>>([
  ['customer_confirmed', 0.5],
  ['known_pattern', 0.3],
  ['false_positive_model', 0.2],
]);
// A missed fraud looked normal, or the customer (wrongly) vouched for it.
const missedReason = weighted<ReasonCode<'legitimate'>>([
  ['customer_confirmed', 0.6],
  ['known_pattern', 0.4],
]);
const escalateReason = weighted<ReasonCode<'escalate'>>([
  ['needs_more_info', 0.65],
  ['policy_review', 0.35],
]);

/** Amount at which an escalation is most often for value. */
const HIGH_VALUE = 500;
const MIN = 60_000;
const HOUR = 60 * MIN;
/** The team works 07:00–22:00 UTC; items flagged at night wait for the morning shift. */
const SHIFT = { startHour: 7, endHour: 22 } as const;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function intoShift(t: number, rng: Rng): number {
  const d = new Date(t);
  const hour = d.getUTCHours();
  if (hour >= SHIFT.startHour && hour < SHIFT.endHour) return t;
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const start = day + SHIFT.startHour * HOUR + (hour >= SHIFT.endHour ? 24 * HOUR : 0);
  // The morning backlog is worked through over the first hour and a half.
  return start + rng.uniform(0, 90 * MIN);
}

/** The demo analyst's decision for one item, or null when the data carries no label to draw from. */
export function demoDecision(
  item: DemoItem,
  seed: number,
  rates: DemoRates = DEMO_RATES,
): DemoDecision | null {
  const isFraud = item.tx.is_fraud;
  if (isFraud === undefined) return null;
  const rng = new Rng(seed, `demo-analyst:${item.transactionId}`);

  const u = rng.float();
  let outcome: Outcome;
  let reason: ReasonCode;
  let correct: boolean | null;
  if (u < rates.escalateRate) {
    outcome = 'escalate';
    correct = null;
    reason = item.tx.amount >= HIGH_VALUE && rng.chance(0.7) ? 'high_value' : escalateReason(rng);
  } else {
    // Conditional on not escalating, so the error rates hold among all frauds / all legitimate items.
    const v = (u - rates.escalateRate) / (1 - rates.escalateRate);
    if (isFraud) {
      const missed = v < rates.missRate;
      outcome = missed ? 'legitimate' : 'fraud';
      correct = !missed;
      const known = item.tx.fraud_scenario ? SCENARIO_REASON[item.tx.fraud_scenario] : undefined;
      // Most of the time the history makes the pattern clear; sometimes the analyst reads it otherwise.
      reason = missed ? missedReason(rng) : known && rng.chance(0.85) ? known : fraudGuess(rng);
    } else {
      const alarm = v < rates.falseAlarmRate;
      outcome = alarm ? 'fraud' : 'legitimate';
      correct = !alarm;
      reason = alarm
        ? item.tx.channel === 'ecommerce'
          ? 'card_not_present'
          : fraudGuess(rng)
        : legitimateReason(rng);
    }
  }

  // Queue wait: median 40 min, long tail to hours; handling: median 6 min, escalations longer.
  const flagged = new Date(item.flaggedAt).getTime();
  const wait = clamp(rng.lognormal(40 * MIN, 1.0), 2 * MIN, 8 * HOUR);
  const claimAt = intoShift(flagged + wait, rng);
  const handle = clamp(rng.lognormal(6 * MIN, 0.7), 1 * MIN, 60 * MIN) * (outcome === 'escalate' ? 1.5 : 1);
  return {
    outcome,
    reason,
    correct,
    claimAt: new Date(Math.round(claimAt)),
    decideAt: new Date(Math.round(claimAt + handle)),
  };
}
