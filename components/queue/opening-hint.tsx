'use client';

// "Opening…" beside a queue row's merchant while its transaction page loads (the rows are not
// prefetched, so opening one waits for the server): the click or Enter visibly took.
import { useLinkStatus } from 'next/link';

export function OpeningHint() {
  const { pending } = useLinkStatus();
  return pending ? <span className="ml-2 text-xs font-normal text-blue-700">Opening…</span> : null;
}
