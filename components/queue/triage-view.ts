// The queue view "next item" works from, remembered between pages: the queue page stores its status,
// order and filters (never the page position) in a cookie, so `n` on a transaction page takes the next
// item from the same slice of the queue the analyst chose. Pure: written in the browser, read on the
// server, and parsed with the queue's own zod rules (a bad cookie means the default view).
import {
  DEFAULT_VIEW,
  firstPage,
  parseQueueView,
  queueViewToParams,
  type QueueView,
} from '@/components/queue/queue-view';

export const TRIAGE_VIEW_COOKIE = 'fraud_triage_view';

/** A view's status, order and filters as a query string, without its page position or size. */
export function triageQuery(view: QueueView): string {
  return queueViewToParams(firstPage(view, { size: DEFAULT_VIEW.size })).toString();
}

/** The view stored in the cookie's value (URL-encoded query string), or the default view. */
export function triageViewFromCookie(value: string | undefined): QueueView {
  if (!value) return { ...DEFAULT_VIEW, trail: [] };
  try {
    return parseQueueView(new URLSearchParams(decodeURIComponent(value))).view;
  } catch {
    return { ...DEFAULT_VIEW, trail: [] };
  }
}

/** The Set-Cookie text for the browser: the whole console, this session, never sent cross-site. */
export function triageCookie(query: string): string {
  return `${TRIAGE_VIEW_COOKIE}=${encodeURIComponent(query)}; Path=/; SameSite=Lax`;
}
