// Scores a transaction against a review item's stored context exactly as the pipeline did: the one
// feature function (featureVector) over the card's and terminal's history captured before the
// transaction (contextFromSnapshot), projected onto the model's inputs, the ONNX margin through the
// same sigmoid, and exact TreeSHAP over the same trees. An unedited transaction therefore reproduces
// the stored score and attributions; an edited one shows what the model would have said.
import { contextFromSnapshot, featureVector, type ContextSnapshot } from '@/lib/features';
import { modelFeatureSet, modelInput } from '@/lib/model/feature-set';
import { sigmoid, type FraudModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';

export interface ContextScore {
  /** The model's inputs in manifest order (what a review item stores as `features`). */
  features: number[];
  score: number;
  margin: number;
  attributions: { bias: number; phi: number[] };
  modelVersion: string;
  featureNames: readonly string[];
  threshold: number;
}

export async function scoreWithContext(
  model: FraudModel,
  tx: Transaction,
  context: ContextSnapshot,
): Promise<ContextScore> {
  const { set, projection } = modelFeatureSet(model);
  const features = [...modelInput(featureVector(tx, contextFromSnapshot(context), set), projection)];
  // The pipeline scores float32 rows: the same conversion here keeps scores bit-identical.
  const x = model.vector(features);
  const [margin] = await model.margins(x);
  if (margin === undefined) throw new Error('the model returned no margin');
  const phi = new Float64Array(x.length);
  const bias = model.shapInto(x, phi);
  return {
    features,
    score: sigmoid(margin),
    margin,
    attributions: { bias, phi: Array.from(phi) },
    modelVersion: model.version,
    featureNames: model.features,
    threshold: model.threshold,
  };
}
