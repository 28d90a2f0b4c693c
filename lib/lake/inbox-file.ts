// One inbox file read, validated and sorted, as columns that cross a worker boundary cheaply: typed
// arrays are transferred, repeated strings travel once per file as dictionaries. The lake build reads
// files this way in a worker thread (inbox-reader.ts) while its own thread computes features.
import path from 'node:path';

import { compareTransactions } from '@/lib/features';
import { readTransactionBatches } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';

import { INBOX_CODED, NULL_CODE, NULL_FLAG, type CodedStrings } from './lake-columns';
import { quarantineLine } from './quarantine';

type InboxCoded = (typeof INBOX_CODED)[number];

export interface InboxFile {
  file: string;
  /** Rows read, valid or not. */
  read: number;
  /** Quarantine lines of the rejected rows, in file order. */
  rejected: string[];
  /** Accepted rows, sorted by (timestamp, transaction_id). */
  length: number;
  transactionId: string[];
  timestamp: string[];
  /** Epoch milliseconds of each timestamp. */
  tsMs: Float64Array;
  amount: Float64Array;
  /** 0, 1 or NULL_FLAG. */
  isFraud: Uint8Array;
  /** INBOX_CODED order. */
  coded: CodedStrings[];
}

/** Reads one inbox file: rejected rows become quarantine lines, accepted ones sorted columns. */
export async function readInboxFile(file: string): Promise<InboxFile> {
  const accepted: Transaction[] = [];
  const rejected: string[] = [];
  let read = 0;
  const source = path.basename(file);
  for await (const batch of readTransactionBatches(file)) {
    read += batch.length;
    for (const result of batch) {
      if (result.ok) accepted.push(result.tx);
      else rejected.push(quarantineLine({ source, ...result }));
    }
  }
  accepted.sort(compareTransactions);
  const n = accepted.length;
  const tsMs = new Float64Array(n);
  const amount = new Float64Array(n);
  const isFraud = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const tx = accepted[i]!;
    tsMs[i] = Date.parse(tx.timestamp);
    amount[i] = tx.amount;
    isFraud[i] = tx.is_fraud === undefined ? NULL_FLAG : tx.is_fraud ? 1 : 0;
  }
  // One loop per field keeps each property read monomorphic.
  const coded = INBOX_CODED.map((field) => codeColumn(accepted, field));
  return {
    file,
    read,
    rejected,
    length: n,
    transactionId: accepted.map((tx) => tx.transaction_id),
    timestamp: accepted.map((tx) => tx.timestamp),
    tsMs,
    amount,
    isFraud,
    coded,
  };
}

function codeColumn(rows: readonly Transaction[], field: InboxCoded): CodedStrings {
  const members: string[] = [];
  const codes = new Uint32Array(rows.length);
  const index = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]![field];
    if (value === undefined) {
      codes[i] = NULL_CODE;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = members.length;
      members.push(value);
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { members, codes };
}

/** The buffers postMessage may move rather than copy. */
export const transferables = (f: InboxFile): ArrayBuffer[] =>
  [f.tsMs.buffer, f.amount.buffer, f.isFraud.buffer, ...f.coded.map((c) => c.codes.buffer)] as ArrayBuffer[];

const member = (coded: readonly CodedStrings[], i: number, k: number): string =>
  coded[k]!.members[coded[k]!.codes[i]!]!;

/**
 * Row `i` of an InboxFile as a Transaction. The same object is returned for every row, overwritten:
 * for callers that read each row once and keep none of it (the feature state and the column builder).
 */
export class InboxCursor {
  private readonly tx: Transaction = {
    transaction_id: '',
    timestamp: '',
    card_id: '',
    terminal_id: '',
    merchant_name: '',
    mcc: '',
    amount: 0,
    currency: '',
    channel: 'chip',
    card_country: '',
    merchant_country: '',
    is_fraud: undefined,
    fraud_scenario: undefined,
  };

  constructor(private readonly f: InboxFile) {}

  at(i: number): Transaction {
    const { f, tx } = this;
    const c = f.coded;
    tx.transaction_id = f.transactionId[i]!;
    tx.timestamp = f.timestamp[i]!;
    tx.card_id = member(c, i, 0);
    tx.terminal_id = member(c, i, 1);
    tx.merchant_name = member(c, i, 2);
    tx.mcc = member(c, i, 3);
    tx.amount = f.amount[i]!;
    tx.currency = member(c, i, 4);
    tx.channel = member(c, i, 5) as Transaction['channel'];
    tx.card_country = member(c, i, 6);
    tx.merchant_country = member(c, i, 7);
    const flag = f.isFraud[i]!;
    tx.is_fraud = flag === NULL_FLAG ? undefined : flag === 1;
    tx.fraud_scenario = c[8]!.codes[i] === NULL_CODE ? undefined : member(c, i, 8);
    return tx;
  }
}
