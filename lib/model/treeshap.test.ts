// Both TreeSHAP implementations (Algorithm 2 and the tabulated one) checked against the definition: Shapley values of the path-dependent value function
// v(S) = E[f(x) | x_S] (features outside S follow the trees' covers), computed by brute force over all
// feature subsets on random forests. Independent of XGBoost, so it also covers trees it never makes.
import { describe, expect, it } from 'vitest';
import { compileForest, forestMargin, type Forest } from './forest';
import type { ManifestTree } from './manifest';
import { FastTreeShap } from './fast-treeshap';
import { TreeShap } from './treeshap';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A random tree with integer-valued thresholds, repeated features, missing directions and covers. */
function randomTree(rand: () => number, nFeatures: number, maxDepth: number): ManifestTree {
  const t: ManifestTree = { left: [], right: [], feature: [], threshold: [], value: [], defaultLeft: [], cover: [] };
  const grow = (depth: number, cover: number): number => {
    const id = t.left.length;
    t.left.push(-1);
    t.right.push(-1);
    t.feature.push(0);
    t.threshold.push(0);
    t.value.push(0);
    t.defaultLeft.push(0);
    t.cover.push(cover);
    if (depth < maxDepth && rand() < 0.85) {
      const share = 0.1 + 0.8 * rand();
      t.feature[id] = Math.floor(rand() * nFeatures);
      t.threshold[id] = Math.floor(rand() * 5) + 0.5;
      t.defaultLeft[id] = rand() < 0.5 ? 1 : 0;
      t.left[id] = grow(depth + 1, cover * share);
      t.right[id] = grow(depth + 1, cover * (1 - share));
    } else {
      t.value[id] = Math.fround(rand() * 2 - 1);
    }
    return id;
  };
  grow(0, 100);
  return t;
}

/** E[f(x) | x_S]: follow x on features in S, average children by cover elsewhere. */
function conditional(f: Forest, x: Float32Array, known: number): number {
  const walk = (node: number): number => {
    const l = f.left[node]!;
    if (l === -1) return f.value[node]!;
    const r = f.right[node]!;
    const feat = f.feature[node]!;
    if (known & (1 << feat)) {
      const v = x[feat]!;
      const goLeft = Number.isNaN(v) ? f.defaultLeft[node] === 1 : v < f.threshold[node]!;
      return walk(goLeft ? l : r);
    }
    return (walk(l) * f.cover[l]! + walk(r) * f.cover[r]!) / f.cover[node]!;
  };
  let sum = f.baseMargin;
  for (const root of f.roots) sum += walk(root);
  return sum;
}

function bruteForceShap(f: Forest, x: Float32Array): Float64Array {
  const m = f.nFeatures;
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * i);
  const v = Array.from({ length: 1 << m }, (_, s) => conditional(f, x, s));
  const phi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let s = 0; s < 1 << m; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let b = s; b; b &= b - 1) size++;
      phi[i] = phi[i]! + ((fact[size]! * fact[m - size - 1]!) / fact[m]!) * (v[s | (1 << i)]! - v[s]!);
    }
  }
  return phi;
}

// The tabulated version stores its tables in float32 (half the memory traffic), so it is exact to
// float32 rounding rather than to double rounding.
describe.each([
  ['Algorithm 2', (f: Forest) => new TreeShap(f), 10],
  ['tabulated', (f: Forest) => new FastTreeShap(f), 6],
] as const)('TreeSHAP, %s', (_name, make, digits) => {
  it('equals brute-force Shapley values and sums to the margin on random forests', () => {
    const rand = rng(7);
    for (let trial = 0; trial < 40; trial++) {
      const nFeatures = 3 + (trial % 6);
      const trees = Array.from({ length: 1 + (trial % 6) }, () => randomTree(rand, nFeatures, 2 + (trial % 6)));
      const forest = compileForest(trees, nFeatures, 0.3);
      const shap = make(forest);
      for (let row = 0; row < 8; row++) {
        const x = Float32Array.from({ length: nFeatures }, () => (rand() < 0.15 ? Number.NaN : Math.floor(rand() * 6)));
        const { bias, phi } = shap.explain(x);
        const expected = bruteForceShap(forest, x);
        for (let i = 0; i < nFeatures; i++) expect(phi[i]).toBeCloseTo(expected[i]!, digits);
        expect(bias).toBeCloseTo(conditional(forest, x, 0), 10);
        expect(bias + phi.reduce((a, b) => a + b, 0)).toBeCloseTo(forestMargin(forest, x), digits);
      }
    }
  });

  it('gives a missing feature the default direction: NaN matches the value that goes the same way', () => {
    // One split on feature 0 at 2.5 with missing going right, i.e. like any value >= 2.5.
    const tree: ManifestTree = {
      left: [1, -1, -1],
      right: [2, -1, -1],
      feature: [0, 0, 0],
      threshold: [2.5, 0, 0],
      value: [0, -1, 1],
      defaultLeft: [0, 0, 0],
      cover: [10, 4, 6],
    };
    const shap = make(compileForest([tree], 2, 0));
    const missing = Array.from(shap.explain(Float32Array.of(Number.NaN, 0)).phi);
    const high = Array.from(shap.explain(Float32Array.of(3, 0)).phi);
    const low = Array.from(shap.explain(Float32Array.of(1, 0)).phi);
    expect(missing).toEqual(high);
    expect(missing).not.toEqual(low);
    // E[f] = 0.4 * -1 + 0.6 * 1 = 0.2, so going right is worth 1 - 0.2.
    expect(missing[0]).toBeCloseTo(0.8, digits);
  });

  it('compares in float32 as XGBoost does', () => {
    // 0.1 is not a float32; XGBoost stores the threshold as fround(0.1) and casts the input the same way.
    const tree: ManifestTree = {
      left: [1, -1, -1],
      right: [2, -1, -1],
      feature: [0, 0, 0],
      threshold: [Math.fround(0.1), 0, 0],
      value: [0, -1, 1],
      defaultLeft: [0, 0, 0],
      cover: [2, 1, 1],
    };
    const forest = compileForest([tree], 1, 0);
    // 0.1 as a double is below fround(0.1), but as a float32 it is equal, so it goes right (not <).
    expect(forestMargin(forest, Float32Array.of(0.1))).toBe(1);
    expect(make(forest).explain(Float32Array.of(0.1)).phi[0]).toBeCloseTo(1, digits);
  });
});
