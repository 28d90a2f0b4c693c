'use client';

// An instant in the viewer's own time zone, with the UTC time on hover. The server does not know the
// viewer's zone, so it renders UTC and the browser swaps in local time during hydration
// (useSyncExternalStore's server snapshot), which React does without a mismatch warning.
import { useSyncExternalStore } from 'react';

type Style = 'datetime' | 'date' | 'time';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short', hourCycle: 'h23' },
};

const noSubscription = () => () => {};

function format(iso: string, style: Style, timeZone?: string): string {
  const options = { ...OPTIONS[style], ...(timeZone ? { timeZone } : {}) };
  const text = new Intl.DateTimeFormat('en-US', options).format(new Date(iso));
  return timeZone === 'UTC' && style !== 'date' ? `${text} UTC` : text;
}

const utcTitle = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export function LocalTime({
  iso,
  style = 'datetime',
  className,
}: {
  iso: string;
  style?: Style;
  className?: string;
}) {
  const text = useSyncExternalStore(
    noSubscription,
    () => format(iso, style),
    () => format(iso, style, 'UTC'),
  );
  return (
    <time dateTime={iso} title={utcTitle(iso)} className={className}>
      {text}
    </time>
  );
}
