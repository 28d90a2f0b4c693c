// How the console writes an instant, everywhere: in a given locale (the one the server negotiated for
// the request) and time zone (the viewer's in the browser, UTC before hydration), so the server render
// and the hydrated page agree, and the exact UTC form for tooltips. Pure; <LocalTime> picks both.

export type TimeFormat = 'datetime' | 'short' | 'date' | 'time';

const OPTIONS: Record<TimeFormat | 'short-year', Intl.DateTimeFormatOptions> = {
  /** `Mar 3, 2025, 14:05:09`: the transaction page, where the second can matter. */
  datetime: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
  /** `Mar 3, 14:05`: list columns (the queue); the year is added when it is not this year's. */
  short: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  'short-year': {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
  /** `Mar 3, 2025`. */
  date: { dateStyle: 'medium' },
  /** `14:05`: claim expiries and other times of today. */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one; a queue page formats hundreds of times.
function cached(kind: TimeFormat | 'short-year', timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], timeZone });
    formats.set(key, format);
  }
  return format;
}

/** `iso` in `format`, `timeZone` and `locale`; `now` decides whether `short` needs the year. */
export function formatInstant(
  iso: string,
  format: TimeFormat,
  timeZone: string,
  locale: string,
  now: Date = new Date(),
): string {
  const at = new Date(iso);
  const kind = format === 'short' && at.getUTCFullYear() !== now.getUTCFullYear() ? 'short-year' : format;
  return cached(kind, timeZone, locale).format(at);
}

/** `2024-05-01 14:05:09 UTC`: the unambiguous form for titles and tooltips. */
export const formatUtc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
