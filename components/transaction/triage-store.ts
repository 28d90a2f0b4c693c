// What happened to the analyst's last moves while the pages changed under them: a decision recorded on
// the way to the next item, or a claim on the item they landed on, answer after the page that made
// them is gone. This module outlives client navigations, so the page they land on shows the outcome
// (and a failure is never silent). Also remembers which items were left behind this session, so a
// "next" prefetched before a decision never sends the analyst back to the item they just decided.
import { useSyncExternalStore } from 'react';

export interface TriageNotice {
  key: string;
  tone: 'pending' | 'success' | 'error';
  text: string;
  /** Shown only on this item's page (a claim); null: on every transaction page (a decision). */
  itemId: string | null;
  /** A link back to the item concerned, when there is something to do there. */
  href?: string;
}

const MAX_NOTICES = 3;
const NONE: readonly TriageNotice[] = [];
let notices: readonly TriageNotice[] = NONE;
const listeners = new Set<() => void>();
const leftBehind = new Set<string>();

function publish(next: readonly TriageNotice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

/** Adds or replaces (by key) a notice; the oldest ones drop off. */
export function showNotice(notice: TriageNotice): void {
  publish([notice, ...notices.filter((n) => n.key !== notice.key)].slice(0, MAX_NOTICES));
}

export function dismissNotice(key: string): void {
  publish(notices.filter((n) => n.key !== key));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The notices, re-rendering on change; none during the server render. */
export function useTriageNotices(): readonly TriageNotice[] {
  return useSyncExternalStore(
    subscribe,
    () => notices,
    () => NONE,
  );
}

export function markLeftBehind(id: string): void {
  leftBehind.add(id);
}

export function wasLeftBehind(id: string): boolean {
  return leftBehind.has(id);
}
