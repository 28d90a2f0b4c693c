// The one scoring service of the console's server process (the Next.js route), loaded on first use and
// shared by every request (see load-service.ts for what it holds).
import 'server-only';

import { getStore } from '@/lib/store/server-store';

import type { ScoringService } from './handler';
import { loadScoringService } from './load-service';

let service: Promise<ScoringService> | null = null;

export function getScoringService(): Promise<ScoringService> {
  service ??= loadScoringService(process.env, { store: getStore }).catch((error: unknown) => {
    service = null; // a failed start is retried by the next request
    throw error;
  });
  return service;
}
