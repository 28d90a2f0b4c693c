// Seeded pseudo-random numbers for the simulator: sfc32 for uniforms plus the few distributions it
// needs. Our own code, so a seed gives the same data on every Node version and machine.

/** FNV-1a of a label, so independent streams (world, traffic, fraud) can be derived from one seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: spreads a seed's bits so that seeds 0, 1, 2 … start sfc32 far apart. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  // The polar method yields normals in pairs; keeping the second halves the cost.
  private spare = 0;
  private hasSpare = false;

  /** One stream per (seed, label): changing how one stream is used never shifts another. */
  constructor(seed: number, label = '') {
    const state = { s: (seed ^ hashLabel(label)) | 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** sfc32 (Chris Doty-Humphrey's small fast chaotic generator, PractRand-clean). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [0, n). The bias of a 32-bit draw is below 1e-5 for every n used here. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi], both ends included. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Standard normal by Marsaglia's polar method. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  gaussian(mean: number, std: number): number {
    return mean + std * this.normal();
  }

  /** Lognormal given its median (e^mu) and the sigma of the log. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /**
   * Poisson by Knuth's multiplication method: exact, and cheap for the small means a card has per
   * day. Above 30 (never reached by the profiles) a rounded normal approximation keeps it bounded.
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(this.gaussian(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** k distinct integers from [0, n), in draw order (partial Fisher–Yates over a sparse map). */
  sample(n: number, k: number): number[] {
    const take = Math.min(k, n);
    const swapped = new Map<number, number>();
    const out: number[] = [];
    for (let i = 0; i < take; i++) {
      const j = i + this.int(n - i);
      const atJ = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      out.push(atJ);
    }
    return out;
  }
}

/** A fixed discrete distribution sampled by a scan of its cumulative weights (lists here are short). */
export class Categorical {
  private readonly cdf: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('Categorical needs at least one weight');
    this.cdf = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new Error(`weight ${i} is not a non-negative number`);
      total += w;
      this.cdf[i] = total;
    });
    if (total <= 0) throw new Error('Categorical weights sum to zero');
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i]! /= total;
  }

  sample(rng: Rng): number {
    const u = rng.float();
    const cdf = this.cdf;
    const last = cdf.length - 1;
    for (let i = 0; i < last; i++) if (u < cdf[i]!) return i;
    return last;
  }
}
