// What one queue row shows, cut from the store's review summary on the server: plain data that can
// cross into the client table, with the SLA age and the claim's liveness decided at render time.
import { slaAgeMs, slaBand, type SlaBand } from '@/components/queue/sla';
import type { Channel } from '@/lib/schema/transaction';
import { isClaimActive, type Outcome, type ReviewStatus, type ReviewSummary } from '@/lib/store/schema';

export interface QueueRowData {
  id: string;
  /** The version the row was rendered from: bulk decisions are conditional on it. */
  version: number;
  status: ReviewStatus;
  score: number;
  amount: number;
  currency: string;
  channel: Channel;
  merchantName: string;
  mcc: string;
  cardCountry: string;
  merchantCountry: string;
  txTime: string;
  flaggedAt: string;
  ageMs: number;
  band: SlaBand;
  /** A live claim only; an expired one is history, not ownership. */
  claim: { holder: string; until: string; mine: boolean } | null;
  decision: { outcome: Outcome; reason: string; analyst: string; at: string } | null;
}

export function toQueueRow(item: ReviewSummary, now: Date, actor: string): QueueRowData {
  const ageMs = slaAgeMs(item.flagged_at, item.decided_at ? new Date(item.decided_at) : now);
  return {
    id: item.transaction_id,
    version: item.version,
    status: item.status,
    score: item.score,
    amount: item.tx.amount,
    currency: item.tx.currency,
    channel: item.tx.channel,
    merchantName: item.tx.merchant_name,
    mcc: item.tx.mcc,
    cardCountry: item.tx.card_country,
    merchantCountry: item.tx.merchant_country,
    txTime: item.tx.timestamp,
    flaggedAt: item.flagged_at,
    ageMs,
    band: slaBand(ageMs),
    claim:
      isClaimActive(item, now) && item.assignee && item.claim_expires_at
        ? { holder: item.assignee, until: item.claim_expires_at, mine: item.assignee === actor }
        : null,
    decision: item.decision
      ? {
          outcome: item.decision.outcome,
          reason: item.decision.reason,
          analyst: item.decision.analyst,
          at: item.decision.at,
        }
      : null,
  };
}
