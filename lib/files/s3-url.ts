// Parses `s3://bucket/prefix` locations (the ingest CLI's argument, FRAUD_S3_BUCKET in URL form).
// Bucket names are checked against S3's naming rules so a typo fails here, with the URL in the
// message, instead of as an opaque signature or DNS error on the first request.
export interface S3Location {
  bucket: string;
  /** Everything after `bucket/`, without a leading `/`; '' for the whole bucket. May name an object or a prefix. */
  path: string;
}

export class InvalidS3UrlError extends Error {
  override readonly name = 'InvalidS3UrlError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`invalid S3 location ${JSON.stringify(url)}: ${reason}`);
  }
}

export const isS3Url = (value: string): boolean => /^s3:\/\//i.test(value);

// 3–63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter
// or digit, not shaped like an IP address.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Checks a bare bucket name; returns it or throws InvalidS3UrlError. */
export function assertBucketName(bucket: string, source = bucket): string {
  if (!BUCKET.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw new InvalidS3UrlError(source, `"${bucket}" is not a valid bucket name (3-63 of a-z 0-9 . -)`);
  }
  return bucket;
}

export function parseS3Url(url: string): S3Location {
  if (!isS3Url(url)) throw new InvalidS3UrlError(url, 'expected s3://bucket[/prefix]');
  const rest = url.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (bucket === '') throw new InvalidS3UrlError(url, 'no bucket name');
  assertBucketName(bucket, url);
  // Keys are not URL-encoded in s3:// URLs (the AWS CLI's convention): the rest is taken literally.
  const path = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+/, '');
  return { bucket, path };
}

export const formatS3Url = ({ bucket, path }: S3Location): string => `s3://${bucket}/${path}`;
