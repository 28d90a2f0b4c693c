// Worker thread of the lake build: reads the inbox files it is sent (inbox-file.ts) and posts each
// back as columns, so reading and validation run beside the feature computation.
import { parentPort } from 'node:worker_threads';

import { readInboxFile, transferables } from './inbox-file';
import type { ReaderReply, ReaderRequest } from './inbox-reader';

const port = parentPort;
if (port === null) throw new Error('inbox-worker.ts runs as a worker thread');

// Files are read one at a time, in the order asked; the reader sends none before this says it is ready.
let queue = Promise.resolve();
port.on('message', ({ id, file }: ReaderRequest) => {
  queue = queue.then(async () => {
    try {
      const rows = await readInboxFile(file);
      port.postMessage({ id, rows } satisfies ReaderReply, transferables(rows));
    } catch (e) {
      const error = e as Error & { file?: string };
      port.postMessage({
        id,
        error: { name: error.name, message: error.message, file: error.file },
      } satisfies ReaderReply);
    }
  });
});
port.postMessage({ ready: true } satisfies ReaderReply);
