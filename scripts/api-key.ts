// `npm run api:key -- NAME`: makes a new scoring-API key. Prints the key (give it to the client, once)
// and the hashed entry to append to FRAUD_API_KEYS (the server never stores the key itself).
import { newApiKey } from '@/lib/scoring/api-keys';

import { parseCli, runCli, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run api:key -- NAME

Creates a key for the scoring API (POST /api/v1/score). NAME identifies the client (letters, digits,
. _ -). Add the printed entry to FRAUD_API_KEYS (comma-separated) and restart the console.
`;

runCli(USAGE, async () => {
  const { positionals } = parseCli(USAGE, {});
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError('give exactly one key name');
  let made;
  try {
    made = newApiKey(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  process.stdout.write(
    `key (send as the x-api-key header; shown once): ${made.key}\nFRAUD_API_KEYS entry: ${made.entry}\n`,
  );
});
