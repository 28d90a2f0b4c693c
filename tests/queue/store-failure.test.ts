import { describe, expect, test } from 'vitest';

import { describeStoreFailure } from '@/components/queue/store-failure';

const withCode = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
const named = (name: string) => Object.assign(new Error('x'), { name });

describe('describeStoreFailure', () => {
  test('network failures say the store is down or starting', () => {
    expect(describeStoreFailure(withCode('ECONNREFUSED'))).toMatch(
      /^The review store refused the connection\./,
    );
    expect(describeStoreFailure(named('TimeoutError'))).toMatch(/did not answer in time/);
  });

  test('throttling and AWS refusals are told apart', () => {
    expect(describeStoreFailure(named('ThrottlingException'))).toMatch(/busy/);
    expect(describeStoreFailure(named('AccessDeniedException'))).toMatch(/needs? an administrator/);
  });

  test('anything else never echoes the raw message', () => {
    const text = describeStoreFailure(new Error('table fraud_reviews at http://10.0.0.5 exploded'));
    expect(text).not.toMatch(/fraud_reviews|10\.0\.0\.5/);
    expect(describeStoreFailure('a string')).toMatch(/failed unexpectedly/);
  });
});
