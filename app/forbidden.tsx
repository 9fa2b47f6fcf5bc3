import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">You don’t have access to this page</h1>
      <p className="mt-2 text-slate-700">
        Your role does not include it. If you need it for your work, ask a super admin.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start page
      </Link>
    </main>
  );
}
