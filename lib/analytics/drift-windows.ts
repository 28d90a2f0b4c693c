// Which two windows of the lake drift compares: the last week with data against a reference — the
// model's training window (from its manifest) when the lake holds all of it, otherwise the lake's
// earliest days. Pure, so the page can say exactly which reference it used and why.
import type { DayRange } from './queries';

export interface DriftWindowChoice {
  reference: DayRange;
  recent: DayRange;
  /** `training`: the manifest's training window. `earliest`: the lake's first days with data. */
  referenceSource: 'training' | 'earliest';
  /** Days with data in each window. */
  referenceDays: number;
  recentDays: number;
}

export interface DriftWindowOptions {
  /** Days with data in the recent window (default 7). */
  recentDays?: number;
  /** Days with data in the fallback reference window (default 14). */
  referenceDays?: number;
  /** Fewest days a fallback reference may have before drift is not worth measuring (default 3). */
  minReferenceDays?: number;
}

/**
 * The windows for `days` (the lake's days with data, oldest first), or null when the lake is too short
 * to hold a recent window and a separate reference.
 */
export function chooseDriftWindows(
  days: readonly string[],
  training: DayRange | null,
  options: DriftWindowOptions = {},
): DriftWindowChoice | null {
  const recentCount = Math.max(1, options.recentDays ?? 7);
  const referenceCount = Math.max(1, options.referenceDays ?? 14);
  const minReference = Math.max(1, options.minReferenceDays ?? 3);
  const sorted = [...new Set(days)].sort();
  if (sorted.length < recentCount + minReference) return null;
  const recentDays = sorted.slice(-recentCount);
  const recent = { from: recentDays[0]!, to: recentDays[recentDays.length - 1]! };
  const before = sorted.filter((d) => d < recent.from);

  if (training && training.from <= training.to) {
    const inside = before.filter((d) => d >= training.from && d <= training.to);
    // Covered: the lake starts on or before the window and has data in it, all before the recent week.
    if (sorted[0]! <= training.from && training.to < recent.from && inside.length > 0)
      return {
        reference: training,
        recent,
        referenceSource: 'training',
        referenceDays: inside.length,
        recentDays: recentDays.length,
      };
  }
  const reference = before.slice(0, referenceCount);
  return {
    reference: { from: reference[0]!, to: reference[reference.length - 1]! },
    recent,
    referenceSource: 'earliest',
    referenceDays: reference.length,
    recentDays: recentDays.length,
  };
}
