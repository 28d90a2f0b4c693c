// Serves the fraud model in-process: one onnxruntime-node session per model directory, created lazily
// and reused; single and batch scoring on float32 vectors in manifest order; exact TreeSHAP over the
// same trees. The sigmoid is applied here rather than in ONNX because ORT's binary-classifier
// post-transforms have known bugs; the graph only returns the raw margin.
import * as ort from 'onnxruntime-node';
import { compileForest, forestMargin, type Forest } from './forest';
import { defaultModelDir, readModelFiles, type Manifest } from './manifest';
import { FastTreeShap, MAX_TABLE_FEATURES } from './fast-treeshap';
import { TreeShap, type ShapValues } from './treeshap';

/** Features by name (extra names are ignored), or a vector in manifest order; null or NaN = missing. */
export type FeatureInput = Readonly<Record<string, number | null>> | ArrayLike<number | null>;

export interface Score {
  probability: number;
  /** Log-odds, the ONNX output. */
  margin: number;
  /** probability >= the manifest's threshold. */
  flagged: boolean;
  modelVersion: string;
}

export interface Attribution {
  feature: string;
  /** The input value; null when missing. */
  value: number | null;
  /** SHAP value in log-odds units. */
  phi: number;
}

export interface Explanation {
  /** Expected margin; bias + sum of phi = margin. */
  bias: number;
  /** Margin reconstructed by TreeSHAP (equals the ONNX margin to float32 rounding). */
  margin: number;
  attributions: Attribution[];
}

export class FeatureVectorError extends Error {}

const INPUT = 'features';
const OUTPUT = 'margin';
/** Rows per ORT call: bounds the input tensor for very large batches. */
const CHUNK_ROWS = 65_536;
/** Tolerated margin gap between ORT and the manifest trees at load (float32 sums in another order). */
const LOAD_CHECK_TOLERANCE = 1e-3;

const MISSING = Symbol('missing');

export const sigmoid = (margin: number): number => 1 / (1 + Math.exp(-margin));

export class FraudModel {
  readonly features: readonly string[];
  readonly version: string;
  readonly threshold: number;
  private readonly index: ReadonlyMap<string, number>;
  private readonly shap: { explain(x: Float32Array, out: Float64Array): ShapValues };
  private readonly phi: Float64Array;

  private constructor(
    readonly manifest: Manifest,
    private readonly session: ort.InferenceSession,
    private readonly forest: Forest,
  ) {
    this.features = manifest.features;
    this.version = manifest.modelVersion;
    this.threshold = manifest.threshold.value;
    this.index = new Map(manifest.features.map((name, i) => [name, i]));
    // Tabulated TreeSHAP when its tables fit (always at depth <= 12); Algorithm 2 otherwise: same values.
    this.shap = forest.maxDepth <= MAX_TABLE_FEATURES ? new FastTreeShap(forest) : new TreeShap(forest);
    this.phi = new Float64Array(forest.nFeatures);
  }

  /** Loads and cross-checks a model directory. Prefer `getModel()`, which reuses one instance. */
  static async load(dir: string = defaultModelDir()): Promise<FraudModel> {
    const { manifest, onnx } = await readModelFiles(dir);
    if (new Set(manifest.features).size !== manifest.features.length) throw new Error(`${dir}: duplicate feature names in the manifest`);
    const forest = compileForest(manifest.trees, manifest.features.length, manifest.baseMargin);
    const session = await ort.InferenceSession.create(onnx, {
      // One thread per call: requests run side by side, and a single row gains nothing from more.
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    if (!session.inputNames.includes(INPUT) || !session.outputNames.includes(OUTPUT)) {
      throw new Error(`${dir}: the ONNX graph must take "${INPUT}" and return "${OUTPUT}"`);
    }
    const model = new FraudModel(manifest, session, forest);
    await model.checkTreesMatchOnnx();
    return model;
  }

  /** Validates one input against the manifest and returns it as float32 in manifest order. */
  vector(input: FeatureInput, out: Float32Array = new Float32Array(this.features.length)): Float32Array {
    const n = this.features.length;
    // Tight loops first (batch scoring runs this per row); on any bad value, describe every problem.
    if (isVector(input)) {
      if (input.length !== n) throw new FeatureVectorError(`expected ${n} features (${this.manifest.featureSet}), got ${input.length}`);
      for (let i = 0; i < n; i++) {
        const v = input[i];
        if (v === null) out[i] = Number.NaN;
        else if (typeof v === 'number' && v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY) out[i] = v;
        else this.reject(this.features.map((name, j) => [name, input[j]] as const));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const name = this.features[i]!;
        const v = input[name];
        if (v === null) out[i] = Number.NaN;
        else if (typeof v === 'number' && v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY) out[i] = v;
        else this.reject(this.features.map((f) => [f, Object.hasOwn(input, f) ? input[f] : MISSING] as const));
      }
    }
    return out;
  }

  /** Raw margins of `n` rows packed row-major in manifest order (no validation: callers built them). */
  async margins(rows: Float32Array): Promise<Float32Array> {
    const width = this.features.length;
    if (rows.length % width !== 0) throw new FeatureVectorError(`batch length ${rows.length} is not a multiple of ${width} features`);
    const n = rows.length / width;
    if (n <= CHUNK_ROWS) return this.run(rows, n);
    const out = new Float32Array(n);
    for (let r = 0; r < n; r += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, n - r);
      out.set(await this.run(rows.subarray(r * width, (r + m) * width), m), r);
    }
    return out;
  }

  async scoreBatch(inputs: readonly FeatureInput[]): Promise<Score[]> {
    const width = this.features.length;
    const rows = new Float32Array(inputs.length * width);
    inputs.forEach((input, i) => this.vector(input, rows.subarray(i * width, (i + 1) * width)));
    const margins = await this.margins(rows);
    return Array.from(margins, (m) => this.toScore(m));
  }

  async score(input: FeatureInput): Promise<Score> {
    const [margin] = await this.run(this.vector(input), 1);
    return this.toScore(margin!);
  }

  /** Exact TreeSHAP attributions for one input (synchronous, no ORT call). */
  explain(input: FeatureInput): Explanation {
    return this.explainVector(this.vector(input));
  }

  /** Score (ONNX) and attributions (TreeSHAP) of one input, validated once. */
  async scoreAndExplain(input: FeatureInput): Promise<Score & { explanation: Explanation }> {
    const x = this.vector(input);
    const explanation = this.explainVector(x);
    const [margin] = await this.run(x, 1);
    return { ...this.toScore(margin!), explanation };
  }

  /** Low-level SHAP on an already-validated vector; `out` is overwritten. Returns the bias. */
  shapInto(x: Float32Array, out: Float64Array): number {
    return this.shap.explain(x, out).bias;
  }

  private reject(values: readonly (readonly [string, unknown])[]): never {
    const problems = values.flatMap(([name, v]) =>
      v === MISSING
        ? [`${name} is missing`]
        : v === null || (typeof v === 'number' && !Number.isNaN(v) && Number.isFinite(v)) || Number.isNaN(v)
          ? []
          : [`${name} is ${typeof v === 'number' ? v : typeof v}, expected a finite number or null`],
    );
    throw new FeatureVectorError(
      `feature vector does not fit model ${this.version}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`,
    );
  }

  private explainVector(x: Float32Array): Explanation {
    const { bias, phi } = this.shap.explain(x, this.phi);
    let margin = bias;
    const attributions = this.features.map((feature, i) => {
      margin += phi[i]!;
      return { feature, value: Number.isNaN(x[i]!) ? null : x[i]!, phi: phi[i]! };
    });
    return { bias, margin, attributions };
  }

  private toScore(margin: number): Score {
    const probability = sigmoid(margin);
    return { probability, margin, flagged: probability >= this.threshold, modelVersion: this.version };
  }

  private async run(rows: Float32Array, n: number): Promise<Float32Array> {
    const tensor = new ort.Tensor('float32', rows, [n, this.features.length]);
    const result = await this.session.run({ [INPUT]: tensor });
    const out = result[OUTPUT];
    if (!out || !(out.data instanceof Float32Array) || out.data.length !== n) throw new Error('ONNX session returned an unexpected output');
    return out.data;
  }

  // The hash ties the ONNX file to the manifest; this ties the manifest's trees (used by TreeSHAP) to
  // the ONNX graph, by scoring probe rows that sit on both sides of real thresholds and NaN.
  private async checkTreesMatchOnnx(): Promise<void> {
    const rows = probeRows(this.forest, 32);
    const onnx = await this.run(rows, 32);
    const width = this.features.length;
    for (let r = 0; r < 32; r++) {
      const own = forestMargin(this.forest, rows.subarray(r * width, (r + 1) * width));
      if (Math.abs(own - onnx[r]!) > LOAD_CHECK_TOLERANCE) {
        throw new Error(`model ${this.version}: manifest trees give margin ${own}, ONNX gives ${onnx[r]}; the files do not describe the same model`);
      }
    }
  }
}

function isVector(input: FeatureInput): input is ArrayLike<number | null> {
  return Array.isArray(input) || ArrayBuffer.isView(input);
}

/** Deterministic rows built from the forest's own thresholds, just below or at them, some missing. */
function probeRows(f: Forest, n: number): Float32Array {
  const byFeature: number[][] = Array.from({ length: f.nFeatures }, () => []);
  for (let i = 0; i < f.left.length; i++) if (f.left[i] !== -1) byFeature[f.feature[i]!]!.push(f.threshold[i]!);
  const rows = new Float32Array(n * f.nFeatures);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < f.nFeatures; j++) {
      const thresholds = byFeature[j]!;
      const t = thresholds.length ? thresholds[(r * 7 + j * 3) % thresholds.length]! : 0;
      const below = t - Math.max(Math.abs(t) * 1e-3, 1e-3);
      rows[r * f.nFeatures + j] = (r + j) % 11 === 0 ? Number.NaN : r % 2 === 0 ? t : below;
    }
  }
  return rows;
}

const models = new Map<string, Promise<FraudModel>>();

/** The shared model for a directory (default: FRAUD_MODEL_DIR or ./model), loaded once on first use. */
export function getModel(dir: string = defaultModelDir()): Promise<FraudModel> {
  let model = models.get(dir);
  if (!model) {
    model = FraudModel.load(dir);
    models.set(dir, model);
    // A failed load (missing file, bad manifest) is not cached, so fixing the files and retrying works.
    model.catch(() => models.delete(dir));
  }
  return model;
}
