// Which analytics engine the environment asks for: Athena when FRAUD_ATHENA_WORKGROUP is set,
// otherwise DuckDB over the local lake. Validated once; a half-configured Athena is an error.
import { AthenaClient } from '@aws-sdk/client-athena';
import { z } from 'zod';

import { envIssues, optionalEnv } from '@/lib/config/env';
import { dataPaths } from '@/lib/config/paths';

import { AthenaEngine, type AthenaSettings } from './athena';
import { DuckDBEngine } from './duckdb-engine';
import { AnalyticsError, type AnalyticsEngine } from './types';

export type AnalyticsConfig =
  { mode: 'duckdb'; lakeDir: string } | { mode: 'athena'; region: string; settings: AthenaSettings };

const envSchema = z.object({
  FRAUD_ATHENA_WORKGROUP: optionalEnv,
  FRAUD_ATHENA_DATABASE: optionalEnv,
  FRAUD_ATHENA_TABLE: optionalEnv,
  FRAUD_ATHENA_OUTPUT: optionalEnv.pipe(
    z
      .string()
      .regex(/^s3:\/\/[^/]+/, 'expected s3://bucket/prefix/')
      .optional(),
  ),
  FRAUD_ATHENA_REGION: optionalEnv,
  FRAUD_ATHENA_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  AWS_REGION: optionalEnv,
});

export function analyticsConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AnalyticsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new AnalyticsError(`analytics settings are invalid: ${envIssues(parsed.error)}`);
  const e = parsed.data;
  if (!e.FRAUD_ATHENA_WORKGROUP) {
    if (e.FRAUD_ATHENA_DATABASE || e.FRAUD_ATHENA_OUTPUT)
      throw new AnalyticsError('Athena is partly configured: set FRAUD_ATHENA_WORKGROUP too');
    return { mode: 'duckdb', lakeDir: dataPaths(env as NodeJS.ProcessEnv).lakeDir };
  }
  if (!e.FRAUD_ATHENA_DATABASE)
    throw new AnalyticsError('Athena is partly configured: set FRAUD_ATHENA_DATABASE');
  return {
    mode: 'athena',
    region: e.FRAUD_ATHENA_REGION ?? e.AWS_REGION ?? 'us-east-1',
    settings: {
      workgroup: e.FRAUD_ATHENA_WORKGROUP,
      database: e.FRAUD_ATHENA_DATABASE,
      ...(e.FRAUD_ATHENA_TABLE ? { table: e.FRAUD_ATHENA_TABLE } : {}),
      ...(e.FRAUD_ATHENA_OUTPUT ? { outputLocation: e.FRAUD_ATHENA_OUTPUT } : {}),
      ...(e.FRAUD_ATHENA_TIMEOUT_SECONDS ? { timeoutMs: e.FRAUD_ATHENA_TIMEOUT_SECONDS * 1000 } : {}),
    },
  };
}

export function createAnalyticsEngine(config: AnalyticsConfig = analyticsConfigFromEnv()): AnalyticsEngine {
  if (config.mode === 'duckdb') return new DuckDBEngine(config.lakeDir);
  return new AthenaEngine(new AthenaClient({ region: config.region, maxAttempts: 4 }), config.settings);
}
