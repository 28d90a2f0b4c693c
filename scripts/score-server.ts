// `npm run score:server -- --port N`: the scoring API (POST /api/v1/score) on its own node:http
// server, without the console: the same handler, keys, model and checkpointed feature state as the
// console's route, without Next.js's per-request overhead. Ctrl-C or SIGTERM shuts it down gracefully.
import { dataPaths } from '@/lib/config/paths';
import { SCORE_PATH, startScoringServer } from '@/lib/scoring/http-server';
import { loadScoringService } from '@/lib/scoring/load-service';
import { openStore, storeSettingsFromEnv, type OpenStore, type Store } from '@/lib/store';

import { parseCli, runCli, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run score:server -- [--port N] [--request-timeout SECONDS] [--grace SECONDS]

Serves the real-time scoring API, POST ${SCORE_PATH} (docs/SCORING.md), on its own HTTP server, and
GET /healthz. It listens on 127.0.0.1 (set HOST to listen elsewhere, e.g. HOST=0.0.0.0).

Options:
  --port N                   port (default 3001; 0 picks a free one)
  --request-timeout SECONDS  time a client has to send a whole request (default 10)
  --grace SECONDS            on shutdown, how long in-flight requests may take (default 10)

Environment: FRAUD_API_KEYS (hashed keys, from npm run api:key; without one every request gets 503),
FRAUD_MODEL_DIR (default model), FRAUD_DATA_DIR (the feature state starts from its ingestion checkpoint).
`;

function seconds(value: string | undefined, fallback: number, flag: string): number {
  const s = Number(value ?? fallback);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`${flag} must be a number of seconds > 0`);
  return Math.round(s * 1000);
}

runCli(USAGE, async () => {
  const { values, positionals } = parseCli(USAGE, {
    port: { type: 'string' },
    'request-timeout': { type: 'string' },
    grace: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const port = Number(values.port ?? '3001');
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('--port must be an integer from 0 to 65535');
  const requestTimeoutMs = seconds(values['request-timeout'], 10, '--request-timeout');
  const graceMs = seconds(values.grace, 10, '--grace');

  const store = lazyStore();
  const service = await loadScoringService(process.env, { store: store.get });
  const server = await startScoringServer({
    service,
    host: process.env.HOST || '127.0.0.1',
    port,
    requestTimeoutMs,
  });
  const { cards, terminals } = service.scorer.state.size;
  process.stderr.write(
    `model ${service.scorer.model.version}, ${service.keys.length} API key(s), feature state: ${cards} cards, ${terminals} terminals\n`,
  );
  if (service.keys.length === 0)
    process.stderr.write('warning: FRAUD_API_KEYS is empty, so every request gets 503 (npm run api:key)\n');
  // The bench and the tests read the port from this line (with --port 0).
  process.stdout.write(`listening on ${server.url}${SCORE_PATH}\n`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      // A second signal means "now".
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
      process.stderr.write(`${signal}: shutting down (in-flight requests get up to ${graceMs / 1000} s)\n`);
      server.close(graceMs).then(resolve, (error: unknown) => {
        process.stderr.write(`shutdown: ${error instanceof Error ? error.message : String(error)}\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await store.close();
  process.stderr.write('stopped\n');
});

/**
 * The review store, opened on the first request that needs the live threshold (and again after a
 * failure, while the manifest's threshold stands in), closed at shutdown.
 */
function lazyStore(): { get: () => Promise<Store>; close: () => Promise<void> } {
  let opened: Promise<OpenStore> | null = null;
  return {
    get: () => {
      opened ??= openStore(storeSettingsFromEnv(), dataPaths().dataDir).catch((error: unknown) => {
        opened = null;
        throw error;
      });
      return opened.then((o) => o.store);
    },
    close: async () => {
      await opened?.then((o) => o.close()).catch(() => undefined);
    },
  };
}
