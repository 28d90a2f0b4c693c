// Turns the lake's per-day rows (days with data only) into a continuous daily series for charts, so a
// day the lake has no partition for shows as zero volume and a gap in the rate instead of vanishing.
import type { SummaryDay } from '@/lib/analytics/lake-summary';

const DAY_MS = 86_400_000;

export function continuousDays(daily: SummaryDay[]): SummaryDay[] {
  const first = daily[0];
  const last = daily[daily.length - 1];
  if (!first || !last) return [];
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const series: SummaryDay[] = [];
  for (let t = Date.parse(`${first.day}T00:00:00Z`); t <= Date.parse(`${last.day}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    series.push(byDay.get(day) ?? { day, transactions: 0, frauds: 0, labelled: 0, fraudRate: null });
  }
  return series;
}
