// Puts a file's flagged rows into the review store while the pipeline is still scoring the rest: the
// ingestion loop hands over each chunk's review items as soon as they are built, and this writes them
// in batches of a fixed size (two batches in flight), so the store's work overlaps the feature, score
// and lake work instead of following it. On the embedded store that work is the largest part of an
// ingest (dynalite on its own thread, about 0.7 ms of CPU per item); against DynamoDB it is latency.
//
// Batches are exact multiples of `batch` until `close()`, which writes the remainder: progress events
// say how many are done, and how many there are in all once the pipeline has scored every row.
import { highRiskAlert, type AlertDispatcher } from '@/lib/alerts';
import { putReviewItems, type NewReview, type Store } from '@/lib/store';

export interface ReviewWriterOptions {
  store: Store;
  /** Items per putReviewItems call (default 500). */
  batch?: number;
  /** Batches written at once (default 2): the next one is sent while the store finishes the last. */
  inFlight?: number;
  alerts?: { dispatcher: AlertDispatcher; highRiskScore: number; now: Date };
  /** After each batch: created in it, done so far, and the total (null until close()). */
  onBatch?: (progress: { created: number; done: number; of: number | null }) => void | Promise<void>;
}

export class ReviewWriter {
  created = 0;
  alerts = 0;
  /** Milliseconds from the first batch sent to the last one done. */
  busyMs = 0;
  private readonly queue: NewReview[] = [];
  private readonly batch: number;
  private readonly inFlight: number;
  private running = 0;
  private done = 0;
  private total: number | null = null;
  private pushed = 0;
  private firstAt: number | null = null;
  private totalReported = false;
  private failure: { error: unknown } | null = null;
  private idle: (() => void) | null = null;
  /** Event callbacks run one at a time and in order (the kill test holds the process inside one). */
  private events: Promise<void> = Promise.resolve();

  constructor(private readonly options: ReviewWriterOptions) {
    this.batch = Math.max(1, options.batch ?? 500);
    this.inFlight = Math.max(1, options.inFlight ?? 2);
  }

  /** Queues reviews; full batches start at once. Throws the first write error, if one happened. */
  push(reviews: readonly NewReview[]): void {
    this.throwIfFailed();
    for (const review of reviews) this.queue.push(review);
    this.pushed += reviews.length;
    this.pump();
  }

  /**
   * Writes what is left and waits for every batch and alert; rejects with the first error. The last
   * progress event always carries the total: when every batch was done before close(), one more event
   * (created 0) says so.
   */
  async close(): Promise<void> {
    this.total = this.pushed;
    this.pump();
    await this.settled();
    this.throwIfFailed();
    if (this.done > 0 && !this.totalReported) await this.report(0);
    if (this.options.alerts) await this.options.alerts.dispatcher.drain();
  }

  /** Drops what is queued and waits for the batches in flight (the pipeline failed). */
  async abandon(): Promise<void> {
    this.queue.length = 0;
    this.total = this.pushed;
    await this.settled().catch(() => undefined);
  }

  private async settled(): Promise<void> {
    if (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await this.events;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private pump(): void {
    while (!this.failure && this.running < this.inFlight) {
      const ready = this.total === null ? this.queue.length >= this.batch : this.queue.length > 0;
      if (!ready) break;
      const reviews = this.queue.splice(0, this.batch);
      this.running++;
      this.firstAt ??= performance.now();
      void this.write(reviews).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0) {
          this.busyMs = performance.now() - (this.firstAt ?? performance.now());
          this.idle?.();
          this.idle = null;
        }
      });
    }
  }

  private async write(reviews: NewReview[]): Promise<void> {
    try {
      const { created } = await putReviewItems(this.options.store, reviews);
      let made = 0;
      reviews.forEach((review, k) => {
        if (created[k]) made++;
        const alerts = this.options.alerts;
        const alert = alerts
          ? highRiskAlert(review, { highRiskScore: alerts.highRiskScore, now: alerts.now })
          : null;
        if (alert && alerts) {
          alerts.dispatcher.submit(alert);
          this.alerts++;
        }
      });
      this.created += made;
      this.done += reviews.length;
      await this.report(made);
    } catch (error) {
      this.failure ??= { error };
    }
  }

  /** Queues a progress event behind the earlier ones and waits for it. */
  private report(created: number): Promise<void> {
    const progress = { created, done: this.done, of: this.total };
    if (progress.of !== null) this.totalReported = true;
    const onBatch = this.options.onBatch;
    if (!onBatch) return Promise.resolve();
    return (this.events = this.events.then(() => onBatch(progress)));
  }
}
