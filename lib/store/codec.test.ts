import { expect, test } from 'vitest';

import { decodeContext, encodeContext } from './context-codec';
import { fromItem, toAttr, toItem } from './marshal';

test('marshal round-trips the value kinds the store uses and drops undefined members', () => {
  const value = {
    s: 'x',
    n: -1.25e-7,
    i: 12,
    b: true,
    z: null,
    l: [1, 'a', [false]],
    m: { a: { b: 2 } },
    u: undefined,
    bin: new Uint8Array([1, 2]),
  };
  const back = fromItem(toItem(value));
  expect(back).toEqual({
    s: 'x',
    n: -1.25e-7,
    i: 12,
    b: true,
    z: null,
    l: [1, 'a', [false]],
    m: { a: { b: 2 } },
    bin: new Uint8Array([1, 2]),
  });
  expect('u' in back).toBe(false);
  expect(() => toAttr(Number.NaN)).toThrow(/non-finite/);
  expect(() => toAttr(Infinity)).toThrow(/non-finite/);
});

test('context codec round-trips timelines exactly and stays small', () => {
  const t0 = 1_735_689_600_000;
  const context = {
    card: {
      columns: ['cents', 'ecommerce', 'foreign', 'small_ecommerce'],
      entries: [
        [t0, 1999, 1, 0, 0],
        [t0 + 5000, 350, 1, 1, 1],
      ],
    },
    terminal: {
      columns: ['fraud'],
      entries: Array.from({ length: 10_000 }, (_, i) => [t0 + i * 61_000, i % 50 === 0 ? 1 : 0]),
    },
    terminalFirstFraudMs: t0,
  };
  const bytes = encodeContext(context);
  expect(decodeContext(bytes)).toEqual(context);
  expect(bytes.byteLength).toBeLessThan(10_000 * 3);
  expect(
    decodeContext(
      encodeContext({ ...context, card: { columns: [], entries: [] }, terminalFirstFraudMs: null }),
    ).card.entries,
  ).toEqual([]);
});
