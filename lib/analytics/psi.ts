// Population stability index, the usual drift measure: PSI = Σ (recent% − reference%) · ln(recent% /
// reference%) over bins fixed on the reference window. Pure: the queries in drift.ts bring counts.
// Rule of thumb (and the console's): below 0.1 stable, 0.1–0.2 a moderate shift, above 0.2 a shift
// worth acting on.

/** A share below this is treated as this, so an empty bin on one side gives a large, finite PSI. */
export const PSI_FLOOR = 1e-4;
export const PSI_MODERATE = 0.1;
export const PSI_WARNING = 0.2;

export type PsiLevel = 'stable' | 'moderate' | 'shifted';

export const psiLevel = (psi: number): PsiLevel =>
  psi > PSI_WARNING ? 'shifted' : psi > PSI_MODERATE ? 'moderate' : 'stable';

/** PSI from counts per bin in the same bin order; null when either side has no row at all. */
export function psiFromCounts(reference: readonly number[], recent: readonly number[]): number | null {
  if (reference.length !== recent.length) throw new Error('psi: the two windows need the same bins');
  const refTotal = reference.reduce((a, b) => a + b, 0);
  const recTotal = recent.reduce((a, b) => a + b, 0);
  if (refTotal <= 0 || recTotal <= 0) return null;
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    // A bin empty on both sides says nothing about a shift; skipping it keeps PSI exactly 0 for equal data.
    if (reference[i]! === 0 && recent[i]! === 0) continue;
    const e = Math.max(reference[i]! / refTotal, PSI_FLOOR);
    const r = Math.max(recent[i]! / recTotal, PSI_FLOOR);
    psi += (r - e) * Math.log(r / e);
  }
  return psi;
}

/**
 * Bin edges from the reference window's quantiles: sorted, finite and distinct (a feature with few
 * values, e.g. a 0/1 flag, has repeated quantiles; repeats would make empty bins).
 */
export function binEdges(quantiles: readonly (number | null)[]): number[] {
  const finite = quantiles.filter((q): q is number => typeof q === 'number' && Number.isFinite(q));
  return [...new Set(finite)].sort((a, b) => a - b);
}

/**
 * Counts per bin from cumulative counts: `below[k]` rows are < edges[k]; bins are (−∞, e0), [e0, e1),
 * …, [e_last, ∞), then one bin for missing values (NULL/NaN). Cumulative counts let one aggregate per
 * edge replace a CASE per row, which both engines evaluate faster.
 */
export function binCounts(below: readonly number[], present: number, missing: number): number[] {
  const bins: number[] = [];
  let previous = 0;
  for (const b of below) {
    bins.push(Math.max(0, b - previous));
    previous = Math.max(previous, b);
  }
  bins.push(Math.max(0, present - previous), missing);
  return bins;
}
