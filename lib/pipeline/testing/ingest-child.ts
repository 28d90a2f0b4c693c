// Test helper run as a child process by ingest.test.ts (kill -9 test): ingests one file against the
// parent's dynalite and, once the first review item is written, prints REVIEW and waits to be killed.
import { LocalFileStore } from '@/lib/files';
import { getModel } from '@/lib/model/scorer';
import { ingestFile } from '@/lib/pipeline/ingest';
import { createStore } from '@/lib/store';

interface ChildArgs {
  endpoint: string;
  prefix: string;
  file: string;
  /** The data folder: lake, quarantine, failed/ and the checkpoint. */
  dataDir: string;
}

const args = JSON.parse(process.env.INGEST_CHILD_ARGS ?? '{}') as ChildArgs;
const store = createStore({
  connection: { kind: 'embedded', endpoint: args.endpoint },
  tablePrefix: args.prefix,
});
const model = await getModel();
await ingestFile(
  {
    store,
    model,
    files: new LocalFileStore(args.dataDir),
    // Small batches, so the kill lands with some of the file's items written and others not.
    reviewBatch: 2,
    onEvent: async (event) => {
      if (event.kind === 'review' && event.done === 2) {
        process.stdout.write(`REVIEW ${process.pid}\n`);
        // Held here until the parent's SIGKILL (bounded, in case the parent died first).
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      }
    },
  },
  { file: args.file },
);
process.stdout.write('FINISHED\n');
process.exit(0);
