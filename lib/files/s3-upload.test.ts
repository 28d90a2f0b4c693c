// The multipart uploader's bookkeeping, against a stub client: part numbering and order, the bound
// on parts in flight, and abort on failure. The real protocol is covered by contract.test.ts.
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';

import { MIN_PART_BYTES, uploadStream } from './s3-upload';

interface Sent {
  name: string;
  input: Record<string, unknown>;
}

/** A stand-in for S3Client.send: records commands; UploadPart resolves after a delay, in any order. */
function stubClient(options: { failPart?: number } = {}) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ name, input: command.input });
      if (name === 'CreateMultipartUpload') return { UploadId: 'u-1' };
      if (name !== 'UploadPart') return {};
      const part = command.input.PartNumber as number;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later parts finish first, so completion order differs from part order.
      await new Promise((resolve) => setTimeout(resolve, 40 - part * 5));
      inFlight--;
      if (part === options.failPart) throw Object.assign(new Error('slow down'), { name: 'SlowDown' });
      return { ETag: `"etag-${part}"` };
    },
  };
  return { client: client as unknown as S3Client, sent, maxInFlight: () => maxInFlight };
}

async function* bytes(total: number, chunk = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += chunk) yield new Uint8Array(Math.min(chunk, total - sent));
}

const target = (client: S3Client) => ({ client, bucket: 'b', key: 'k' });

describe('uploadStream', () => {
  it('uses one PutObject up to a part', async () => {
    const { client, sent } = stubClient();
    expect(
      await uploadStream(target(client), bytes(MIN_PART_BYTES - 1), {
        partSize: MIN_PART_BYTES,
        concurrency: 2,
      }),
    ).toEqual({
      size: MIN_PART_BYTES - 1,
      parts: 0,
    });
    expect(sent.map((s) => s.name)).toEqual(['PutObject']);
    expect(sent[0]?.input.ContentLength).toBe(MIN_PART_BYTES - 1);
  });

  it('sends numbered parts with bounded concurrency and completes them in order', async () => {
    const { client, sent, maxInFlight } = stubClient();
    const total = 6 * MIN_PART_BYTES + 123;
    expect(
      await uploadStream(target(client), bytes(total), { partSize: MIN_PART_BYTES, concurrency: 3 }),
    ).toEqual({
      size: total,
      parts: 7,
    });
    expect(maxInFlight()).toBeLessThanOrEqual(3);
    expect(sent.map((s) => s.name)).toEqual([
      'CreateMultipartUpload',
      ...Array(7).fill('UploadPart'),
      'CompleteMultipartUpload',
    ]);
    expect(sent[0]?.input.ChecksumAlgorithm).toBe('CRC32');
    const complete = sent.at(-1)?.input.MultipartUpload as { Parts: { PartNumber: number; ETag: string }[] };
    expect(complete.Parts.map((p) => p.PartNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(complete.Parts.map((p) => p.ETag)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `"etag-${n}"`));
  });

  it('aborts the upload when a part fails, and when the source fails', async () => {
    const failing = stubClient({ failPart: 2 });
    await expect(
      uploadStream(target(failing.client), bytes(4 * MIN_PART_BYTES), {
        partSize: MIN_PART_BYTES,
        concurrency: 2,
      }),
    ).rejects.toThrow('slow down');
    expect(failing.sent.map((s) => s.name)).toContain('AbortMultipartUpload');
    expect(failing.sent.map((s) => s.name)).not.toContain('CompleteMultipartUpload');

    const { client, sent } = stubClient();
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield* bytes(MIN_PART_BYTES + 1);
      throw new Error('source disconnected');
    }
    await expect(
      uploadStream(target(client), broken(), { partSize: MIN_PART_BYTES, concurrency: 2 }),
    ).rejects.toThrow('source disconnected');
    expect(sent.map((s) => s.name)).toEqual(['CreateMultipartUpload', 'UploadPart', 'AbortMultipartUpload']);
  });
});
