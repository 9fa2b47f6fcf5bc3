import Link from 'next/link';

/** "Showing x–y of N" with previous/next links that keep the other URL parameters. */
export function Pagination({
  page,
  perPage,
  total,
  hrefFor,
  noun = 'results',
}: {
  page: number;
  perPage: number;
  total: number;
  hrefFor: (page: number) => string;
  noun?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(page * perPage, total);
  return (
    <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600" aria-live="polite" data-testid="showing">
        {total === 0 ? `No ${noun}` : `Showing ${first}–${last} of ${total}`}
      </p>
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3">
          {page > 1 ? (
            <Link className="underline" href={hrefFor(page - 1)}>
              Previous
            </Link>
          ) : (
            <span className="text-slate-500">Previous</span>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link className="underline" href={hrefFor(page + 1)}>
              Next
            </Link>
          ) : (
            <span className="text-slate-500">Next</span>
          )}
        </nav>
      )}
    </div>
  );
}
