'use client';

// Production sign-in: hands over to the organisation's Amazon Cognito hosted sign-in page.
import { signIn } from 'next-auth/react';
import { useState } from 'react';

export function CognitoSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <div>
      <p className="text-sm text-gray-600">
        Use your company account. Your role comes from your Cognito group.
      </p>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn('cognito', { callbackUrl });
        }}
        className="mt-4 inline-flex h-10 w-full items-center justify-center rounded-md bg-blue-600 px-4 text-sm font-semibold text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        {pending ? 'Redirecting…' : 'Sign in with company account'}
      </button>
    </div>
  );
}
