'use client';

// The id from the address bar, for the transaction page's 404 (not-found pages receive no params).
import { useParams } from 'next/navigation';

export function MissingTransactionId() {
  const params = useParams<{ id?: string }>();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : null;
  return id ? (
    <code className="rounded bg-gray-100 px-1 py-0.5 text-[13px] text-gray-800">{id}</code>
  ) : (
    <>with this id</>
  );
}
