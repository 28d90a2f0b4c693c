// Flags many transactions at once with the semantics of putReviewItem (an existing item is never
// overwritten; every created item gets its `flagged` event; a re-run heals a missing event), in a few
// batch requests per 100 items instead of two conditional puts per item.
//
// Why unconditional batch puts are safe here. BatchWriteItem takes no conditions, so "create only if
// absent" becomes "BatchGet which ids exist (strongly consistent), then put only the absent ones".
// That is a check-then-act, and it is sound because nothing else can create a review item between the
// check and the put: review items are created only by ingestion, one ingestion session per checkpoint
// (IngestSession), and a transaction id belongs to one file (the pipeline quarantines ids the lake
// already holds from other files). A re-run after a crash is sequential with the run it repeats, and
// analysts can only change items that already exist. So an id absent at BatchGet time is written by
// this call alone, at version 1; an id present at BatchGet time is left alone, whatever its version.
// Running two ingestion sessions on one checkpoint breaks the premise (and the pipeline's already).
//
// Order, as in putReviewItem: items first, their events after every item of the group was written, so
// the trail never holds an event for an item that does not exist. A crash between the two leaves items
// without events; the re-run finds those items existing and puts their missing last events, which it
// finds by a BatchGet on the audit table (existing events are not rewritten).
import { txDay } from '@/lib/schema/transaction';

import { BATCH_GET_MAX, BATCH_WRITE_MAX, batchGet, batchPut, type BatchRetry } from './batch-io';
import type { Store } from './client';
import { addToStatusCounts } from './counts';
import { addItemsToDayCounts } from './day-counts';
import { fromItem, itemSize, toItem, type Item } from './marshal';
import { MAX_REVIEW_ITEM_BYTES, newReviewItem, ReviewTooLargeError, type NewReview } from './reviews';
import { auditEventSchema, type AuditEvent } from './schema';
import { eventToItem, reviewToItem } from './stored';

export interface PutReviewsOptions {
  /** Chunks of 100 inputs in flight at once (default 4). */
  concurrency?: number;
  /** Retry policy for unprocessed batch entries. */
  retry?: BatchRetry;
  /** After each chunk: inputs handled so far, of how many, and how many were created. */
  onProgress?: (progress: { done: number; of: number; created: number }) => void;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Puts newly flagged items unless they exist; `created[i]` says whether `reviews[i]` was created by
 * this call. A transaction id repeated in the input counts once (its first occurrence). Throws
 * ReviewTooLargeError or BatchIncompleteError; chunks already written stay written, and calling again
 * with the same input finishes the job (idempotent).
 */
export async function putReviewItems(
  store: Store,
  reviews: readonly NewReview[],
  options: PutReviewsOptions = {},
): Promise<{ created: boolean[] }> {
  const created = new Array<boolean>(reviews.length).fill(false);
  // First occurrence per id: chunks run concurrently, so duplicates in two chunks would both look new.
  const firsts: number[] = [];
  const seen = new Set<string>();
  reviews.forEach((r, i) => {
    const id = r.transaction.transaction_id;
    if (!seen.has(id)) {
      seen.add(id);
      firsts.push(i);
    }
  });
  // Chunks of one transaction day where possible: a chunk ADDs once per day it holds (day counters).
  // The sort is stable, so one day's inputs keep their order; which chunk an id lands in changes nothing
  // else.
  const dayOf = (i: number): string => txDay(reviews[i]!.transaction);
  const byDay = [...firsts].sort((a, b) => dayOf(a).localeCompare(dayOf(b)));

  const work = chunks(byDay, BATCH_GET_MAX);
  let next = 0;
  let done = reviews.length - firsts.length;
  let createdCount = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < work.length && !failed) {
      const chunk = work[next++]!;
      try {
        const made = await putChunk(store, chunk, reviews, options.retry ?? {});
        for (const i of made) created[i] = true;
        createdCount += made.length;
      } catch (error) {
        failed = true;
        throw error;
      }
      done += chunk.length;
      options.onProgress?.({ done, of: reviews.length, created: createdCount });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, work.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { created };
}

/** One chunk of ≤ 100 distinct ids; returns the input indexes it created. */
async function putChunk(
  store: Store,
  indexes: readonly number[],
  reviews: readonly NewReview[],
  retry: BatchRetry,
): Promise<number[]> {
  const items = indexes.map((i) => {
    const item = newReviewItem(reviews[i]!);
    const stored = reviewToItem(item);
    const bytes = itemSize(stored);
    if (bytes > MAX_REVIEW_ITEM_BYTES) throw new ReviewTooLargeError(item.transaction_id, bytes);
    return { index: i, id: item.transaction_id, stored, event: item.last_event, item };
  });

  const existing = new Map<string, AuditEvent>();
  const found = await batchGet(
    store,
    store.tables.reviews,
    items.map((it) => toItem({ transaction_id: it.id })),
    { attributes: ['transaction_id', 'last_event'], retry },
  );
  for (const raw of found) {
    const plain = fromItem(raw);
    existing.set(String(plain.transaction_id), auditEventSchema.parse(plain.last_event));
  }

  const fresh = items.filter((it) => !existing.has(it.id));
  await Promise.all(
    chunks(fresh, BATCH_WRITE_MAX).map(async (group) => {
      await batchPut(
        store,
        store.tables.reviews,
        group.map((it) => it.stored),
        retry,
      );
      // The group's items are all written: now (and only now) their events.
      await batchPut(
        store,
        store.tables.audit,
        group.map((it) => eventToItem(it.event)),
        retry,
      );
    }),
  );
  await Promise.all([
    fresh.length > 0 ? addToStatusCounts(store, { open: fresh.length }) : null,
    addItemsToDayCounts(
      store,
      fresh.map((it) => it.item),
    ),
    healEvents(store, [...existing.values()], retry),
  ]);
  return fresh.map((it) => it.index);
}

/** Puts whichever of these (existing items' latest) events the audit table lacks. */
async function healEvents(store: Store, events: readonly AuditEvent[], retry: BatchRetry): Promise<void> {
  if (events.length === 0) return;
  const present = new Set<string>();
  for (const group of chunks(events, BATCH_GET_MAX)) {
    const found = await batchGet(
      store,
      store.tables.audit,
      group.map((e) => toItem({ event_id: e.event_id })),
      { attributes: ['event_id'], retry },
    );
    for (const raw of found) present.add(String(fromItem(raw).event_id));
  }
  const missing: Item[] = events.filter((e) => !present.has(e.event_id)).map(eventToItem);
  // An event id names one immutable event (the item's change at that version), so even a copy that
  // another writer appended in the meantime is the same content: the put cannot alter history.
  await Promise.all(
    chunks(missing, BATCH_WRITE_MAX).map((group) => batchPut(store, store.tables.audit, group, retry)),
  );
}
