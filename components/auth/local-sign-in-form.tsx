'use client';

// The embedded deployment's sign-in for its demo users. Labelled as local and for demos only; the
// passwords are generated on first start and printed by `npm start`.
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

export function LocalSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('local', {
      redirect: false,
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
      callbackUrl,
    });
    if (result?.ok && !result.error) {
      // A full load, not a client transition: the router may hold pages prefetched while signed out.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(
      result?.error === 'CredentialsSignin'
        ? 'That username and password do not match a demo user.'
        : 'Sign-in failed. Try again.',
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20">
        <strong className="font-semibold">Local demo sign-in.</strong> For the embedded deployment only: the
        demo users (analyst, manager, admin) and their passwords are printed by <code>npm start</code>.
      </p>
      <label htmlFor="username" className="block text-sm font-medium text-gray-900">
        Username
      </label>
      <input
        id="username"
        name="username"
        autoComplete="username"
        required
        className="mt-1 block h-10 w-full rounded-md border border-gray-300 px-3 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
      />
      <label htmlFor="password" className="mt-4 block text-sm font-medium text-gray-900">
        Password
      </label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        className="mt-1 block h-10 w-full rounded-md border border-gray-300 px-3 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
      />
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="mt-6 inline-flex h-10 w-full items-center justify-center rounded-md bg-blue-600 px-4 text-sm font-semibold text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
