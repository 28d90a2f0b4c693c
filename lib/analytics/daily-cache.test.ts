// The per-day cache asks the engine only for days it does not hold, and never caches recent days.
import { describe, expect, it } from 'vitest';

import { DailyMetricsCache, daysBetween } from './daily-cache';
import type { AnalyticsEngine, ResultSet } from './types';

/** An engine that answers dailyMetrics' SQL from a fixed table and records the ranges asked for. */
function fakeEngine(days: string[]) {
  const asked: string[] = [];
  const engine: AnalyticsEngine = {
    dialect: { name: 'duckdb', transactions: 't' },
    async run(sql: string): Promise<ResultSet> {
      const [, from, to] = /dt BETWEEN '([\d-]+)' AND '([\d-]+)'/.exec(sql)!;
      asked.push(`${from}..${to}`);
      const rows = days
        .filter((d) => d >= from! && d <= to!)
        .map((day) => ({
          day,
          transactions: 10,
          amount: 1,
          flagged: 1,
          labelled: 1,
          frauds: 0,
          fraud_amount: 0,
          flagged_frauds: 0,
        }));
      return { columns: [], rows };
    },
  };
  return { engine, asked };
}

describe('DailyMetricsCache', () => {
  const now = () => new Date('2024-05-20T12:00:00Z');

  it('queries only the missing span and keeps settled days', async () => {
    const { engine, asked } = fakeEngine([
      '2024-05-01',
      '2024-05-02',
      '2024-05-03',
      '2024-05-04',
      '2024-05-19',
    ]);
    const cache = new DailyMetricsCache(engine, { now });
    const first = await cache.get({ from: '2024-05-01', to: '2024-05-03', threshold: 0.1 });
    expect(first.map((d) => d.day)).toEqual(['2024-05-01', '2024-05-02', '2024-05-03']);
    const second = await cache.get({ from: '2024-05-02', to: '2024-05-04', threshold: 0.1 });
    expect(second.map((d) => d.day)).toEqual(['2024-05-02', '2024-05-03', '2024-05-04']);
    expect(asked).toEqual(['2024-05-01..2024-05-03', '2024-05-04..2024-05-04']);
  });

  it('always re-queries days that may still change, and a different threshold', async () => {
    const { engine, asked } = fakeEngine(['2024-05-19']);
    const cache = new DailyMetricsCache(engine, { now });
    await cache.get({ from: '2024-05-19', to: '2024-05-19', threshold: 0.1 });
    await cache.get({ from: '2024-05-19', to: '2024-05-19', threshold: 0.1 });
    await cache.get({ from: '2024-05-01', to: '2024-05-01', threshold: 0.1 });
    await cache.get({ from: '2024-05-01', to: '2024-05-01', threshold: 0.2 });
    expect(asked).toHaveLength(4);
  });

  it('expires settled days after the TTL', async () => {
    let t = Date.parse('2024-05-20T12:00:00Z');
    const { engine, asked } = fakeEngine(['2024-05-01']);
    const cache = new DailyMetricsCache(engine, { now: () => new Date(t), ttlMs: 1000 });
    await cache.get({ from: '2024-05-01', to: '2024-05-01', threshold: 0.1 });
    await cache.get({ from: '2024-05-01', to: '2024-05-01', threshold: 0.1 });
    t += 1001;
    await cache.get({ from: '2024-05-01', to: '2024-05-01', threshold: 0.1 });
    expect(asked).toHaveLength(2);
  });

  it('lists the days of a range', () => {
    expect(daysBetween({ from: '2024-02-28', to: '2024-03-01' })).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });
});
