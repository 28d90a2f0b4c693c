// Builds a scoring service from the environment: the served model (FRAUD_MODEL_DIR), an online feature
// state that starts from the ingestion checkpoint when there is one (so cards and terminals have their
// history) and the configured API keys (FRAUD_API_KEYS). Shared by the Next.js route and the
// standalone server, so both serve the same thing.
import { dataPaths } from '@/lib/config/paths';
import { FeatureState } from '@/lib/features';
import { defaultModelDir } from '@/lib/model/manifest';
import { getModel } from '@/lib/model/scorer';
import { loadCheckpoint } from '@/lib/pipeline/checkpoint';
import type { Store } from '@/lib/store';
import { getLiveThreshold } from '@/lib/threshold/live';

import { parseApiKeys } from './api-keys';
import type { ScoringService } from './handler';
import { OnlineScorer } from './online-scorer';

/** The ingestion worker's saved feature state (empty when nothing was ingested yet). */
async function initialState(env: NodeJS.ProcessEnv): Promise<FeatureState> {
  const checkpoint = await loadCheckpoint(dataPaths(env).checkpointFile);
  return FeatureState.restore(checkpoint.features);
}

/**
 * `store`, when given, supplies the live threshold an admin may have set (read through a 10 s cache);
 * without it the manifest's threshold applies.
 */
export async function loadScoringService(
  env: NodeJS.ProcessEnv = process.env,
  options: { store?: () => Promise<Store> } = {},
): Promise<ScoringService> {
  const keys = parseApiKeys(env.FRAUD_API_KEYS);
  const [model, state] = await Promise.all([getModel(defaultModelDir(env)), initialState(env)]);
  const { store } = options;
  return {
    scorer: new OnlineScorer(model, state),
    keys,
    ...(store ? { liveThreshold: async () => (await getLiveThreshold(await store(), model)).value } : {}),
  };
}
