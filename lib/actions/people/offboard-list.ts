'use server';

import { z } from 'zod';
import { personInScope } from '../../auth/permissions';
import { directoryDb } from '../../directory';
import { toDirectoryPerson } from '../../directory/store';
import { portalEnv } from '../../env';
import { parseCsv, cellValue } from '../../core/csv';
import { phoneKey, storedSpellings, toE164 } from '../../core/phone';
import { defineAction } from '../safe-action';

/** The entries of a pasted list or a one-column CSV: emails, employee codes or phones, one per line or cell. */
function entriesOf(text: string): string[] {
  const cells = parseCsv(text)
    .rows.flatMap((r) => r.cells.map(cellValue))
    .filter(Boolean);
  // A header cell ("email", "employee code") is not an entry.
  return [...new Set(cells.filter((c) => !/^(e-?mail|employee[ _-]?code|phone)$/i.test(c)))];
}

const MAX_ENTRIES = 500;

/**
 * Offboarding from a list (pasted, or a CSV of emails or employee codes): finds the people at the operator's sites in
 * the directory and opens the offboarding page with them; nothing is changed here. Entries that match nobody at the
 * operator's sites are counted, not named.
 */
export const findPeopleToOffboardAction = defineAction({
  name: 'people.offboard_find',
  capability: 'people:manage',
  input: z.object({ list: z.string().max(1_000_000).default('') }),
  targets: () => [],
  async run(input, { operator }) {
    const entries = entriesOf(input.list).slice(0, MAX_ENTRIES);
    const { db } = await directoryDb();
    const country = portalEnv().imports.defaultCountry;
    const emails = entries.filter((e) => e.includes('@')).map((e) => e.toLowerCase());
    const others = entries.filter((e) => !e.includes('@'));
    const phones = others.map((e) => toE164(e, country)).filter((p): p is string => p !== null);
    const rows =
      entries.length === 0
        ? []
        : await db
            .selectFrom('people')
            .selectAll()
            .where((eb) =>
              eb.or([
                ...(emails.length ? [eb('email', 'in', emails)] : []),
                ...(others.length ? [eb('employee_code', 'in', others)] : []),
                ...(phones.length
                  ? [
                      eb(
                        'phone',
                        'in',
                        phones.flatMap((p) => storedSpellings(p, country)),
                      ),
                    ]
                  : []),
              ]),
            )
            .execute();
    const found = rows.map(toDirectoryPerson).filter((p) => personInScope(operator, { homeSiteId: p.home_site_id }));
    const matched = new Set(
      found.flatMap(
        (p) =>
          [p.email?.toLowerCase(), p.employee_code, p.phone && phoneKey(p.phone, country)].filter(Boolean) as string[],
      ),
    );
    const unmatched = entries.filter(
      (e) => !matched.has(e.includes('@') ? e.toLowerCase() : e) && !matched.has(toE164(e, country) ?? ''),
    ).length;
    return {
      facts: { entries: entries.length, found: found.length },
      redirectTo: `/users/offboard?ids=${found.map((p) => p.id).join(',')}&unmatched=${unmatched}`,
    };
  },
});
