// Why the model scored this transaction: the stored exact TreeSHAP attributions as a waterfall with
// each feature's value in words, and every feature in a table below. Waits for the model only to learn
// its input names, so it streams in its own Suspense boundary.
import 'server-only';

import { AttributionTable } from '@/components/transaction/attribution-table';
import { AttributionWaterfall } from '@/components/transaction/attribution-waterfall';
import { Panel } from '@/components/transaction/panel';
import { getModel } from '@/lib/model/scorer';
import { attributionRows, featureNamesFor } from '@/lib/review/attributions';
import type { ReviewItem } from '@/lib/store';

export async function AttributionsPanel({ item }: { item: ReviewItem }) {
  const model = await getModel();
  const names = featureNamesFor(item, model);
  const title = 'Why the model flagged it';
  if (!names) {
    return (
      <Panel id="attributions" title={title}>
        <p className="text-sm text-gray-600">
          This item was scored by model <code>{item.model_version}</code>, whose inputs this console cannot
          name (the served model is <code>{model.version}</code>). Its score stands; rescore it to see the
          current model&apos;s reasons.
        </p>
      </Panel>
    );
  }
  const rows = attributionRows(names, item.features, item.attributions.phi, item.tx);
  const up = rows.filter((r) => r.phi > 0).length;
  const down = rows.filter((r) => r.phi < 0).length;
  return (
    <Panel
      id="attributions"
      title={title}
      description={`${up} features raise the score and ${down} lower it; the biggest are shown from the base value to the final score.`}
    >
      <AttributionWaterfall
        rows={rows}
        bias={item.attributions.bias}
        threshold={item.threshold}
        score={item.score}
      />
      <details className="group mt-4 border-t border-gray-100 pt-3">
        <summary className="cursor-pointer select-none text-[13px] font-medium text-blue-600 hover:text-blue-700">
          All {rows.length} features as a table
        </summary>
        <div className="mt-2">
          <AttributionTable rows={rows} caption="Every feature's value and contribution to the score" />
        </div>
      </details>
    </Panel>
  );
}
