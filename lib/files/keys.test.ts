import { describe, expect, it } from 'vitest';

import { InvalidKeyError } from './errors';
import { assertKey, assertPrefix, compareKeys, joinKey, lakePartKey } from './keys';

describe('file keys', () => {
  it('accepts the layout and refuses escapes', () => {
    for (const key of [
      'inbox/2024-01-01.csv',
      'lake/transactions/dt=2024-01-01/part-a.parquet',
      'models/v1/model.onnx',
      'failed/a b+c.csv',
      '.hidden',
    ]) {
      expect(assertKey(key)).toBe(key);
    }
    for (const key of [
      '',
      '..',
      '../a',
      'a/../../b',
      './a',
      'a/.',
      '/a',
      'a/',
      'a//b',
      'a\\..\\b',
      'c:/windows',
      'a\nb',
      'x'.repeat(1025),
    ]) {
      expect(() => assertKey(key), key).toThrow(InvalidKeyError);
    }
  });

  it('accepts prefixes with a trailing slash or a partial last segment', () => {
    for (const prefix of ['', 'inbox/', 'inbox', 'lake/transactions/dt=2024-0'])
      expect(assertPrefix(prefix)).toBe(prefix);
    for (const prefix of ['/', '../', 'a//', 'a/../'])
      expect(() => assertPrefix(prefix), prefix).toThrow(InvalidKeyError);
  });

  it('joins and builds lake keys', () => {
    expect(joinKey('inbox/', '/2024-01-01.csv')).toBe('inbox/2024-01-01.csv');
    expect(() => joinKey('inbox', '..', 'x')).toThrow(InvalidKeyError);
    expect(lakePartKey('2024-01-31', 'day-2024-01-31')).toBe(
      'lake/transactions/dt=2024-01-31/part-day-2024-01-31.parquet',
    );
    expect(() => lakePartKey('2024-1-31', 'x')).toThrow(InvalidKeyError);
    expect(() => lakePartKey('2024-01-31', '../x')).toThrow(InvalidKeyError);
  });

  it('orders keys by UTF-8 bytes, as S3 lists them', () => {
    const keys = ['b', 'a/b', 'a', 'a-b', 'a/a', '\u{1F600}', '\uFF5E', 'é', 'Z'];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    // Plain string order differs exactly on BMP characters above the surrogates.
    expect([...keys].sort()).not.toEqual(byBytes);
  });
});
