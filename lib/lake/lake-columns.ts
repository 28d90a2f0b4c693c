// Lake rows held as columns, ready to stream into DuckDB: numbers in typed arrays, repeated strings as
// dictionary codes, and the rows of each written file (one source part, one day) contiguous. Building
// this costs one pass over the rows and no object per row, and the writer copies whole column slices
// into DuckDB's vectors instead of converting value by value.
import type { FeatureSetName } from '@/lib/features';
import type { Transaction } from '@/lib/schema/transaction';

import type { InboxFile } from './inbox-file';
import { featureColumns } from './transactions-table';

/** Code of a NULL in a dictionary-coded column. */
export const NULL_CODE = 0xffffffff;
/** is_fraud: 0 false, 1 true, NULL_FLAG unknown. */
export const NULL_FLAG = 2;

// Strings with few distinct values per batch, stored as dictionary codes (written as DuckDB ENUMs).
// transaction_id is unique per row, so it stays a plain string.
export const CODED_COLUMNS = [
  'card_id',
  'terminal_id',
  'merchant_name',
  'mcc',
  'currency',
  'channel',
  'card_country',
  'merchant_country',
  'fraud_scenario',
  'model_version',
] as const;
export type CodedColumn = (typeof CODED_COLUMNS)[number];
/** The coded columns an inbox file has (the transaction's own fields), in CODED_COLUMNS order. */
export const INBOX_CODED = CODED_COLUMNS.filter((c) => c !== 'model_version') as Exclude<
  CodedColumn,
  'model_version'
>[];

export interface CodedStrings {
  /** Distinct values in first-seen order; a code is an index into this list. */
  members: string[];
  /** One code per row, NULL_CODE for NULL. */
  codes: Uint32Array;
}

/** The rows of one lake file: `part-<part>.parquet` in `dt=<dt>`, rows [start, end). */
export interface LakeSlice {
  part: string;
  dt: string;
  start: number;
  end: number;
}

export interface LakeColumns {
  featureSet: FeatureSetName;
  featureCount: number;
  length: number;
  transactionId: string[];
  tsMs: Float64Array;
  amount: Float64Array;
  /** 0, 1 or NULL_FLAG. */
  isFraud: Uint8Array;
  score: Float64Array;
  /** 1 where score is set. */
  scoreValid: Uint8Array;
  coded: Record<CodedColumn, CodedStrings>;
  /** Row-major: features[row * featureCount + k]. */
  features: Float64Array;
  /** Every file to write, ordered by (dt, part). */
  slices: LakeSlice[];
}

const PART_NAME = /^[\w.=-]+$/;

class Dictionary {
  readonly members: string[] = [];
  private readonly index = new Map<string, number>();
  code(value: string | undefined): number {
    if (value === undefined) return NULL_CODE;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.members.length;
      this.members.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

const grown = <T extends Float64Array | Uint8Array | Uint32Array>(array: T, length: number): T => {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
};

/**
 * Collects lake rows part by part. Within a part, rows must come grouped by day (time order is, and
 * `groupByDay` makes any order so); each run of one day becomes one slice.
 */
export class LakeColumnsBuilder {
  readonly featureSet: FeatureSetName;
  readonly featureCount: number;
  private length = 0;
  private capacity: number;
  private transactionId: string[] = [];
  private tsMs: Float64Array;
  private amount: Float64Array;
  private isFraud: Uint8Array;
  private score: Float64Array;
  private scoreValid: Uint8Array;
  private codes: Uint32Array[];
  private features: Float64Array;
  private readonly dictionaries = CODED_COLUMNS.map(() => new Dictionary());
  private readonly slices: LakeSlice[] = [];
  private readonly seen = new Set<string>();
  private part: string | undefined;
  private slice: LakeSlice | undefined;

  constructor(featureSet: FeatureSetName, capacity = 1024) {
    this.featureSet = featureSet;
    this.featureCount = featureColumns(featureSet).length;
    this.capacity = Math.max(1, capacity);
    this.tsMs = new Float64Array(this.capacity);
    this.amount = new Float64Array(this.capacity);
    this.isFraud = new Uint8Array(this.capacity);
    this.score = new Float64Array(this.capacity);
    this.scoreValid = new Uint8Array(this.capacity);
    this.codes = CODED_COLUMNS.map(() => new Uint32Array(this.capacity));
    this.features = new Float64Array(this.capacity * this.featureCount);
  }

  get rows(): number {
    return this.length;
  }

  /** Starts the rows of a source part; a part may be started once. */
  startPart(part: string): void {
    if (!PART_NAME.test(part))
      throw new Error(`lake part name "${part}" may only use letters, digits, . _ = -`);
    this.closeSlice();
    this.part = part;
  }

  add(tx: Transaction, features: ArrayLike<number>, score?: number, modelVersion?: string): void {
    const part = this.part;
    if (part === undefined) throw new Error('startPart before adding rows');
    if (features.length !== this.featureCount) {
      throw new Error(
        `row ${tx.transaction_id} has ${features.length} features, set ${this.featureSet} has ${this.featureCount}`,
      );
    }
    const i = this.length;
    if (i === this.capacity) this.grow();
    this.daySlice(part, tx.timestamp, i);
    this.transactionId.push(tx.transaction_id);
    this.tsMs[i] = Date.parse(tx.timestamp);
    this.amount[i] = tx.amount;
    this.isFraud[i] = tx.is_fraud === undefined ? NULL_FLAG : tx.is_fraud ? 1 : 0;
    if (score === undefined) this.scoreValid[i] = 0;
    else {
      this.score[i] = score;
      this.scoreValid[i] = 1;
    }
    const d = this.dictionaries;
    const c = this.codes;
    c[0]![i] = d[0]!.code(tx.card_id);
    c[1]![i] = d[1]!.code(tx.terminal_id);
    c[2]![i] = d[2]!.code(tx.merchant_name);
    c[3]![i] = d[3]!.code(tx.mcc);
    c[4]![i] = d[4]!.code(tx.currency);
    c[5]![i] = d[5]!.code(tx.channel);
    c[6]![i] = d[6]!.code(tx.card_country);
    c[7]![i] = d[7]!.code(tx.merchant_country);
    c[8]![i] = d[8]!.code(tx.fraud_scenario);
    c[9]![i] = d[9]!.code(modelVersion);
    const width = this.featureCount;
    const out = this.features;
    for (let k = 0, at = i * width; k < width; k++) out[at + k] = features[k]!;
    this.length = i + 1;
  }

  /**
   * Adds a whole inbox file as a part: its rows (sorted by time) and their feature vectors, row-major.
   * The file's own dictionaries are mapped to the builder's once per distinct value, not per row.
   */
  addInboxFile(part: string, f: InboxFile, features: Float64Array): void {
    this.startPart(part);
    const n = f.length;
    if (features.length !== n * this.featureCount)
      throw new Error(`${f.file}: ${features.length} feature values for ${n} rows of ${this.featureCount}`);
    while (this.capacity < this.length + n) this.grow();
    const at = this.length;
    for (let i = 0; i < n; i++) {
      this.daySlice(part, f.timestamp[i]!, at + i);
      this.transactionId.push(f.transactionId[i]!);
    }
    this.tsMs.set(f.tsMs, at);
    this.amount.set(f.amount, at);
    this.isFraud.set(f.isFraud, at);
    this.scoreValid.fill(0, at, at + n);
    for (let c = 0; c < CODED_COLUMNS.length; c++) {
      const column = CODED_COLUMNS[c]!;
      const target = this.codes[c]!;
      // INBOX_CODED is CODED_COLUMNS without model_version, the last one: the same index.
      const source = column === 'model_version' ? undefined : f.coded[c];
      if (source === undefined) {
        target.fill(NULL_CODE, at, at + n);
        continue;
      }
      const dictionary = this.dictionaries[c]!;
      const remap = source.members.map((m) => dictionary.code(m));
      const codes = source.codes;
      for (let i = 0; i < n; i++) {
        const code = codes[i]!;
        target[at + i] = code === NULL_CODE ? NULL_CODE : remap[code]!;
      }
    }
    this.features.set(features, at * this.featureCount);
    this.length = at + n;
  }

  /** The columns collected so far; the builder must not be used afterwards. */
  finish(): LakeColumns {
    this.closeSlice();
    const n = this.length;
    const coded = {} as Record<CodedColumn, CodedStrings>;
    CODED_COLUMNS.forEach((name, c) => {
      coded[name] = { members: this.dictionaries[c]!.members, codes: this.codes[c]!.subarray(0, n) };
    });
    return {
      featureSet: this.featureSet,
      featureCount: this.featureCount,
      length: n,
      transactionId: this.transactionId,
      tsMs: this.tsMs.subarray(0, n),
      amount: this.amount.subarray(0, n),
      isFraud: this.isFraud.subarray(0, n),
      score: this.score.subarray(0, n),
      scoreValid: this.scoreValid.subarray(0, n),
      coded,
      features: this.features.subarray(0, n * this.featureCount),
      slices: [...this.slices].sort((a, b) =>
        a.dt < b.dt ? -1 : a.dt > b.dt ? 1 : a.part < b.part ? -1 : a.part > b.part ? 1 : 0,
      ),
    };
  }

  /** Starts a new slice at row `i` when its timestamp is on another day than the current slice. */
  private daySlice(part: string, timestamp: string, i: number): void {
    if (this.slice !== undefined && timestamp.startsWith(this.slice.dt)) return;
    this.closeSlice(i);
    const dt = timestamp.slice(0, 10);
    const key = `${dt}/${part}`;
    if (this.seen.has(key))
      throw new Error(`rows of part ${part} on ${dt} are not together (group them by day first)`);
    this.seen.add(key);
    this.slice = { part, dt, start: i, end: i };
  }

  /** Ends the current slice before row `end` (by default, after the last row added). */
  private closeSlice(end = this.length): void {
    if (this.slice !== undefined) {
      this.slice.end = end;
      this.slices.push(this.slice);
      this.slice = undefined;
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.tsMs = grown(this.tsMs, capacity);
    this.amount = grown(this.amount, capacity);
    this.isFraud = grown(this.isFraud, capacity);
    this.score = grown(this.score, capacity);
    this.scoreValid = grown(this.scoreValid, capacity);
    this.codes = this.codes.map((codes) => grown(codes, capacity));
    this.features = grown(this.features, capacity * this.featureCount);
    this.capacity = capacity;
  }
}

/** `rows` with each day's rows together, in their given order within a day (time order is already). */
export function groupByDay<T extends { tx: Pick<Transaction, 'timestamp'> }>(
  rows: readonly T[],
): readonly T[] {
  const seen = new Set<string>();
  let day = '';
  for (const { tx } of rows) {
    if (tx.timestamp.startsWith(day) && day !== '') continue;
    day = tx.timestamp.slice(0, 10);
    if (seen.has(day)) {
      // Array#sort is stable: rows keep their order within a day.
      return [...rows].sort((a, b) => {
        const x = a.tx.timestamp.slice(0, 10);
        const y = b.tx.timestamp.slice(0, 10);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    seen.add(day);
  }
  return rows;
}
