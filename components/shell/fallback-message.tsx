import Link from 'next/link';

/** The words of the "not found" and "no access" pages; the caller decides the landmark around them. */
export function FallbackMessage({ kind }: { kind: 'not-found' | 'forbidden' }) {
  return (
    <div className="mx-auto max-w-xl py-10">
      {kind === 'forbidden' ? (
        <>
          <h1 className="text-2xl font-semibold">You don’t have access to this page</h1>
          <p className="mt-2 text-slate-700">
            Your role does not include it. If you need it for your work, ask a super admin.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Page not found</h1>
          <p className="mt-2 text-slate-700">It may have moved, or the link may be mistyped.</p>
        </>
      )}
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start page
      </Link>
    </div>
  );
}
