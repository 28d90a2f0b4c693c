// Test fixtures for the store suites: a real dynalite on 127.0.0.1 in a temp dir, and flagged
// transactions built from a few numbers. Not imported by production code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Transaction } from '@/lib/schema/transaction';

import { createStore, type Store } from './client';
import { startDynalite } from './dynalite';
import type { NewReview } from './reviews';
import { ensureTables } from './tables';

export interface TestStore {
  store: Store;
  dataDir: string;
  endpoint: string;
  close(): Promise<void>;
}

export async function startTestStore(prefix = 't_'): Promise<TestStore> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fraud-store-'));
  const dynamo = await startDynalite({ dataDir });
  const store = createStore({
    connection: { kind: 'embedded', endpoint: dynamo.endpoint },
    tablePrefix: prefix,
  });
  await ensureTables(store);
  return {
    store,
    dataDir,
    endpoint: dynamo.endpoint,
    close: async () => {
      store.client.destroy();
      await dynamo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReviewSpec {
  id: string;
  score: number;
  /** Transaction time. */
  at?: string;
  flaggedAt?: string;
  amount?: number;
  channel?: Transaction['channel'];
  card?: string;
  terminal?: string;
  mcc?: string;
  cardCountry?: string;
  merchantCountry?: string;
  /** The simulator's labels, when the test needs them. */
  isFraud?: boolean;
  scenario?: string;
}

export function review(spec: ReviewSpec): NewReview {
  const at = spec.at ?? '2025-01-01T12:00:00.000Z';
  const transaction: Transaction = {
    transaction_id: spec.id,
    timestamp: at,
    card_id: spec.card ?? 'C00001',
    terminal_id: spec.terminal ?? 'T00001',
    merchant_name: 'Corner Shop',
    mcc: spec.mcc ?? '5411',
    amount: spec.amount ?? 42.5,
    currency: 'EUR',
    channel: spec.channel ?? 'chip',
    card_country: spec.cardCountry ?? 'FR',
    merchant_country: spec.merchantCountry ?? 'FR',
    ...(spec.isFraud !== undefined ? { is_fraud: spec.isFraud } : {}),
    ...(spec.scenario !== undefined ? { fraud_scenario: spec.scenario } : {}),
  };
  const t = Date.parse(at);
  return {
    transaction,
    score: spec.score,
    model_version: 'm-test',
    threshold: 0.5,
    feature_set: 'handbook',
    features: [spec.amount ?? 42.5, 0, 0, 1, 42.5],
    attributions: { bias: -2, phi: [0.5, -0.25, 0.125] },
    context: {
      card: {
        columns: ['cents', 'ecommerce', 'foreign', 'small_ecommerce'],
        entries: [[t - 3_600_000, 1200, 0, 0, 0]],
      },
      terminal: { columns: ['fraud'], entries: [[t - 9 * 86_400_000, 1]] },
      terminalFirstFraudMs: t - 9 * 86_400_000,
    },
    flaggedAt: new Date(spec.flaggedAt ?? at),
  };
}
