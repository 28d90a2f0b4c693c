// Test helper run as a child process by store-restart.test.ts: the embedded DynamoDB (dynalite over
// LevelDB) for one data folder on a given port, so the test can SIGKILL it mid-write (a crash, not a
// graceful stop) and start it again on the same port over the same data, as a restarted server would.
import { startDynalite } from '@/lib/store';

const dataDir = process.env.DYNALITE_DATA_DIR;
const port = Number(process.env.DYNALITE_PORT ?? '0');
if (!dataDir) throw new Error('DYNALITE_DATA_DIR is required');
// A lock left by the killed predecessor is stale (its pid is dead) and is taken over.
const dynamo = await startDynalite({ dataDir, port, waitMs: 30_000 });
process.stdout.write(`READY ${dynamo.endpoint}\n`);
// Held until the parent kills it (bounded, in case the parent died first).
setTimeout(() => process.exit(0), 10 * 60_000);
