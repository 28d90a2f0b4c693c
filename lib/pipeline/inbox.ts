// Ingests an inbox folder: every transaction file in name order (dot files are partial writes and are
// skipped), once, through one session (checkpoint, feature state and DuckDB kept across files), and a
// polling watch loop over the same folder that stops when its AbortSignal fires.
import { listInbox } from '@/lib/lake/build';

import { openIngestSession, type IngestDeps, type IngestReport, type IngestSession } from './ingest';
import { fileStamp } from './io';

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
  inboxDir: string;
  /** Called after each file (progress output). */
  onFile?: (report: IngestReport, index: number, total: number) => void;
}

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

async function ingestAll(
  session: IngestSession,
  files: readonly string[],
  onFile: InboxOptions['onFile'],
): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  for (const [index, file] of files.entries()) {
    const report = await session.ingest({ file });
    reports.push(report);
    onFile?.(report, index, files.length);
  }
  return reports;
}

/** Ingests every file of the inbox (unreadable ones go to failed/ and the run continues). */
export async function ingestInbox(deps: IngestDeps, options: InboxOptions): Promise<InboxReport> {
  const started = performance.now();
  const files = await listInbox(options.inboxDir);
  const session = openIngestSession(deps);
  try {
    return summarise(await ingestAll(session, files, options.onFile), started);
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
 * one directory listing per poll, not a hash of every file. Returns every report it produced.
 */
export async function watchInbox(deps: IngestDeps, options: WatchOptions): Promise<IngestReport[]> {
  const { signal } = options;
  const session = openIngestSession(deps);
  const seen = new Map<string, string>();
  const all: IngestReport[] = [];
  try {
    while (!signal.aborted) {
      const started = performance.now();
      try {
        const files: string[] = [];
        for (const file of await listInbox(options.inboxDir)) {
          const stamp = await fileStamp(file);
          if (stamp === null) continue;
          const key = `${stamp.size}:${stamp.mtimeMs}`;
          if (seen.get(file) !== key) files.push(file);
        }
        if (files.length > 0) {
          const reports: IngestReport[] = [];
          for (const [index, file] of files.entries()) {
            if (signal.aborted) break;
            const stamp = await fileStamp(file);
            const report = await session.ingest({ file });
            reports.push(report);
            options.onFile?.(report, index, files.length);
            if (report.status !== 'failed' && stamp) seen.set(file, `${stamp.size}:${stamp.mtimeMs}`);
          }
          all.push(...reports);
          options.onPoll?.(summarise(reports, started));
        }
      } catch (error) {
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
