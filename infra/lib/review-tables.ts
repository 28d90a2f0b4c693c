// The review store's DynamoDB tables, translated one to one from lib/store's tableDefinitions() —
// the same definitions ensureTables() creates on dynalite — so the deployed keys, attribute types and
// indexes cannot drift from what the code queries. Added here: customer-managed KMS, point-in-time
// recovery and deletion protection. A definition field this translation does not know fails synth
// instead of being dropped silently.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

import { tableNames, type TableNames } from '@/lib/store/client';
import { tableDefinitions } from '@/lib/store/tables';

const TABLE_FIELDS = new Set([
  'TableName',
  'BillingMode',
  'KeySchema',
  'AttributeDefinitions',
  'GlobalSecondaryIndexes',
]);
const INDEX_FIELDS = new Set(['IndexName', 'KeySchema', 'Projection']);

function checkFields(what: string, value: object, known: Set<string>): void {
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new Error(`${what}: tableDefinitions() field(s) ${unknown.join(', ')} are not deployed by infra/`);
}

const keySchema = (keys: readonly { AttributeName?: string; KeyType?: string }[] = []) =>
  keys.map((k) => ({ attributeName: k.AttributeName!, keyType: k.KeyType! }));

export interface ReviewTablesProps {
  tablePrefix: string;
  key: kms.IKey;
  retainData: boolean;
}

export class ReviewTables extends Construct {
  readonly names: TableNames;
  /** By TableNames key: reviews, audit, alerts, counters. */
  readonly tables: Record<keyof TableNames, dynamodb.CfnTable>;

  constructor(scope: Construct, id: string, props: ReviewTablesProps) {
    super(scope, id);
    this.names = tableNames(props.tablePrefix);
    const byName = new Map(tableDefinitions(this.names).map((d) => [d.TableName, d]));
    const entries = (Object.keys(this.names) as (keyof TableNames)[]).map((role) => {
      const definition = byName.get(this.names[role]);
      if (!definition) throw new Error(`tableDefinitions() has no table ${this.names[role]}`);
      checkFields(this.names[role], definition, TABLE_FIELDS);
      const table = new dynamodb.CfnTable(this, `${role[0]!.toUpperCase()}${role.slice(1)}Table`, {
        tableName: definition.TableName,
        billingMode: definition.BillingMode,
        keySchema: keySchema(definition.KeySchema),
        attributeDefinitions: (definition.AttributeDefinitions ?? []).map((a) => ({
          attributeName: a.AttributeName!,
          attributeType: a.AttributeType!,
        })),
        ...(definition.GlobalSecondaryIndexes
          ? {
              globalSecondaryIndexes: definition.GlobalSecondaryIndexes.map((index) => {
                checkFields(`${definition.TableName}/${index.IndexName}`, index, INDEX_FIELDS);
                return {
                  indexName: index.IndexName!,
                  keySchema: keySchema(index.KeySchema),
                  projection: {
                    projectionType: index.Projection?.ProjectionType,
                    ...(index.Projection?.NonKeyAttributes
                      ? { nonKeyAttributes: index.Projection.NonKeyAttributes }
                      : {}),
                  },
                };
              }),
            }
          : {}),
        sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: props.key.keyArn },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtectionEnabled: props.retainData,
      });
      table.applyRemovalPolicy(props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
      return [role, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<keyof TableNames, dynamodb.CfnTable>;
  }

  get arns(): string[] {
    return Object.values(this.tables).map((t) => t.attrArn);
  }
}
