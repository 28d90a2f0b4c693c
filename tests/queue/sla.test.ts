import { describe, expect, test } from 'vitest';

import { formatAge, SLA_THRESHOLDS, slaAgeMs, slaBand } from '@/components/queue/sla';

const H = 3_600_000;

describe('slaBand', () => {
  test.each([
    [0, 'normal'],
    [4 * H - 1, 'normal'],
    [4 * H, 'warning'],
    [24 * H - 1, 'warning'],
    [24 * H, 'breach'],
    [30 * 24 * H, 'breach'],
  ] as const)('%d ms is %s', (age, band) => {
    expect(slaBand(age)).toBe(band);
  });

  test('the thresholds are the named constant, and can be overridden', () => {
    expect(SLA_THRESHOLDS).toEqual({ warningAfterMs: 4 * H, breachAfterMs: 24 * H });
    expect(slaBand(2 * H, { warningAfterMs: H, breachAfterMs: 2 * H })).toBe('breach');
  });
});

describe('slaAgeMs', () => {
  test('measures from the flag time and never goes negative', () => {
    const now = new Date('2024-05-02T12:00:00.000Z');
    expect(slaAgeMs('2024-05-02T10:30:00.000Z', now)).toBe(1.5 * H);
    expect(slaAgeMs('2024-05-02T12:05:00.000Z', now)).toBe(0);
  });
});

describe('formatAge', () => {
  test.each([
    [0, '< 1 min'],
    [59_999, '< 1 min'],
    [60_000, '1 min'],
    [59 * 60_000, '59 min'],
    [H, '1 h 00 min'],
    [3 * H + 5 * 60_000, '3 h 05 min'],
    [24 * H, '1 d'],
    [52 * H + 59 * 60_000, '2 d 4 h'],
  ])('%d ms reads %s', (age, text) => {
    expect(formatAge(age)).toBe(text);
  });
});
