/** Shown while a page waits on Spintly. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-slate-600">
      <span aria-hidden className="size-5 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
      Loading…
    </div>
  );
}
