// The inbox reader gives the same columns from its worker thread as on the calling thread, in the
// order asked, and the feature state reads them as the transactions the readers return.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compareTransactions } from '@/lib/features';
import { readTransactions } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';
import { writeInbox } from '@/lib/simulator/write';

import { listInbox } from './build';
import { InboxCursor, type InboxFile } from './inbox-file';
import { InboxReader } from './inbox-reader';

let dir: string;
let files: string[];
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'inbox-reader-'));
  const options = {
    profile: 'realistic',
    start: '2024-02-01',
    days: 3,
    customers: 300,
    terminals: 80,
    seed: 5,
  } as const;
  writeInbox(options, path.join(dir, 'csv'), 'csv');
  writeInbox(options, path.join(dir, 'ndjson'), 'ndjson');
  files = [...(await listInbox(path.join(dir, 'csv'))), ...(await listInbox(path.join(dir, 'ndjson')))];
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readAll(worker: boolean): Promise<InboxFile[]> {
  const reader = new InboxReader(files, { worker });
  try {
    const out: InboxFile[] = [];
    for (let i = 0; i < files.length; i++) out.push(await reader.next());
    return out;
  } finally {
    await reader.close();
  }
}

describe('InboxReader', () => {
  it('reads the same rows in a worker thread as inline, as the sorted transactions of each file', async () => {
    const [threaded, inline] = [await readAll(true), await readAll(false)];
    expect(threaded).toEqual(inline);
    for (const [k, f] of threaded.entries()) {
      expect(f.file).toBe(files[k]);
      const expected: Transaction[] = [];
      for await (const r of readTransactions(f.file)) if (r.ok) expected.push(r.tx);
      expected.sort(compareTransactions);
      expect(f.read).toBe(expected.length + f.rejected.length);
      const cursor = new InboxCursor(f);
      const got = Array.from({ length: f.length }, (_, i) => {
        // Absent optional fields are undefined on the cursor; drop them to compare with the reader's.
        const tx: Record<string, unknown> = { ...cursor.at(i) };
        for (const key of ['is_fraud', 'fraud_scenario']) if (tx[key] === undefined) delete tx[key];
        return tx;
      });
      expect(got).toEqual(expected);
      expect(Array.from(f.tsMs)).toEqual(expected.map((tx) => Date.parse(tx.timestamp)));
    }
  });
});
