import { describe, expect, it } from 'vitest';

import { formatS3Url, InvalidS3UrlError, isS3Url, parseS3Url } from './s3-url';

describe('s3:// URLs', () => {
  it('splits bucket and path', () => {
    expect(parseS3Url('s3://fraud-data')).toEqual({ bucket: 'fraud-data', path: '' });
    expect(parseS3Url('s3://fraud-data/')).toEqual({ bucket: 'fraud-data', path: '' });
    expect(parseS3Url('s3://fraud-data/prod/inbox/')).toEqual({ bucket: 'fraud-data', path: 'prod/inbox/' });
    expect(parseS3Url('S3://my.bucket.1/inbox/day 1.csv')).toEqual({
      bucket: 'my.bucket.1',
      path: 'inbox/day 1.csv',
    });
    expect(formatS3Url({ bucket: 'b-1', path: 'inbox/x.csv' })).toBe('s3://b-1/inbox/x.csv');
  });

  it('refuses what is not an S3 location', () => {
    expect(isS3Url('./data/inbox')).toBe(false);
    expect(isS3Url('s3://b')).toBe(true);
    for (const url of [
      's3://',
      's3:///key',
      's3://Upper/x',
      's3://ab',
      's3://bad_bucket',
      's3://a..b',
      's3://192.168.1.1/x',
      'https://b/x',
      '/tmp/x',
    ]) {
      expect(() => parseS3Url(url), url).toThrow(InvalidS3UrlError);
    }
    expect(() => parseS3Url('s3://Bad')).toThrow(/"Bad" is not a valid bucket name/);
  });
});
