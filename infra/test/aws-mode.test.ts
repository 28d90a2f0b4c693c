// The mode switch, end to end: the app configured for AWS by the environment the synthesized template
// gives each component — only the endpoints point at local stand-ins (s3rver for S3, dynalite for
// DynamoDB, a local SNS) and the Athena client is mocked — running the console's and the pipeline's
// real code paths: the ingestion Lambda handler ingests inbox/ files from S3 (S3 event through SQS),
// the console reads the review queue through openStore(storeSettingsFromEnv()), and the dashboard's
// dailyMetrics runs through createAnalyticsEngine(analyticsConfigFromEnv()) against "Athena", whose
// mock answers each query by running the SQL it was sent on DuckDB over the lake the pipeline wrote.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { snsParams } from '@/lib/alerts/test-support';
import { analyticsConfigFromEnv, createAnalyticsEngine, dailyMetrics, DuckDBEngine } from '@/lib/analytics';
import type { ColumnType } from '@/lib/analytics/types';
import { S3FileStore } from '@/lib/files';
import { getModel } from '@/lib/model/scorer';
import type { IngestReport } from '@/lib/pipeline/ingest';
import { createIngestHandler, ingestHandlerDepsFromEnv, type IngestHandler } from '@/lib/pipeline/lambda';
import { s3Event, sqsEvent } from '@/lib/pipeline/testing/s3-fixtures';
import { writeInbox } from '@/lib/simulator/write';
import { listQueue, openStore, storeSettingsFromEnv, type OpenStore } from '@/lib/store';

import { REPO_ROOT } from '../lib/runtime-bundle';
import { startLocalAws, type LocalAws } from './support/local-aws';
import { containerEnvironment, defaultStack, lambdaEnvironment } from './support/template';

const DAYS = ['2026-01-01', '2026-01-02'];
const node = (env: Record<string, string>) => env as unknown as NodeJS.ProcessEnv;

let root: string;
let aws: LocalAws;
let ingestEnv: Record<string, string>;
let consoleEnv: Record<string, string>;
let bucket: string;
let handler: IngestHandler;
const reports: IngestReport[] = [];
let consoleStore: OpenStore | null = null;
const athena = mockClient(AthenaClient);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-aws-mode-'));
  const s = defaultStack();
  const templateIngest = lambdaEnvironment(s, s.logicalId(s.stack.ingestion.function));
  const container = containerEnvironment(s, s.logicalId(s.stack.consoleService.service.taskDefinition));
  bucket = templateIngest.FRAUD_S3_BUCKET!;
  aws = await startLocalAws(bucket);
  // The SDK's default credential chain (AWS-mode DynamoDB, SNS) finds these; no instance metadata.
  for (const [k, v] of Object.entries({ ...aws.credentials, AWS_EC2_METADATA_DISABLED: 'true' }))
    vi.stubEnv(k, v);
  // The model is bundled at /var/task/model in the function; here it is the repository's.
  ingestEnv = aws.point(templateIngest, { FRAUD_MODEL_DIR: path.join(REPO_ROOT, 'model') });
  consoleEnv = aws.point(container.environment, {
    FRAUD_COGNITO_CLIENT_SECRET: 'sample-client-secret',
    NEXTAUTH_SECRET: 'x'.repeat(64),
  });
  handler = createIngestHandler(() => ingestHandlerDepsFromEnv(ingestEnv));
}, 180_000);

afterAll(async () => {
  athena.restore();
  await handler?.close();
  await consoleStore?.close();
  await aws?.close();
  vi.unstubAllEnvs();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('the AWS deployment’s code paths, configured by the template’s environment', () => {
  it('is in AWS mode for every concern', () => {
    expect(storeSettingsFromEnv(node(ingestEnv)).mode).toBe('aws');
    expect(storeSettingsFromEnv(node(consoleEnv)).mode).toBe('aws');
    expect(analyticsConfigFromEnv(consoleEnv).mode).toBe('athena');
  });

  it('ingests inbox/ files from S3 through the Lambda handler (S3 event wrapped in SQS)', async () => {
    const sim = {
      profile: 'realistic' as const,
      start: DAYS[0]!,
      days: DAYS.length,
      customers: 300,
      terminals: 60,
      seed: 11,
    };
    const files = writeInbox(sim, path.join(root, 'inbox'), 'csv').files;
    const data = new S3FileStore({ client: aws.s3.client, bucket });
    for (const file of files) {
      const key = `inbox/${path.basename(file)}`;
      await data.write(key, await fs.readFile(file));
      const result = await handler(sqsEvent([s3Event([{ bucket, key }])]));
      reports.push(...result.reports);
    }
    expect(reports.map((r) => r.status)).toEqual(DAYS.map(() => 'ingested'));
    const flagged = reports.reduce((n, r) => n + r.flagged, 0);
    expect(flagged).toBeGreaterThan(0);
    const parts = (await data.list('lake/')).map((i) => i.key);
    expect(parts).toEqual(DAYS.map((d) => `lake/transactions/dt=${d}/part-transactions-${d}.parquet`));
    // High-risk alerts went to the template's topic (delivery runs in the background: bounded wait).
    const alerts = reports.reduce((n, r) => n + r.alerts, 0);
    expect(alerts).toBeGreaterThan(0);
    await vi.waitFor(() => expect(aws.sns.received).toHaveLength(alerts), { timeout: 10_000, interval: 100 });
    for (const request of aws.sns.received)
      expect(snsParams(request).fields.TopicArn).toBe(ingestEnv.FRAUD_ALERT_SNS_TOPIC_ARN);
  });

  it('shows the console the flagged items, read from DynamoDB through the env-built store', async () => {
    consoleStore = await openStore(
      storeSettingsFromEnv(node(consoleEnv)),
      path.join(root, 'unused-data-dir'),
    );
    const page = await listQueue(consoleStore.store, { status: 'open', order: 'score', limit: 500 });
    const flagged = reports.reduce((n, r) => n + r.flagged, 0);
    expect(page.items).toHaveLength(flagged);
    const scores = page.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('runs the dashboard’s daily metrics on Athena: the Glue table, a dt predicate, the workgroup', async () => {
    const lakeDir = path.join(root, 'lake-copy');
    const data = new S3FileStore({ client: aws.s3.client, bucket });
    for (const { key } of await data.list('lake/')) {
      const local = path.join(lakeDir, key.slice('lake/'.length));
      await fs.mkdir(path.dirname(local), { recursive: true });
      await fs.writeFile(local, await data.readBytes(key));
    }
    const duck = new DuckDBEngine(lakeDir);
    const sent: StartQueryExecutionCommandInput[] = [];
    const glueTable = `"${consoleEnv.FRAUD_ATHENA_DATABASE}"."${consoleEnv.FRAUD_ATHENA_TABLE}"`;
    athena.reset();
    athena.on(StartQueryExecutionCommand).callsFake((input: StartQueryExecutionCommandInput) => {
      sent.push(input);
      return { QueryExecutionId: `q${sent.length}` };
    });
    athena.on(GetQueryExecutionCommand).callsFake(({ QueryExecutionId }: { QueryExecutionId: string }) => ({
      QueryExecution: { QueryExecutionId, Status: { State: 'SUCCEEDED' } },
    }));
    athena
      .on(GetQueryResultsCommand)
      .callsFake(async ({ QueryExecutionId }: { QueryExecutionId: string }) => {
        const sql = sent[Number(QueryExecutionId.slice(1)) - 1]!.QueryString!;
        // Athena would read the Glue table; DuckDB reads the same Parquet parts.
        const result = await duck.run(sql.replaceAll(glueTable, duck.dialect.transactions));
        const header = { Data: result.columns.map((c) => ({ VarCharValue: c.name })) };
        const rows = result.rows.map((row) => ({
          Data: result.columns.map((c) =>
            row[c.name] === null ? {} : { VarCharValue: String(row[c.name]) },
          ),
        }));
        return {
          ResultSet: {
            ResultSetMetadata: {
              ColumnInfo: result.columns.map((c) => ({ Name: c.name, Type: ATHENA_TYPES[c.type] })),
            },
            Rows: [header, ...rows],
          },
        };
      });

    const engine = createAnalyticsEngine(analyticsConfigFromEnv(consoleEnv));
    const model = await getModel(ingestEnv.FRAUD_MODEL_DIR);
    const metrics = await dailyMetrics(engine, { from: DAYS[0]!, to: DAYS[1]!, threshold: model.threshold });
    await duck.close();

    expect(sent).toHaveLength(1);
    const [query] = sent;
    expect(query!.WorkGroup).toBe(consoleEnv.FRAUD_ATHENA_WORKGROUP);
    expect(query!.QueryExecutionContext).toEqual({ Database: consoleEnv.FRAUD_ATHENA_DATABASE });
    expect(query!.ResultConfiguration).toEqual({ OutputLocation: consoleEnv.FRAUD_ATHENA_OUTPUT });
    expect(query!.QueryString).toContain(`FROM ${glueTable}`);
    expect(query!.QueryString).toContain(`dt BETWEEN '${DAYS[0]}' AND '${DAYS[1]}'`);
    // What the dashboard shows is what the pipeline ingested.
    expect(metrics.map((m) => m.day)).toEqual(DAYS);
    expect(metrics.map((m) => m.transactions)).toEqual(reports.map((r) => r.accepted));
    expect(metrics.map((m) => m.flagged)).toEqual(reports.map((r) => r.flagged));
  });
});

/** DuckDB result types as Athena names them in ColumnInfo. */
const ATHENA_TYPES: Record<ColumnType, string> = {
  string: 'varchar',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  other: 'varchar',
};
