'use client';

// An instant as every page of the console shows it: in the analyst's own time zone, with the exact UTC
// time on hover, in the locale the server negotiated (locale-provider.tsx). The server cannot know the
// viewer's zone, so the first render reads in UTC and says so; hydration swaps in local time without a
// mismatch warning (use-time-zone.ts).
import { useLocale } from './locale-provider';
import { formatInstant, formatUtc, type TimeFormat } from './time-format';
import { useTimeZone } from './use-time-zone';

export function LocalTime({
  iso,
  format = 'datetime',
  className,
}: {
  iso: string;
  /** `datetime` `Mar 3, 2025, 14:05:09` · `short` `Mar 3, 14:05` · `date` `Mar 3, 2025` · `time` `14:05`. */
  format?: TimeFormat;
  className?: string;
}) {
  const zone = useTimeZone();
  const text = formatInstant(iso, format, zone ?? 'UTC', useLocale());
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className}>
      {text}
      {zone === null && format !== 'date' ? ' UTC' : null}
    </time>
  );
}
