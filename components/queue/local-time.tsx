'use client';

// An instant in the viewer's time zone, with the exact UTC time in its title. Before hydration it reads
// in UTC and says so, rather than guessing a zone the server cannot know.
import { formatDateTime, formatTime, formatUtc } from '@/components/queue/queue-format';
import { useViewerTimeZone } from '@/components/queue/use-viewer-time-zone';

export function LocalTime({
  iso,
  variant = 'datetime',
  className,
}: {
  iso: string;
  /** `datetime`: `May 1, 14:05`; `time`: `14:05`. */
  variant?: 'datetime' | 'time';
  className?: string;
}) {
  const zone = useViewerTimeZone();
  const text = variant === 'time' ? formatTime(iso, zone ?? 'UTC') : formatDateTime(iso, zone ?? 'UTC');
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className}>
      {text}
      {zone === null ? ' UTC' : null}
    </time>
  );
}
