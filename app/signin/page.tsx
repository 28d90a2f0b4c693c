// Sign-in: the company's Cognito account in production; in the embedded deployment, a local form for
// the demo users, plainly labelled as such (it cannot be enabled when Cognito is configured).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { CognitoSignIn } from '@/components/auth/cognito-sign-in';
import { LocalSignInForm } from '@/components/auth/local-sign-in-form';
import { authConfigFromEnv } from '@/lib/auth/config';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { currentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'That username and password do not match a demo user.',
  OAuthSignin: 'Could not reach the sign-in service. Try again in a moment.',
  OAuthCallback: 'The sign-in service returned an error. Try again.',
  AccessDenied: 'Your account is not in an analyst, manager or admin group.',
  SessionRequired: 'Sign in to continue.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const config = authConfigFromEnv();
  const errorCode = typeof params.error === 'string' ? params.error : null;
  const error = errorCode ? (ERRORS[errorCode] ?? 'Sign-in failed. Try again.') : null;

  return (
    <main className="mx-auto flex max-w-md flex-col px-6 pb-16 pt-16">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Sign in</h1>
      <p className="mt-1 text-sm text-gray-600">Review flagged card transactions and record decisions.</p>
      {error && (
        <p
          role="alert"
          className="mt-6 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20"
        >
          {error}
        </p>
      )}
      <div className="mt-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        {config.mode === 'cognito' ? (
          <CognitoSignIn callbackUrl={callbackUrl} />
        ) : (
          <LocalSignInForm callbackUrl={callbackUrl} />
        )}
      </div>
    </main>
  );
}
