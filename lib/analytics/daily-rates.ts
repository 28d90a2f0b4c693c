// The dashboard's daily figures: every day of a range (a day without data is zero volume and has no
// rates, so charts show a gap rather than a fake 0 %), with the rates derived from the lake counts,
// and the totals over the range. Pure.
import { daysBetween } from './coverage';
import type { DailyMetrics, DayRange } from './queries';

export interface DailyRates extends DailyMetrics {
  /** flagged / transactions. */
  flaggedRate: number | null;
  /** frauds / labelled. */
  fraudRate: number | null;
  /** flaggedFrauds / frauds: the share of labelled fraud the threshold catches. */
  caughtShare: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function withRates(m: DailyMetrics): DailyRates {
  return {
    ...m,
    flaggedRate: ratio(m.flagged, m.transactions),
    fraudRate: ratio(m.frauds, m.labelled),
    caughtShare: ratio(m.flaggedFrauds, m.frauds),
  };
}

const empty = (day: string): DailyMetrics => ({
  day,
  transactions: 0,
  amount: 0,
  flagged: 0,
  labelled: 0,
  frauds: 0,
  fraudAmount: 0,
  flaggedFrauds: 0,
});

export function dailyRates(metrics: readonly DailyMetrics[], range: DayRange): DailyRates[] {
  const byDay = new Map(metrics.map((m) => [m.day, m]));
  return daysBetween(range).map((day) => withRates(byDay.get(day) ?? empty(day)));
}

export function totalRates(metrics: readonly DailyMetrics[]): DailyRates & { days: number } {
  const total = empty('');
  for (const m of metrics) {
    total.transactions += m.transactions;
    total.amount += m.amount;
    total.flagged += m.flagged;
    total.labelled += m.labelled;
    total.frauds += m.frauds;
    total.fraudAmount += m.fraudAmount;
    total.flaggedFrauds += m.flaggedFrauds;
  }
  return { ...withRates(total), days: metrics.filter((m) => m.transactions > 0).length };
}
