'use client';

/** Something unexpected failed while rendering: say so, and offer to try again. */
export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h2 className="text-lg font-semibold">This page could not be shown</h2>
      <p className="mt-1 text-sm">
        Something went wrong on our side. Nothing was changed. Try again; if it keeps happening, tell your
        administrator.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
      >
        Try again
      </button>
    </div>
  );
}
