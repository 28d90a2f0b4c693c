// Reads the created objects out of an S3 event notification as Lambda receives it: directly (S3 invokes
// the function), or wrapped in SQS messages whose bodies are S3 events (S3 → SQS, optionally through
// an SNS topic). Keys arrive URL-encoded with `+` for spaces and are decoded here. S3's test events
// and other event kinds name no new object and yield nothing; a shape that is none of these is an
// error, so a misrouted message reaches the dead-letter queue instead of vanishing.
import { z } from 'zod';

export interface CreatedObject {
  bucket: string;
  /** The object key, decoded. */
  key: string;
  /** e.g. `ObjectCreated:Put`. */
  eventName: string;
}

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

const s3Record = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({ key: z.string().min(1) }),
  }),
});
const sqsRecord = z.object({ eventSource: z.literal('aws:sqs'), body: z.string() });
const records = z.object({ Records: z.array(z.unknown()) });
// Sent once when a bucket notification is configured.
const testEvent = z.object({ Event: z.literal('s3:TestEvent') });
const snsEnvelope = z.object({ Type: z.literal('Notification'), Message: z.string() });

/** S3 URL-encodes keys in events, with `+` for a space (form encoding). */
export function decodeEventKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, '%20'));
  } catch {
    throw new InvalidEventError(`object key ${JSON.stringify(key)} is not validly URL-encoded`);
  }
}

/** The objects an event reports as created, in record order. Throws InvalidEventError on any other shape. */
export function createdObjects(event: unknown, depth = 0): CreatedObject[] {
  if (depth > 2) throw new InvalidEventError('event nested too deeply');
  if (testEvent.safeParse(event).success) return [];
  const parsed = records.safeParse(event);
  if (!parsed.success) throw new InvalidEventError('not an S3 or SQS event (no Records array)');
  const out: CreatedObject[] = [];
  for (const [i, record] of parsed.data.Records.entries()) {
    const s3 = s3Record.safeParse(record);
    if (s3.success) {
      const { eventName, s3: detail } = s3.data;
      // ObjectRemoved, Restore, Replication …: nothing new to ingest.
      if (!eventName.startsWith('ObjectCreated:')) continue;
      out.push({ bucket: detail.bucket.name, key: decodeEventKey(detail.object.key), eventName });
      continue;
    }
    const sqs = sqsRecord.safeParse(record);
    if (!sqs.success) throw new InvalidEventError(`record ${i} is neither an S3 nor an SQS record`);
    out.push(...createdObjects(unwrapBody(sqs.data.body, i), depth + 1));
  }
  return out;
}

/** An SQS message body: an S3 event, or an SNS notification carrying one. */
function unwrapBody(body: string, index: number): unknown {
  const json = parseJson(body, `record ${index}: the SQS message body`);
  const sns = snsEnvelope.safeParse(json);
  return sns.success ? parseJson(sns.data.Message, `record ${index}: the SNS message`) : json;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidEventError(`${what} is not JSON`);
  }
}
