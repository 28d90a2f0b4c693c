import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { createStore } from './client';
import { startDynalite } from './dynalite';
import { getReviewItem, putReviewItem } from './reviews';
import { ensureTables } from './tables';
import { review } from './test-support';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'fraud-dynalite-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

const open = (endpoint: string) =>
  createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: 'p_' });

test('data survives a restart on the same data dir; a second start in one process shares the server', async () => {
  const a = await startDynalite({ dataDir });
  const b = await startDynalite({ dataDir });
  expect(b.endpoint).toBe(a.endpoint);
  const store = open(a.endpoint);
  await ensureTables(store);
  await putReviewItem(store, review({ id: 'persist', score: 0.9 }));
  store.client.destroy();
  await a.close();
  // Still served: b holds a use.
  expect((await fetch(`${b.endpoint}/`)).ok).toBe(true);
  await b.close();
  await expect(fetch(`${b.endpoint}/`, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();

  const c = await startDynalite({ dataDir });
  const again = open(c.endpoint);
  await ensureTables(again);
  expect((await getReviewItem(again, { transactionId: 'persist' }))?.score).toBe(0.9);
  again.client.destroy();
  await c.close();
});

test('another process reuses the running server; after its owner is SIGKILLed the lock is taken over', async () => {
  const script = path.join(dataDir, 'owner.mts');
  const storeModule = fileURLToPath(new URL('./dynalite.ts', import.meta.url));
  await writeFile(
    script,
    `import { startDynalite } from ${JSON.stringify(storeModule)};\n` +
      `const d = await startDynalite({ dataDir: ${JSON.stringify(dataDir)} });\n` +
      `console.log(JSON.stringify({ endpoint: d.endpoint, owned: d.owned }));\n` +
      `setInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('owner did not start in 20 s')), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        clearTimeout(timer);
        resolve(chunk.toString());
      });
      child.once('exit', (code) => reject(new Error(`owner exited ${code}`)));
    });
    const owner = JSON.parse(line) as { endpoint: string; owned: boolean };
    expect(owner.owned).toBe(true);
    expect(JSON.parse(await readFile(path.join(dataDir, 'dynamo.lock'), 'utf8'))).toMatchObject({
      pid: child.pid,
    });

    const guest = await startDynalite({ dataDir });
    expect(guest).toMatchObject({ endpoint: owner.endpoint, owned: false });
    const store = open(guest.endpoint);
    await ensureTables(store);
    await putReviewItem(store, review({ id: 'via-guest', score: 0.7 }));
    store.client.destroy();
    await guest.close(); // a guest never stops the owner's server
    expect((await fetch(`${owner.endpoint}/`)).ok).toBe(true);

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const heir = await startDynalite({ dataDir });
    expect(heir.owned).toBe(true);
    const after = open(heir.endpoint);
    await ensureTables(after);
    expect((await getReviewItem(after, { transactionId: 'via-guest' }))?.score).toBe(0.7);
    after.client.destroy();
    await heir.close();
  } finally {
    child.kill('SIGKILL');
  }
});
