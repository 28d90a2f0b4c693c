// Per-day rollups (rollup.ts) kept for as long as they describe the lake: a day's entry is valid while
// the lake holds as many rows for that day as the rollup counted (the day list every risk page reads,
// coverage.ts), so a late file invalidates its own day at once and nothing expires on a clock. With a
// directory, entries are also kept on disk, so a restarted console answers its first dashboard view
// from them instead of rescanning the lake (10M rows: about a second of DuckDB; docs/PERFORMANCE.md).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { logger } from '@/lib/log/logger';

import { daysIn, type LakeDay } from './coverage';
import type { BreakdownDimension, DayRange } from './queries';
import { dayRollups, type DayRollup } from './rollup';
import type { AnalyticsEngine, RunOptions } from './types';

export type RollupParams = DayRange & { threshold: number; dimensions: readonly BreakdownDimension[] };

/** Bumped when DayRollup's shape changes, so files of an older console are ignored. */
const FORMAT = 1;

interface Stored {
  format: number;
  key: string;
  days: Record<string, DayRollup>;
}

export class DayRollupCache {
  /** Per threshold and dimension list: day → rollup. */
  private readonly sets = new Map<string, Promise<Map<string, DayRollup>>>();

  constructor(
    private readonly engine: AnalyticsEngine,
    /** Where to keep entries across restarts; memory only without. */
    private readonly dir: string | null = null,
  ) {}

  /**
   * The rollups of `params`' days that `days` (the lake's day list) says hold data, oldest first. One
   * scan covers every day whose entry is missing or counts a different number of rows.
   */
  async get(params: RollupParams, days: readonly LakeDay[], options?: RunOptions): Promise<DayRollup[]> {
    const key = `${params.threshold}|${[...new Set(params.dimensions)].sort().join(',')}`;
    const entries = await this.entries(key);
    const wanted = daysIn(days, params);
    const stale = wanted.filter((d) => entries.get(d.day)?.metrics.transactions !== d.transactions);
    if (stale.length > 0) {
      const span = { from: stale[0]!.day, to: stale[stale.length - 1]!.day };
      const fetched = await dayRollups(this.engine, { ...params, ...span }, options);
      for (const d of daysIn(days, span)) {
        const rollup = fetched.get(d.day);
        if (rollup) entries.set(d.day, rollup);
        else entries.delete(d.day);
      }
      await this.save(key, entries);
    }
    return wanted.flatMap((d) => entries.get(d.day) ?? []);
  }

  private entries(key: string): Promise<Map<string, DayRollup>> {
    let set = this.sets.get(key);
    if (!set) {
      set = this.load(key);
      this.sets.set(key, set);
    }
    return set;
  }

  private file(key: string): string | null {
    if (!this.dir) return null;
    return path.join(this.dir, `rollup-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  }

  private async load(key: string): Promise<Map<string, DayRollup>> {
    const file = this.file(key);
    if (!file) return new Map();
    try {
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Stored>;
      if (stored.format === FORMAT && stored.key === key && stored.days)
        return new Map(Object.entries(stored.days));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn({ err: error, file }, 'rollup cache: ignoring an unreadable file');
    }
    return new Map();
  }

  /** Best effort: a cache that cannot be written only costs the next restart a scan. */
  private async save(key: string, entries: Map<string, DayRollup>): Promise<void> {
    const file = this.file(key);
    if (!file) return;
    const stored: Stored = { format: FORMAT, key, days: Object.fromEntries(entries) };
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(tmp, JSON.stringify(stored));
      await fs.rename(tmp, file);
    } catch (error) {
      logger.warn({ err: error, file }, 'rollup cache: could not save');
      await fs.rm(tmp, { force: true });
    }
  }
}
