import { can, peopleSiteFilter } from '@/lib/auth/permissions';
import { currentOperator } from '@/lib/auth/session';
import { csvRow } from '@/lib/audit/csv';
import { toPersonRow } from '@/lib/data/people';
import { allSiteOptions } from '@/lib/data/sites';
import { spintly } from '@/lib/spintly';
import { SpintlyError } from '@/lib/spintly/errors';
import { parsePeopleQuery } from '@/lib/validation/people';

/** People in scope and their cards as CSV, with the filters of the /cards page. */
export async function GET(request: Request) {
  const operator = await currentOperator();
  if (!operator) return Response.json({ message: 'Sign in first.' }, { status: 401 });
  if (!can(operator, 'cards:read'))
    return Response.json({ message: 'Your role does not include card lists.' }, { status: 403 });
  const query = parsePeopleQuery(Object.fromEntries(new URL(request.url).searchParams));
  const siteIds = peopleSiteFilter(operator, query.site);
  try {
    const [people, sites] = await Promise.all([
      siteIds === null
        ? []
        : spintly().allUsers({ status: query.status, siteIds, ...(query.search && { search: query.search }) }),
      allSiteOptions(),
    ]);
    const names = new Map(sites.map((s) => [s.id, s.name]));
    const rows = people
      .map((u) => toPersonRow(u, names))
      .filter((p) => query.card === undefined || (query.card === 'yes') === (p.card !== null));
    const body =
      csvRow(['name', 'email', 'phone', 'employee_code', 'home_site', 'card', 'status']) +
      rows
        .map((p) =>
          csvRow([p.name, p.email, p.phone, p.employeeCode, p.homeSiteName, p.card, p.active ? 'active' : 'inactive']),
        )
        .join('');
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="cards-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof SpintlyError) return Response.json({ message: error.message }, { status: 502 });
    throw error;
  }
}
