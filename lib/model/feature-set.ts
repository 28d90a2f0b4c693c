// Which feature set a model reads, and where each of its inputs sits in that set's vector: the link
// between the served model and the one feature definition, for every caller that scores.
import { FEATURE_SETS, isFeatureSetName, type FeatureSetName } from '@/lib/features';

import type { FraudModel } from './scorer';

/**
 * The model's feature set, and where each model input sits in that set's vector. The manifest's
 * features must all be in the set (usually in the same order); a set that has grown since the model was
 * trained is projected onto the model's inputs, and the lake keeps the whole vector.
 */
export function modelFeatureSet(model: FraudModel): {
  set: FeatureSetName;
  projection: readonly number[] | null;
} {
  const set = model.manifest.featureSet;
  if (!isFeatureSetName(set)) throw new Error(`model ${model.version} uses unknown feature set "${set}"`);
  const names: readonly string[] = FEATURE_SETS[set];
  const projection = model.features.map((f) => names.indexOf(f));
  const missing = model.features.filter((_, k) => projection[k] === -1);
  if (missing.length > 0) {
    throw new Error(
      `model ${model.version} needs feature${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which feature set "${set}" does not compute; retrain the model`,
    );
  }
  const identity = projection.length === names.length && projection.every((j, k) => j === k);
  return { set, projection: identity ? null : projection };
}

/** The model's input vector from a vector of its feature set (the projection, when there is one). */
export function modelInput(vector: readonly number[], projection: readonly number[] | null): readonly number[] {
  return projection ? projection.map((j) => vector[j]!) : vector;
}
