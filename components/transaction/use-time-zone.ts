'use client';

// The viewer's IANA time zone, for forms that send it so the server can name times as the viewer reads
// them. Empty during the server render; the browser's zone after hydration (no mismatch warning).
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

export function useTimeZone(): string {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => '',
  );
}
