// Attribution drift: the mean |φ| (TreeSHAP contribution, log-odds) of each model input over the
// flagged items of each day. A feature whose share of the explanations grows or fades is a sign the
// traffic, or what the model keys on, has moved. Pure: the page samples and reads the items.
import { itemDay, type ReviewItem } from '@/lib/store';

export interface AttributionDriftDay {
  day: string;
  /** Items averaged that day. */
  items: number;
  /** Mean |φ| per feature name. */
  meanAbsPhi: Record<string, number>;
}

export interface AttributionDrift {
  /** Every feature seen, largest mean |φ| over all days first. */
  features: string[];
  /** Mean |φ| per feature over all sampled items. */
  overall: Record<string, number>;
  days: AttributionDriftDay[];
  /** Items used, and items left out because their input order is unknown (an older model). */
  used: number;
  skipped: number;
}

/** `namesFor` gives an item's input names in vector order, or null when they are unknown. */
export function attributionDrift(
  items: readonly ReviewItem[],
  namesFor: (item: ReviewItem) => readonly string[] | null,
): AttributionDrift {
  const sums = new Map<string, { n: number; sum: Map<string, number> }>();
  const total = new Map<string, number>();
  let used = 0;
  let skipped = 0;
  for (const item of items) {
    const names = namesFor(item);
    if (!names || names.length !== item.attributions.phi.length) {
      skipped++;
      continue;
    }
    used++;
    const day = itemDay(item);
    let d = sums.get(day);
    if (!d) {
      d = { n: 0, sum: new Map() };
      sums.set(day, d);
    }
    d.n++;
    item.attributions.phi.forEach((phi, k) => {
      const name = names[k]!;
      d.sum.set(name, (d.sum.get(name) ?? 0) + Math.abs(phi));
      total.set(name, (total.get(name) ?? 0) + Math.abs(phi));
    });
  }
  const overall: Record<string, number> = {};
  for (const [name, sum] of total) overall[name] = used > 0 ? sum / used : 0;
  const features = [...total.keys()].sort((a, b) => overall[b]! - overall[a]! || (a < b ? -1 : 1));
  const days = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => {
      const meanAbsPhi: Record<string, number> = {};
      for (const name of features) meanAbsPhi[name] = (d.sum.get(name) ?? 0) / d.n;
      return { day, items: d.n, meanAbsPhi };
    });
  return { features, overall, days, used, skipped };
}
