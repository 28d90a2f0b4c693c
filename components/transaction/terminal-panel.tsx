// The terminal's recent fraud rate from the lake (labelled frauds over the 30 and 7 days before this
// transaction) and its daily volume: a compromised terminal shows up here before anywhere else.
import 'server-only';

import { Panel } from '@/components/transaction/panel';
import { LAKE_UNREADABLE, PanelFailure } from '@/components/transaction/panel-failure';
import { TerminalActivityChart } from '@/components/transaction/terminal-activity-chart';
import { terminalHistory, type TerminalWindow } from '@/lib/analytics/entity-history';
import { getAnalytics } from '@/lib/analytics/server';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';

async function Rate({ label, window }: { label: string; window: TerminalWindow }) {
  const { formatCount, formatPercent } = await requestFormats();
  return (
    <div role="group" aria-label={label} className="rounded-lg bg-gray-50 px-3 py-2.5">
      <p className="text-xs font-medium text-gray-500">{label}</p>
      <p className="mt-0.5 text-lg font-semibold tabular-nums text-gray-900">
        {window.rate === null ? '—' : formatPercent(window.rate)}
      </p>
      <p className="text-xs text-gray-500">
        {formatCount(window.frauds)} fraud{window.frauds === 1 ? '' : 's'} in{' '}
        {formatCount(window.transactions)}
        {window.labelled < window.transactions ? ` (${formatCount(window.labelled)} labelled)` : ''}
      </p>
    </div>
  );
}

export async function TerminalPanel({ terminalId, at }: { terminalId: string; at: string }) {
  const title = `Terminal ${terminalId}: fraud rate`;
  let history: Awaited<ReturnType<typeof terminalHistory>>;
  try {
    history = await terminalHistory(getAnalytics().engine, { terminalId, at });
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: reading the terminal history failed', {
      terminalId,
    });
    return (
      <PanelFailure
        id="terminal"
        title={title}
        what="The terminal's fraud rate"
        cause={LAKE_UNREADABLE}
        requestId={requestId}
      />
    );
  }
  return (
    <Panel
      id="terminal"
      title={title}
      description="Labelled frauds per transaction at this terminal before this one, from the data lake."
    >
      {history.last30.transactions === 0 ? (
        <p className="text-sm text-gray-600">
          The lake holds no earlier transactions at this terminal in 30 days.
        </p>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3">
            <Rate label="Last 30 days" window={history.last30} />
            <Rate label="Last 7 days" window={history.last7} />
          </div>
          <TerminalActivityChart days={history.days} />
        </>
      )}
    </Panel>
  );
}
