import { companyNamesByPerson } from '@/lib/companies/members';
import { peopleQuerySchema, streamPeopleInScope } from '@/lib/data/people';
import { db } from '@/lib/db';
import { portalEnv } from '@/lib/env';
import { dayOf, showDay } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';
import { IMPORT_COLUMNS } from '@/lib/import/columns';

/**
 * People in scope as CSV in the import's own format (the /users filters apply), so a spreadsheet edit can be imported
 * back as updates: people are matched by email, phone or employee code. Doors are left empty — a person's doors are
 * not in the directory, and an import only ever adds doors. Streamed and audited like every export.
 */
export const GET = defineRoute({
  name: 'people.export',
  capability: 'people:list',
  query: peopleQuerySchema,
  audit: true,
  async run(query, { operator }) {
    const { timeZone } = portalEnv().display;
    const companies = await companyNamesByPerson(await db());
    async function* rows() {
      for await (const p of streamPeopleInScope(operator, query))
        yield [
          p.name,
          p.email,
          p.phone,
          p.employeeCode,
          p.homeSiteId === null ? '' : p.homeSiteName,
          p.roles.join(' | '),
          p.card,
          p.accessExpiresAt ? showDay(dayOf(p.accessExpiresAt, timeZone)) : '',
          '',
          companies.get(p.id) ?? '',
        ];
    }
    return {
      csv: {
        filename: `people-${dayOf(Date.now(), timeZone)}.csv`,
        header: IMPORT_COLUMNS.map((c) => c.header),
        rows: rows(),
      },
    };
  },
});
