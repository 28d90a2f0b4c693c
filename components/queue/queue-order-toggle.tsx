// Highest score first (the default: riskiest items before anything else) or oldest first (work the SLA).
import { firstPage, queueHref, type QueueOrderParam, type QueueView } from '@/components/queue/queue-view';
import { SegmentedLinks } from '@/components/queue/segmented-links';

const ORDERS: { order: QueueOrderParam; label: string }[] = [
  { order: 'score', label: 'Highest score' },
  { order: 'age', label: 'Oldest first' },
];

export function QueueOrderToggle({ view }: { view: QueueView }) {
  return (
    <SegmentedLinks
      label="Sort"
      options={ORDERS.map(({ order, label }) => ({
        key: order,
        label,
        href: queueHref(firstPage(view, { order })),
        active: view.order === order,
      }))}
    />
  );
}
