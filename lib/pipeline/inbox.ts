// Ingests an inbox (a folder of the data folder or any local folder, or a prefix of an S3 bucket):
// every transaction file under it in key order (dot files are partial writes and are skipped), once,
// through one session (checkpoint, feature state and DuckDB kept across files), and a polling watch
// loop over the same inbox that stops when its AbortSignal fires. Both write the checkpoint every few
// seconds rather than after each file (see IngestSessionOptions), and always at the end of a run or poll.
import { isFileNotFound } from '@/lib/files';

import { openIngestSession, type IngestDeps, type IngestReport, type IngestSession } from './ingest';
import { listSources, localFolder, type SourceFolder } from './sources';

/**
 * How often an inbox run writes the checkpoint (IngestSessionOptions.checkpointEveryMs): a crash costs
 * at most this much work again, against about 130 ms per write once the state holds 90 days.
 */
export const INBOX_CHECKPOINT_EVERY_MS = 10_000;

export interface InboxReport {
  files: IngestReport[];
  ingested: number;
  skipped: number;
  failed: number;
  /** Rows read by ingested files. */
  rows: number;
  elapsedMs: number;
}

export interface InboxOptions {
  /** The inbox: a folder of a store (sources.ts resolves command-line locations), or a local folder. */
  inbox: SourceFolder | string;
  /** Called after each file (progress output). */
  onFile?: (report: IngestReport, index: number, total: number) => void;
  /** Default INBOX_CHECKPOINT_EVERY_MS; 0 writes the checkpoint after every file. */
  checkpointEveryMs?: number;
}

const sessionFor = (deps: IngestDeps, options: InboxOptions): IngestSession =>
  openIngestSession(deps, { checkpointEveryMs: options.checkpointEveryMs ?? INBOX_CHECKPOINT_EVERY_MS });

function summarise(files: IngestReport[], started: number): InboxReport {
  return {
    files,
    ingested: files.filter((f) => f.status === 'ingested').length,
    skipped: files.filter((f) => f.status === 'skipped').length,
    failed: files.filter((f) => f.status === 'failed').length,
    rows: files.reduce((n, f) => n + (f.status === 'ingested' ? f.read : 0), 0),
    elapsedMs: performance.now() - started,
  };
}

const folderOf = (deps: IngestDeps, inbox: InboxOptions['inbox']): SourceFolder =>
  typeof inbox === 'string' ? localFolder(inbox, deps.files) : inbox;

/** Ingests every file of the inbox (unreadable ones go to failed/ and the run continues). */
export async function ingestInbox(deps: IngestDeps, options: InboxOptions): Promise<InboxReport> {
  const started = performance.now();
  const files = await listSources(folderOf(deps, options.inbox), deps.files);
  const session = sessionFor(deps, options);
  try {
    const reports = await session.ingestAll(files, (report, index) =>
      options.onFile?.(report, index, files.length),
    );
    return summarise(reports, started);
  } finally {
    await session.close();
  }
}

export interface WatchOptions extends InboxOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Called after each poll that found work. */
  onPoll?: (report: InboxReport) => void;
  /** A failing poll (store down, disk full) is reported here and retried next interval. */
  onError?: (error: unknown) => void;
}

/**
 * Polls the inbox every `intervalMs` until `signal` aborts. A file is (re)considered only when its
 * size or modification time changed since it was last seen, so an idle inbox of ingested files costs
 * one listing per poll, not a hash of every file. Returns every report it produced.
 */
export async function watchInbox(deps: IngestDeps, options: WatchOptions): Promise<IngestReport[]> {
  const { signal } = options;
  const folder = folderOf(deps, options.inbox);
  const session = sessionFor(deps, options);
  const seen = new Map<string, string>();
  const all: IngestReport[] = [];
  try {
    while (!signal.aborted) {
      const started = performance.now();
      try {
        // The stamp is the one listed: a file changed after the listing gets a new stamp next poll.
        const files = (await listSources(folder, deps.files))
          .map((file) => ({ file, stamp: `${file.info.size}:${file.info.modified.getTime()}` }))
          .filter(({ file, stamp }) => seen.get(file.key) !== stamp);
        if (files.length > 0) {
          const reports: IngestReport[] = [];
          for (const [index, { file, stamp }] of files.entries()) {
            if (signal.aborted) break;
            let report: IngestReport;
            try {
              report = await session.ingest({ file });
            } catch (error) {
              // Moved or deleted since the listing: nothing to ingest.
              if (isFileNotFound(error)) continue;
              throw error;
            }
            reports.push(report);
            options.onFile?.(report, index, files.length);
            if (report.status !== 'failed') seen.set(file.key, stamp);
          }
          await session.flush();
          all.push(...reports);
          options.onPoll?.(summarise(reports, started));
        }
      } catch (error) {
        // Files ingested since the last checkpoint write are not recorded in it (and a failed ingest
        // dropped the session's state): look at every file again, so they are ingested again, in order.
        seen.clear();
        options.onError?.(error);
      }
      await sleep(options.intervalMs, signal);
    }
  } finally {
    await session.close();
  }
  return all;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
