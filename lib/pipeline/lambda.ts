// The AWS Lambda form of ingestion: S3 ObjectCreated events (direct, or through SQS) run the same
// ingestion as the CLI for each created object, in record order, and the handler THROWS when an object
// could not be ingested (an unreadable file after it is moved to failed/, or an outage such as the
// store being down), so Lambda retries the event and finally hands it to the dead-letter queue.
//
// Dependencies (model, review store, file store, alerts) are built from the environment once per
// container, on the first event, and reused; the checkpoint is re-read at every event because another
// container may have moved it on. `createIngestHandler` takes injected dependencies for tests.
import os from 'node:os';

import { alertConfigFromEnv } from '@/lib/alerts';
import {
  FileStoreConfigError,
  fileStoreFromEnv,
  isS3Url,
  parseS3Url,
  S3FileStore,
  type Env,
  type FileStore,
  type S3Location,
} from '@/lib/files';
import { defaultModelDir } from '@/lib/model/manifest';
import { getModel } from '@/lib/model/scorer';
import { openStore, storeSettingsFromEnv } from '@/lib/store';

import { productionIngestDeps } from './deps';
import {
  accountingLine,
  IngestFailedError,
  openIngestSession,
  type IngestDeps,
  type IngestReport,
  type IngestSession,
} from './ingest';
import { createdObjects } from './s3-events';
import { objectSource } from './sources';

export interface IngestHandlerDeps {
  ingest: IngestDeps;
  /**
   * Where objects must be to be ingested (bucket + key prefix). Others are skipped: a bucket-wide
   * notification must not feed the pipeline its own lake, quarantine and failed/ objects.
   */
  inboxes: readonly S3Location[];
  /** A store rooted at a bucket, for objects that lie outside `ingest.files`. */
  bucketStore: (bucket: string) => FileStore;
  /** One line per object (CloudWatch). */
  log?: (line: string) => void;
  /** Releases clients and servers (tests; a Lambda container is simply frozen). */
  close?: () => Promise<void>;
}

export interface IngestHandlerResult {
  reports: IngestReport[];
  /** `s3://bucket/key` of objects outside the inboxes. */
  skipped: string[];
}

export interface IngestHandler {
  (event: unknown): Promise<IngestHandlerResult>;
  /** Closes the session and the dependencies (tests). */
  close(): Promise<void>;
}

const inInbox = (inboxes: readonly S3Location[], bucket: string, key: string): boolean =>
  inboxes.some((inbox) => inbox.bucket === bucket && key.startsWith(inbox.path));

/**
 * A handler over injected dependencies, or over a factory that is called on the first event (and again
 * after it failed, so a container whose first start hit an outage recovers).
 */
export function createIngestHandler(
  deps: IngestHandlerDeps | (() => Promise<IngestHandlerDeps>),
): IngestHandler {
  let ready: Promise<{ deps: IngestHandlerDeps; session: IngestSession }> | null = null;
  // One event at a time per container (Lambda's own rule; tests may overlap calls): the session is
  // not safe for two files at once.
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Promise<{ deps: IngestHandlerDeps; session: IngestSession }> => {
    ready ??= (async () => {
      const built = typeof deps === 'function' ? await deps() : deps;
      return { deps: built, session: openIngestSession(built.ingest) };
    })();
    ready.catch(() => (ready = null));
    return ready;
  };

  const handle = async (event: unknown): Promise<IngestHandlerResult> => {
    const objects = createdObjects(event);
    const { deps: d, session } = await start();
    const log = d.log ?? ((line: string) => console.log(line));
    await session.reload();
    const result: IngestHandlerResult = { reports: [], skipped: [] };
    const failures: Error[] = [];
    for (const object of objects) {
      const url = `s3://${object.bucket}/${object.key}`;
      if (!inInbox(d.inboxes, object.bucket, object.key) || object.key.endsWith('/')) {
        result.skipped.push(url);
        log(`skipped ${url}: not under ${d.inboxes.map((i) => `s3://${i.bucket}/${i.path}`).join(', ')}`);
        continue;
      }
      const file = objectSource(object.bucket, object.key, d.ingest.files, d.bucketStore);
      try {
        const report = await session.ingest({ file, throwOnFailure: true });
        result.reports.push(report);
        log(
          report.status === 'skipped'
            ? `skipped ${report.file}: ${report.message}`
            : `ingested ${report.file}: ${accountingLine(report)}, ${report.reviewsCreated} new review items`,
        );
      } catch (error) {
        if (!(error instanceof IngestFailedError)) throw error;
        // A bad file is this object's problem: the event's other objects are still ingested.
        log(`FAILED ${error.message}`);
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0]!;
    if (failures.length > 1) throw new AggregateError(failures, failures.map((f) => f.message).join('; '));
    return result;
  };

  const handler = (event: unknown): Promise<IngestHandlerResult> => {
    const run = queue.then(() => handle(event));
    queue = run.catch(() => undefined);
    return run;
  };
  return Object.assign(handler, {
    close: async () => {
      await queue;
      const current = ready;
      ready = null;
      if (!current) return;
      const { deps: d, session } = await current;
      await session.close();
      await d.close?.();
    },
  });
}

/**
 * The handler's dependencies from the environment: files from FRAUD_S3_* (required: a Lambda has no
 * data folder), the review store from FRAUD_DYNAMODB_* (DynamoDB, or a running dynalite's endpoint),
 * the model from FRAUD_MODEL_DIR (default ./model), alerts from FRAUD_ALERT_*, and the inboxes from
 * FRAUD_INGEST_INBOX (comma-separated s3:// prefixes; default the file store's own `inbox/`).
 */
export async function ingestHandlerDepsFromEnv(env: Env = process.env): Promise<IngestHandlerDeps> {
  // The store and model readers take Node's env type; they read only FRAUD_* keys.
  const processEnv = env as NodeJS.ProcessEnv;
  const files = fileStoreFromEnv(env);
  if (!(files instanceof S3FileStore))
    throw new FileStoreConfigError('the Lambda handler needs FRAUD_S3_BUCKET: it has no local data folder');
  const settings = storeSettingsFromEnv(processEnv);
  if (settings.mode === 'embedded' && settings.endpoint === undefined)
    throw new Error(
      'the Lambda handler needs FRAUD_DYNAMODB_REGION (or FRAUD_DYNAMODB_ENDPOINT of a running dynalite)',
    );
  const inboxes = parseInboxes(env.FRAUD_INGEST_INBOX, files);
  const alertConfig = alertConfigFromEnv(env);
  // No data folder to start dynalite in: the settings above always name a running store.
  const [model, opened] = await Promise.all([
    getModel(defaultModelDir(processEnv)),
    openStore(settings, os.tmpdir()),
  ]);
  // The threshold an admin set on /dashboard/threshold applies here too (read once per file).
  const { deps, dispatcher } = productionIngestDeps({ store: opened.store, model, files, alertConfig });
  const buckets = new Map<string, FileStore>();
  return {
    ingest: deps,
    inboxes,
    // One S3 client (the file store's) serves every bucket of the region.
    bucketStore: (bucket) => {
      let store = buckets.get(bucket);
      if (!store) buckets.set(bucket, (store = new S3FileStore({ client: files.client, bucket })));
      return store;
    },
    close: async () => {
      await dispatcher.drain();
      files.client.destroy();
      await opened.close();
    },
  };
}

function parseInboxes(value: string | undefined, files: S3FileStore): S3Location[] {
  const listed = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (listed.length === 0) return [{ bucket: files.bucket, path: `${files.prefix}inbox/` }];
  return listed.map((url) => {
    if (!isS3Url(url)) throw new FileStoreConfigError(`FRAUD_INGEST_INBOX: "${url}" is not an s3:// URL`);
    const { bucket, path } = parseS3Url(url);
    // A prefix names a folder: `s3://b/in` must not take `s3://b/incoming/…`.
    return { bucket, path: path === '' || path.endsWith('/') ? path : `${path}/` };
  });
}

/** The Lambda entry point (`lib/pipeline/lambda.handler`). */
export const handler = createIngestHandler(() => ingestHandlerDepsFromEnv(process.env));
