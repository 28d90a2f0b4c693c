// Test helper run as a child process by the kill -9 tests (lib/pipeline/ingest.test.ts and
// tests/reliability/kill-ingest.test.ts): ingests one file (or, with `inbox`, a folder through
// ingestInbox) against the parent's dynalite. By default, once the first review items are written, it
// prints REVIEW and waits to be killed. `holdAt` picks another progress event to wait at, or none (the
// parent then kills it at a random moment); every progress event is printed as an EVENT line so the
// parent can tell where the kill landed.
import { LocalFileStore } from '@/lib/files';
import { getModel } from '@/lib/model/scorer';
import { ingestInbox } from '@/lib/pipeline/inbox';
import { ingestFile, type IngestDeps, type IngestEvent } from '@/lib/pipeline/ingest';
import { createStore } from '@/lib/store';

/**
 * A progress event to hold at: the `nth` (default 1st) `read` or `lake` event; for `review`, once
 * `done` items are written (`last`: all of them).
 */
export type HoldAt = { kind: 'read' | 'lake'; nth?: number } | { kind: 'review'; done: number | 'last' };

export interface IngestChildArgs {
  endpoint: string;
  prefix: string;
  /** The file to ingest (unless `inbox`). */
  file?: string;
  /** Ingest this folder with ingestInbox instead of `file`. */
  inbox?: string;
  /** The inbox run's checkpoint interval (ingestInbox's default when absent). */
  checkpointEveryMs?: number;
  /** The data folder: lake, quarantine, failed/ and the checkpoint. */
  dataDir: string;
  /** Where to wait for the parent's SIGKILL (default: review, done 2); null runs to the end. */
  holdAt?: HoldAt | null;
  /** Review items per batch (default 2: the kill lands with some items written and others not). */
  reviewBatch?: number;
}

const args = JSON.parse(process.env.INGEST_CHILD_ARGS ?? '{}') as IngestChildArgs;
const holdAt: HoldAt | null = args.holdAt === undefined ? { kind: 'review', done: 2 } : args.holdAt;
const store = createStore({
  connection: { kind: 'embedded', endpoint: args.endpoint },
  tablePrefix: args.prefix,
});
const model = await getModel();

const seen = new Map<IngestEvent['kind'], number>();
const holds = (event: IngestEvent): boolean => {
  seen.set(event.kind, (seen.get(event.kind) ?? 0) + 1);
  if (!holdAt || holdAt.kind !== event.kind) return false;
  if (event.kind !== 'review' || holdAt.kind !== 'review')
    return holdAt.kind !== 'review' && seen.get(event.kind) === (holdAt.nth ?? 1);
  return holdAt.done === 'last' ? event.done === event.of : event.done === holdAt.done;
};

const deps: IngestDeps = {
  store,
  model,
  files: new LocalFileStore(args.dataDir),
  reviewBatch: args.reviewBatch ?? 2,
  onEvent: async (event) => {
    const progress = event.kind === 'review' ? ` ${event.done}/${event.of ?? '?'}` : '';
    process.stdout.write(`EVENT ${event.kind}${progress}\n`);
    if (holds(event)) {
      process.stdout.write(event.kind === 'review' ? `REVIEW ${process.pid}\n` : `HOLD ${process.pid}\n`);
      // Held here until the parent's SIGKILL (bounded, in case the parent died first).
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
  },
};
process.stdout.write(`READY ${process.pid}\n`);
if (args.inbox !== undefined) {
  await ingestInbox(deps, {
    inbox: args.inbox,
    ...(args.checkpointEveryMs !== undefined ? { checkpointEveryMs: args.checkpointEveryMs } : {}),
  });
} else {
  await ingestFile(deps, { file: args.file! });
}
process.stdout.write('FINISHED\n');
process.exit(0);
