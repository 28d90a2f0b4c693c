// Who holds an item and until when. Only live claims are shown: an expired claim no longer stops
// anyone from taking the item.
import { LocalTime } from '@/components/app-shell/local-time';
import type { QueueRowData } from '@/components/queue/queue-row-data';

export function ClaimCell({ claim }: { claim: QueueRowData['claim'] }) {
  if (!claim) return <span className="text-gray-500">Unclaimed</span>;
  return (
    <span className="flex flex-col leading-tight">
      <span className={claim.mine ? 'font-medium text-blue-700' : 'font-medium text-gray-900'}>
        {claim.mine ? 'You' : claim.holder}
      </span>
      <span className="text-xs text-gray-500">
        until <LocalTime iso={claim.until} format="time" />
      </span>
    </span>
  );
}
