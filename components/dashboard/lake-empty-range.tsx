// Shown instead of the lake's widgets when the chosen range holds no transaction: says so, and links to
// the days that do have data.
import Link from 'next/link';

import { requestFormats } from '@/lib/format/request-locale';

export async function LakeEmptyRange({
  from,
  to,
  resetHref,
}: {
  from: string;
  to: string;
  resetHref: string;
}) {
  const { formatLongDay } = await requestFormats();
  return (
    <div className="rounded-xl border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-gray-900">No transactions in this range</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-gray-600">
        The data lake has no transaction between {formatLongDay(from)} and {formatLongDay(to)}, so there are
        no volumes, rates or breakdowns to show.
      </p>
      <Link
        href={resetHref}
        className="mt-4 inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        Show the last 30 days with data
      </Link>
    </div>
  );
}
