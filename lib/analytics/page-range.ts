// The day range a risk page shows, from its URL (`from`, `to`: YYYY-MM-DD) and the lake's days: the
// default is the last 30 days that have data, a bad parameter is reported and dropped rather than
// failing the page, a one-sided range is completed, and a span is capped at a year so one URL cannot
// ask the engine to scan the whole lake many times over. Pure: pages and tests share it.
import { lastDaysWithData, type LakeDay } from './coverage';
import type { DayRange } from './queries';

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

export type SearchParams = Record<string, string | string[] | undefined>;

export interface PageRange {
  range: DayRange;
  /** No usable `from`/`to` was given: the range is the default one. */
  isDefault: boolean;
  /** Parameters that could not be used, as `name=value — why`, for the page to show. */
  ignored: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export const spanDays = (r: DayRange): number =>
  Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS) + 1;

/** The page's range, or null when the lake has no data and the URL names no range. */
export function resolvePageRange(
  params: SearchParams,
  days: readonly LakeDay[],
  defaultDays = DEFAULT_RANGE_DAYS,
): PageRange | null {
  const ignored: string[] = [];
  const read = (name: 'from' | 'to'): string | undefined => {
    const value = first(params[name])?.trim();
    if (value === undefined || value === '') return undefined;
    if (isDay(value)) return value;
    ignored.push(`${name}=${value} — not a date (YYYY-MM-DD)`);
    return undefined;
  };
  let from = read('from');
  let to = read('to');
  const lastDay = days[days.length - 1]?.day;

  if (from === undefined && to === undefined) {
    const range = lastDaysWithData(days, defaultDays);
    return range ? { range, isDefault: true, ignored } : null;
  }
  if (from !== undefined && to !== undefined && from > to) {
    ignored.push(`from=${from} is after to=${to} — swapped`);
    [from, to] = [to, from];
  }
  if (to === undefined) {
    // From a day onwards: up to the lake's last day, or a default span when the lake ends before it.
    to = lastDay !== undefined && lastDay >= from! ? lastDay : addDays(from!, defaultDays - 1);
  }
  if (from === undefined) {
    // Up to a day: the default number of days with data before it.
    const before = days.filter((d) => d.day <= to!);
    from = before[Math.max(0, before.length - defaultDays)]?.day ?? addDays(to, -(defaultDays - 1));
  }
  if (spanDays({ from, to }) > MAX_RANGE_DAYS) {
    const capped = addDays(to, -(MAX_RANGE_DAYS - 1));
    ignored.push(`from=${from} — more than ${MAX_RANGE_DAYS} days before to; starts ${capped} instead`);
    from = capped;
  }
  return { range: { from, to }, isDefault: false, ignored };
}

/** A whole number in [min, max] from the URL, else the default (and a note for the page). */
export function resolveIntParam(
  params: SearchParams,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): { value: number; ignored: string | null } {
  const raw = first(params[name])?.trim();
  if (raw === undefined || raw === '') return { value: bounds.fallback, ignored: null };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < bounds.min || n > bounds.max)
    return {
      value: bounds.fallback,
      ignored: `${name}=${raw} — expected a whole number from ${bounds.min} to ${bounds.max}`,
    };
  return { value: n, ignored: null };
}
