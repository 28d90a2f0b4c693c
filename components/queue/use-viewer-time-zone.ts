'use client';

// The viewer's time zone, known only in the browser. During the server render and hydration it is
// null (callers then show UTC), and React re-renders with the real zone right after hydration, so
// the server HTML and the first client render always match.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(subscribe, browserZone, serverZone);
}
