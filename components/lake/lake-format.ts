// Number and date formatting shared by the lake widgets. Locale and time zone are fixed so the server
// render and the client hydration produce identical text, and partition days (UTC) never shift.
const count = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

const DAY_MS = 86_400_000;

/** `1234567` → `1,234,567`. */
export const formatCount = (value: number): string => count.format(value);

/** `0.01234` → `1.23%`; null (nothing labelled) → an em dash. */
export const formatRate = (value: number | null): string => (value === null ? '—' : percent.format(value));

/** `2024-05-01` → `May 1`. */
export const formatShortDay = (day: string): string => shortDay.format(dayToDate(day));

/** `2024-05-01` → `May 1, 2024`. */
export const formatLongDay = (day: string): string => longDay.format(dayToDate(day));

/** Calendar days from `first` to `last` inclusive (both `YYYY-MM-DD`). */
export const daySpan = (first: string, last: string): number =>
  Math.round((dayToDate(last).getTime() - dayToDate(first).getTime()) / DAY_MS) + 1;

function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
