// Athena's view of the lake: a Glue database and the `transactions` table over the data bucket's
// `lake/transactions/dt=YYYY-MM-DD/` parts, and the workgroup the console queries in. The columns come
// from the lake writer's own schema (lib/lake BASE_COLUMNS + the realistic feature set), so the table
// cannot drift from the files. `dt` uses partition projection: new days are visible at once, with no
// crawler or MSCK REPAIR, and the `dt BETWEEN` predicate every query has (lib/analytics) prunes them.
import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import { FEATURE_SETS, type FeatureSetName } from '@/lib/features';
import { BASE_COLUMNS, tableDir, TRANSACTIONS_TABLE } from '@/lib/lake/transactions-table';

import { allowKey, allowListing, allowObjects, OBJECT_READ, OBJECT_WRITE } from './access';
import type { DeploySettings } from './settings';
import { ATHENA_RESULTS_PREFIX, DATA_AREAS } from './storage';

/** The lake writer's DuckDB types as Hive/Glue types (what Athena reads Parquet columns as). */
const GLUE_TYPES: Record<(typeof BASE_COLUMNS)[number][1], string> = {
  VARCHAR: 'string',
  TIMESTAMP: 'timestamp',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
};

/** The table's columns: every lake row's base columns, then one DOUBLE per feature of the set. */
export function lakeColumns(featureSet: FeatureSetName = 'realistic'): glue.CfnTable.ColumnProperty[] {
  return [
    ...BASE_COLUMNS.map(([name, type]) => ({ name, type: GLUE_TYPES[type] })),
    ...FEATURE_SETS[featureSet].map((name) => ({ name, type: 'double' })),
  ];
}

/** Key prefix of the table inside the data bucket: `lake/transactions/`. */
export const LAKE_TABLE_PREFIX = `${tableDir(DATA_AREAS.lake.replace(/\/$/, ''))}/`;

/** Glue database names are lower-case letters, digits and underscores. */
export const glueDatabaseName = (tablePrefix: string): string =>
  `${tablePrefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}lake`;

export interface LakeCatalogProps {
  settings: DeploySettings;
  dataBucket: s3.IBucket;
  resultsBucket: s3.IBucket;
  key: kms.IKey;
}

export class LakeCatalog extends Construct {
  readonly databaseName: string;
  readonly tableName = TRANSACTIONS_TABLE;
  readonly workGroupName: string;
  /** `s3://results/athena/`: FRAUD_ATHENA_OUTPUT, and what the workgroup enforces. */
  readonly outputLocation: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: LakeCatalogProps,
  ) {
    super(scope, id);
    const { settings, dataBucket, resultsBucket, key } = props;
    this.databaseName = glueDatabaseName(settings.tablePrefix);
    this.workGroupName = `${Stack.of(this).stackName}-analytics`;
    this.outputLocation = `s3://${resultsBucket.bucketName}/${ATHENA_RESULTS_PREFIX}`;

    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'Fraud review: the Parquet lake' },
    });
    const location = `s3://${dataBucket.bucketName}/${LAKE_TABLE_PREFIX}`;
    const table = new glue.CfnTable(this, 'TransactionsTable', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.databaseName,
      tableInput: {
        name: TRANSACTIONS_TABLE,
        description: 'Scored transactions, one Parquet part per source file and day (lib/lake)',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'dt', type: 'string' }],
        parameters: {
          EXTERNAL: 'TRUE',
          classification: 'parquet',
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': `${settings.lakeFirstDay},NOW`,
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `${location}dt=\${dt}/`,
        },
        storageDescriptor: {
          location,
          columns: lakeColumns(),
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
            parameters: { 'serialization.format': '1' },
          },
        },
      },
    });
    table.addResourceDependency(database, 'the table lives in the database');

    new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'Fraud review console: dashboard and what-if queries',
      state: 'ENABLED',
      // Lets the stack delete the workgroup even though it has query history.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: settings.athenaBytesScannedCutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.outputLocation,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
          expectedBucketOwner: Aws.ACCOUNT_ID,
        },
      },
    });
  }

  /**
   * What a caller needs to run the console's queries: Athena in this workgroup only; the Glue
   * database and table; read the lake (Athena reads S3 with the caller's credentials); write and read
   * results; the data key through S3 (lake objects and results are encrypted with it).
   */
  grantQueries(grantee: iam.IGrantable): void {
    const { dataBucket, resultsBucket, key } = this.props;
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [
          stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName }),
        ],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
          stack.formatArn({
            service: 'glue',
            resource: 'table',
            resourceName: `${this.databaseName}/${this.tableName}`,
          }),
        ],
      }),
    );
    allowObjects(grantee, dataBucket, [LAKE_TABLE_PREFIX], OBJECT_READ);
    allowListing(grantee, dataBucket, [LAKE_TABLE_PREFIX]);
    allowObjects(grantee, resultsBucket, [ATHENA_RESULTS_PREFIX], [...OBJECT_READ, ...OBJECT_WRITE]);
    allowListing(grantee, resultsBucket, [ATHENA_RESULTS_PREFIX]);
    allowKey(grantee, key, 's3', ['kms:Decrypt', 'kms:GenerateDataKey']);
  }
}
