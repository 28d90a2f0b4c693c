// A widget whose read failed: says which figures are missing and why, in place, while the rest of the
// page still shows. The full error is in the server log.
export function WidgetError({
  id,
  title,
  what,
  error,
}: {
  id: string;
  title: string;
  what: string;
  error: string;
}) {
  return (
    <div
      role="alert"
      aria-labelledby={`widget-${id}`}
      className="min-w-0 rounded-xl border border-red-200 bg-white p-5 shadow-sm"
    >
      <h2 id={`widget-${id}`} className="text-sm font-semibold text-gray-900">
        {title}
      </h2>
      <p className="mt-2 text-sm text-gray-700">
        <span className="font-medium text-red-700">Could not load {what}.</span> {error}
      </p>
      <p className="mt-1 text-[13px] text-gray-500">
        The other figures on this page are unaffected. Reload the page to try again.
      </p>
    </div>
  );
}
