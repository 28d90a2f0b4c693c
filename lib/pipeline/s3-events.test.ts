// S3 event parsing: direct and SQS-wrapped (and SNS-in-SQS) ObjectCreated records, key decoding,
// events that name no new object, and shapes that must reach the dead-letter queue as errors.
import { describe, expect, it } from 'vitest';

import { createdObjects, decodeEventKey, InvalidEventError } from './s3-events';
import { s3Event, sqsEvent } from './testing/s3-fixtures';

describe('createdObjects', () => {
  it('reads bucket and decoded key from a direct S3 event, in record order', () => {
    const event = s3Event([
      { bucket: 'raw', key: 'inbox/2026 01 01 (a+b)=ü.csv' },
      { bucket: 'raw', key: 'inbox/b.ndjson', eventName: 'ObjectCreated:CompleteMultipartUpload' },
    ]);
    expect(event.Records[0]!.s3.object.key).toBe('inbox/2026+01+01+(a%2Bb)%3D%C3%BC.csv');
    expect(createdObjects(event)).toEqual([
      { bucket: 'raw', key: 'inbox/2026 01 01 (a+b)=ü.csv', eventName: 'ObjectCreated:Put' },
      { bucket: 'raw', key: 'inbox/b.ndjson', eventName: 'ObjectCreated:CompleteMultipartUpload' },
    ]);
  });

  it('unwraps SQS messages whose bodies are S3 events, or SNS notifications carrying one', () => {
    const inner = s3Event([{ bucket: 'raw', key: 'inbox/a.csv' }]);
    const viaSns = { Type: 'Notification', MessageId: 'x', Message: JSON.stringify(inner) };
    const event = sqsEvent([inner, viaSns, { Service: 'Amazon S3', Event: 's3:TestEvent' }]);
    expect(createdObjects(event).map((o) => o.key)).toEqual(['inbox/a.csv', 'inbox/a.csv']);
  });

  it('ignores test events and other event kinds', () => {
    expect(createdObjects({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'raw' })).toEqual([]);
    expect(
      createdObjects(s3Event([{ bucket: 'raw', key: 'inbox/a.csv', eventName: 'ObjectRemoved:Delete' }])),
    ).toEqual([]);
  });

  it('refuses shapes that are not S3 or SQS events', () => {
    expect(() => createdObjects({ hello: 'world' })).toThrow(InvalidEventError);
    expect(() => createdObjects({ Records: [{ eventSource: 'aws:dynamodb' }] })).toThrow(/record 0/);
    expect(() => createdObjects(sqsEvent(['not an event']))).toThrow(InvalidEventError);
    expect(() => createdObjects({ Records: [{ eventSource: 'aws:sqs', body: '{' }] })).toThrow(/not JSON/);
    expect(() => decodeEventKey('inbox/%E0%A4%A.csv')).toThrow(/URL-encoded/);
  });
});
