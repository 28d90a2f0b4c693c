// The audit page's filters as a plain GET form: the URL is the state, so a filtered trail can be
// bookmarked and shared, and the form works before any script loads.
import { ACTION_LABELS } from '@/lib/audit/describe';
import type { AuditView } from '@/lib/audit/view';
import { AUDIT_ACTIONS } from '@/lib/store/schema';

const INPUT =
  'mt-1 block h-9 rounded-md border border-gray-300 px-2.5 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';

export function AuditFilters({ view }: { view: AuditView }) {
  return (
    <form
      method="get"
      action="/audit"
      className="flex flex-wrap items-end gap-4 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
    >
      <label className="text-sm font-medium text-gray-900">
        Analyst
        <input
          name="actor"
          defaultValue={view.actor ?? ''}
          placeholder="as recorded, e.g. analyst (local)"
          className={`${INPUT} w-64`}
        />
      </label>
      <label className="text-sm font-medium text-gray-900">
        Action
        <select name="action" defaultValue={view.action ?? ''} className={`${INPUT} w-48`}>
          <option value="">Any</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-gray-900">
        From (UTC day)
        <input type="date" name="from" defaultValue={view.from ?? ''} className={INPUT} />
      </label>
      <label className="text-sm font-medium text-gray-900">
        To (UTC day)
        <input type="date" name="to" defaultValue={view.to ?? ''} className={INPUT} />
      </label>
      <button
        type="submit"
        className="inline-flex h-9 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        Apply
      </button>
      <a href="/audit" className="pb-2 text-sm font-medium text-blue-700 hover:underline">
        Clear filters
      </a>
    </form>
  );
}
