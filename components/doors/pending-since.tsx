/** "for 3 min" (or "just now") — how long a change has waited for the reader, as of `now` (when the data was read). */
export function pendingFor(since: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(since)) / 60_000));
  return minutes < 1
    ? 'just now'
    : minutes < 60
      ? `for ${minutes} min`
      : minutes < 48 * 60
        ? `for ${Math.round(minutes / 60)} h`
        : `for ${Math.round(minutes / 1440)} days`;
}

/** The same, as a <time> element for pages. */
export function PendingSince({ since, now }: { since: string; now: number }) {
  const text = pendingFor(since, now);
  return (
    <time dateTime={since} title={since} className="text-xs text-slate-500">
      {text}
    </time>
  );
}
