// Reads inbox files ahead of the lake build in a worker thread: while the build computes the features
// of one file, the next ones are read and validated on another core. Files come back in the order
// given. Until the worker has started (a few hundred ms from TypeScript source), and where no worker
// can be started, files are read on the calling thread instead.
import { Worker } from 'node:worker_threads';

import { UnreadableFileError } from '@/lib/schema/readers';

import { readInboxFile, type InboxFile } from './inbox-file';

export interface ReaderRequest {
  id: number;
  file: string;
}
export type ReaderReply =
  | { ready: true; id?: undefined }
  | { id: number; rows: InboxFile; error?: undefined }
  | { id: number; error: { name: string; message: string; file?: string } };

/** Files read ahead of the one being used: enough to keep the worker busy, few to hold. */
const READ_AHEAD = 2;

/**
 * A worker running inbox-worker. From TypeScript source (tsx, vitest) the worker registers tsx's
 * loader first; compiled JavaScript would load inbox-worker.js directly.
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`./inbox-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  if (!fromSource) return new Worker(new URL(file));
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { eval: true });
}

function replyError({ name, message, file }: { name: string; message: string; file?: string }): Error {
  if (name === 'UnreadableFileError' && file !== undefined) {
    const problem = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
    return new UnreadableFileError(file, problem);
  }
  return Object.assign(new Error(message), { name });
}

export class InboxReader {
  private readonly files: readonly string[];
  private readonly worker: Worker | undefined;
  private ready = false;
  private failure: Error | undefined;
  private readonly waiting = new Map<
    number,
    { resolve: (f: InboxFile) => void; reject: (e: Error) => void }
  >();
  /** Files asked for, in order. */
  private readonly asked: Promise<InboxFile>[] = [];
  private nextToAsk = 0;

  constructor(files: readonly string[], options: { worker?: boolean } = {}) {
    this.files = files;
    if (options.worker !== false) {
      try {
        this.worker = startWorker();
        this.worker.on('message', (reply: ReaderReply) => {
          if (reply.id === undefined) {
            this.ready = true;
            this.fill();
          } else this.settle(reply);
        });
        this.worker.on('error', (error) => this.fail(error));
        this.worker.on('exit', () => this.fail(new Error('the inbox reader worker stopped')));
      } catch {
        this.worker = undefined;
      }
    }
    this.fill();
  }

  /** The next file's rows (files in the order given). */
  async next(): Promise<InboxFile> {
    // Nothing asked yet (the worker is starting): read this one here.
    if (this.asked.length === 0) this.ask(false);
    const rows = this.asked.shift();
    if (rows === undefined) throw new Error('no more inbox files');
    this.fill();
    return rows;
  }

  async close(): Promise<void> {
    // Pending reads are abandoned; their promises are already handled.
    this.failure ??= new Error('the inbox reader is closed');
    await this.worker?.terminate();
  }

  /** Keeps READ_AHEAD files asked for: from the worker once it is ready, or here without one. */
  private fill(): void {
    if (this.worker !== undefined && !this.ready) return;
    while (this.asked.length < READ_AHEAD && this.nextToAsk < this.files.length)
      this.ask(this.worker !== undefined);
  }

  private ask(inWorker: boolean): void {
    if (this.nextToAsk >= this.files.length) return;
    const id = this.nextToAsk++;
    const file = this.files[id]!;
    const rows = inWorker
      ? new Promise<InboxFile>((resolve, reject) => {
          if (this.failure !== undefined) return reject(this.failure);
          this.waiting.set(id, { resolve, reject });
          this.worker!.postMessage({ id, file } satisfies ReaderRequest);
        })
      : readInboxFile(file);
    // A read that fails while an earlier file is in use is reported when its turn comes.
    rows.catch(() => undefined);
    this.asked.push(rows);
  }

  private settle(reply: Exclude<ReaderReply, { ready: true }>): void {
    const waiter = this.waiting.get(reply.id);
    if (waiter === undefined) return;
    this.waiting.delete(reply.id);
    if (reply.error === undefined) waiter.resolve(reply.rows);
    else waiter.reject(replyError(reply.error));
  }

  /** The worker is gone: what it was asked for, and anything asked later, fails with `error`. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
