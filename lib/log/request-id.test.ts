// The request id proxy.ts makes and the log line a failure is written as: ids are short, random and
// recognisable (anything else in the header is not echoed), and a logged error is one JSON object
// with the level as a word, the request id and the error's name and message.
import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from './logger';
import { isRequestId, newRequestId } from './request-id';

describe('request ids', () => {
  it('are 16 hex digits and differ every time', () => {
    const ids = new Set(Array.from({ length: 1_000 }, newRequestId));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(isRequestId(id)).toBe(true);
  });

  it('refuse anything the console could not have made', () => {
    for (const value of [
      null,
      undefined,
      '',
      'abc',
      '0123456789abcdeF',
      '0123456789abcdef0',
      '<script>1234567',
    ]) {
      expect(isRequestId(value)).toBe(false);
    }
  });
});

describe('the log line of a failure', () => {
  it('is one JSON object with the level word, the request id and the error', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger(sink);
    const requestId = newRequestId();
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    logger.error({ err: error, requestId, transactionId: 't1' }, 'queue: listing the review queue failed');
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      service: 'fraud-review-console',
      requestId,
      transactionId: 't1',
      msg: 'queue: listing the review queue failed',
      err: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:8000', code: 'ECONNREFUSED' },
    });
    expect(String(line.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
