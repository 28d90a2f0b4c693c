// What every risk page needs before its widgets start: the signed-in manager, the lake's days, the
// day range from the URL, the served model and its live threshold. The live threshold comes from the
// review store; if the store does not answer, the manifest's threshold stands in and the page says so.
import 'server-only';

import type { LakeDay } from '@/lib/analytics/coverage';
import { resolvePageRange, type PageRange, type SearchParams } from '@/lib/analytics/page-range';
import { getLakeDays } from '@/lib/analytics/risk-pages';
import { requirePage, type SessionUser } from '@/lib/auth/session';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { getStore } from '@/lib/store/server-store';
import { getLiveThreshold, type LiveThreshold } from '@/lib/threshold/live';

import { settle, type Failure } from './settled';

export interface RiskPage {
  user: SessionUser;
  days: LakeDay[];
  /** Null when the lake has no data and the URL names no range. */
  page: PageRange | null;
  /** The lake's day list could not be read. */
  lakeError: Failure | null;
  model: FraudModel;
  live: LiveThreshold;
  /** Set when the store did not answer and the manifest threshold is shown instead. */
  liveError: string | null;
  /** The range as URL parameters, when the URL chose one (carried between the views). */
  rangeQuery: string;
}

/** The URL of the page with its query, for the sign-in redirect. */
export function pagePath(path: string, params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  return query.size > 0 ? `${path}?${query}` : path;
}

export async function loadRiskPage(path: string, params: SearchParams): Promise<RiskPage> {
  const user = await requirePage('analytics:read', pagePath(path, params));
  const model = await getModel();
  const [days, live] = await Promise.all([
    settle('the lake days', getLakeDays()),
    settle(
      'the live threshold',
      getStore().then((store) => getLiveThreshold(store, model)),
    ),
  ]);
  const lakeDays = days.ok ? days.value : [];
  const page = resolvePageRange(params, lakeDays);
  const rangeQuery =
    page && !page.isDefault
      ? new URLSearchParams({ from: page.range.from, to: page.range.to }).toString()
      : '';
  return {
    user,
    days: lakeDays,
    page,
    lakeError: days.ok ? null : days,
    model,
    live: live.ok
      ? live.value
      : {
          value: model.threshold,
          modelVersion: model.version,
          source: 'manifest',
          manifestValue: model.threshold,
          change: null,
        },
    liveError: live.ok ? null : live.error,
    rangeQuery,
  };
}
