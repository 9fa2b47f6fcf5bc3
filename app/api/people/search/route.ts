import { can, reachesAllSites } from '@/lib/auth/permissions';
import { currentOperator } from '@/lib/auth/session';
import { allSiteOptions } from '@/lib/data/sites';
import { toPersonRow } from '@/lib/data/people';
import { spintly } from '@/lib/spintly';
import { SpintlyError } from '@/lib/spintly/errors';
import { z } from 'zod';

const querySchema = z.object({ q: z.string().trim().min(2).max(100) });

/** Find people by name, email, phone, employee code or card number, within the operator's sites. */
export async function GET(request: Request) {
  const operator = await currentOperator();
  if (!operator) return Response.json({ message: 'Sign in first.' }, { status: 401 });
  if (!can(operator, 'people:read'))
    return Response.json({ message: 'Your role does not include finding people.' }, { status: 403 });
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ people: [] });
  const siteIds = reachesAllSites(operator) ? [] : operator.siteIds;
  if (!reachesAllSites(operator) && siteIds.length === 0) return Response.json({ people: [] });
  try {
    const [page, sites] = await Promise.all([
      spintly().listUsers({ search: parsed.data.q, siteIds, perPage: 20 }),
      allSiteOptions(),
    ]);
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return Response.json({ people: page.items.map((u) => toPersonRow(u, names)), total: page.pagination.total });
  } catch (error) {
    if (error instanceof SpintlyError) return Response.json({ message: error.message }, { status: 502 });
    throw error;
  }
}
