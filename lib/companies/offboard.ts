import 'server-only';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit, THE_PORTAL } from '../audit/log';
import type { Database } from '../db/schema';
import { dayOf } from '../format';
import { defineJobKind } from '../jobs/kind';
import { offboardInput, offboardPerson } from '../jobs/offboard';
import { PORTAL_STARTER } from '../jobs/operator';
import { startJob } from '../jobs/start';
import type { Task } from '../worker/runner';
import { membersOf } from './members';
import { getCompany, type Company } from './store';

/** One member of a company being offboarded: everything an offboarding does, for one person. */
export const companyOffboardKind = defineJobKind({
  name: 'company.offboard',
  input: offboardInput.extend({ companyId: z.number().int().positive() }),
  audit: 'people.offboard',
  process: ({ personId, name }, ctx) => offboardPerson({ personId, name }, ctx),
});

/** Who a company offboarding would touch, for its preview: members with their cards. */
export async function offboardingPreview(db: Kysely<Database>, companyId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'card', 'active', 'home_site_id'])
    .where('id', 'in', membersOf(db, companyId))
    .orderBy('name_sort')
    .execute();
}

/**
 * Ends a company: marks it ended and starts one job that offboards every member (cards back, every door and pending
 * grant removed, deactivated), each item audited as the starter's. The job engine resumes it after a restart and
 * reports no one done who was not. The start itself is audited by the caller (the action, or the expiry task).
 */
export async function startCompanyOffboarding(
  db: Kysely<Database>,
  company: Pick<Company, 'id' | 'name'>,
  starter: { id: string; email: string | null },
  now = new Date(),
): Promise<{ jobId: string; people: number }> {
  const members = await offboardingPreview(db, company.id);
  await db
    .updateTable('companies')
    .set({ status: 'ended', ended_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', company.id)
    .execute();
  const jobId = await startJob(db, {
    kind: companyOffboardKind.name,
    title: `Offboard ${company.name}`,
    createdBy: starter.id,
    requestedBy: starter.email ?? PORTAL_STARTER,
    items: members.map((m) => ({
      input: { companyId: company.id, personId: Number(m.id), name: m.name },
      personId: Number(m.id),
    })),
  });
  return { jobId, people: members.length };
}

/** Active companies whose last day (in the portal's zone) is over. */
function dueCompanies(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .where('valid_until', 'is not', null)
    .where('valid_until', '<', today);
}

/**
 * `companies.expire`: a company whose end date has passed is offboarded by the portal itself, the day after its last
 * day. Wanted as soon as one is due, so it starts within a tick; extending the end date before then is all it takes
 * to keep a company.
 */
export function companiesExpireTask(timeZone: string): Task {
  const today = (now: number) => dayOf(now, timeZone);
  return {
    name: 'companies.expire',
    intervalMs: 3_600_000,
    wanted: async ({ db, now }) => Boolean(await dueCompanies(db, today(now())).executeTakeFirst()),
    async run({ db, now }) {
      let started = 0;
      for (const row of await dueCompanies(db, today(now())).execute()) {
        const company = await getCompany(db, Number(row.id));
        if (!company || company.status !== 'active') continue;
        const { jobId, people } = await startCompanyOffboarding(db, company, { id: PORTAL_STARTER, email: null });
        await audit.record(db, THE_PORTAL, 'companies.offboard', {
          outcome: 'ok',
          targets: [{ type: 'company', id: company.id, name: company.name }],
          siteId: company.siteIds[0] ?? null,
          facts: { job: jobId, people },
          detail: `its access ended on ${company.validUntil}`,
        });
        started++;
      }
      return { started };
    },
  };
}
