// The checkpoint file: empty when absent, round-trips, written atomically, and a corrupt one is a
// clear error rather than a silent re-ingestion of everything.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FeatureState } from '@/lib/features';

import { CheckpointError, emptyCheckpoint, isIngested, loadCheckpoint, saveCheckpoint } from './checkpoint';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'fraud-checkpoint-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('checkpoint', () => {
  it('is empty when absent and round-trips files and the feature state', async () => {
    const file = path.join(dir, 'sub', 'checkpoint.json');
    expect(await loadCheckpoint(file)).toEqual(emptyCheckpoint());
    const state = new FeatureState();
    state.add({
      transaction_id: 't1',
      timestamp: '2026-01-01T10:00:00.000Z',
      card_id: 'C1',
      terminal_id: 'T1',
      merchant_name: 'Shop',
      mcc: '5411',
      amount: 12.5,
      currency: 'EUR',
      channel: 'chip',
      card_country: 'FR',
      merchant_country: 'FR',
    });
    const sha = 'a'.repeat(64);
    const checkpoint = {
      version: 1 as const,
      files: {
        'day.csv': {
          sha256: sha,
          read: 3,
          accepted: 1,
          quarantined: 1,
          duplicates: 1,
          flagged: 0,
          at: '2026-01-02T00:00:00.000Z',
        },
      },
      features: state.snapshot(),
    };
    await saveCheckpoint(file, checkpoint);
    const loaded = await loadCheckpoint(file);
    expect(loaded).toEqual(checkpoint);
    expect(isIngested(loaded, 'day.csv', sha)).toBe(true);
    expect(isIngested(loaded, 'day.csv', 'b'.repeat(64))).toBe(false);
    expect(FeatureState.restore(loaded.features).size).toEqual({ cards: 1, terminals: 1 });
    // No temporary file is left beside it.
    expect(await fs.readdir(path.dirname(file))).toEqual(['checkpoint.json']);
  });

  it('still loads a checkpoint whose feature state has version 1 (an array per timeline entry)', async () => {
    const file = path.join(dir, 'v1', 'checkpoint.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const timeline = (columns: string[]) => ({
      columns,
      entries: [[1_735_689_600_000, ...columns.map(() => 1)]],
    });
    await fs.writeFile(
      file,
      JSON.stringify({
        version: 1,
        files: {},
        features: {
          version: 1,
          cards: { C1: timeline(['cents', 'ecommerce']) },
          terminals: { T1: { timeline: timeline(['fraud']), firstFraudMs: null } },
        },
      }),
    );
    const loaded = await loadCheckpoint(file);
    expect(loaded.features.version).toBe(1);
    const state = FeatureState.restore(loaded.features);
    expect(state.size).toEqual({ cards: 1, terminals: 1 });
    expect(state.snapshot().cards.C1?.dt).toEqual([1_735_689_600_000]);
  });

  it('refuses a corrupt or malformed checkpoint with a message naming the file', async () => {
    const file = path.join(dir, 'checkpoint.json');
    await fs.writeFile(file, '{"version": 1, "files": {');
    await expect(loadCheckpoint(file)).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint(file)).rejects.toThrow(/not valid JSON/);
    await fs.writeFile(
      file,
      JSON.stringify({ version: 1, files: { x: { sha256: 'nope' } }, features: emptyCheckpoint().features }),
    );
    await expect(loadCheckpoint(file)).rejects.toThrow(/malformed: files\.x\.sha256/);
  });
});
