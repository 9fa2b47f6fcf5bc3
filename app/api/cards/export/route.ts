import { peopleQuerySchema, streamPeopleInScope } from '@/lib/data/people';
import { portalEnv } from '@/lib/env';
import { dayOf } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';

/**
 * People in scope and their cards as CSV, with the filters of the /cards page, from the people directory: streamed a
 * chunk at a time, so 100,000 rows never sit in memory at once; audited with filter and row count.
 */
export const GET = defineRoute({
  name: 'cards.export',
  capability: 'cards:read',
  query: peopleQuerySchema,
  audit: true,
  async run(query, { operator }) {
    async function* rows() {
      for await (const p of streamPeopleInScope(operator, query))
        yield [p.name, p.email, p.phone, p.employeeCode, p.homeSiteName, p.card, p.active ? 'active' : 'inactive'];
    }
    return {
      csv: {
        filename: `cards-${dayOf(Date.now(), portalEnv().display.timeZone)}.csv`,
        header: ['name', 'email', 'phone', 'employee_code', 'home_site', 'card', 'status'],
        rows: rows(),
      },
    };
  },
});
