// The engine follows the environment: DuckDB by default, Athena when its workgroup is set.
import { describe, expect, it } from 'vitest';

import { AthenaEngine } from './athena';
import { analyticsConfigFromEnv, createAnalyticsEngine } from './config';
import { DuckDBEngine } from './duckdb-engine';

describe('analyticsConfigFromEnv', () => {
  it('uses DuckDB over the data folder lake by default', () => {
    const config = analyticsConfigFromEnv({ FRAUD_DATA_DIR: '/srv/fraud' });
    expect(config).toEqual({ mode: 'duckdb', lakeDir: '/srv/fraud/lake' });
    expect(createAnalyticsEngine(config)).toBeInstanceOf(DuckDBEngine);
  });

  it('uses Athena when a workgroup and database are set', () => {
    const config = analyticsConfigFromEnv({
      FRAUD_ATHENA_WORKGROUP: 'fraud',
      FRAUD_ATHENA_DATABASE: 'fraud_lake',
      FRAUD_ATHENA_OUTPUT: 's3://results/q/',
      FRAUD_ATHENA_TIMEOUT_SECONDS: '30',
      AWS_REGION: 'eu-west-1',
    });
    expect(config).toEqual({
      mode: 'athena',
      region: 'eu-west-1',
      settings: {
        workgroup: 'fraud',
        database: 'fraud_lake',
        outputLocation: 's3://results/q/',
        timeoutMs: 30_000,
      },
    });
    const engine = createAnalyticsEngine(config);
    expect(engine).toBeInstanceOf(AthenaEngine);
    expect(engine.dialect.transactions).toBe('"fraud_lake"."transactions"');
  });

  it('refuses half an Athena configuration and a bad output location', () => {
    expect(() => analyticsConfigFromEnv({ FRAUD_ATHENA_DATABASE: 'x' })).toThrow(
      /set FRAUD_ATHENA_WORKGROUP/,
    );
    expect(() => analyticsConfigFromEnv({ FRAUD_ATHENA_WORKGROUP: 'w' })).toThrow(
      /set FRAUD_ATHENA_DATABASE/,
    );
    expect(() =>
      analyticsConfigFromEnv({
        FRAUD_ATHENA_WORKGROUP: 'w',
        FRAUD_ATHENA_DATABASE: 'd',
        FRAUD_ATHENA_OUTPUT: 'results',
      }),
    ).toThrow(/s3:\/\/bucket/);
  });
});
