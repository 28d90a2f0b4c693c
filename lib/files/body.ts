// Turns any WriteBody into byte chunks, so both stores consume one shape. Streams that were given
// an encoding yield strings; those are re-encoded as UTF-8 rather than rejected.
import type { WriteBody } from './file-store';

export async function* bodyChunks(body: WriteBody): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string') {
    yield Buffer.from(body, 'utf8');
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Collects a byte stream into one Buffer. */
export async function collect(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
  return Buffer.concat(chunks);
}
