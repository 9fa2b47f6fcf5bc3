import { allSiteOptions } from '@/lib/data/sites';
import { listPeopleInScope, peopleQuerySchema, toPersonRow } from '@/lib/data/people';
import { portalEnv } from '@/lib/env';
import { dayOf } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';

/** People in scope and their cards as CSV, with the filters of the /cards page; audited with filter and row count. */
export const GET = defineRoute({
  name: 'cards.export',
  capability: 'cards:read',
  query: peopleQuerySchema,
  audit: true,
  async run(query, { operator }) {
    const [people, sites] = await Promise.all([listPeopleInScope(operator, query, 'all'), allSiteOptions()]);
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return {
      csv: {
        filename: `cards-${dayOf(Date.now(), portalEnv().display.timeZone)}.csv`,
        header: ['name', 'email', 'phone', 'employee_code', 'home_site', 'card', 'status'],
        rows: people.items.map((user) => {
          const p = toPersonRow(user, names);
          return [p.name, p.email, p.phone, p.employeeCode, p.homeSiteName, p.card, p.active ? 'active' : 'inactive'];
        }),
      },
    };
  },
});
