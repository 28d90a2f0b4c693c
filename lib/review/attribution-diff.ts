// Compares the stored attributions of a review item with those of its rescored (edited) version,
// feature by feature: old and new value in words, old and new contribution, biggest change first.
// Pure; the rescoring action builds it and the client renders it.
import type { Formats } from '@/lib/format/formats';

import { describeFeature, featureValues, type PhraseContext } from './feature-phrases';

export interface ScoredVector {
  values: readonly (number | null)[];
  phi: readonly number[];
  tx?: PhraseContext['tx'];
}

export interface AttributionChange {
  feature: string;
  oldValue: number | null;
  newValue: number | null;
  oldPhrase: string;
  newPhrase: string;
  oldPhi: number;
  newPhi: number;
  /** newPhi − oldPhi, in log-odds. */
  delta: number;
  /** The feature's value itself changed (not only its contribution, which depends on the others). */
  valueChanged: boolean;
}

/** Every feature of both vectors (same names, same order), largest |delta| first. */
export function attributionDiff(
  names: readonly string[],
  before: ScoredVector,
  after: ScoredVector,
  formats: Formats,
): AttributionChange[] {
  const oldCtx: PhraseContext = {
    features: featureValues(names, before.values),
    formats,
    ...(before.tx ? { tx: before.tx } : {}),
  };
  const newCtx: PhraseContext = {
    features: featureValues(names, after.values),
    formats,
    ...(after.tx ? { tx: after.tx } : {}),
  };
  return names
    .map((feature, i) => {
      const oldValue = before.values[i] ?? null;
      const newValue = after.values[i] ?? null;
      const oldPhi = before.phi[i] ?? 0;
      const newPhi = after.phi[i] ?? 0;
      return {
        feature,
        oldValue,
        newValue,
        oldPhrase: describeFeature(feature, oldValue, oldCtx),
        newPhrase: describeFeature(feature, newValue, newCtx),
        oldPhi,
        newPhi,
        delta: newPhi - oldPhi,
        valueChanged: !sameValue(oldValue, newValue),
      };
    })
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || Math.abs(b.newPhi) - Math.abs(a.newPhi));
}

/** Equal as the model sees them: float32, so a value that only differs past float32 precision is the same. */
function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.fround(a) === Math.fround(b);
}
