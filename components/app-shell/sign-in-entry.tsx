// The header's sign-in entry point. Sign-in ships in a later release, so the control is shown but
// disabled and says so, rather than pretending to work.
export function SignInEntry() {
  return (
    <div className="flex items-center gap-3">
      <span
        id="sign-in-status"
        className="hidden rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20 sm:inline-flex"
      >
        Sign-in coming soon
      </span>
      <button
        type="button"
        disabled
        aria-describedby="sign-in-status"
        className="inline-flex h-8 cursor-not-allowed items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white opacity-40"
      >
        Sign in
      </button>
    </div>
  );
}
