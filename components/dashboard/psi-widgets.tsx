// Population stability of the score (its decile bins, reference vs recent) and of every model input
// (PSI per feature, worst first), from one drift read of the lake.
import type { ColumnDrift } from '@/lib/analytics/drift';
import { PSI_MODERATE, PSI_WARNING, psiLevel } from '@/lib/analytics/psi';
import { FEATURES } from '@/lib/features/definitions';
import type { Formats } from '@/lib/format/formats';
import { requestFormats } from '@/lib/format/request-locale';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import { LEVEL_TEXT, PsiLevelBadge } from './psi-level-badge';
import type { Settled } from './settled';
import { TrendBarChart } from './trend-bar-chart';
import { WidgetError } from './widget-error';

export type PsiWidgetKind = 'score' | 'features';

export const PSI_TITLES: Record<PsiWidgetKind, string> = {
  score: 'Score distribution (PSI)',
  features: 'Model inputs (PSI per feature)',
};

const DESCRIPTIONS = new Map(FEATURES.map((f) => [f.name, f.description]));

/** Says when the figures come from a row sample (large windows). */
const sampleNote = (d: ColumnDrift, formatCell: Formats['formatCell']): string =>
  d.countsSample < 100
    ? ` (from a ${formatCell(d.countsSample / 100, 'percent')} row sample; deciles from ${formatCell(d.edgesSample / 100, 'percent')})`
    : '';

const share = (counts: number[]): number[] => {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
};

/** `[0.01, 0.05)`-style bin labels, in the column's unit (scores as percentages). */
function binLabels(d: ColumnDrift, format: (v: number) => string): string[] {
  const e = d.edges;
  const labels = [`< ${format(e[0] ?? 0)}`];
  for (let k = 1; k < e.length; k++) labels.push(`${format(e[k - 1]!)} – ${format(e[k]!)}`);
  if (e.length > 0) labels.push(`≥ ${format(e[e.length - 1]!)}`);
  labels.push('missing');
  return labels;
}

export async function PsiWidget({
  kind,
  drift,
}: {
  kind: PsiWidgetKind;
  drift: Promise<Settled<ColumnDrift[]>>;
}) {
  const { formatCell } = await requestFormats();
  const title = PSI_TITLES[kind];
  const result = await drift;
  if (!result.ok)
    return (
      <WidgetError
        id={`psi-${kind}`}
        title={title}
        what="the population stability indexes"
        failure={result}
      />
    );

  if (kind === 'score') {
    const d = result.value.find((c) => c.column === 'score');
    if (!d) return null;
    const labels = binLabels(d, (v) => formatCell(v, 'score'));
    const ref = share(d.reference);
    const rec = share(d.recent);
    // Bins empty on both sides (a missing bin without NULLs) say nothing; leave them out.
    const bins = labels
      .map((label, i) => ({ label, i }))
      .filter(({ i }) => d.reference[i]! + d.recent[i]! > 0);
    return (
      <DashboardCard
        id="psi-score"
        title={title}
        description={`Share of transactions per score decile of the reference window${sampleNote(d, formatCell)}`}
        aside={
          <span className="flex items-center gap-2">
            <span className="text-lg font-semibold tabular-nums text-gray-900">
              PSI {formatCell(d.psi, 'psi')}
            </span>
            <PsiLevelBadge psi={d.psi} />
          </span>
        }
      >
        <TrendBarChart
          data={bins.map(({ label, i }) => ({ bin: label, Reference: ref[i]!, Recent: rec[i]! }))}
          index="bin"
          categories={['Reference', 'Recent']}
          colors={['gray', 'blue']}
          format="percent"
          showLegend
          className="mt-4 h-60"
        />
        <ChartTable
          caption="Transactions per score bin in each window"
          columns={[
            { key: 'bin', label: 'Score bin', align: 'left' },
            { key: 'ref', label: 'Reference' },
            { key: 'refShare', label: 'Share' },
            { key: 'rec', label: 'Recent' },
            { key: 'recShare', label: 'Share' },
          ]}
          rows={bins.map(({ label, i }) => ({
            bin: label,
            ref: formatCell(d.reference[i], 'count'),
            refShare: formatCell(ref[i], 'percent'),
            rec: formatCell(d.recent[i], 'count'),
            recShare: formatCell(rec[i], 'percent'),
          }))}
        />
      </DashboardCard>
    );
  }

  const features = result.value
    .filter((c) => c.column !== 'score')
    .sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1));
  const shifted = features.filter((f) => f.psi !== null && f.psi > PSI_WARNING).length;
  const top = features.slice(0, 12);
  return (
    <DashboardCard
      id="psi-features"
      title={title}
      description={`Every model input, worst first. Above ${PSI_MODERATE}: a moderate shift; above ${PSI_WARNING}: shifted.${features[0] ? sampleNote(features[0], formatCell) : ''}`}
      aside={
        <span className={shifted > 0 ? 'font-semibold text-red-700' : undefined}>
          {shifted} of {features.length} above {PSI_WARNING}
        </span>
      }
    >
      <TrendBarChart
        data={top.map((f) => ({ feature: f.column, PSI: f.psi ?? 0 }))}
        index="feature"
        categories={['PSI']}
        colors={['indigo']}
        format="psi"
        layout="vertical"
        yAxisWidth={250}
        className="mt-4 h-80"
      />
      <ChartTable
        caption="Population stability index per model input"
        columns={[
          { key: 'feature', label: 'Feature', align: 'left' },
          { key: 'description', label: 'Meaning', align: 'left' },
          { key: 'psi', label: 'PSI' },
          { key: 'level', label: 'Verdict', align: 'left' },
        ]}
        rows={features.map((f) => ({
          feature: f.column,
          description: DESCRIPTIONS.get(f.column) ?? '',
          psi: formatCell(f.psi, 'psi'),
          level: f.psi === null ? 'no data' : LEVEL_TEXT[psiLevel(f.psi)],
        }))}
      />
    </DashboardCard>
  );
}
