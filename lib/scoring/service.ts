// The one scoring service of a server process: the served model, an online feature state that starts
// from the ingestion checkpoint when there is one (so cards and terminals have their history), and the
// configured API keys.
import 'server-only';

import { dataPaths } from '@/lib/config/paths';
import { FeatureState } from '@/lib/features';
import { getModel } from '@/lib/model/scorer';
import { loadCheckpoint } from '@/lib/pipeline/checkpoint';

import { parseApiKeys } from './api-keys';
import type { ScoringService } from './handler';
import { OnlineScorer } from './online-scorer';

let service: Promise<ScoringService> | null = null;

/** The ingestion worker's saved feature state (empty when nothing was ingested yet). */
async function initialState(): Promise<FeatureState> {
  const checkpoint = await loadCheckpoint(dataPaths().checkpointFile);
  return FeatureState.restore(checkpoint.features);
}

export function getScoringService(): Promise<ScoringService> {
  service ??= (async () => {
    const [model, state] = await Promise.all([getModel(), initialState()]);
    return { scorer: new OnlineScorer(model, state), keys: parseApiKeys(process.env.FRAUD_API_KEYS) };
  })().catch((error: unknown) => {
    service = null; // a failed start is retried by the next request
    throw error;
  });
  return service;
}
