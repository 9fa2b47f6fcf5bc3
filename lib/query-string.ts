/** Writing a list's state back into a URL; the reading side is lib/validation/query.ts. */
/**
 * `path?filters` keeping every set value except those equal to their default (page 1, status "all"…), so each view
 * has one URL. With nothing left it is the bare path (or `?` for the current path, which clears its query).
 */
export function toQueryString(
  path: string,
  query: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' ? Number(value) === 1 : defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path || '?';
}
