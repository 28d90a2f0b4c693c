// Analyst labels from the review store: every item decided fraud or legitimate (escalated items are
// unresolved, so they carry no label), read page by page through the status index.
import { listQueue, type ReviewSummary, type Store } from '@/lib/store';

export interface AnalystLabel {
  transaction_id: string;
  /** Transaction time (ISO-8601) and its UTC day, the lake partition to join on. */
  tx_time: string;
  dt: string;
  label_is_fraud: boolean;
  label_reason: string;
  label_analyst: string;
  label_decided_at: string;
  decision_model_version: string;
  decision_score: number;
}

const LABELLED = ['fraud', 'legitimate'] as const;

function toLabel(item: ReviewSummary): AnalystLabel | null {
  const d = item.decision;
  if (!d || d.outcome === 'escalate') return null;
  return {
    transaction_id: item.transaction_id,
    tx_time: item.tx_time,
    dt: item.tx_time.slice(0, 10),
    label_is_fraud: d.outcome === 'fraud',
    label_reason: d.reason,
    label_analyst: d.analyst,
    label_decided_at: d.at,
    decision_model_version: item.model_version,
    decision_score: item.score,
  };
}

/** Every analyst label, oldest flagged first per outcome; `onPage` reports progress. */
export async function* analystLabels(
  store: Store,
  options: { pageSize?: number; onPage?: (count: number) => void } = {},
): AsyncGenerator<AnalystLabel> {
  let count = 0;
  for (const status of LABELLED) {
    let cursor: string | undefined;
    do {
      const page = await listQueue(store, {
        status,
        order: 'age',
        limit: options.pageSize ?? 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) {
        const label = toLabel(item);
        if (label) {
          count++;
          yield label;
        }
      }
      options.onPage?.(count);
      cursor = page.cursor ?? undefined;
    } while (cursor);
  }
}
