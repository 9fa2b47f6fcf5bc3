import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { membersOf } from '../companies/members';
import type { AccessGroupMembersTable, Database } from '../db/schema';
import type { Granter } from '../grants/store';

/**
 * Access groups (migration 0020), local only: a named set of doors (each with its site) and its members — people and
 * companies — each membership with an optional start and end. What a membership gives is in `grants` (source
 * `group`, `source_id` = the membership), so removing one takes away only what no other source still gives.
 */
export interface GroupDoor {
  doorId: number;
  siteId: number;
}

export interface AccessGroup {
  id: number;
  name: string;
  description: string | null;
  doors: GroupDoor[];
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Membership {
  id: string;
  groupId: number;
  personId: number | null;
  companyId: number | null;
  startsAt: string | null;
  endsAt: string | null;
  addedByName: string | null;
  createdAt: string;
  removedAt: string | null;
}

const toMembership = (row: Selectable<AccessGroupMembersTable>): Membership => ({
  id: row.id,
  groupId: Number(row.group_id),
  personId: row.person_id === null ? null : Number(row.person_id),
  companyId: row.company_id === null ? null : Number(row.company_id),
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  addedByName: row.added_by_name,
  createdAt: row.created_at,
  removedAt: row.removed_at,
});

export const sortName = (name: string) => name.trim().toLowerCase();

/** Another group with this name (names are unique, case aside), or null. */
export async function groupNamed(db: Kysely<Database>, name: string, exceptId?: number) {
  let query = db.selectFrom('access_groups').select('id').where('name_sort', '=', sortName(name));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst())?.id ?? null;
}

export async function createGroup(
  db: Kysely<Database>,
  by: Granter,
  group: { name: string; description: string | null; doors: readonly GroupDoor[] },
  now = new Date(),
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('access_groups')
      .values({
        name: group.name.trim(),
        name_sort: sortName(group.name),
        description: group.description,
        created_by: by.id,
        created_by_name: by.name,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeDoors(tx, Number(id), group.doors);
    return Number(id);
  });
}

async function writeDoors(db: Kysely<Database>, groupId: number, doors: readonly GroupDoor[]) {
  await db.deleteFrom('access_group_doors').where('group_id', '=', groupId).execute();
  if (doors.length > 0)
    await db
      .insertInto('access_group_doors')
      .values(doors.map((d) => ({ group_id: groupId, door_id: d.doorId, site_id: d.siteId })))
      .execute();
}

/** Renames or redescribes a group and sets its doors; returns the doors added and removed. */
export async function updateGroup(
  db: Kysely<Database>,
  id: number,
  group: { name: string; description: string | null; doors: readonly GroupDoor[] },
  now = new Date(),
): Promise<{ added: number[]; removed: number[] }> {
  return db.transaction().execute(async (tx) => {
    const before = new Set(
      (await tx.selectFrom('access_group_doors').select('door_id').where('group_id', '=', id).execute()).map((r) =>
        Number(r.door_id),
      ),
    );
    await tx
      .updateTable('access_groups')
      .set({
        name: group.name.trim(),
        name_sort: sortName(group.name),
        description: group.description,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await writeDoors(tx, id, group.doors);
    const after = new Set(group.doors.map((d) => d.doorId));
    return {
      added: [...after].filter((d) => !before.has(d)),
      removed: [...before].filter((d) => !after.has(d)),
    };
  });
}

export async function getGroup(db: Kysely<Database>, id: number): Promise<AccessGroup | null> {
  const row = await db.selectFrom('access_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const doors = await db
    .selectFrom('access_group_doors')
    .select(['door_id', 'site_id'])
    .where('group_id', '=', id)
    .execute();
  return {
    id: Number(row.id),
    name: row.name,
    description: row.description,
    doors: doors.map((d) => ({ doorId: Number(d.door_id), siteId: Number(d.site_id) })),
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every group's doors (for scope checks and the list): group id → doors. */
export async function doorsOfGroups(db: Kysely<Database>, ids?: readonly number[]) {
  let query = db.selectFrom('access_group_doors').select(['group_id', 'door_id', 'site_id']);
  if (ids) {
    if (ids.length === 0) return new Map<number, GroupDoor[]>();
    query = query.where('group_id', 'in', [...ids]);
  }
  const byGroup = new Map<number, GroupDoor[]>();
  for (const row of await query.execute()) {
    const id = Number(row.group_id);
    byGroup.set(id, [...(byGroup.get(id) ?? []), { doorId: Number(row.door_id), siteId: Number(row.site_id) }]);
  }
  return byGroup;
}

export interface GroupListRow {
  id: number;
  name: string;
  description: string | null;
  doors: GroupDoor[];
  people: number;
  companies: number;
}

/** Every group with its doors and how many memberships it has (the caller keeps those in the operator's scope). */
export async function listGroups(db: Kysely<Database>): Promise<GroupListRow[]> {
  const [groups, doors, counts] = await Promise.all([
    db.selectFrom('access_groups').select(['id', 'name', 'description']).orderBy('name_sort').execute(),
    doorsOfGroups(db),
    db
      .selectFrom('access_group_members')
      .select((eb) => [
        'group_id',
        eb.fn.count<number>('person_id').as('people'),
        eb.fn.count<number>('company_id').as('companies'),
      ])
      .where('removed_at', 'is', null)
      .groupBy('group_id')
      .execute(),
  ]);
  const countOf = new Map(counts.map((c) => [Number(c.group_id), c]));
  return groups.map((g) => ({
    id: Number(g.id),
    name: g.name,
    description: g.description,
    doors: doors.get(Number(g.id)) ?? [],
    people: Number(countOf.get(Number(g.id))?.people ?? 0),
    companies: Number(countOf.get(Number(g.id))?.companies ?? 0),
  }));
}

/** A group's current memberships, oldest first. */
export async function openMemberships(db: Kysely<Database>, groupId: number): Promise<Membership[]> {
  const rows = await db
    .selectFrom('access_group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toMembership);
}

export async function getMembership(db: Kysely<Database>, id: string): Promise<Membership | null> {
  const row = await db.selectFrom('access_group_members').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMembership(row) : null;
}

/**
 * New memberships for these people and companies (those already members stay as they are and are returned as
 * `existing`).
 */
export async function addMemberships(
  db: Kysely<Database>,
  by: Granter,
  groupId: number,
  add: { personIds: readonly number[]; companyIds: readonly number[]; startsAt: string | null; endsAt: string | null },
  now = new Date(),
): Promise<{ added: Membership[]; existing: Membership[] }> {
  const open = await openMemberships(db, groupId);
  const existing = open.filter(
    (m) =>
      (m.personId !== null && add.personIds.includes(m.personId)) ||
      (m.companyId !== null && add.companyIds.includes(m.companyId)),
  );
  const row = (member: { person_id: number | null; company_id: number | null }) => ({
    id: randomUUID(),
    group_id: groupId,
    ...member,
    starts_at: add.startsAt,
    ends_at: add.endsAt,
    added_by: by.id,
    added_by_name: by.name,
    created_at: now.toISOString(),
    removed_at: null,
  });
  const rows = [
    ...[...new Set(add.personIds)]
      .filter((id) => !existing.some((m) => m.personId === id))
      .map((id) => row({ person_id: id, company_id: null })),
    ...[...new Set(add.companyIds)]
      .filter((id) => !existing.some((m) => m.companyId === id))
      .map((id) => row({ person_id: null, company_id: id })),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('access_group_members')
      .values(rows.slice(i, i + 500))
      .execute();
  return { added: rows.map(toMembership), existing };
}

/** A membership's new end, and its open grants' with it (the expiry task reads the grants). */
export async function setMembershipEnd(db: Kysely<Database>, id: string, endsAt: string | null) {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('access_group_members').set({ ends_at: endsAt }).where('id', '=', id).execute();
    await tx
      .updateTable('grants')
      .set({ ends_at: endsAt })
      .where('source', '=', 'group')
      .where('source_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  });
}

export async function removeMembership(db: Kysely<Database>, id: string, now = new Date()) {
  await db
    .updateTable('access_group_members')
    .set({ removed_at: now.toISOString() })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .execute();
}

/** The people a membership reaches now: the person, or the company's members. */
export async function peopleOf(db: Kysely<Database>, membership: Membership): Promise<number[]> {
  if (membership.personId !== null) return [membership.personId];
  if (membership.companyId === null) return [];
  return (await membersOf(db, membership.companyId).execute()).map((r) => Number(r.person_id));
}

/**
 * The people holding an open grant from any of these memberships (of some doors, or any) with those grants' doors:
 * what a removal must take back — the ledger, not today's company members, since someone may have left the company
 * since and still hold what the group gave them.
 */
export async function holdersFromMemberships(
  db: Kysely<Database>,
  membershipIds: readonly string[],
  doorIds?: readonly number[],
): Promise<Map<number, { membershipId: string; doorId: number }[]>> {
  const byPerson = new Map<number, { membershipId: string; doorId: number }[]>();
  if (membershipIds.length === 0) return byPerson;
  let query = db
    .selectFrom('grants')
    .select(['person_id', 'door_id', 'source_id'])
    .where('source', '=', 'group')
    .where('source_id', 'in', [...membershipIds])
    .where('ended_at', 'is', null);
  if (doorIds) {
    if (doorIds.length === 0) return byPerson;
    query = query.where('door_id', 'in', [...doorIds]);
  }
  for (const row of await query.execute()) {
    const person = Number(row.person_id);
    byPerson.set(person, [
      ...(byPerson.get(person) ?? []),
      { membershipId: row.source_id!, doorId: Number(row.door_id) },
    ]);
  }
  return byPerson;
}

/** Membership id → its group's name and the company it stands for, for the Why? and the holders' sources. */
export async function membershipNames(
  db: Kysely<Database>,
  membershipIds: readonly string[],
): Promise<Map<string, { groupId: number; groupName: string; companyName: string | null }>> {
  const found = new Map<string, { groupId: number; groupName: string; companyName: string | null }>();
  if (membershipIds.length === 0) return found;
  const rows = await db
    .selectFrom('access_group_members as m')
    .innerJoin('access_groups as g', 'g.id', 'm.group_id')
    .leftJoin('companies as c', 'c.id', 'm.company_id')
    .select(['m.id', 'g.id as groupId', 'g.name as groupName', 'c.name as companyName'])
    .where('m.id', 'in', [...new Set(membershipIds)])
    .execute();
  for (const row of rows)
    found.set(row.id, { groupId: Number(row.groupId), groupName: row.groupName, companyName: row.companyName });
  return found;
}

/** What Spintly last refused for a member's doors of a group; cleared when a later apply for them succeeds. */
export async function noteFailure(db: Kysely<Database>, groupId: number, personId: number, message: string | null) {
  await db
    .deleteFrom('access_group_failures')
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .execute();
  if (message !== null)
    await db
      .insertInto('access_group_failures')
      .values({ group_id: groupId, person_id: personId, message: message.slice(0, 300), at: new Date().toISOString() })
      .execute();
}

export async function failuresOf(db: Kysely<Database>, groupId: number) {
  const rows = await db
    .selectFrom('access_group_failures')
    .select(['person_id', 'message', 'at'])
    .where('group_id', '=', groupId)
    .execute();
  return new Map(rows.map((r) => [Number(r.person_id), { message: r.message, at: r.at }]));
}

/** Grants with their group named (group grants only; others as they are), for the Why? and the holders' sources. */
export async function withGroupNames<G extends { source: string; sourceId: string | null }>(
  db: Kysely<Database>,
  grants: readonly G[],
): Promise<(G & { group: { name: string; via: string | null } | null })[]> {
  const names = await membershipNames(
    db,
    grants.flatMap((g) => (g.source === 'group' && g.sourceId ? [g.sourceId] : [])),
  );
  return grants.map((g) => {
    const found = g.source === 'group' && g.sourceId ? names.get(g.sourceId) : undefined;
    return { ...g, group: found ? { name: found.groupName, via: found.companyName } : null };
  });
}

/**
 * What a group gave and should have taken back but has not: open grants of its removed memberships, or of doors no
 * longer in it (a take that Spintly refused, or that a stopped job never reached). Person → membership and door.
 */
export async function leftoverGrants(db: Kysely<Database>, group: { id: number; doors: readonly GroupDoor[] }) {
  const rows = await db
    .selectFrom('grants as g')
    .innerJoin('access_group_members as m', 'm.id', 'g.source_id')
    .select(['g.person_id', 'g.door_id', 'g.source_id', 'm.removed_at'])
    .where('g.source', '=', 'group')
    .where('g.ended_at', 'is', null)
    .where('m.group_id', '=', group.id)
    .execute();
  const inGroup = new Set(group.doors.map((d) => d.doorId));
  const byPerson = new Map<number, { membershipId: string; doorId: number }[]>();
  for (const row of rows) {
    if (row.removed_at === null && inGroup.has(Number(row.door_id))) continue;
    const person = Number(row.person_id);
    byPerson.set(person, [
      ...(byPerson.get(person) ?? []),
      { membershipId: row.source_id!, doorId: Number(row.door_id) },
    ]);
  }
  return byPerson;
}
