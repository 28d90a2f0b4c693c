// Shown instead of the lake summary while the lake holds no transactions: says how to create one.
// It names the variables that locate the lake but not the server's path, since this page is public.
import { Fragment } from 'react';

const STEPS = [
  {
    commands: ['npm start'],
    text: 'Builds a demo lake from simulated transactions, then starts the console.',
  },
  {
    commands: ['npm run simulate', 'npm run lake:build'],
    text: 'Generates transaction files, then validates them and writes them to the lake.',
  },
] as const;

export function LakeEmptyState() {
  return (
    <div className="rounded-xl border border-dashed border-gray-300 bg-white px-6 py-10 sm:px-10">
      <div className="mx-auto max-w-2xl text-center">
        <svg
          viewBox="0 0 24 24"
          className="mx-auto h-10 w-10 text-gray-400"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden="true"
        >
          <ellipse cx="12" cy="5.5" rx="7.5" ry="2.5" />
          <path d="M4.5 5.5v6c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-6" />
          <path d="M4.5 11.5v6c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-6" />
        </svg>
        <h3 className="mt-4 text-base font-semibold text-gray-900">No transactions in the data lake yet</h3>
        <p className="mt-2 text-sm text-gray-600">
          This summary appears as soon as the Parquet lake holds transactions. From the repository root, run
          either:
        </p>
      </div>
      <ol className="mx-auto mt-6 grid max-w-4xl gap-4 sm:grid-cols-2">
        {STEPS.map((step) => (
          <li key={step.commands.join()} className="rounded-lg border border-gray-200 bg-gray-50 p-4">
            <div className="flex flex-wrap items-center gap-2">
              {step.commands.map((command, index) => (
                <Fragment key={command}>
                  {index > 0 ? <span className="text-xs text-gray-500">then</span> : null}
                  <code className="rounded-md bg-gray-900 px-2.5 py-1 text-[13px] font-medium text-gray-50">
                    {command}
                  </code>
                </Fragment>
              ))}
            </div>
            <p className="mt-3 text-sm text-gray-600">{step.text}</p>
          </li>
        ))}
      </ol>
      <p className="mx-auto mt-6 max-w-2xl text-center text-[13px] text-gray-500">
        The lake lives in <code className="text-gray-700">.data/lake</code> unless{' '}
        <code className="text-gray-700">FRAUD_DATA_DIR</code> or{' '}
        <code className="text-gray-700">FRAUD_LAKE_DIR</code> says otherwise.
      </p>
    </div>
  );
}
