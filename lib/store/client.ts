// Builds the DynamoDB client and the `Store` handle every read and write takes. The same code talks
// to the embedded dynalite (an endpoint on 127.0.0.1, dummy credentials) or to AWS DynamoDB (a region
// and the default credential chain); only this module knows which.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

export type StoreConnection =
  | { kind: 'embedded'; endpoint: string }
  | { kind: 'aws'; region: string; /** Optional override, e.g. a VPC endpoint. */ endpoint?: string };

export interface StoreOptions {
  connection: StoreConnection;
  /** Prepended to every table name, so several deployments (or tests) share one account/server. */
  tablePrefix?: string;
  /** Attempts per request including the first (SDK standard retry with backoff); default 4. */
  maxAttempts?: number;
  /** Per-request timeout in ms; default 5000 embedded, 10000 on AWS. */
  requestTimeoutMs?: number;
}

export interface TableNames {
  reviews: string;
  audit: string;
  alerts: string;
  /** Per-status review counts kept by every write (see counts.ts). */
  counters: string;
}

/** The handle every store function takes as its first argument. */
export interface Store {
  client: DynamoDBClient;
  tables: TableNames;
}

export const DEFAULT_TABLE_PREFIX = 'fraud_';

export function tableNames(prefix: string = DEFAULT_TABLE_PREFIX): TableNames {
  return {
    reviews: `${prefix}reviews`,
    audit: `${prefix}audit`,
    alerts: `${prefix}alerts`,
    counters: `${prefix}counters`,
  };
}

export function createStore(options: StoreOptions): Store {
  const { connection } = options;
  const embedded = connection.kind === 'embedded';
  const client = new DynamoDBClient({
    region: embedded ? 'local' : connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    // dynalite accepts any signature; AWS uses the default chain (env, profile, SSO, instance role).
    ...(embedded ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: embedded ? 1_000 : 3_000,
      requestTimeout: options.requestTimeoutMs ?? (embedded ? 5_000 : 10_000),
      httpAgent: { keepAlive: true, maxSockets: 64 },
      httpsAgent: { keepAlive: true, maxSockets: 64 },
    },
  });
  // The SDK's logger step runs its sensitive-data filter over every request's input and output (each
  // item, attribute by attribute) even with no logger configured; the store logs its own errors, so
  // the step only cost CPU: about a tenth of the SDK's time per review item written.
  client.middlewareStack.remove('loggerMiddleware');
  return { client, tables: tableNames(options.tablePrefix) };
}

const envSchema = z.object({
  FRAUD_DYNAMODB_REGION: z.string().min(1).optional(),
  FRAUD_DYNAMODB_ENDPOINT: z.url().optional(),
  FRAUD_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,200}$/, 'FRAUD_TABLE_PREFIX may hold letters, digits, _ . - only')
    .optional(),
  FRAUD_CLAIM_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

export interface StoreSettings {
  /** 'aws' when FRAUD_DYNAMODB_REGION is set; otherwise the embedded dynalite. */
  mode: 'aws' | 'embedded';
  region?: string;
  /** AWS mode: optional endpoint override. Embedded mode: an already-running dynalite to use. */
  endpoint?: string;
  tablePrefix: string;
  /** How long a claim holds an item before another analyst may take it over. */
  claimMs: number;
}

/**
 * Store settings from the environment. The lead's config module may absorb this; it lives here so the
 * CLIs and tests can use the store before that module exists.
 */
export function storeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const e = envSchema.parse(env);
  return {
    mode: e.FRAUD_DYNAMODB_REGION ? 'aws' : 'embedded',
    ...(e.FRAUD_DYNAMODB_REGION ? { region: e.FRAUD_DYNAMODB_REGION } : {}),
    ...(e.FRAUD_DYNAMODB_ENDPOINT ? { endpoint: e.FRAUD_DYNAMODB_ENDPOINT } : {}),
    tablePrefix: e.FRAUD_TABLE_PREFIX ?? DEFAULT_TABLE_PREFIX,
    claimMs: (e.FRAUD_CLAIM_MINUTES ?? 15) * 60_000,
  };
}
