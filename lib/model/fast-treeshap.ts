// Path-dependent TreeSHAP with per-leaf tables computed once at load (the idea of Fast TreeSHAP v2,
// Yang 2021): the same values as Algorithm 2 in treeshap.ts, in O(leaves x path length) per row
// instead of O(leaves x depth^2) with the path bookkeeping, which is what keeps score + SHAP under 1 ms.
//
// Why it is exact: for a leaf with value v whose path splits on k distinct features with zero
// fractions z_j (cover share of the path, multiplied over repeated splits) and one fractions o_j in
// {0, 1} (the row follows every split on j), Algorithm 2 adds to feature i
//   v (o_i - z_i) sum_{S in F\{i}} w(|S|, k) prod_{j in S} o_j prod_{j in F\{i}\S} z_j,
//   w(s, k) = s! (k-1-s)! / k!.
// Since o is 0/1, only S within A\{i} count (A = features the row follows), and the sum equals
// Q(A\{i}) / z_i with Q(P) = prod_{j not in P} z_j * sum_{S in P} w(|S|, k) prod_{j in P\S} z_j.
// Q depends on the leaf and the bit mask P only, so it is tabulated: 2^k numbers per leaf.
import { type Forest } from './forest';
import { type ShapValues } from './treeshap';

/** Largest distinct-feature count per path tabulated (2^12 entries per leaf); deeper needs Algorithm 2. */
export const MAX_TABLE_FEATURES = 12;

export class FastTreeShap {
  /** Internal nodes of each tree, parents before children; tree t is order[orderStart[t]..orderStart[t+1]). */
  private readonly order: Int32Array;
  private readonly orderStart: Int32Array;
  /** Bit of the node's split feature among the distinct features of its path. */
  private readonly slotBit: Int32Array;
  /** Leaves of tree t: leafStart[t]..leafStart[t+1]. */
  private readonly leafStart: Int32Array;
  private readonly leafNode: Int32Array;
  private readonly leafK: Uint8Array;
  /** -v: the coefficient of a feature the row does not follow. */
  private readonly leafMinusValue: Float64Array;
  /** Per leaf, k entries from slotStart: the feature of each slot and v (1 - z) / z. */
  private readonly slotStart: Int32Array;
  private readonly slotFeature: Int32Array;
  private readonly slotFollow: Float64Array;
  /** Per leaf, 2^k entries from tableStart: Q(P). Float32: a deep forest's tables outgrow the CPU
   *  caches and lookups are memory-bound (measured ~3x faster than Float64 at depth 6); the rounding,
   *  ~1e-7 relative, is the precision XGBoost's own float32 TreeSHAP works at. */
  private readonly tableStart: Int32Array;
  private readonly table: Float32Array;
  /** Scratch: the bit mask of followed slots reaching each node. */
  private readonly mask: Int32Array;

  constructor(private readonly forest: Forest) {
    const f = forest;
    const nTrees = f.roots.length;
    const order: number[] = [];
    const orderStart = [0];
    const slotBit = new Int32Array(f.left.length);
    const leaves: { node: number; features: number[]; zero: number[] }[] = [];
    const leafStart = [0];
    for (let t = 0; t < nTrees; t++) {
      // Breadth-first from the root, tracking the path's distinct features and their zero fractions.
      const queue: { node: number; features: number[]; zero: number[] }[] = [{ node: f.roots[t]!, features: [], zero: [] }];
      for (let q = 0; q < queue.length; q++) {
        const { node, features, zero } = queue[q]!;
        const l = f.left[node]!;
        if (l === -1) {
          if (features.length > MAX_TABLE_FEATURES) throw new Error(`a path splits on ${features.length} distinct features; too deep to tabulate`);
          leaves.push({ node, features, zero });
          continue;
        }
        order.push(node);
        const feat = f.feature[node]!;
        let slot = features.indexOf(feat);
        if (slot === -1) slot = features.length;
        slotBit[node] = 1 << slot;
        for (const child of [l, f.right[node]!]) {
          const share = f.cover[child]! / f.cover[node]!;
          const nextFeatures = features.slice();
          const nextZero = zero.slice();
          nextFeatures[slot] = feat;
          nextZero[slot] = (slot < zero.length ? zero[slot]! : 1) * share;
          queue.push({ node: child, features: nextFeatures, zero: nextZero });
        }
      }
      orderStart.push(order.length);
      leafStart.push(leaves.length);
    }
    this.order = Int32Array.from(order);
    this.orderStart = Int32Array.from(orderStart);
    this.slotBit = slotBit;
    this.leafStart = Int32Array.from(leafStart);
    this.leafNode = Int32Array.from(leaves, (l) => l.node);
    this.leafK = Uint8Array.from(leaves, (l) => l.features.length);
    this.leafMinusValue = Float64Array.from(leaves, (l) => -f.value[l.node]!);
    this.slotStart = new Int32Array(leaves.length + 1);
    this.tableStart = new Int32Array(leaves.length + 1);
    leaves.forEach((l, i) => {
      this.slotStart[i + 1] = this.slotStart[i]! + l.features.length;
      this.tableStart[i + 1] = this.tableStart[i]! + (1 << l.features.length);
    });
    this.slotFeature = new Int32Array(this.slotStart[leaves.length]!);
    this.slotFollow = new Float64Array(this.slotStart[leaves.length]!);
    this.table = new Float32Array(this.tableStart[leaves.length]!);
    const weights = shapleyWeights(MAX_TABLE_FEATURES);
    leaves.forEach((l, i) => {
      const v = f.value[l.node]!;
      l.features.forEach((feat, j) => {
        this.slotFeature[this.slotStart[i]! + j] = feat;
        this.slotFollow[this.slotStart[i]! + j] = (v * (1 - l.zero[j]!)) / l.zero[j]!;
      });
      fillTable(this.table, this.tableStart[i]!, l.zero, weights[l.features.length]!);
    });
    this.mask = new Int32Array(f.left.length);
  }

  /** SHAP values of one float32 feature vector; `out` may be reused between calls. */
  explain(x: Float32Array, out: Float64Array = new Float64Array(this.forest.nFeatures)): ShapValues {
    const f = this.forest;
    if (x.length !== f.nFeatures) throw new Error(`expected ${f.nFeatures} features, got ${x.length}`);
    out.fill(0);
    const { order, orderStart, slotBit, mask, leafStart, leafNode, leafK, leafMinusValue, slotStart, slotFeature, slotFollow, tableStart, table } = this;
    const { left, right, feature, threshold, defaultLeft, roots } = f;
    for (let t = 0; t < roots.length; t++) {
      mask[roots[t]!] = -1;
      // Push the followed-slot mask down: the cold child loses the bit of the node's feature.
      for (let o = orderStart[t]!, end = orderStart[t + 1]!; o < end; o++) {
        const node = order[o]!;
        const m = mask[node]!;
        const v = x[feature[node]!]!;
        const goLeft = v !== v ? defaultLeft[node] === 1 : v < threshold[node]!;
        const cold = m & ~slotBit[node]!;
        mask[left[node]!] = goLeft ? m : cold;
        mask[right[node]!] = goLeft ? cold : m;
      }
      for (let l = leafStart[t]!, end = leafStart[t + 1]!; l < end; l++) {
        const k = leafK[l]!;
        if (k === 0) continue;
        const followed = mask[leafNode[l]!]! & ((1 << k) - 1);
        const s0 = slotStart[l]!;
        const q0 = tableStart[l]!;
        const minusV = leafMinusValue[l]!;
        for (let j = 0; j < k; j++) {
          const bit = 1 << j;
          const coef = followed & bit ? slotFollow[s0 + j]! : minusV;
          out[slotFeature[s0 + j]!]! += coef * table[q0 + (followed & ~bit)]!;
        }
      }
    }
    return { bias: f.bias, phi: out };
  }
}

/** weights[k][s] = s! (k-1-s)! / k!, the Shapley weight of a coalition of s among k players. */
function shapleyWeights(maxK: number): Float64Array[] {
  const fact = [1];
  for (let i = 1; i <= maxK; i++) fact.push(fact[i - 1]! * i);
  return Array.from({ length: maxK + 1 }, (_, k) =>
    Float64Array.from({ length: Math.max(k, 1) }, (_, s) => (k === 0 ? 0 : (fact[s]! * fact[k - 1 - s]!) / fact[k]!)),
  );
}

/** Q(P) for every mask P over k = zero.length slots, written to table[start..start + 2^k). */
function fillTable(table: Float32Array, start: number, zero: readonly number[], w: Float64Array): void {
  const k = zero.length;
  const n = 1 << k;
  // e[P][m]: elementary symmetric polynomial of degree m of the zero fractions in P, built by adding
  // P's lowest slot to P without it.
  const e = new Float64Array(n * (k + 1));
  const inside = new Float64Array(n);
  e[0] = 1;
  inside[0] = 1;
  let all = 1;
  for (const z of zero) all *= z;
  for (let p = 1; p < n; p++) {
    const low = p & -p;
    const j = 31 - Math.clz32(low);
    const rest = p ^ low;
    const z = zero[j]!;
    inside[p] = inside[rest]! * z;
    for (let m = 0; m <= k; m++) e[p * (k + 1) + m] = e[rest * (k + 1) + m]! + (m > 0 ? z * e[rest * (k + 1) + m - 1]! : 0);
  }
  for (let p = 0; p < n; p++) {
    let size = 0;
    for (let b = p; b; b &= b - 1) size++;
    if (size === k) continue; // P never holds every slot: feature i itself is always left out.
    let sum = 0;
    for (let s = 0; s <= size; s++) sum += w[s]! * e[p * (k + 1) + size - s]!;
    table[start + p] = (all / inside[p]!) * sum;
  }
}
