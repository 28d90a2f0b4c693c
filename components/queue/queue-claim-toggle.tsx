// Whose items to show: everyone's, the ones nobody holds, or the signed-in analyst's own claims. A link
// naming another analyst (assignee=<name>) shows as a fourth, removable choice.
import { firstPage, queueHref, type AssigneeParam, type QueueView } from '@/components/queue/queue-view';
import { SegmentedLinks, type SegmentedOption } from '@/components/queue/segmented-links';

const CHOICES: { assignee: AssigneeParam | undefined; label: string }[] = [
  { assignee: undefined, label: 'All' },
  { assignee: 'unassigned', label: 'Unclaimed' },
  { assignee: 'me', label: 'Mine' },
];

export function QueueClaimToggle({ view }: { view: QueueView }) {
  const options: SegmentedOption[] = CHOICES.map(({ assignee, label }) => ({
    key: assignee ?? 'all',
    label,
    href: queueHref(firstPage(view, { assignee })),
    active: view.assignee === assignee,
  }));
  if (view.assignee !== undefined && !CHOICES.some((c) => c.assignee === view.assignee)) {
    options.push({ key: 'named', label: view.assignee, href: queueHref(view), active: true });
  }
  return <SegmentedLinks label="Claims" options={options} />;
}
