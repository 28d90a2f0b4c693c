// Why the model scored this transaction: the stored exact TreeSHAP attributions as a waterfall with
// each feature's value in words, and every feature in a table below. Waits for the model only to learn
// its input names, so it streams in its own Suspense boundary.
import 'server-only';

import { AttributionTable } from '@/components/transaction/attribution-table';
import { AttributionWaterfall } from '@/components/transaction/attribution-waterfall';
import { LazyDetails } from '@/components/transaction/lazy-details';
import { Panel } from '@/components/transaction/panel';
import { PanelFailure } from '@/components/transaction/panel-failure';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { getModel } from '@/lib/model/scorer';
import { attributionRows, featureNamesFor } from '@/lib/review/attributions';
import type { ReviewItem } from '@/lib/store';

export async function AttributionsPanel({ item }: { item: ReviewItem }) {
  const title = 'Why the model flagged it';
  let model: Awaited<ReturnType<typeof getModel>>;
  try {
    model = await getModel();
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: loading the model failed', {
      transactionId: item.transaction_id,
    });
    return (
      <PanelFailure
        id="attributions"
        title={title}
        what="The reasons behind the score"
        cause="The served model could not be loaded, so its inputs cannot be named. The stored score stands."
        requestId={requestId}
      />
    );
  }
  const names = featureNamesFor(item, model);
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
  const rows = attributionRows(names, item.features, item.attributions.phi, await requestFormats(), item.tx);
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
      <LazyDetails
        className="group mt-4 border-t border-gray-100 pt-3"
        summaryClassName="cursor-pointer select-none text-[13px] font-medium text-blue-700 hover:text-blue-800"
        summary={`All ${rows.length} features as a table`}
      >
        <div className="mt-2">
          <AttributionTable rows={rows} caption="Every feature's value and contribution to the score" />
        </div>
      </LazyDetails>
    </Panel>
  );
}
