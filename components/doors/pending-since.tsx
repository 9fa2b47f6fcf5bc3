/** "pending for 3 min" — how long a change has waited for the reader, as of `now` (when the data was read). */
export function PendingSince({ since, now }: { since: string; now: number }) {
  const minutes = Math.max(0, Math.round((now - Date.parse(since)) / 60_000));
  const text =
    minutes < 1
      ? 'just now'
      : minutes < 60
        ? `for ${minutes} min`
        : minutes < 48 * 60
          ? `for ${Math.round(minutes / 60)} h`
          : `for ${Math.round(minutes / 1440)} days`;
  return (
    <time dateTime={since} title={since} className="text-xs text-slate-500">
      {text}
    </time>
  );
}
