import { z } from 'zod';

/** Audit filters as they appear in the URL; anything malformed is dropped rather than failing the page. */
const text = z.string().trim().max(200).optional().catch(undefined);
const day = z.iso.date().optional().catch(undefined);

export const auditQuerySchema = z.object({
  operator: text,
  action: text,
  target: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export function parseAuditQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditQuery {
  const entries =
    params instanceof URLSearchParams
      ? Object.fromEntries(params)
      : Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const cleaned = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== ''));
  return auditQuerySchema.parse(cleaned);
}

/** The filters as a query string, for links that keep them (pagination, export). */
export function auditQueryString(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
