// Class lists shared by the queue's form controls, so the filter bar and the bulk bar look alike.
// (The project has no forms plugin: borders and focus rings are spelled out.)
export const CONTROL =
  'h-8 rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 shadow-sm placeholder:text-gray-400 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 disabled:bg-gray-50';

export const CONTROL_LABEL = 'mb-1 block text-xs font-medium text-gray-600';

export const CHECKBOX =
  'h-4 w-4 cursor-pointer rounded border-gray-300 accent-blue-600 disabled:cursor-not-allowed';

export const BUTTON_PRIMARY =
  'inline-flex h-8 items-center justify-center rounded-md bg-blue-600 px-3 text-sm font-semibold text-white shadow-sm hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50';

export const BUTTON_DARK =
  'inline-flex h-8 items-center justify-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white shadow-sm hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50';

export const BUTTON_SECONDARY =
  'inline-flex h-8 items-center justify-center rounded-md bg-white px-3 text-sm font-medium text-gray-700 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';
