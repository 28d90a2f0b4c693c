// The live threshold reaches new scoring: an ingest whose deps read it flags at the changed value and
// records that value on each review item, where the same file under the manifest threshold does not.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalFileStore } from '@/lib/files';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { ingestFile } from '@/lib/pipeline/ingest';
import { writeInbox } from '@/lib/simulator/write';
import { createStore, ensureTables, listQueue, type Store } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import { getLiveThreshold, setLiveThreshold } from './live';

let root: string;
let file: string;
let t: TestStore;
let model: FraudModel;
const extra: Store[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'live-ingest-'));
  const summary = writeInbox(
    { profile: 'realistic', start: '2026-02-01', days: 1, customers: 300, terminals: 60, seed: 3 },
    path.join(root, 'inbox'),
  );
  file = summary.files[0]!;
  t = await startTestStore('lt_');
  model = await getModel();
}, 120_000);

afterAll(async () => {
  for (const s of extra) s.client.destroy();
  await t?.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function ingestInto(prefix: string, live: boolean): Promise<{ flagged: number; thresholds: number[] }> {
  const store = createStore({ connection: { kind: 'embedded', endpoint: t.endpoint }, tablePrefix: prefix });
  extra.push(store);
  await ensureTables(store);
  if (live)
    await setLiveThreshold(store, { model, to: model.threshold / 2, actor: 'admin (local)', note: 'test' });
  const report = await ingestFile(
    {
      store,
      model,
      files: new LocalFileStore(path.join(root, prefix)),
      ...(live ? { liveThreshold: async () => (await getLiveThreshold(store, model)).value } : {}),
    },
    { file },
  );
  const page = await listQueue(store, { status: 'open', limit: 500 });
  return { flagged: report.flagged, thresholds: [...new Set(page.items.map((i) => i.threshold))] };
}

describe('ingest with the live threshold', () => {
  it('flags against the live value and records it on each item', async () => {
    const manifest = await ingestInto('m_', false);
    const halved = await ingestInto('h_', true);
    expect(manifest.thresholds).toEqual([model.threshold]);
    expect(halved.thresholds).toEqual([model.threshold / 2]);
    expect(halved.flagged).toBeGreaterThan(manifest.flagged);
  }, 120_000);
});
