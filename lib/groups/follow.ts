import 'server-only';
import type { Kysely } from 'kysely';
import { membersOf } from '../companies/members';
import type { Database } from '../db/schema';
import { PORTAL_STARTER } from '../jobs/operator';
import type { Task } from '../worker/runner';
import { GROUP_APPLY_JOB, startGroupJob, type GroupItem } from './apply';
import { getGroup, type AccessGroup } from './store';

/**
 * A company in a group follows its people: someone who joins the company (a new holder of its Spintly value, or given
 * to it in the portal) gets the group's doors, and someone who leaves it loses what the group gave them (unless
 * another source still gives it) — the way access starts and ends with a membership. From the portal's own tables
 * (the directory keeps the companies' members at every sync); no Spintly read. A person deactivated or offboarded is
 * not given anything, nor is one whose last apply Spintly refused (Repair, on the group's page, retries them).
 */
export async function planCompanyFollowing(db: Kysely<Database>, now = new Date()) {
  const nowIso = now.toISOString();
  const memberships = await db
    .selectFrom('access_group_members as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .select(['m.id', 'm.group_id', 'm.company_id', 'm.starts_at', 'm.ends_at'])
    .where('m.removed_at', 'is', null)
    .where('c.status', '=', 'active')
    .where((eb) => eb.or([eb('m.ends_at', 'is', null), eb('m.ends_at', '>', nowIso)]))
    .execute();
  const byGroup = new Map<number, { group: AccessGroup; items: GroupItem[] }>();
  for (const m of memberships) {
    const groupId = Number(m.group_id);
    const companyId = Number(m.company_id);
    const joiners = await db
      .selectFrom('people as p')
      .select('p.id')
      .where('p.id', 'in', membersOf(db, companyId))
      .where('p.active', '=', 1)
      .where('p.id', 'not in', db.selectFrom('offboarded_people').select('person_id'))
      .where(
        'p.id',
        'not in',
        db.selectFrom('access_group_failures').select('person_id').where('group_id', '=', groupId),
      )
      .where('p.id', 'not in', givenBy(db, m.id))
      .execute();
    const leavers = await db
      .selectFrom('grants')
      .select(['person_id', 'door_id'])
      .where('source', '=', 'group')
      .where('source_id', '=', m.id)
      .where('ended_at', 'is', null)
      .where('person_id', 'not in', membersOf(db, companyId))
      .execute();
    if (joiners.length === 0 && leavers.length === 0) continue;
    const group = byGroup.get(groupId)?.group ?? (await getGroup(db, groupId));
    if (!group) continue;
    const items = byGroup.get(groupId)?.items ?? [];
    for (const { id } of joiners)
      items.push({
        groupId,
        personId: Number(id),
        give: [
          {
            membershipId: m.id,
            doorIds: group.doors.map((d) => d.doorId),
            startsAt: m.starts_at,
            endsAt: m.ends_at,
          },
        ],
      });
    const leaving = new Map<number, number[]>();
    for (const g of leavers)
      leaving.set(Number(g.person_id), [...(leaving.get(Number(g.person_id)) ?? []), Number(g.door_id)]);
    for (const [personId, doorIds] of leaving)
      items.push({ groupId, personId, take: [{ membershipId: m.id, doorIds }] });
    byGroup.set(groupId, { group, items });
  }
  return byGroup;
}

/** The people holding an open grant from this membership. */
const givenBy = (db: Kysely<Database>, membershipId: string) =>
  db
    .selectFrom('grants')
    .select('person_id')
    .where('source', '=', 'group')
    .where('source_id', '=', membershipId)
    .where('ended_at', 'is', null);

/**
 * `groups.follow_companies`, every 10 minutes on the leader, as "The portal": one job per group with joiners or
 * leavers — not while an earlier group job is still waiting or running, so a change is never planned twice.
 */
export function groupsFollowTask(): Task {
  return {
    name: 'groups.follow_companies',
    intervalMs: 600_000,
    async run({ db, now }) {
      const busy = await db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', GROUP_APPLY_JOB)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (busy) return { started: 0, waiting: 1 };
      let started = 0;
      for (const { group, items } of (await planCompanyFollowing(db, new Date(now()))).values()) {
        await startGroupJob(
          db,
          { id: PORTAL_STARTER },
          `Access group ${group.name}: company members who joined or left`,
          items,
        );
        started++;
      }
      return { started, waiting: 0 };
    },
  };
}
