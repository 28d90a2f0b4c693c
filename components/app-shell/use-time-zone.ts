'use client';

// The viewer's IANA time zone, known only in the browser. During the server render and hydration it is
// null (callers then show UTC and say so), and React re-renders with the real zone right after
// hydration, so the server HTML and the first client render always match (no hydration warning).
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

export function useTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserZone, serverZone);
}
