// Chooses and builds the deployment's FileStore from the environment: FRAUD_S3_BUCKET set means S3,
// otherwise the embedded data folder. This is the only module that constructs an S3Client for files.
//
//   FRAUD_S3_BUCKET            bucket name, or s3://bucket/prefix
//   FRAUD_S3_PREFIX            key prefix inside the bucket (appended to a URL's prefix)
//   FRAUD_S3_REGION            default AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1
//   FRAUD_S3_ENDPOINT          S3-compatible endpoint (MinIO, s3rver, LocalStack, a VPC endpoint)
//   FRAUD_S3_FORCE_PATH_STYLE  true/false; default true when an endpoint is set
// Credentials come from the SDK's default chain, or from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
// (+ AWS_SESSION_TOKEN) in the env passed here, so tests and CLIs can hand one in explicitly.
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';

import { envIssues, optionalEnv } from '@/lib/config/env';
import { dataPaths } from '@/lib/config/paths';

import type { FileStore } from './file-store';
import { assertKey } from './keys';
import { LocalFileStore } from './local-store';
import { S3FileStore } from './s3-store';
import { assertBucketName, isS3Url, parseS3Url } from './s3-url';

export type FileStoreConfig =
  | { kind: 'local'; rootDir: string }
  | {
      kind: 's3';
      bucket: string;
      /** '' or a key prefix without leading/trailing `/`. */
      prefix: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    };

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    if (v === '') return undefined;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  })
  .optional();

const envSchema = z.object({
  FRAUD_S3_BUCKET: optionalEnv,
  FRAUD_S3_PREFIX: optionalEnv,
  FRAUD_S3_REGION: optionalEnv,
  FRAUD_S3_ENDPOINT: optionalEnv.pipe(z.url({ protocol: /^https?$/ }).optional()),
  FRAUD_S3_FORCE_PATH_STYLE: bool,
  AWS_REGION: optionalEnv,
  AWS_DEFAULT_REGION: optionalEnv,
  AWS_ACCESS_KEY_ID: optionalEnv,
  AWS_SECRET_ACCESS_KEY: optionalEnv,
  AWS_SESSION_TOKEN: optionalEnv,
});

/** Environment variables; a plain record, so callers and tests need not build a full ProcessEnv. */
export type Env = Readonly<Record<string, string | undefined>>;

export class FileStoreConfigError extends Error {
  override readonly name = 'FileStoreConfigError';
}

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, '');

/** The file store the environment asks for, validated, without connecting to anything. */
function parseEnv(env: Env): z.infer<typeof envSchema> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = envIssues(parsed.error);
    throw new FileStoreConfigError(`file store settings are invalid: ${issues}`);
  }
  return parsed.data;
}

export function fileStoreConfigFromEnv(env: Env = process.env): FileStoreConfig {
  const e = parseEnv(env);
  if (e.FRAUD_S3_BUCKET === undefined) {
    const stray = (['FRAUD_S3_PREFIX', 'FRAUD_S3_ENDPOINT', 'FRAUD_S3_REGION'] as const).filter(
      (k) => e[k] !== undefined,
    );
    if (stray.length > 0) throw new FileStoreConfigError(`${stray.join(', ')} set without FRAUD_S3_BUCKET`);
    // dataPaths only reads FRAUD_* variables; ProcessEnv's extra required keys are Next's typing.
    return { kind: 'local', rootDir: dataPaths(env as NodeJS.ProcessEnv).dataDir };
  }
  return s3Config(e.FRAUD_S3_BUCKET, e);
}

function s3Config(bucketOrUrl: string, e: z.infer<typeof envSchema>): FileStoreConfig {
  let bucket: string;
  let prefix = '';
  try {
    if (isS3Url(bucketOrUrl)) ({ bucket, path: prefix } = parseS3Url(bucketOrUrl));
    else bucket = assertBucketName(bucketOrUrl);
  } catch (error) {
    throw new FileStoreConfigError(
      `FRAUD_S3_BUCKET: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  prefix = [prefix, e.FRAUD_S3_PREFIX ?? '']
    .map(trimSlashes)
    .filter((p) => p !== '')
    .join('/');
  if (prefix !== '') {
    try {
      assertKey(prefix);
    } catch (error) {
      throw new FileStoreConfigError(`S3 prefix: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const accessKeyId = e.AWS_ACCESS_KEY_ID;
  const secretAccessKey = e.AWS_SECRET_ACCESS_KEY;
  const credentials =
    accessKeyId !== undefined && secretAccessKey !== undefined
      ? {
          accessKeyId,
          secretAccessKey,
          ...(e.AWS_SESSION_TOKEN !== undefined ? { sessionToken: e.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  return {
    kind: 's3',
    bucket,
    prefix,
    region: e.FRAUD_S3_REGION ?? e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(e.FRAUD_S3_ENDPOINT !== undefined ? { endpoint: e.FRAUD_S3_ENDPOINT } : {}),
    forcePathStyle: e.FRAUD_S3_FORCE_PATH_STYLE ?? e.FRAUD_S3_ENDPOINT !== undefined,
    ...(credentials !== undefined ? { credentials } : {}),
  };
}

export function createS3Client(config: Extract<FileStoreConfig, { kind: 's3' }>): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    maxAttempts: 4,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 60_000,
      httpsAgent: { keepAlive: true, maxSockets: 64 },
    },
  });
}

export function createFileStore(config: FileStoreConfig): FileStore {
  if (config.kind === 'local') return new LocalFileStore(config.rootDir);
  return new S3FileStore({ client: createS3Client(config), bucket: config.bucket, prefix: config.prefix });
}

/** The deployment's file store: S3 when FRAUD_S3_BUCKET is set, else the embedded data folder. */
export function fileStoreFromEnv(env: Env = process.env): FileStore {
  return createFileStore(fileStoreConfigFromEnv(env));
}

/**
 * A store rooted at a location given on a command line: `s3://bucket/prefix` (region, endpoint and
 * credentials from the env as above) or a local folder.
 */
export function fileStoreAt(location: string, env: Env = process.env): FileStore {
  if (!isS3Url(location)) return new LocalFileStore(location);
  // The URL says where; FRAUD_S3_PREFIX belongs to the deployment's own bucket and is not applied.
  return createFileStore(s3Config(location, { ...parseEnv(env), FRAUD_S3_PREFIX: undefined }));
}
