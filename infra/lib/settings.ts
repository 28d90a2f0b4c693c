// The deployment's tunable settings, read from CDK context (`-c key=value` or cdk.json) and validated
// once, so a bad value fails synth with the key's name instead of deploying something else. Values that differ
// per account and must never be guessed (the console's domain, its certificate) are CloudFormation
// parameters instead (fraud-stack.ts): synth works without them, and a deploy without them fails at once.
import { z } from 'zod';

/** Where an archived object goes: Instant Retrieval keeps the lake readable by Athena and the pipeline. */
export const ARCHIVE_CLASSES = ['GLACIER_IR', 'GLACIER'] as const;

const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);

const fields = z.object({
  /** The CloudFormation stack; also names the Athena workgroup and the Cognito domain prefix. */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,100}$/, 'letters, digits and - (a CloudFormation stack name)')
    .default('FraudReview'),
  /** Prefix of the four review-store tables (FRAUD_TABLE_PREFIX); lib/store's rules apply. */
  tablePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,200}$/, 'letters, digits, _ . - only')
    .default('fraud_'),
  /** Days before inbox/ and lake/ objects move to the archive class. */
  archiveAfterDays: days(180),
  archiveStorageClass: z.enum(ARCHIVE_CLASSES).default('GLACIER_IR'),
  /** Days an inbox file is kept (it is in the lake once ingested). */
  inboxRetentionDays: days(365),
  /** Days a lake part is kept; card data is commonly retained for seven years. */
  lakeRetentionDays: days(2555),
  /** Days rejected rows (quarantine/) and unreadable files (failed/) are kept for investigation. */
  quarantineRetentionDays: days(180),
  /** Days Athena query results are kept (the console reads them once). */
  athenaResultsRetentionDays: days(7),
  /** Athena stops a query that scans more than this (the workgroup's per-query cutoff). */
  athenaBytesScannedCutoff: z.coerce
    .number()
    .int()
    .min(10 * 1024 ** 2)
    .default(10 * 1024 ** 3),
  /** First day the Glue table's `dt` projection covers (older partitions are invisible to Athena). */
  lakeFirstDay: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .default('2018-01-01'),
  ingestMemoryMb: z.coerce.number().int().min(512).max(10_240).default(3008),
  ingestTimeoutMinutes: z.coerce.number().int().min(1).max(15).default(10),
  /** Receives before an ingestion message goes to the dead-letter queue. */
  ingestMaxReceives: z.coerce.number().int().min(1).max(1000).default(5),
  scoringMemoryMb: z.coerce.number().int().min(256).max(10_240).default(1024),
  /** HTTP API throttle for the scoring endpoint (requests per second and burst). */
  scoringRateLimit: z.coerce.number().int().min(1).default(50),
  scoringBurstLimit: z.coerce.number().int().min(1).default(100),
  consoleCpu: z.coerce
    .number()
    .int()
    .refine((v) => [256, 512, 1024, 2048, 4096].includes(v), 'a Fargate CPU size')
    .default(1024),
  consoleMemoryMb: z.coerce.number().int().min(512).default(2048),
  consoleTasks: z.coerce.number().int().min(1).max(20).default(1),
  /** An image already pushed to this account's ECR (`<repository>:<tag>`) instead of building the Dockerfile. */
  consoleImage: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._/-]*:[\w][\w.-]{0,127}$/,
      'an ECR repository and tag, e.g. fraud-console:2026-01-05',
    )
    .optional(),
  natGateways: z.coerce.number().int().min(1).max(3).default(1),
  /** Subscribed to the operations topic (CloudWatch alarms) when given. */
  alarmEmail: z.email().optional(),
  /** Keep buckets, tables and keys when the stack is deleted (production). */
  retainData: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
});

const schema = fields
  .refine((s) => s.inboxRetentionDays > s.archiveAfterDays, {
    message: 'inboxRetentionDays must exceed archiveAfterDays',
    path: ['inboxRetentionDays'],
  })
  .refine((s) => s.lakeRetentionDays > s.archiveAfterDays, {
    message: 'lakeRetentionDays must exceed archiveAfterDays',
    path: ['lakeRetentionDays'],
  });

export type DeploySettings = z.infer<typeof schema>;

export const SETTING_KEYS = Object.keys(fields.shape) as (keyof DeploySettings)[];

export class DeploySettingsError extends Error {
  override readonly name = 'DeploySettingsError';
}

/** Settings from a context lookup (`node.tryGetContext`); unknown context keys are not ours to judge. */
export function deploySettings(context: (key: string) => unknown): DeploySettings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = context(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DeploySettingsError(
      `invalid deployment settings (CDK context): ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}
