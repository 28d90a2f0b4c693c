import { describe, expect, it } from 'vitest';

import { Categorical, Rng } from './random';

const N = 200_000;

describe('Rng', () => {
  it('repeats the same stream for the same seed and label, and differs otherwise', () => {
    const draw = (seed: number, label: string) => {
      const r = new Rng(seed, label);
      return Array.from({ length: 8 }, () => r.uint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('draws uniforms in [0, 1) with the right mean and integers in range', () => {
    const r = new Rng(7);
    let sum = 0;
    let lo = 1;
    let hi = 0;
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < N; i++) {
      const u = r.float();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      sum += u;
      counts[r.intBetween(1, 6) - 1]!++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(sum / N).toBeCloseTo(0.5, 2);
    for (const c of counts) expect(Math.abs(c / N - 1 / 6)).toBeLessThan(0.005);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const r = new Rng(3);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / N).toBeCloseTo(0, 1);
    expect(s2 / N).toBeCloseTo(1, 1);
  });

  it('draws Poisson counts whose mean and variance equal the rate', () => {
    for (const rate of [0.3, 2, 7.5]) {
      const r = new Rng(11);
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < N; i++) {
        const k = r.poisson(rate);
        s += k;
        s2 += k * k;
      }
      const mean = s / N;
      expect(Math.abs(mean - rate) / rate).toBeLessThan(0.02);
      expect(Math.abs(s2 / N - mean * mean - rate) / rate).toBeLessThan(0.04);
    }
    expect(new Rng(1).poisson(0)).toBe(0);
  });

  it('samples k distinct indices', () => {
    const r = new Rng(5);
    for (let t = 0; t < 100; t++) {
      const s = r.sample(10, 4);
      expect(new Set(s).size).toBe(4);
      for (const x of s) expect(x >= 0 && x < 10).toBe(true);
    }
    expect(r.sample(3, 5).sort()).toEqual([0, 1, 2]);
  });
});

describe('Categorical', () => {
  it('follows its weights', () => {
    const c = new Categorical([1, 0, 3]);
    const r = new Rng(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[c.sample(r)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / N).toBeCloseTo(0.25, 2);
    expect(counts[2]! / N).toBeCloseTo(0.75, 2);
  });

  it('refuses empty or all-zero weights', () => {
    expect(() => new Categorical([])).toThrow();
    expect(() => new Categorical([0, 0])).toThrow();
  });
});
