import { describe, expect, it } from 'vitest';

import { IdIndex } from './id-index';

describe('IdIndex', () => {
  it('behaves like a Map that keeps the first line, through growth and odd ids', () => {
    const index = new IdIndex();
    const reference = new Map<string, number>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const alphabet = ['a', 'b', 'é', '😀', '\u0000', '-', '9'];
    for (let line = 1; line <= 200_000; line++) {
      const length = next() % 6;
      let id = '';
      for (let i = 0; i < length; i++) id += alphabet[next() % alphabet.length];
      const expected = reference.get(id);
      if (expected === undefined) reference.set(id, line);
      const got = index.addOrGet(id, line);
      if (got !== expected)
        throw new Error(`line ${line}, id ${JSON.stringify(id)}: got ${got}, expected ${expected}`);
    }
    expect(index.size).toBe(reference.size);
    for (const [id, line] of reference) expect(index.get(id)).toBe(line);
    expect(index.get('never added')).toBeUndefined();
  });

  it('tells apart ids that differ only in length or in one character', () => {
    const index = new IdIndex();
    expect(index.addOrGet('tx-1', 1)).toBeUndefined();
    expect(index.addOrGet('tx-10', 2)).toBeUndefined();
    expect(index.addOrGet('tx-2', 3)).toBeUndefined();
    expect(index.addOrGet('tx-1', 4)).toBe(1);
    expect(index.get('tx-')).toBeUndefined();
  });
});
