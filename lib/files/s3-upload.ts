// Uploads a byte stream of unknown length to S3 with bounded memory. Up to one part (8 MiB by
// default) it is a single PutObject; beyond that a multipart upload sends parts as they fill, a few at
// a time, and S3 publishes the object only on CompleteMultipartUpload, so a failed or killed upload
// never leaves a partial object (an aborted or abandoned upload's parts are invisible; a bucket
// lifecycle rule should expire them, see docs/FILES.md). Bodies are always sent as whole buffers
// with a known length: no aws-chunked streaming encoding, which S3-compatible servers vary on.
// Checksums: the upload declares CRC32 when it is created and every part carries one, and the
// completion lists each part's CRC32 back. S3 refuses a completion whose part checksums do not match
// the upload's declared algorithm, which the SDK's default per-request checksums would otherwise cause.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/** S3's minimum size of every part but the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's maximum number of parts in one upload. */
export const MAX_PARTS = 10_000;
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;

export interface UploadTarget {
  client: S3Client;
  bucket: string;
  /** The full object key (store prefix included). */
  key: string;
  contentType?: string;
}

export interface UploadOptions {
  /** Bytes per part, at least 5 MiB; the stream is cut into parts of about this size. */
  partSize: number;
  /** Parts in flight at once; memory is about (concurrency + 1) × partSize. */
  concurrency: number;
}

export interface UploadResult {
  size: number;
  /** 0 for a single PutObject. */
  parts: number;
}

export async function uploadStream(
  target: UploadTarget,
  chunks: AsyncIterable<Uint8Array>,
  options: UploadOptions,
): Promise<UploadResult> {
  const { client, bucket, key, contentType } = target;
  const partSize = Math.max(MIN_PART_BYTES, options.partSize);
  const concurrency = Math.max(1, options.concurrency);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;
  let uploadId: string | undefined;
  let nextPart = 1;
  const completed: CompletedPart[] = [];
  const inFlight: Promise<void>[] = [];

  const sendPart = async (body: Buffer): Promise<void> => {
    if (uploadId === undefined) {
      const created = await client.send(
        new CreateMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          ContentType: contentType,
          ChecksumAlgorithm: 'CRC32',
        }),
      );
      if (!created.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
      uploadId = created.UploadId;
    }
    const partNumber = nextPart++;
    if (partNumber > MAX_PARTS)
      throw new Error(`stream needs more than ${MAX_PARTS} parts of ${partSize} bytes`);
    const id = uploadId;
    const upload = client
      .send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: id,
          PartNumber: partNumber,
          Body: body,
          ChecksumAlgorithm: 'CRC32',
        }),
      )
      .then((out) => {
        completed.push({ PartNumber: partNumber, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 });
      });
    // Observed here so a part failing while an older one is awaited is not an unhandled rejection;
    // it is still awaited (and thrown) below.
    upload.catch(() => undefined);
    inFlight.push(upload);
    if (inFlight.length >= concurrency) {
      const oldest = inFlight.shift();
      await oldest;
    }
  };

  try {
    for await (const chunk of chunks) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      size += chunk.byteLength;
      if (pendingBytes >= partSize) {
        const body = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await sendPart(body);
      }
    }
    const rest = Buffer.concat(pending, pendingBytes);
    if (uploadId === undefined) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: rest,
          ContentLength: rest.byteLength,
          ContentType: contentType,
        }),
      );
      return { size, parts: 0 };
    }
    if (rest.byteLength > 0) await sendPart(rest);
    while (inFlight.length > 0) await inFlight.shift();
    completed.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    return { size, parts: completed.length };
  } catch (error) {
    if (uploadId !== undefined) {
      await Promise.allSettled(inFlight);
      // Best effort: the upload is invisible either way; aborting frees its stored parts.
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined);
    }
    throw error;
  }
}
