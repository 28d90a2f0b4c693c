// A row of joined links where one is the current choice: the queue's sort order and claim filter.
// Links, not buttons, because each choice is a URL (bookmarkable, works without JavaScript).
import Link from 'next/link';

export interface SegmentedOption {
  key: string;
  label: string;
  href: string;
  active: boolean;
}

export function SegmentedLinks({ label, options }: { label: string; options: SegmentedOption[] }) {
  return (
    <nav aria-label={label} className="flex items-center gap-2 text-sm">
      <span className="text-gray-500" aria-hidden="true">
        {label}
      </span>
      <span className="inline-flex rounded-md shadow-sm">
        {options.map((o, i) => (
          <Link
            key={o.key}
            href={o.href}
            aria-current={o.active ? 'true' : undefined}
            className={`inline-flex h-8 items-center whitespace-nowrap px-3 font-medium ring-1 ring-inset focus-visible:z-20 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600 ${
              i === 0 ? 'rounded-l-md' : '-ml-px'
            } ${i === options.length - 1 ? 'rounded-r-md' : ''} ${
              o.active
                ? 'z-10 bg-gray-900 text-white ring-gray-900'
                : 'bg-white text-gray-700 ring-gray-300 hover:bg-gray-50'
            }`}
          >
            {o.label}
          </Link>
        ))}
      </span>
    </nav>
  );
}
