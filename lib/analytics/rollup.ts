// The dashboard's lake figures in ONE scan: per day, the daily metrics and the totals per value of each
// breakdown dimension, through GROUPING SETS ((dt), (dt, fraud_scenario), (dt, channel), …) in the
// portable subset. Reading the Parquet columns once instead of once per query is what makes the page
// affordable at 10M rows (bench/dashboard.bench.ts), and per-day results let a cache keep days
// (rollup-cache.ts), so a range moved by a day costs a one-day scan. `dailyMetrics` and `breakdown`
// (queries.ts) give the same numbers one query at a time; rollup.test.ts holds the two to each other.
import {
  BREAKDOWN_DIMENSIONS,
  inRange,
  num,
  type BreakdownDimension,
  type BreakdownRow,
  type DailyMetrics,
  type DayRange,
} from './queries';
import { identifier, numberLiteral } from './sql';
import type { AnalyticsEngine, RunOptions } from './types';

export interface DayRollup {
  metrics: DailyMetrics;
  /** Per dimension, totals per value ('(none)' for NULL), unordered. */
  groups: Record<BreakdownDimension, BreakdownRow[]>;
}

const emptyGroups = (): Record<BreakdownDimension, BreakdownRow[]> => ({
  fraud_scenario: [],
  channel: [],
  merchant_country: [],
  card_country: [],
  mcc: [],
});

/** Per-day rollups of a range for the dimensions asked, oldest day first; days without data are absent. */
export async function dayRollups(
  engine: AnalyticsEngine,
  params: DayRange & { threshold: number; dimensions: readonly BreakdownDimension[] },
  options?: RunOptions,
): Promise<Map<string, DayRollup>> {
  const t = numberLiteral(params.threshold);
  const dims = [...new Set(params.dimensions.map((d) => identifier(d, BREAKDOWN_DIMENSIONS)))];
  // Keys are made non-NULL below, so a NULL in a key column means "not this grouping set".
  const keys = dims.map((d) => `COALESCE(CAST(${d} AS VARCHAR), '(none)') AS ${d}`);
  const sets = ['(dt)', ...dims.map((d) => `(dt, ${d})`)].join(', ');
  const { rows } = await engine.run(
    `SELECT
       CAST(dt AS VARCHAR) AS day,
       ${dims.map((d) => `${d},`).join(' ')}
       CAST(count(*) AS BIGINT) AS transactions,
       CAST(COALESCE(sum(amount), 0) AS DOUBLE) AS amount,
       CAST(count_if(score >= ${t}) AS BIGINT) AS flagged,
       CAST(count(is_fraud) AS BIGINT) AS labelled,
       CAST(count_if(is_fraud) AS BIGINT) AS frauds,
       CAST(COALESCE(sum(CASE WHEN is_fraud THEN amount ELSE 0 END), 0) AS DOUBLE) AS fraud_amount,
       CAST(count_if(is_fraud AND score >= ${t}) AS BIGINT) AS flagged_frauds
     FROM (
       SELECT dt, ${keys.map((k) => `${k}, `).join('')}amount, score, is_fraud
       FROM ${engine.dialect.transactions}
       WHERE ${inRange(params)}
     ) s
     GROUP BY GROUPING SETS (${sets})
     ORDER BY day`,
    options,
  );
  const out = new Map<string, DayRollup>();
  const dayOf = (day: string): DayRollup => {
    let d = out.get(day);
    if (!d) {
      d = {
        metrics: {
          day,
          transactions: 0,
          amount: 0,
          flagged: 0,
          labelled: 0,
          frauds: 0,
          fraudAmount: 0,
          flaggedFrauds: 0,
        },
        groups: emptyGroups(),
      };
      out.set(day, d);
    }
    return d;
  };
  for (const r of rows) {
    const day = dayOf(String(r.day));
    const dim = dims.find((d) => r[d] !== null && r[d] !== undefined);
    if (dim === undefined) {
      day.metrics = {
        day: day.metrics.day,
        transactions: num(r.transactions),
        amount: num(r.amount),
        flagged: num(r.flagged),
        labelled: num(r.labelled),
        frauds: num(r.frauds),
        fraudAmount: num(r.fraud_amount),
        flaggedFrauds: num(r.flagged_frauds),
      };
    } else {
      day.groups[dim].push({
        key: String(r[dim]),
        transactions: num(r.transactions),
        amount: num(r.amount),
        flagged: num(r.flagged),
        frauds: num(r.frauds),
        fraudAmount: num(r.fraud_amount),
      });
    }
  }
  return out;
}

/** A range's totals per value of one dimension, ordered like `breakdown` (most frauds first), top `limit`. */
export function mergeBreakdown(
  days: readonly DayRollup[],
  by: BreakdownDimension,
  limit = 12,
): BreakdownRow[] {
  const totals = new Map<string, BreakdownRow>();
  for (const d of days)
    for (const g of d.groups[by]) {
      const t = totals.get(g.key);
      if (!t) totals.set(g.key, { ...g });
      else {
        t.transactions += g.transactions;
        t.amount += g.amount;
        t.flagged += g.flagged;
        t.frauds += g.frauds;
        t.fraudAmount += g.fraudAmount;
      }
    }
  return [...totals.values()]
    .sort(
      (a, b) =>
        b.frauds - a.frauds ||
        b.transactions - a.transactions ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .slice(0, Math.max(1, limit));
}
