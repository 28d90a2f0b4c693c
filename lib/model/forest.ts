// The manifest's trees compiled once into flat typed arrays (one slot per node, all trees end to end):
// the layout TreeSHAP and the margin walk need to run without allocating. Comparisons follow XGBoost:
// inputs and thresholds are float32, `x < threshold` goes left, NaN goes the node's default way.
import type { ManifestTree } from './manifest';

export interface Forest {
  nFeatures: number;
  baseMargin: number;
  /** Node index of each tree's root. */
  roots: Int32Array;
  /** Absolute child indices; -1 marks a leaf. */
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  defaultLeft: Uint8Array;
  value: Float64Array;
  cover: Float64Array;
  /** Cover-weighted mean of the leaves below each node (XGBoost's node mean values). */
  mean: Float64Array;
  /** Deepest root-to-leaf path over all trees, in edges. */
  maxDepth: number;
  /** baseMargin + every tree's root mean: the SHAP bias, the margin expected with no features known. */
  bias: number;
}

export function compileForest(trees: readonly ManifestTree[], nFeatures: number, baseMargin: number): Forest {
  const total = trees.reduce((n, t) => n + t.left.length, 0);
  const f: Forest = {
    nFeatures,
    baseMargin,
    roots: new Int32Array(trees.length),
    left: new Int32Array(total),
    right: new Int32Array(total),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    defaultLeft: new Uint8Array(total),
    value: new Float64Array(total),
    cover: new Float64Array(total),
    mean: new Float64Array(total),
    maxDepth: 0,
    bias: baseMargin,
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    const n = tree.left.length;
    for (const [key, column] of Object.entries(tree)) {
      if (column.length !== n) throw new Error(`tree ${t}: ${key} has ${column.length} entries, expected ${n}`);
    }
    f.roots[t] = offset;
    for (let i = 0; i < n; i++) {
      const l = tree.left[i]!;
      const r = tree.right[i]!;
      const at = offset + i;
      const leaf = l === -1;
      if (!leaf && (l < 0 || r < 0 || l >= n || r >= n)) throw new Error(`tree ${t}: node ${i} has children ${l}, ${r} out of range`);
      const feat = tree.feature[i]!;
      if (!leaf && (feat < 0 || feat >= nFeatures)) throw new Error(`tree ${t}: node ${i} splits on feature ${feat} of ${nFeatures}`);
      f.left[at] = leaf ? -1 : offset + l;
      f.right[at] = leaf ? -1 : offset + r;
      f.feature[at] = leaf ? 0 : feat;
      f.threshold[at] = tree.threshold[i]!;
      f.defaultLeft[at] = tree.defaultLeft[i]!;
      f.value[at] = Math.fround(tree.value[i]!);
      f.cover[at] = Math.fround(tree.cover[i]!);
    }
    fillMeans(f, offset, new Uint8Array(n), offset, t);
    f.maxDepth = Math.max(f.maxDepth, depthOf(f, offset));
    f.bias += f.mean[offset]!;
    offset += n;
  });
  return f;
}

// Node means bottom-up, as XGBoost computes them for the SHAP bias. Also proves each tree is a tree
// (no node reached twice) with positive covers wherever a path can go.
function fillMeans(f: Forest, node: number, seen: Uint8Array, offset: number, t: number): void {
  if (seen[node - offset]) throw new Error(`tree ${t}: node ${node - offset} is reached twice`);
  seen[node - offset] = 1;
  if (!(f.cover[node]! > 0)) throw new Error(`tree ${t}: node ${node - offset} has cover ${f.cover[node]}; TreeSHAP needs positive covers`);
  const l = f.left[node]!;
  if (l === -1) {
    f.mean[node] = f.value[node]!;
    return;
  }
  const r = f.right[node]!;
  fillMeans(f, l, seen, offset, t);
  fillMeans(f, r, seen, offset, t);
  f.mean[node] = (f.mean[l]! * f.cover[l]! + f.mean[r]! * f.cover[r]!) / f.cover[node]!;
}

function depthOf(f: Forest, node: number): number {
  const l = f.left[node]!;
  return l === -1 ? 0 : 1 + Math.max(depthOf(f, l), depthOf(f, f.right[node]!));
}

/** The child `x` takes at an internal node, exactly as XGBoost routes it. */
export function nextNode(f: Forest, node: number, x: Float32Array): number {
  const v = x[f.feature[node]!]!;
  if (Number.isNaN(v)) return f.defaultLeft[node] ? f.left[node]! : f.right[node]!;
  return v < f.threshold[node]! ? f.left[node]! : f.right[node]!;
}

/** The raw margin by walking every tree (float32 inputs): used to check the ONNX session agrees. */
export function forestMargin(f: Forest, x: Float32Array): number {
  let sum = f.baseMargin;
  for (let t = 0; t < f.roots.length; t++) {
    let node = f.roots[t]!;
    while (f.left[node] !== -1) node = nextNode(f, node, x);
    sum += f.value[node]!;
  }
  return sum;
}
