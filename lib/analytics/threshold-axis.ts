// The thresholds the what-if is drawn and tabulated at: the √-spaced grid of what-if.ts with the live
// threshold inserted exactly (so the curves pass through it and it can be marked), and a short list of
// round thresholds for the table. Labels carry three significant digits so no two points share one.
import { defaultThresholds } from './what-if';

/** `0.0361` → `3.61%`, `0.0001` → `0.0100%`. */
export const thresholdLabel = (t: number): string => `${Number((t * 100).toPrecision(3))}%`;

/**
 * The chart's grid: from 0.1 % up (below that nearly every transaction alerts, which would flatten the
 * region where thresholds are actually set).
 */
export const chartGrid = (): number[] => defaultThresholds().filter((t) => t >= 0.001);

/** Sorted, distinct by label, with `live` kept where a grid point would share its label. */
export function chartThresholds(live: number, grid: readonly number[] = chartGrid()): number[] {
  const liveLabel = thresholdLabel(live);
  const byLabel = new Map<string, number>();
  for (const t of grid) if (thresholdLabel(t) !== liveLabel) byLabel.set(thresholdLabel(t), t);
  byLabel.set(liveLabel, live);
  return [...byLabel.values()].sort((a, b) => a - b);
}

const ROUND = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

/** Round thresholds plus the live one, for the table; returns the live one's index too. */
export function tableThresholds(live: number): { thresholds: number[]; liveIndex: number } {
  const thresholds = [...new Set([...ROUND.filter((t) => Math.abs(t - live) > 1e-9), live])].sort(
    (a, b) => a - b,
  );
  return { thresholds, liveIndex: thresholds.indexOf(live) };
}
