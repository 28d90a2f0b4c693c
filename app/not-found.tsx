// 404 page in the console's own layout.
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <p className="text-sm font-medium text-blue-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900">Page not found</h1>
      <p className="mt-2 text-sm text-gray-600">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-blue-600 hover:text-blue-700">
        Back to the console
      </Link>
    </main>
  );
}
