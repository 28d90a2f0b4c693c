// Reads the lake at request time and shows its summary, or how to create a lake when there is none.
import 'server-only';

import { connection } from 'next/server';

import { LakeEmptyState } from '@/components/lake/lake-empty-state';
import { LakeSummaryPanel } from '@/components/lake/lake-summary-panel';
import { dataPaths } from '@/lib/config/paths';
import { getLakeSummary } from '@/lib/lake/summary';

export async function LakeOverview() {
  // The lake changes under a running server (the pipeline appends partitions): never prerender it.
  await connection();
  const summary = await getLakeSummary(dataPaths().lakeDir);
  return summary ? <LakeSummaryPanel summary={summary} /> : <LakeEmptyState />;
}
