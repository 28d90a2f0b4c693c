// What happened to flagged items, from their review state: decided vs open, confirmed fraud, alert
// precision (confirmed / decided), the backlog and how long decisions take — in total and per
// transaction day. Pure: readReviewsInRange brings the items. The dashboard computes the same figures
// from the store's per-day counters instead (outcome-counters.ts, read-outcomes.ts).
import { itemDay, type ReviewSummary } from '@/lib/store';

export interface DailyOutcomes {
  day: string;
  flagged: number;
  /** Decided fraud or legitimate (escalations are still unresolved). */
  decided: number;
  fraud: number;
  legitimate: number;
  /** Open or escalated. */
  pending: number;
  /** fraud / decided; null with no decision that day. */
  precision: number | null;
}

export interface ReviewOutcomeStats {
  flagged: number;
  open: number;
  escalated: number;
  decided: number;
  confirmedFraud: number;
  legitimate: number;
  precision: number | null;
  /** Open + escalated: everything still waiting for a final decision. */
  backlog: number;
  /**
   * Age of the oldest waiting item, in hours; null with no backlog. From items: the oldest of the items
   * given. From the day counters (readReviewOutcomes): the oldest waiting in the whole queue.
   */
  oldestPendingHours: number | null;
  /** Median hours from flagged to the final decision, over decided items; null without any. */
  medianHoursToDecision: number | null;
  daily: DailyOutcomes[];
}

const HOUR_MS = 3_600_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function reviewOutcomeStats(items: readonly ReviewSummary[], now: Date): ReviewOutcomeStats {
  const byDay = new Map<string, DailyOutcomes>();
  const hoursToDecision: number[] = [];
  let open = 0;
  let escalated = 0;
  let fraud = 0;
  let legitimate = 0;
  let oldestPending: number | null = null;
  for (const item of items) {
    const day = itemDay(item);
    let d = byDay.get(day);
    if (!d) {
      d = { day, flagged: 0, decided: 0, fraud: 0, legitimate: 0, pending: 0, precision: null };
      byDay.set(day, d);
    }
    d.flagged++;
    if (item.status === 'fraud' || item.status === 'legitimate') {
      d.decided++;
      if (item.status === 'fraud') {
        d.fraud++;
        fraud++;
      } else {
        d.legitimate++;
        legitimate++;
      }
      if (item.decided_at)
        hoursToDecision.push((Date.parse(item.decided_at) - Date.parse(item.flagged_at)) / HOUR_MS);
    } else {
      d.pending++;
      if (item.status === 'open') open++;
      else escalated++;
      const flagged = Date.parse(item.flagged_at);
      if (oldestPending === null || flagged < oldestPending) oldestPending = flagged;
    }
  }
  const daily = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  for (const d of daily) d.precision = d.decided > 0 ? d.fraud / d.decided : null;
  return outcomeStats(
    { flagged: items.length, open, escalated, fraud, legitimate },
    {
      oldestPendingHours:
        oldestPending === null ? null : Math.max(0, (now.getTime() - oldestPending) / HOUR_MS),
      medianHoursToDecision: median(hoursToDecision),
      daily,
    },
  );
}

/** The stats from status totals and the figures that are not sums; shared by items and day counters. */
export function outcomeStats(
  t: { flagged: number; open: number; escalated: number; fraud: number; legitimate: number },
  rest: Pick<ReviewOutcomeStats, 'oldestPendingHours' | 'medianHoursToDecision' | 'daily'>,
): ReviewOutcomeStats {
  const decided = t.fraud + t.legitimate;
  return {
    flagged: t.flagged,
    open: t.open,
    escalated: t.escalated,
    decided,
    confirmedFraud: t.fraud,
    legitimate: t.legitimate,
    precision: decided > 0 ? t.fraud / decided : null,
    backlog: t.open + t.escalated,
    ...rest,
  };
}

export interface AnalystPrecisionPoint {
  threshold: number;
  /** Decided items scoring at or above the threshold. */
  decided: number;
  /** Confirmed fraud among them / decided; null when none was decided or the threshold is too low. */
  precision: number | null;
}

/**
 * Precision from analyst decisions at each threshold. Only items flagged at or below a threshold say
 * what it would catch, so below the highest threshold any decided item was flagged at, the sample is
 * incomplete and precision is null.
 */
export function analystPrecisionCurve(
  items: readonly Pick<ReviewSummary, 'status' | 'score' | 'threshold'>[],
  thresholds: readonly number[],
): AnalystPrecisionPoint[] {
  const decided = items.filter((i) => i.status === 'fraud' || i.status === 'legitimate');
  const floor = decided.reduce((m, i) => Math.max(m, i.threshold), 0);
  return thresholds.map((threshold) => {
    if (threshold < floor - 1e-12 || decided.length === 0) return { threshold, decided: 0, precision: null };
    let n = 0;
    let f = 0;
    for (const i of decided)
      if (i.score >= threshold) {
        n++;
        if (i.status === 'fraud') f++;
      }
    return { threshold, decided: n, precision: n > 0 ? f / n : null };
  });
}
