// The demo bootstrap's simulated analyst: works through the open items flagged before a cutoff, oldest
// first, and claims then decides each one through the store's real claimReview and decideReview, so
// the audit trail, versions and counters are exactly what a person's work would leave. Decisions come
// from demoDecision (the simulator's labels with realistic errors) and are signed
// `demo-analyst (simulated)` with a note saying so. Items newer than the cutoff stay open: the live
// queue. Re-running is safe: decided items are no longer open, a claim left by a crash is resumed, and
// every write carries a deterministic request id.
import { reasonLabel } from '@/lib/review/reasons';
import {
  claimReview,
  countFlaggedBefore,
  decideReview,
  isClaimActive,
  listQueue,
  ReviewConflictError,
  type Outcome,
  type ReviewSummary,
  type Store,
} from '@/lib/store';

import { DEMO_ANALYST, DEMO_RATES, demoDecision, type DemoRates } from './demo-decision';

export interface DemoAnalystOptions {
  /** Decide open items flagged strictly before this instant; newer ones are left open. */
  cutoff: Date;
  /** Same seed, same decisions (default 0). */
  seed?: number;
  /** Items worked on at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: DemoAnalystProgress) => void;
  /** Actor name (default `demo-analyst (simulated)`); keep it visibly simulated. */
  analyst?: string;
  rates?: DemoRates;
  /** No decision is dated after this (default now); an item whose draw falls later stays open. */
  notAfter?: Date;
  signal?: AbortSignal;
  /**
   * Claim each item before deciding it (default true), as an analyst working from "Next" does. The
   * bootstrap turns it off: deciding straight from the item is allowed too, and it halves the writes.
   */
  claim?: boolean;
}

export interface DemoAnalystProgress {
  /** Items looked at so far, of the open items flagged before the cutoff when the run started. */
  done: number;
  of: number;
  decided: number;
  elapsedMs: number;
}

export interface DemoAnalystCounts {
  /** Open items flagged before the cutoff that the run looked at. */
  considered: number;
  decided: number;
  byOutcome: Record<Outcome, number>;
  /** Frauds called legitimate, and legitimate items called fraud. */
  missed: number;
  falseAlarms: number;
  /** Left open: the transaction carries no is_fraud label to simulate from. */
  unlabelled: number;
  /** Left open: someone else holds or changed the item. */
  conflicts: number;
  /** Left open: the simulated decision time falls after `notAfter`. */
  notYet: number;
  elapsedMs: number;
}

/** The usual cutoff: items flagged more than `days` before the newest transaction get decided. */
export function demoCutoff(newestTransaction: Date | string, days = 3): Date {
  return new Date(new Date(newestTransaction).getTime() - days * 86_400_000);
}

const PAGE = 200;
const NOTE = 'Simulated by the demo bootstrap from the data’s fraud label; not a human decision.';

type Result = 'decided' | 'unlabelled' | 'conflict' | 'notYet';

export async function runDemoAnalyst(store: Store, options: DemoAnalystOptions): Promise<DemoAnalystCounts> {
  const started = performance.now();
  const seed = options.seed ?? 0;
  const analyst = options.analyst ?? DEMO_ANALYST;
  const rates = options.rates ?? DEMO_RATES;
  const notAfter = (options.notAfter ?? new Date()).getTime();
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const counts: DemoAnalystCounts = {
    considered: 0,
    decided: 0,
    byOutcome: { fraud: 0, legitimate: 0, escalate: 0 },
    missed: 0,
    falseAlarms: 0,
    unlabelled: 0,
    conflicts: 0,
    notYet: 0,
    elapsedMs: 0,
  };
  const of = await countFlaggedBefore(store, { status: 'open', before: options.cutoff });

  const work = async (item: ReviewSummary): Promise<Result> => {
    const d = demoDecision(
      { transactionId: item.transaction_id, tx: item.tx, flaggedAt: item.flagged_at },
      seed,
      rates,
    );
    if (!d) return 'unlabelled';
    if (d.decideAt.getTime() > notAfter) return 'notYet';
    const requestId = (step: string) => `demo:${seed}:${item.transaction_id}:${step}`;
    let version = item.version;
    // A claim of ours from a run that died before deciding is resumed rather than fought; someone
    // else's live claim is left alone, with or without claiming first.
    if (item.assignee !== analyst) {
      if (isClaimActive(item, d.claimAt)) return 'conflict';
      if (options.claim !== false) {
        const claimed = await claimReview(store, {
          transactionId: item.transaction_id,
          version,
          analyst,
          // Long enough to cover the handling time, so the trail never shows a lapsed claim being decided.
          claimMs: d.decideAt.getTime() - d.claimAt.getTime() + 5 * 60_000,
          requestId: requestId('claim'),
          now: d.claimAt,
        });
        if (!claimed.ok) return 'conflict';
        version = claimed.item.version;
      }
    }
    try {
      await decideReview(store, {
        transactionId: item.transaction_id,
        version,
        outcome: d.outcome,
        reason: d.reason,
        note: `${reasonLabel(d.reason)}. ${NOTE}`,
        analyst,
        requestId: requestId('decide'),
        now: d.decideAt,
      });
    } catch (error) {
      if (error instanceof ReviewConflictError) return 'conflict';
      throw error;
    }
    counts.byOutcome[d.outcome]++;
    if (d.correct === false && d.outcome === 'legitimate') counts.missed++;
    if (d.correct === false && d.outcome === 'fraud') counts.falseAlarms++;
    return 'decided';
  };

  let cursor: string | null = null;
  // Bounded: every page holds up to PAGE items of a finite key range, and the cursor only moves forward.
  for (let pages = 0; pages < 1_000_000; pages++) {
    options.signal?.throwIfAborted();
    const page = await listQueue(store, {
      status: 'open',
      order: 'age',
      filters: { flaggedBefore: options.cutoff },
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, page.items.length) }, async () => {
        while (next < page.items.length) {
          options.signal?.throwIfAborted();
          const result = await work(page.items[next++]!);
          counts.considered++;
          if (result === 'decided') counts.decided++;
          else if (result === 'unlabelled') counts.unlabelled++;
          else if (result === 'conflict') counts.conflicts++;
          else counts.notYet++;
          options.onProgress?.({
            done: counts.considered,
            of: Math.max(of, counts.considered),
            decided: counts.decided,
            elapsedMs: performance.now() - started,
          });
        }
      }),
    );
    cursor = page.cursor;
    if (!cursor) break;
  }
  counts.elapsedMs = performance.now() - started;
  return counts;
}
