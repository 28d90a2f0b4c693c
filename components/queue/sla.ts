// How long a flagged item has waited for a decision, and whether that is within the team's service
// level: the band decides the colour the queue shows, the text is what the analyst reads.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Waiting time at which an item turns amber (`warning`) and red (`breach`). */
export const SLA_THRESHOLDS = {
  warningAfterMs: 4 * HOUR_MS,
  breachAfterMs: 24 * HOUR_MS,
} as const;

export type SlaThresholds = { warningAfterMs: number; breachAfterMs: number };
export type SlaBand = 'normal' | 'warning' | 'breach';

export const SLA_BAND_LABELS: Record<SlaBand, string> = {
  normal: 'Within SLA',
  warning: 'Approaching SLA',
  breach: 'SLA breached',
};

/** The band for an item flagged `ageMs` ago; a threshold belongs to the band it starts. */
export function slaBand(ageMs: number, thresholds: SlaThresholds = SLA_THRESHOLDS): SlaBand {
  if (ageMs >= thresholds.breachAfterMs) return 'breach';
  if (ageMs >= thresholds.warningAfterMs) return 'warning';
  return 'normal';
}

/** Milliseconds from `flaggedAt` (ISO) to `now`; never negative (a clock ahead of ours is "just now"). */
export function slaAgeMs(flaggedAt: string, now: Date): number {
  return Math.max(0, now.getTime() - Date.parse(flaggedAt));
}

/** `42 s` is too precise for triage: `< 1 min`, `45 min`, `3 h 05 min`, `2 d 4 h`. */
export function formatAge(ageMs: number): string {
  if (ageMs < MINUTE_MS) return '< 1 min';
  if (ageMs < HOUR_MS) return `${Math.floor(ageMs / MINUTE_MS)} min`;
  if (ageMs < DAY_MS) {
    const h = Math.floor(ageMs / HOUR_MS);
    const m = Math.floor((ageMs % HOUR_MS) / MINUTE_MS);
    return `${h} h ${String(m).padStart(2, '0')} min`;
  }
  const d = Math.floor(ageMs / DAY_MS);
  const h = Math.floor((ageMs % DAY_MS) / HOUR_MS);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
