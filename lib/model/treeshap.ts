// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) over the compiled forest,
// written to match XGBoost's `pred_contribs` step for step (tree_model.cc: ExtendPath, UnwindPath,
// UnwoundPathSum, TreeShap): the same hot/cold routing, covers as the background distribution, and
// the bias as base margin + each tree's cover-weighted mean, so that bias + sum(phi) = margin.
// All path state lives in preallocated typed arrays; one explanation allocates nothing but `phi`.
import { type Forest } from './forest';

export interface ShapValues {
  /** Expected margin with no feature known (same for every row). */
  bias: number;
  /** One attribution per feature, in manifest order, in margin (log-odds) units. */
  phi: Float64Array;
}

export class TreeShap {
  // Path element columns: split feature, zero fraction, one fraction, permutation weight. Each
  // recursion level works on its own copy of its parent's path, stacked in these arrays.
  private readonly pathFeature: Int32Array;
  private readonly pathZero: Float64Array;
  private readonly pathOne: Float64Array;
  private readonly pathWeight: Float64Array;
  private x: Float32Array = new Float32Array(0);
  private phi: Float64Array = new Float64Array(0);

  constructor(private readonly forest: Forest) {
    const size = (forest.maxDepth + 3) * (forest.maxDepth + 3);
    this.pathFeature = new Int32Array(size);
    this.pathZero = new Float64Array(size);
    this.pathOne = new Float64Array(size);
    this.pathWeight = new Float64Array(size);
  }

  /** SHAP values of one float32 feature vector; `out` may be reused between calls. */
  explain(x: Float32Array, out: Float64Array = new Float64Array(this.forest.nFeatures)): ShapValues {
    if (x.length !== this.forest.nFeatures) throw new Error(`expected ${this.forest.nFeatures} features, got ${x.length}`);
    out.fill(0);
    this.x = x;
    this.phi = out;
    const roots = this.forest.roots;
    for (let t = 0; t < roots.length; t++) this.recurse(roots[t]!, 0, 0, 1, 1, -1);
    return { bias: this.forest.bias, phi: out };
  }

  private recurse(node: number, depth: number, parentStart: number, zero: number, one: number, feature: number): void {
    const f = this.forest;
    const start = parentStart + depth + 1;
    this.pathFeature.copyWithin(start, parentStart, parentStart + depth + 1);
    this.pathZero.copyWithin(start, parentStart, parentStart + depth + 1);
    this.pathOne.copyWithin(start, parentStart, parentStart + depth + 1);
    this.pathWeight.copyWithin(start, parentStart, parentStart + depth + 1);
    this.extend(start, depth, zero, one, feature);

    const left = f.left[node]!;
    if (left === -1) {
      const value = f.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(start, depth, i);
        this.phi[this.pathFeature[start + i]!]! += w * (this.pathOne[start + i]! - this.pathZero[start + i]!) * value;
      }
      return;
    }

    const split = f.feature[node]!;
    const right = f.right[node]!;
    const v = this.x[split]!;
    const hotLeft = Number.isNaN(v) ? f.defaultLeft[node] === 1 : v < f.threshold[node]!;
    const hot = hotLeft ? left : right;
    const cold = hotLeft ? right : left;
    const cover = f.cover[node]!;
    let inZero = 1;
    let inOne = 1;
    // A feature split on again: undo its earlier path element so it is counted once, with the
    // product of its fractions.
    let at = 0;
    while (at <= depth && this.pathFeature[start + at] !== split) at++;
    if (at <= depth) {
      inZero = this.pathZero[start + at]!;
      inOne = this.pathOne[start + at]!;
      this.unwind(start, depth, at);
      depth -= 1;
    }
    this.recurse(hot, depth + 1, start, (f.cover[hot]! / cover) * inZero, inOne, split);
    this.recurse(cold, depth + 1, start, (f.cover[cold]! / cover) * inZero, 0, split);
  }

  private extend(start: number, depth: number, zero: number, one: number, feature: number): void {
    const w = this.pathWeight;
    this.pathFeature[start + depth] = feature;
    this.pathZero[start + depth] = zero;
    this.pathOne[start + depth] = one;
    w[start + depth] = depth === 0 ? 1 : 0;
    const d1 = depth + 1;
    for (let i = depth - 1; i >= 0; i--) {
      w[start + i + 1]! += (one * w[start + i]! * (i + 1)) / d1;
      w[start + i] = (zero * w[start + i]! * (depth - i)) / d1;
    }
  }

  private unwind(start: number, depth: number, index: number): void {
    const w = this.pathWeight;
    const one = this.pathOne[start + index]!;
    const zero = this.pathZero[start + index]!;
    const d1 = depth + 1;
    let next = w[start + depth]!;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = w[start + i]!;
        w[start + i] = (next * d1) / ((i + 1) * one);
        next = tmp - (w[start + i]! * zero * (depth - i)) / d1;
      } else {
        w[start + i] = (w[start + i]! * d1) / (zero * (depth - i));
      }
    }
    for (let i = index; i < depth; i++) {
      this.pathFeature[start + i] = this.pathFeature[start + i + 1]!;
      this.pathZero[start + i] = this.pathZero[start + i + 1]!;
      this.pathOne[start + i] = this.pathOne[start + i + 1]!;
    }
  }

  private unwoundSum(start: number, depth: number, index: number): number {
    const w = this.pathWeight;
    const one = this.pathOne[start + index]!;
    const zero = this.pathZero[start + index]!;
    const d1 = depth + 1;
    let next = w[start + depth]!;
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = (next * d1) / ((i + 1) * one);
        total += tmp;
        next = w[start + i]! - tmp * zero * ((depth - i) / d1);
      } else if (zero !== 0) {
        total += w[start + i]! / zero / ((depth - i) / d1);
      }
    }
    return total;
  }
}
