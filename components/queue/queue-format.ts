// The queue's labels and its times of day. Times are formatted for a given time zone: the viewer's in
// the browser, UTC on the server and in titles; the locale is fixed so the server render and the
// hydrated page agree. Numbers and money come from lib/review/display-format, shared with the item page.
import type { Channel } from '@/lib/schema/transaction';
import type { Outcome, ReviewStatus } from '@/lib/store/schema';

const LOCALE = 'en-US';

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  open: 'Open',
  escalated: 'Escalated',
  fraud: 'Fraud',
  legitimate: 'Legitimate',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fraud: 'Fraud',
  legitimate: 'Legitimate',
  escalate: 'Escalate',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  chip: 'Chip',
  swipe: 'Swipe',
  contactless: 'Contactless',
  ecommerce: 'E-commerce',
};

const DAY_TIME: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const YEAR_DAY_TIME: Intl.DateTimeFormatOptions = { ...DAY_TIME, year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const formats = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one; a page formats hundreds of times.
function cached(kind: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone, hourCycle: 'h23' });
    formats.set(key, format);
  }
  return format;
}

/** `May 1, 14:05` in `timeZone` (the year only when it is not this year's, to keep columns narrow). */
export function formatDateTime(iso: string, timeZone: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameYear = at.getUTCFullYear() === now.getUTCFullYear();
  const format = sameYear ? cached('day', timeZone, DAY_TIME) : cached('year', timeZone, YEAR_DAY_TIME);
  return format.format(at);
}

/** `14:05` in `timeZone`. */
export const formatTime = (iso: string, timeZone: string): string =>
  cached('time', timeZone, TIME).format(new Date(iso));

/** `2024-05-01 14:05:09 UTC`: the unambiguous form for titles and tooltips. */
export const formatUtc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
