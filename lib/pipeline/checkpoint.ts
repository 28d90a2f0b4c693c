// The ingestion checkpoint: which source files are done (by name and sha256, with their accounting)
// and the feature state after the last of them. Loaded once at start, written atomically (the data
// folder's temp file + rename, or one S3 PutObject) only after a file is completely ingested, so a crash
// re-runs the file from the old state.
import path from 'node:path';

import { z } from 'zod';

import { FeatureState, type FeatureStateSnapshot, type FeatureStateSnapshotV1 } from '@/lib/features';
import { LocalFileStore, type FileStore } from '@/lib/files';

import { readTextIfExists } from './io';

export interface CheckpointFile {
  sha256: string;
  read: number;
  accepted: number;
  quarantined: number;
  duplicates: number;
  flagged: number;
  /** When the file was finished (ISO-8601). */
  at: string;
}

export interface Checkpoint {
  version: 1;
  files: Record<string, CheckpointFile>;
  /** Written as version 2; a checkpoint from before it holds version 1 until its next write. */
  features: FeatureStateSnapshot | FeatureStateSnapshotV1;
}

const count = z.number().int().nonnegative();
const fileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  read: count,
  accepted: count,
  quarantined: count,
  duplicates: count,
  flagged: count,
  at: z.string(),
});
// The feature snapshot is checked shallowly; FeatureState.restore rejects a wrong version.
const checkpointSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), fileSchema),
  features: z.object({
    version: z.union([z.literal(1), z.literal(2)]),
    cards: z.record(z.string(), z.unknown()),
    terminals: z.record(z.string(), z.unknown()),
  }),
});

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

export const emptyCheckpoint = (): Checkpoint => ({
  version: 1,
  files: {},
  features: new FeatureState().snapshot(),
});

/** Where a checkpoint lives: a key in a FileStore, or a local file path (the scoring service's form). */
export type CheckpointAt = string | { files: FileStore; key: string };

const resolve = (at: CheckpointAt): { files: FileStore; key: string } =>
  typeof at === 'string'
    ? { files: new LocalFileStore(path.dirname(path.resolve(at))), key: path.basename(at) }
    : at;

/** The checkpoint at `at`, or an empty one when there is none yet. Throws CheckpointError when corrupt. */
export async function loadCheckpoint(at: CheckpointAt): Promise<Checkpoint> {
  const { files, key } = resolve(at);
  const text = await readTextIfExists(files, key);
  if (text === null) return emptyCheckpoint();
  const file = files.locate(key);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CheckpointError(
      `checkpoint ${file} is not valid JSON (${(e as Error).message}); move it away to re-ingest from scratch`,
    );
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    throw new CheckpointError(
      `checkpoint ${file} is malformed: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return json as Checkpoint;
}

/** Writes the checkpoint atomically: readers (and a crash) see the old one or the new one. */
export async function saveCheckpoint(at: CheckpointAt, checkpoint: Checkpoint): Promise<void> {
  const { files, key } = resolve(at);
  await files.write(key, JSON.stringify(checkpoint), { contentType: 'application/json' });
}

/** Whether `name` with content `sha256` is already ingested. */
export const isIngested = (checkpoint: Checkpoint, name: string, sha256: string): boolean =>
  checkpoint.files[name]?.sha256 === sha256;
