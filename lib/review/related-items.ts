// Other review items and alerts on the same card or terminal as one transaction: what an analyst checks
// before deciding ("was this card reported last week?", "is this terminal being worked?"). Card and
// terminal items come from their indexes; alerts have no card or terminal index, so the newest part of
// the feed is filtered and the page says how far back it looked.
import 'server-only';

import {
  listAlerts,
  listCardReviews,
  listTerminalReviews,
  type Alert,
  type ReviewSummary,
  type Store,
} from '@/lib/store';

/** How many of the newest alerts are searched for this card or terminal. */
export const ALERTS_SEARCHED = 500;

export interface RelatedItems {
  card: ReviewSummary[];
  /** More card items exist beyond the ones returned. */
  cardMore: boolean;
  terminal: ReviewSummary[];
  terminalMore: boolean;
  alerts: Alert[];
}

export async function getRelatedItems(
  store: Store,
  params: { transactionId: string; cardId: string; terminalId: string; limit?: number },
): Promise<RelatedItems> {
  const limit = params.limit ?? 20;
  // One more than shown, so the page can say there are more.
  const [card, terminal, alerts] = await Promise.all([
    listCardReviews(store, { cardId: params.cardId, limit: limit + 1 }),
    listTerminalReviews(store, { terminalId: params.terminalId, limit: limit + 1 }),
    listAlerts(store, { limit: ALERTS_SEARCHED }),
  ]);
  const others = (items: ReviewSummary[]) => items.filter((i) => i.transaction_id !== params.transactionId);
  const cardItems = others(card.items);
  const terminalItems = others(terminal.items);
  return {
    card: cardItems.slice(0, limit),
    cardMore: cardItems.length > limit || card.cursor !== null,
    terminal: terminalItems.slice(0, limit),
    terminalMore: terminalItems.length > limit || terminal.cursor !== null,
    alerts: alerts.items.filter(
      (a) =>
        a.transaction_id === params.transactionId ||
        a.card_id === params.cardId ||
        a.terminal_id === params.terminalId,
    ),
  };
}
