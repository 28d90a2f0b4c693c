// Overturned decisions: where analysts disagree with the model's confidence — legitimate on a high
// score, or fraud on a low one (low for a flagged item: just over the threshold). Counted by score band
// from the review summaries, and by the feature that pushed each such item's score up the most (its
// largest positive φ) from the full items. Pure.
import type { ReviewItem, ReviewSummary } from '@/lib/store';

/** A legitimate decision at or above this score overturns the model. */
export const HIGH_SCORE = 0.5;
/** A fraud decision below this score is one the model nearly missed. */
export const LOW_SCORE = 0.1;

export const SCORE_BANDS: readonly { label: string; min: number; max: number }[] = [
  { label: 'below 10%', min: 0, max: 0.1 },
  { label: '10–25%', min: 0.1, max: 0.25 },
  { label: '25–50%', min: 0.25, max: 0.5 },
  { label: '50–75%', min: 0.5, max: 0.75 },
  { label: '75% and above', min: 0.75, max: Number.POSITIVE_INFINITY },
];

export type OverturnKind = 'legitimate_high' | 'fraud_low';

export function overturnKind(item: Pick<ReviewSummary, 'status' | 'score'>): OverturnKind | null {
  if (item.status === 'legitimate' && item.score >= HIGH_SCORE) return 'legitimate_high';
  if (item.status === 'fraud' && item.score < LOW_SCORE) return 'fraud_low';
  return null;
}

export interface BandRow {
  band: string;
  decided: number;
  fraud: number;
  legitimate: number;
  overturned: number;
  /** overturned / decided; null with no decision in the band. */
  overturnedShare: number | null;
}

export function overturnedByBand(items: readonly Pick<ReviewSummary, 'status' | 'score'>[]): BandRow[] {
  const rows = SCORE_BANDS.map((b) => ({
    band: b.label,
    decided: 0,
    fraud: 0,
    legitimate: 0,
    overturned: 0,
    overturnedShare: null as number | null,
  }));
  for (const item of items) {
    if (item.status !== 'fraud' && item.status !== 'legitimate') continue;
    const i = SCORE_BANDS.findIndex((b) => item.score >= b.min && item.score < b.max);
    const row = rows[i < 0 ? 0 : i]!;
    row.decided++;
    if (item.status === 'fraud') row.fraud++;
    else row.legitimate++;
    if (overturnKind(item)) row.overturned++;
  }
  for (const r of rows) r.overturnedShare = r.decided > 0 ? r.overturned / r.decided : null;
  return rows;
}

export interface FeatureRow {
  feature: string;
  legitimateHigh: number;
  fraudLow: number;
  total: number;
}

/** Overturned items by the feature with the largest positive contribution, most first. */
export function overturnedByFeature(
  items: readonly ReviewItem[],
  namesFor: (item: ReviewItem) => readonly string[] | null,
): FeatureRow[] {
  const rows = new Map<string, FeatureRow>();
  for (const item of items) {
    const kind = overturnKind(item);
    const names = namesFor(item);
    if (!kind || !names) continue;
    let top = -1;
    item.attributions.phi.forEach((phi, k) => {
      if (phi > 0 && (top < 0 || phi > item.attributions.phi[top]!)) top = k;
    });
    const feature = top < 0 ? '(no positive contribution)' : (names[top] ?? `input ${top}`);
    let row = rows.get(feature);
    if (!row) {
      row = { feature, legitimateHigh: 0, fraudLow: 0, total: 0 };
      rows.set(feature, row);
    }
    if (kind === 'legitimate_high') row.legitimateHigh++;
    else row.fraudLow++;
    row.total++;
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || (a.feature < b.feature ? -1 : 1));
}
