// Test helpers shared by the pipeline's S3 and Lambda suites: S3 event JSON as AWS sends it (direct,
// and wrapped in SQS), a bounded scan of a review-store table, and row counts of lake parts read back
// from a FileStore with DuckDB. Not imported by production code.
import { ScanCommand } from '@aws-sdk/client-dynamodb';

import type { FileStore } from '@/lib/files';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import type { Store } from '@/lib/store';

/** How S3 writes a key into an event: URL-encoded, `/` kept, a space as `+`. */
export const eventKey = (key: string): string =>
  encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

export function s3Event(objects: { bucket: string; key: string; eventName?: string }[]) {
  return {
    Records: objects.map(({ bucket, key, eventName = 'ObjectCreated:Put' }) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-02-01T00:00:00.000Z',
      eventName,
      userIdentity: { principalId: 'AWS:TEST' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'TEST', 'x-amz-id-2': 'TEST' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'ingest',
        bucket: { name: bucket, ownerIdentity: { principalId: 'TEST' }, arn: `arn:aws:s3:::${bucket}` },
        object: { key: eventKey(key), size: 1, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0A' },
      },
    })),
  };
}

/** An SQS event whose message bodies are the given S3 events (S3 → SQS → Lambda). */
export function sqsEvent(bodies: unknown[]) {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `00000000-0000-0000-0000-00000000000${i}`,
      receiptHandle: `handle-${i}`,
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225600000' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:fraud-ingest',
      awsRegion: 'us-east-1',
    })),
  };
}

/** Every item of a table (bounded pagination). */
export async function scanAll(store: Store, table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  for (let page = 0; page < 1000; page++) {
    const out = await store.client.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    if (!out.LastEvaluatedKey) return items;
    start = out.LastEvaluatedKey as Record<string, never>;
  }
  throw new Error('scan did not finish');
}

/** Rows, distinct ids and rows at or above `threshold` of the Parquet files at `keys`, read with DuckDB. */
export async function lakeCounts(
  files: FileStore,
  keys: readonly string[],
  threshold: number,
): Promise<{ rows: number; ids: Set<string>; flagged: number }> {
  const ids = new Set<string>();
  let rows = 0;
  let flagged = 0;
  await withDuckDB(async (db) => {
    for (const key of keys) {
      await files.withLocalCopy(key, async (file) => {
        const reader = await db.runAndReadAll(
          `SELECT CAST(transaction_id AS VARCHAR) AS id, score FROM read_parquet(${sqlString(file)})`,
        );
        for (const row of reader.getRowObjectsJS() as { id: string; score: number }[]) {
          rows++;
          ids.add(row.id);
          if (row.score >= threshold) flagged++;
        }
      });
    }
  });
  return { rows, ids, flagged };
}
