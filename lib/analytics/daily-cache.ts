// Per-day caching of the daily metrics. A day's numbers only change while files for it still arrive,
// so days older than `settleDays` are cached (for `ttlMs`, which bounds how long a late file for an old
// day can go unseen); recent days are always queried. A range asks the engine only for the span of
// days it lacks, so moving the dashboard's range by a day costs a one-day query.
import { dailyMetrics, type DailyMetrics, type DayRange } from './queries';
import type { AnalyticsEngine, RunOptions } from './types';

export interface DailyCacheOptions {
  /** Days before today (UTC) that may still change; default 2. */
  settleDays?: number;
  /** How long a settled day stays cached; default 10 minutes. */
  ttlMs?: number;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

export function daysBetween(range: DayRange): string[] {
  const out: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= end; t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export class DailyMetricsCache {
  private readonly entries = new Map<string, { at: number; value: DailyMetrics | null }>();
  private readonly settleDays: number;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly engine: AnalyticsEngine,
    options: DailyCacheOptions = {},
  ) {
    this.settleDays = options.settleDays ?? 2;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  async get(params: DayRange & { threshold: number }, options?: RunOptions): Promise<DailyMetrics[]> {
    const now = this.now().getTime();
    const settledBefore = new Date(now - this.settleDays * DAY_MS).toISOString().slice(0, 10);
    const days = daysBetween(params);
    const key = (day: string) => `${params.threshold}|${day}`;
    const fresh = (day: string) => {
      const hit = this.entries.get(key(day));
      return day < settledBefore && hit !== undefined && now - hit.at < this.ttlMs;
    };
    const missing = days.filter((d) => !fresh(d));
    const fetched = new Map<string, DailyMetrics>();
    if (missing.length > 0) {
      const span = { from: missing[0]!, to: missing[missing.length - 1]! };
      for (const m of await dailyMetrics(this.engine, { ...span, threshold: params.threshold }, options))
        fetched.set(m.day, m);
      for (const day of daysBetween(span))
        if (day < settledBefore) this.entries.set(key(day), { at: now, value: fetched.get(day) ?? null });
    }
    return days.flatMap((day) => {
      const value = fetched.has(day) ? fetched.get(day)! : (this.entries.get(key(day))?.value ?? null);
      return value ? [value] : [];
    });
  }
}
