// The threshold what-if on a hand-made histogram.
import { describe, expect, it } from 'vitest';

import { bucketLowerScore } from './queries';
import { thresholdCurve } from './what-if';

describe('thresholdCurve', () => {
  const histogram = [
    { bucket: 100, rows: 900, labelled: 900, frauds: 1 }, // scores ≈ 0.01
    { bucket: 300, rows: 90, labelled: 90, frauds: 9 }, // ≈ 0.09
    { bucket: 700, rows: 10, labelled: 8, frauds: 6 }, // ≈ 0.49
  ];

  it('counts alerts, precision, recall and analyst hours at each threshold', () => {
    const [low, mid, high, none] = thresholdCurve(histogram, {
      days: 10,
      minutesPerReview: 6,
      thresholds: [bucketLowerScore(100), bucketLowerScore(300), bucketLowerScore(700), 0.95],
    });
    expect(low).toMatchObject({
      alerts: 1000,
      alertsPerDay: 100,
      precision: 16 / 998,
      recall: 1,
      analystHoursPerDay: 10,
    });
    expect(mid).toMatchObject({
      alerts: 100,
      alertsPerDay: 10,
      precision: 15 / 98,
      recall: 15 / 16,
      analystHoursPerDay: 1,
    });
    expect(high).toMatchObject({ alerts: 10, precision: 6 / 8, recall: 6 / 16 });
    expect(none).toMatchObject({ alerts: 0, precision: null, recall: 0, analystHoursPerDay: 0 });
  });

  it('rounds a threshold inside a bucket up to the next bucket edge', () => {
    const [point] = thresholdCurve(histogram, {
      days: 1,
      minutesPerReview: 5,
      thresholds: [bucketLowerScore(300) + 1e-6],
    });
    expect(point!.alerts).toBe(10);
  });

  it('has no recall without labelled fraud', () => {
    const [point] = thresholdCurve([{ bucket: 5, rows: 3, labelled: 0, frauds: 0 }], {
      days: 1,
      minutesPerReview: 5,
      thresholds: [0],
    });
    expect(point).toMatchObject({ alerts: 3, precision: null, recall: null });
  });
});
