// The environment each component runs with, in one place: exactly the variables lib/*'s config
// parsers read (lib/files FRAUD_S3_*, lib/store FRAUD_DYNAMODB_* / FRAUD_TABLE_PREFIX, lib/analytics
// FRAUD_ATHENA_*, lib/auth FRAUD_COGNITO_* / NEXTAUTH_*, lib/alerts FRAUD_ALERT_*). The template tests
// feed what the synthesized template holds back into those parsers, so a renamed variable fails there.
import { LAMBDA_MODEL_DIR } from './lambda-code';

/** Where the console image keeps the served model (Dockerfile). */
export const CONSOLE_MODEL_DIR = '/app/model';

export interface StoreRefs {
  region: string;
  tablePrefix: string;
}

const storeEnv = (r: StoreRefs) => ({ FRAUD_DYNAMODB_REGION: r.region, FRAUD_TABLE_PREFIX: r.tablePrefix });

/** The S3 ingestion Lambda (lib/pipeline/lambda.ts: ingestHandlerDepsFromEnv). */
export function ingestEnvironment(
  r: StoreRefs & { dataBucket: string; alertsTopicArn: string },
): Record<string, string> {
  return {
    // No FRAUD_INGEST_INBOX: the default, the store's own inbox/, is what the S3 notification sends.
    FRAUD_S3_BUCKET: r.dataBucket,
    FRAUD_S3_REGION: r.region,
    ...storeEnv(r),
    FRAUD_MODEL_DIR: LAMBDA_MODEL_DIR,
    FRAUD_ALERT_SNS_TOPIC_ARN: r.alertsTopicArn,
    // DuckDB keeps per-user files under $HOME, which Lambda leaves unset; /tmp is the writable place.
    HOME: '/tmp',
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** The scoring Lambda (infra/runtime/scoring-lambda.ts: scoringDepsFromEnv). */
export function scoringEnvironment(r: {
  region: string;
  dataBucket: string;
  apiKeysSecretArn: string;
}): Record<string, string> {
  return {
    // Only the ingestion checkpoint is read from the bucket: the feature state to start from.
    FRAUD_S3_BUCKET: r.dataBucket,
    FRAUD_S3_REGION: r.region,
    FRAUD_MODEL_DIR: LAMBDA_MODEL_DIR,
    FRAUD_API_KEYS_SECRET_ID: r.apiKeysSecretArn,
    NODE_OPTIONS: '--enable-source-maps',
  };
}

export interface ConsoleRefs extends StoreRefs {
  athenaWorkGroup: string;
  athenaDatabase: string;
  athenaTable: string;
  athenaOutput: string;
  userPoolId: string;
  clientId: string;
  consoleUrl: string;
}

/**
 * The console's plain variables. Its secrets (FRAUD_COGNITO_CLIENT_SECRET, NEXTAUTH_SECRET) come from
 * Secrets Manager through the task definition. No FRAUD_API_KEYS: on AWS the scoring API is the
 * HTTP API's Lambda, so the console's own /api/v1/score answers 503 (one scoring state, not two).
 */
export function consoleEnvironment(r: ConsoleRefs): Record<string, string> {
  return {
    ...storeEnv(r),
    FRAUD_ATHENA_WORKGROUP: r.athenaWorkGroup,
    FRAUD_ATHENA_DATABASE: r.athenaDatabase,
    FRAUD_ATHENA_TABLE: r.athenaTable,
    FRAUD_ATHENA_OUTPUT: r.athenaOutput,
    FRAUD_ATHENA_REGION: r.region,
    FRAUD_COGNITO_USER_POOL_ID: r.userPoolId,
    FRAUD_COGNITO_CLIENT_ID: r.clientId,
    NEXTAUTH_URL: r.consoleUrl,
    FRAUD_MODEL_DIR: CONSOLE_MODEL_DIR,
  };
}

/** Names of the console's secret variables (values from Secrets Manager). */
export const CONSOLE_SECRET_VARIABLES = ['FRAUD_COGNITO_CLIENT_SECRET', 'NEXTAUTH_SECRET'] as const;
