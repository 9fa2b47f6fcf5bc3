import { cn } from './cn';

/**
 * Placeholders in the shape of what is loading, so the page keeps its layout while a slower part streams in
 * (under <Suspense> inside the page, after the page has checked who is asking).
 */
export function SkeletonLine({ className }: { className?: string }) {
  return <span aria-hidden className={cn('block h-4 animate-pulse rounded bg-slate-200', className)} />;
}

export function TableSkeleton({ rows = 8, columns = 5, label }: { rows?: number; columns?: number; label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
      data-testid="table-skeleton"
    >
      <div
        className="grid gap-4 border-b border-slate-200 bg-slate-50 px-3 py-3"
        style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      >
        {Array.from({ length: columns }, (_, i) => (
          <SkeletonLine key={i} className="w-2/3" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div
          key={r}
          className="grid gap-4 border-b border-slate-100 px-3 py-3"
          style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
        >
          {Array.from({ length: columns }, (_, c) => (
            <SkeletonLine key={c} className={c === 0 ? 'w-3/4' : 'w-1/2'} />
          ))}
        </div>
      ))}
    </div>
  );
}
