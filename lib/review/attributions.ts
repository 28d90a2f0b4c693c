// Shapes a scored vector's exact TreeSHAP attributions for display: one row per model input with its
// value in words, ordered by how hard it pushes, and the waterfall from the bias (the model's average
// log-odds) through the biggest pushes to the final margin. Pure, so the page and the rescoring
// result share it.
import { FEATURE_SETS } from '@/lib/features/definitions';
import type { Formats } from '@/lib/format/formats';
import type { FraudModel } from '@/lib/model/scorer';
import type { ReviewItem } from '@/lib/store/schema';

import { describeFeature, featureValues, type PhraseContext } from './feature-phrases';

export interface AttributionRow {
  feature: string;
  value: number | null;
  /** Contribution in log-odds: positive raises the score, negative lowers it. */
  phi: number;
  phrase: string;
}

export interface WaterfallStep {
  /** A feature name, or `others` for the features folded into one step. */
  key: string;
  label: string;
  /** The code name(s) behind the step, for analysts who know the model. */
  detail: string;
  phi: number;
  /** Running margin before and after this step. */
  from: number;
  to: number;
}

export interface Waterfall {
  bias: number;
  margin: number;
  steps: WaterfallStep[];
}

/**
 * The names of a stored item's model inputs. The item's vector is in its model's manifest order: the
 * served model's names when it is the same model; otherwise the item's feature set when the sizes agree
 * (models are trained on whole sets), else null (an older model with an unknown input order).
 */
export function featureNamesFor(
  item: Pick<ReviewItem, 'model_version' | 'feature_set' | 'features'>,
  model: Pick<FraudModel, 'version' | 'features'>,
): readonly string[] | null {
  if (item.model_version === model.version && model.features.length === item.features.length)
    return model.features;
  const set: readonly string[] = FEATURE_SETS[item.feature_set];
  return set.length === item.features.length ? set : null;
}

/** Rows for every input, biggest absolute contribution first. */
export function attributionRows(
  names: readonly string[],
  values: readonly (number | null)[],
  phi: readonly number[],
  formats: Formats,
  tx?: PhraseContext['tx'],
): AttributionRow[] {
  const ctx: PhraseContext = { features: featureValues(names, values), formats, ...(tx ? { tx } : {}) };
  return names
    .map((feature, i) => {
      const value = values[i] ?? null;
      return { feature, value, phi: phi[i] ?? 0, phrase: describeFeature(feature, value, ctx) };
    })
    .sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi) || a.feature.localeCompare(b.feature));
}

/** The `top` biggest pushes as steps and the rest folded into one, from bias to margin. */
export function waterfall(bias: number, rows: readonly AttributionRow[], top = 10): Waterfall {
  const sorted = [...rows].sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi));
  const shown = sorted.slice(0, top).filter((r) => r.phi !== 0);
  const rest = sorted.filter((r) => !shown.includes(r));
  const steps: WaterfallStep[] = [];
  let running = bias;
  for (const row of shown) {
    steps.push({
      key: row.feature,
      label: row.phrase,
      detail: row.feature,
      phi: row.phi,
      from: running,
      to: running + row.phi,
    });
    running += row.phi;
  }
  const restPhi = rest.reduce((sum, r) => sum + r.phi, 0);
  if (rest.length > 0) {
    steps.push({
      key: 'others',
      label: `${rest.length} other feature${rest.length === 1 ? '' : 's'} together`,
      detail: rest.map((r) => r.feature).join(', '),
      phi: restPhi,
      from: running,
      to: running + restPhi,
    });
    running += restPhi;
  }
  return { bias, margin: running, steps };
}

/** Log-odds of a probability (the threshold on the margin's scale). */
export const logit = (p: number): number => Math.log(p / (1 - p));
