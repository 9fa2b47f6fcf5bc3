import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">It may have moved, or the link may be mistyped.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start page
      </Link>
    </main>
  );
}
