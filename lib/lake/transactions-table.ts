// The lake's `transactions` table: its columns, its partition key, and the SQL that reads it.
// Every writer and reader goes through here, so DuckDB and (later) Athena see one schema.
import { FEATURE_SETS, type FeatureSetName } from '@/lib/features';

import { sqlString } from './duckdb';

export const TRANSACTIONS_TABLE = 'transactions';

/** Columns every lake row has, in file order; the feature columns of the row's set follow them. */
export const BASE_COLUMNS = [
  ['transaction_id', 'VARCHAR'],
  ['timestamp', 'TIMESTAMP'],
  ['card_id', 'VARCHAR'],
  ['terminal_id', 'VARCHAR'],
  ['merchant_name', 'VARCHAR'],
  ['mcc', 'VARCHAR'],
  ['amount', 'DOUBLE'],
  ['currency', 'VARCHAR'],
  ['channel', 'VARCHAR'],
  ['card_country', 'VARCHAR'],
  ['merchant_country', 'VARCHAR'],
  ['is_fraud', 'BOOLEAN'],
  ['fraud_scenario', 'VARCHAR'],
  ['feature_set', 'VARCHAR'],
  ['score', 'DOUBLE'],
  ['model_version', 'VARCHAR'],
] as const;

/** Folder of the table, holding one `dt=` folder per day. */
export const tableDir = (lakeDir: string): string => `${lakeDir}/${TRANSACTIONS_TABLE}`;

/** File name of one source's rows in a day partition: writing the same source again replaces it. */
export const partFileName = (part: string): string => `part-${part}.parquet`;

/** Directory of one day's partition. `dt` is a string partition (same in DuckDB and Athena). */
export const partitionDir = (lakeDir: string, dt: string): string =>
  `${lakeDir}/${TRANSACTIONS_TABLE}/dt=${dt}`;

/** Glob of every Parquet file of the table. */
export const transactionsGlob = (lakeDir: string): string => `${lakeDir}/${TRANSACTIONS_TABLE}/*/*.parquet`;

/**
 * A `read_parquet` table expression over the whole table. `dt` is forced to VARCHAR: DuckDB would
 * otherwise guess DATE from the partition values, which Athena's string partition does not match.
 * `union_by_name` lets files written with different feature sets or before scoring coexist.
 */
export function transactionsSource(lakeDir: string): string {
  return `read_parquet(${sqlString(transactionsGlob(lakeDir))}, hive_partitioning = true, hive_types = {'dt': VARCHAR}, union_by_name = true)`;
}

export const featureColumns = (set: FeatureSetName): readonly string[] => FEATURE_SETS[set];
