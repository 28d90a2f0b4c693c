// The risk pages' range from the URL: defaults, completion of one-sided ranges, bad input reported.
import { describe, expect, it } from 'vitest';

import { addDays, isDay, resolveIntParam, resolvePageRange, spanDays } from './page-range';

const days = Array.from({ length: 40 }, (_, i) => ({ day: addDays('2025-01-01', i), transactions: 10 }))
  // A gap: no data on Jan 20–24.
  .filter((d) => d.day < '2025-01-20' || d.day > '2025-01-24');

describe('resolvePageRange', () => {
  it('defaults to the last 30 days that have data', () => {
    expect(resolvePageRange({}, days)).toEqual({
      range: { from: '2025-01-06', to: '2025-02-09' },
      isDefault: true,
      ignored: [],
    });
    expect(resolvePageRange({}, [])).toBeNull();
  });

  it('takes an explicit range, swapping a reversed one', () => {
    expect(resolvePageRange({ from: '2025-01-03', to: '2025-01-10' }, days)?.range).toEqual({
      from: '2025-01-03',
      to: '2025-01-10',
    });
    const swapped = resolvePageRange({ from: '2025-01-10', to: '2025-01-03' }, days)!;
    expect(swapped.range).toEqual({ from: '2025-01-03', to: '2025-01-10' });
    expect(swapped.ignored[0]).toMatch(/swapped/);
  });

  it('completes a one-sided range', () => {
    expect(resolvePageRange({ from: '2025-02-01' }, days)?.range).toEqual({
      from: '2025-02-01',
      to: '2025-02-09',
    });
    expect(resolvePageRange({ to: '2025-01-10' }, days)?.range).toEqual({
      from: '2025-01-01',
      to: '2025-01-10',
    });
    // After the lake ends: a default span from the day, which the page shows as empty.
    expect(resolvePageRange({ from: '2026-01-01' }, days)?.range).toEqual({
      from: '2026-01-01',
      to: '2026-01-30',
    });
  });

  it('reports and drops a malformed day, and caps the span at a year', () => {
    const bad = resolvePageRange({ from: '2025-02-30', to: '2025-01-10' }, days)!;
    expect(bad.ignored).toEqual(['from=2025-02-30 — not a date (YYYY-MM-DD)']);
    expect(bad.range.to).toBe('2025-01-10');
    const long = resolvePageRange({ from: '2020-01-01', to: '2025-01-10' }, days)!;
    expect(spanDays(long.range)).toBe(366);
    expect(long.ignored[0]).toMatch(/more than 366 days/);
  });

  it('knows a real day', () => {
    expect(['2024-02-29', '2025-02-29', '2025-13-01', "2025-01-01' --"].map(isDay)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('resolveIntParam', () => {
  it('reads a bounded whole number or falls back with a note', () => {
    const bounds = { min: 1, max: 120, fallback: 5 };
    expect(resolveIntParam({ minutes: '8' }, 'minutes', bounds)).toEqual({ value: 8, ignored: null });
    expect(resolveIntParam({}, 'minutes', bounds)).toEqual({ value: 5, ignored: null });
    expect(resolveIntParam({ minutes: '0.5' }, 'minutes', bounds).value).toBe(5);
    expect(resolveIntParam({ minutes: 'lots' }, 'minutes', bounds).ignored).toMatch(/whole number/);
  });
});

describe('dailyRates', () => {
  it('fills every day of the range and derives the rates', async () => {
    const { dailyRates, totalRates } = await import('./daily-rates');
    const day = {
      day: '2025-01-02',
      transactions: 200,
      amount: 5000,
      flagged: 10,
      labelled: 100,
      frauds: 4,
      fraudAmount: 300,
      flaggedFrauds: 3,
    };
    const rows = dailyRates([day], { from: '2025-01-01', to: '2025-01-03' });
    expect(rows.map((r) => r.day)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
    expect(rows[0]).toMatchObject({ transactions: 0, fraudRate: null, caughtShare: null });
    expect(rows[1]).toMatchObject({ flaggedRate: 0.05, fraudRate: 0.04, caughtShare: 0.75 });
    expect(totalRates([day, { ...day, day: '2025-01-03', frauds: 0, flaggedFrauds: 0 }])).toMatchObject({
      transactions: 400,
      frauds: 4,
      fraudRate: 0.02,
      caughtShare: 0.75,
      days: 2,
    });
  });
});

describe('threshold axis', () => {
  it('inserts the live threshold exactly and keeps labels distinct', async () => {
    const { chartThresholds, tableThresholds, thresholdLabel } = await import('./threshold-axis');
    expect(thresholdLabel(0.0361)).toBe('3.61%');
    expect(thresholdLabel(0.0001)).toBe('0.01%');
    const grid = [0.01, 0.0361000001, 0.05];
    expect(chartThresholds(0.0361, grid)).toEqual([0.01, 0.0361, 0.05]);
    const labels = chartThresholds(0.036).map(thresholdLabel);
    expect(new Set(labels).size).toBe(labels.length);
    const table = tableThresholds(0.04);
    expect(table.thresholds[table.liveIndex]).toBe(0.04);
    expect(table.thresholds).toContain(0.05);
  });
});
