// Table and index definitions for the review store, and `ensureTables`, which creates whatever is
// missing and waits until everything is ACTIVE. Idempotent: the console, every CLI and every test call
// it at start-up. On-demand billing (PAY_PER_REQUEST), so there is no capacity to plan.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';

import type { Store, TableNames } from './client';
import { SUMMARY_ATTRIBUTES } from './schema';

/** Index names, as the read functions refer to them. */
export const REVIEW_INDEX = {
  /** status → score: the queue by priority, and "claim next". */
  statusScore: 'status_score',
  /** status → flagged_at: the queue by age (SLA). */
  statusAge: 'status_age',
  /** card_id → tx_time: a card's flagged items. */
  cardTime: 'card_time',
  /** terminal_id → tx_time: a terminal's flagged items. */
  terminalTime: 'terminal_time',
} as const;

export const AUDIT_INDEX = {
  actionTime: 'action_time',
  actorTime: 'actor_time',
  itemTime: 'item_time',
} as const;

export const ALERT_INDEX = { feedTime: 'feed_time' } as const;

type KeyType = 'S' | 'N';

function gsi(
  name: string,
  hash: string,
  range: string,
  project: readonly string[] | 'ALL',
  tableKey: string,
): GlobalSecondaryIndex {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ],
    // List indexes carry the summary only: the feature vector, context and attributions stay in the
    // base item, so a page of 50 reads ~30 KB instead of megabytes and index writes stay cheap.
    Projection:
      project === 'ALL'
        ? { ProjectionType: 'ALL' }
        : {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: project.filter((a) => a !== hash && a !== range && a !== tableKey),
          },
  };
}

function table(
  name: string,
  key: string,
  attributes: Record<string, KeyType>,
  indexes: GlobalSecondaryIndex[],
): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    AttributeDefinitions: Object.entries(attributes).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    // DynamoDB refuses an empty index list, so a table without indexes leaves the field out.
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}

export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  const summary = SUMMARY_ATTRIBUTES;
  return [
    table(
      names.reviews,
      'transaction_id',
      {
        transaction_id: 'S',
        status: 'S',
        score: 'N',
        flagged_at: 'S',
        card_id: 'S',
        terminal_id: 'S',
        tx_time: 'S',
      },
      [
        gsi(REVIEW_INDEX.statusScore, 'status', 'score', summary, 'transaction_id'),
        gsi(REVIEW_INDEX.statusAge, 'status', 'flagged_at', summary, 'transaction_id'),
        gsi(REVIEW_INDEX.cardTime, 'card_id', 'tx_time', summary, 'transaction_id'),
        gsi(REVIEW_INDEX.terminalTime, 'terminal_id', 'tx_time', summary, 'transaction_id'),
      ],
    ),
    table(names.audit, 'event_id', { event_id: 'S', action: 'S', actor: 'S', item_id: 'S', at_id: 'S' }, [
      gsi(AUDIT_INDEX.actionTime, 'action', 'at_id', 'ALL', 'event_id'),
      gsi(AUDIT_INDEX.actorTime, 'actor', 'at_id', 'ALL', 'event_id'),
      // Sparse: only events about an item carry item_id.
      gsi(AUDIT_INDEX.itemTime, 'item_id', 'at_id', 'ALL', 'event_id'),
    ]),
    table(names.alerts, 'alert_id', { alert_id: 'S', feed: 'S', at_id: 'S' }, [
      gsi(ALERT_INDEX.feedTime, 'feed', 'at_id', 'ALL', 'alert_id'),
    ]),
    // Its own table rather than items in `reviews`: scans and exports of reviews see only reviews.
    table(names.counters, 'counter_id', { counter_id: 'S' }, []),
  ];
}

export interface EnsureTablesOptions {
  /** Give up waiting for ACTIVE after this long (default 60 s; AWS usually needs 5–30 s). */
  timeoutMs?: number;
  /** Delay between status polls (default 100 ms embedded-friendly; use ~2000 on AWS). */
  pollMs?: number;
}

/** Creates missing tables and waits until every table and index is ACTIVE. Safe to call concurrently. */
export async function ensureTables(store: Store, options: EnsureTablesOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const pollMs = options.pollMs ?? 100;
  await Promise.all(
    tableDefinitions(store.tables).map(async (definition) => {
      const name = definition.TableName!;
      let description = await describe(store, name);
      if (!description) {
        try {
          await store.client.send(new CreateTableCommand(definition));
        } catch (error) {
          // Another process created it between our describe and create: fine, wait for it below.
          if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
        }
      } else {
        checkIndexes(definition, description);
      }
      for (;;) {
        description = await describe(store, name);
        if (description && isActive(description)) return;
        if (Date.now() > deadline)
          throw new Error(`table ${name} not ACTIVE after ${options.timeoutMs ?? 60_000} ms`);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    }),
  );
}

async function describe(store: Store, name: string): Promise<TableDescription | null> {
  try {
    const out = await store.client.send(new DescribeTableCommand({ TableName: name }));
    return out.Table ?? null;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

function isActive(t: TableDescription): boolean {
  return (
    t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')
  );
}

/** An existing table from an older layout would make queries fail obscurely; say what is missing. */
function checkIndexes(definition: CreateTableCommandInput, existing: TableDescription): void {
  const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const missing = (definition.GlobalSecondaryIndexes ?? [])
    .map((i) => i.IndexName!)
    .filter((n) => !have.has(n));
  if (missing.length > 0) {
    throw new Error(
      `table ${definition.TableName} exists without index(es) ${missing.join(', ')}: migrate or use a new FRAUD_TABLE_PREFIX`,
    );
  }
}
