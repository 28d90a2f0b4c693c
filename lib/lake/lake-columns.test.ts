// The two ways into LakeColumnsBuilder give the same columns: row by row (the ingestion pipeline) and
// a whole inbox file at once (the lake build), files spanning several days included.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FeatureState } from '@/lib/features';

import { InboxCursor, readInboxFile } from './inbox-file';
import { LakeColumnsBuilder } from './lake-columns';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lake-columns-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const HEADER =
  'transaction_id,timestamp,card_id,terminal_id,merchant_name,mcc,amount,currency,channel,card_country,merchant_country,is_fraud,fraud_scenario';

describe('LakeColumnsBuilder', () => {
  it('builds the same columns and day slices from an inbox file as from its rows one by one', async () => {
    const file = path.join(dir, 'late.csv');
    await fs.writeFile(
      file,
      [
        HEADER,
        'b,2024-03-04T01:00:00Z,C1,T1,Shop,5411,1.5,EUR,chip,FR,FR,,',
        'a,2024-03-03T10:00:00Z,C1,T1,Shop,5411,12.50,EUR,ecommerce,FR,DE,1,scenario',
        'c,2024-03-04T02:00:00Z,C2,T2,Other,5812,3,USD,swipe,US,US,0,',
        'd,2024-03-05T02:00:00Z,C2,T1,Other,5812,4,USD,swipe,US,US,0,',
        '',
      ].join('\n'),
    );
    const rows = await readInboxFile(file);
    const set = 'handbook';
    const [byFile, byRow] = [new LakeColumnsBuilder(set, 1), new LakeColumnsBuilder(set, 1)];
    const [s1, s2] = [new FeatureState(), new FeatureState()];
    const width = byFile.featureCount;
    const features = new Float64Array(rows.length * width);
    const cursor = new InboxCursor(rows);
    byRow.startPart('late');
    for (let i = 0; i < rows.length; i++) {
      features.set(s1.nextAt(cursor.at(i), rows.tsMs[i]!, set), i * width);
      const tx = { ...cursor.at(i) };
      byRow.add(tx, s2.next(tx, set));
    }
    byFile.addInboxFile('late', rows, features);
    const columns = byFile.finish();
    expect(columns).toEqual(byRow.finish());
    expect(columns.slices).toEqual([
      { part: 'late', dt: '2024-03-03', start: 0, end: 1 },
      { part: 'late', dt: '2024-03-04', start: 1, end: 3 },
      { part: 'late', dt: '2024-03-05', start: 3, end: 4 },
    ]);
    expect(columns.transactionId).toEqual(['a', 'b', 'c', 'd']);
  });
});
