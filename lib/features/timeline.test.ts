// The timeline answers every window query the same whatever order entries arrive in: a late entry is
// inserted in place with its prefix sums shifted, equal to building the timeline in time order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Timeline } from './timeline';

const entry = fc.tuple(
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 5_000 }),
  fc.integer({ min: 0, max: 1 }),
);

describe('Timeline', () => {
  it('gives the same windows and snapshot for any arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: -10, max: 1_010 }), fc.integer({ min: 0, max: 400 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (entries, windows) => {
          const arrived = new Timeline(['cents', 'flag']);
          for (const [t, cents, flag] of entries) arrived.add(t, [cents, flag]);
          const ordered = new Timeline(['cents', 'flag']);
          for (const [t, cents, flag] of [...entries].sort((a, b) => a[0] - b[0]))
            ordered.add(t, [cents, flag]);

          const sortKey = (e: number[]) => e.join(',');
          expect(arrived.snapshot().entries.map(sortKey).sort()).toEqual(
            ordered.snapshot().entries.map(sortKey).sort(),
          );
          for (const [to, width] of windows) {
            const from = to - width;
            expect(arrived.count(from, to)).toBe(ordered.count(from, to));
            expect(arrived.sum(0, from, to)).toBe(ordered.sum(0, from, to));
            expect(arrived.sum(1, from, to)).toBe(ordered.sum(1, from, to));
            const lo = arrived.position(from);
            const hi = arrived.position(to);
            const first = arrived.firstPositive(1, lo, hi);
            const firstOrdered = ordered.firstPositive(1, ordered.position(from), ordered.position(to));
            expect(first === -1 ? null : arrived.timeAt(first)).toBe(
              firstOrdered === -1 ? null : ordered.timeAt(firstOrdered),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
