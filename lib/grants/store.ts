import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, GrantsTable } from '../db/schema';
import type { GrantSource, SourcedGrant } from './sources';

/** A grant as the portal works with it. */
export interface Grant extends SourcedGrant {
  personId: number;
  doorId: number;
  sourceId: string | null;
  grantedBy: string | null;
  grantedByName: string | null;
  reason: string | null;
  createdAt: string;
  endedHow: GrantsTable['ended_how'];
}

const toGrant = (row: Selectable<GrantsTable>): Grant => ({
  id: row.id,
  personId: Number(row.person_id),
  doorId: Number(row.door_id),
  source: row.source,
  sourceId: row.source_id,
  grantedBy: row.granted_by,
  grantedByName: row.granted_by_name,
  reason: row.reason,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  createdAt: row.created_at,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  endedHow: row.ended_how,
});

/** Who made a grant: an operator, or (null) the portal itself or Spintly before the portal knew. */
export interface Granter {
  id: string | null;
  name: string | null;
}

export interface NewGrant {
  personId: number;
  doorId: number;
  source: GrantSource;
  sourceId?: string | null;
  reason?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  /** Already given in Spintly (now); false for a scheduled grant, which the expiry task starts. */
  started: boolean;
}

/** Writes grants; returns them. */
export async function addGrants(
  db: Kysely<Database>,
  by: Granter,
  grants: readonly NewGrant[],
  now = new Date(),
): Promise<Grant[]> {
  if (grants.length === 0) return [];
  const at = now.toISOString();
  const rows = grants.map((g) => ({
    id: randomUUID(),
    person_id: g.personId,
    door_id: g.doorId,
    source: g.source,
    source_id: g.sourceId ?? null,
    granted_by: by.id,
    granted_by_name: by.name,
    reason: g.reason ?? null,
    starts_at: g.startsAt ?? null,
    ends_at: g.endsAt ?? null,
    created_at: at,
    started_at: g.started ? at : null,
    ended_at: null,
    ended_how: null,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('grants')
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.map(toGrant);
}

/**
 * Direct grants from a screen or an import (one person × doors, or people × one door): a permanent direct row for
 * each pair that has none open yet, so a temporary grant of the same door ending later leaves it in place.
 */
export async function recordDirectGrants(
  db: Kysely<Database>,
  by: Granter,
  pairs: readonly { personId: number; doorId: number }[],
  now = new Date(),
) {
  if (pairs.length === 0) return;
  const people = [...new Set(pairs.map((p) => p.personId))];
  const doors = [...new Set(pairs.map((p) => p.doorId))];
  const open = await db
    .selectFrom('grants')
    .select(['person_id', 'door_id'])
    .where('person_id', 'in', people)
    .where('door_id', 'in', doors)
    .where('source', '=', 'direct')
    .where('ends_at', 'is', null)
    .where('ended_at', 'is', null)
    .execute();
  const have = new Set(open.map((r) => `${r.person_id}:${r.door_id}`));
  const fresh = pairs.filter((p) => !have.has(`${p.personId}:${p.doorId}`));
  await addGrants(
    db,
    by,
    fresh.map((p) => ({ ...p, source: 'direct' as const, started: true })),
    now,
  );
}

/** A direct revoke from a screen: every open direct grant of these pairs ends (`revoked`). */
export async function endDirectGrants(
  db: Kysely<Database>,
  pairs: readonly { personId: number; doorId: number }[],
  now = new Date(),
) {
  for (const { personId, doorId } of pairs)
    await db
      .updateTable('grants')
      .set({ ended_at: now.toISOString(), ended_how: 'revoked' })
      .where('person_id', '=', personId)
      .where('door_id', '=', doorId)
      .where('source', '=', 'direct')
      .where('ended_at', 'is', null)
      .execute();
}

/**
 * A door's people changed from the door page or the matrix: those added are given it directly; those removed, and
 * those whose pending grant was cancelled, lose their direct grants of it.
 */
export async function recordDoorChange(
  db: Kysely<Database>,
  by: Granter,
  change: { doorId: number; add: readonly number[]; remove: readonly number[]; cancelPending?: readonly number[] },
) {
  await recordDirectGrants(
    db,
    by,
    change.add.map((personId) => ({ personId, doorId: change.doorId })),
  );
  await endDirectGrants(
    db,
    [...change.remove, ...(change.cancelPending ?? [])].map((personId) => ({ personId, doorId: change.doorId })),
  );
}

/**
 * Grants of one source instance (a visit) for one person: a row for each door that has none open yet from it, so a
 * resumed registration records nothing twice. They end with the source (`endSourceRecords`).
 */
export async function recordSourceGrants(
  db: Kysely<Database>,
  by: Granter,
  grant: { personId: number; doorIds: readonly number[]; source: GrantSource; sourceId: string },
  now = new Date(),
) {
  const open = await openGrantsOf(db, grant.personId, grant.doorIds);
  const have = new Set(
    open.filter((g) => g.source === grant.source && g.sourceId === grant.sourceId).map((g) => g.doorId),
  );
  await addGrants(
    db,
    by,
    grant.doorIds.filter((doorId) => !have.has(doorId)).map((doorId) => ({ ...grant, doorId, started: true })),
    now,
  );
}

/** The open grants of one source instance (of some doors, or all) end, as `how`. */
export async function endSourceRecords(
  db: Kysely<Database>,
  source: { source: GrantSource; sourceId: string },
  how: 'expired' | 'revoked',
  doorIds?: readonly number[],
  now = new Date(),
) {
  if (doorIds?.length === 0) return;
  let query = db
    .updateTable('grants')
    .set({ ended_at: now.toISOString(), ended_how: how })
    .where('source', '=', source.source)
    .where('source_id', '=', source.sourceId)
    .where('ended_at', 'is', null);
  if (doorIds) query = query.where('door_id', 'in', [...doorIds]);
  await query.execute();
}

/** Everything these people were given ends with them (`offboarded`). */
export async function endGrantsOfPeople(db: Kysely<Database>, personIds: readonly number[], now = new Date()) {
  if (personIds.length === 0) return;
  await db
    .updateTable('grants')
    .set({ ended_at: now.toISOString(), ended_how: 'offboarded' })
    .where('person_id', 'in', [...personIds])
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends these grants as `how` (the expiry task after Spintly agreed). */
export async function endGrants(
  db: Kysely<Database>,
  ids: readonly string[],
  how: 'expired' | 'revoked',
  now = new Date(),
) {
  if (ids.length === 0) return;
  await db
    .updateTable('grants')
    .set({ ended_at: now.toISOString(), ended_how: how })
    .where('id', 'in', [...ids])
    .where('ended_at', 'is', null)
    .execute();
}

export async function markStarted(db: Kysely<Database>, ids: readonly string[], now = new Date()) {
  if (ids.length === 0) return;
  await db
    .updateTable('grants')
    .set({ started_at: now.toISOString() })
    .where('id', 'in', [...ids])
    .where('started_at', 'is', null)
    .execute();
}

/** A person's open grants (of some doors, or all), oldest first. */
export async function openGrantsOf(db: Kysely<Database>, personId: number, doorIds?: readonly number[]) {
  let query = db.selectFrom('grants').selectAll().where('person_id', '=', personId).where('ended_at', 'is', null);
  if (doorIds) {
    if (doorIds.length === 0) return [];
    query = query.where('door_id', 'in', [...doorIds]);
  }
  return (await query.orderBy('created_at').execute()).map(toGrant);
}

/** The open grants of a door (of some people, or all), for its "who and why". */
export async function openGrantsOfDoor(db: Kysely<Database>, doorId: number, personIds?: readonly number[]) {
  let query = db.selectFrom('grants').selectAll().where('door_id', '=', doorId).where('ended_at', 'is', null);
  if (personIds) {
    if (personIds.length === 0) return [];
    query = query.where('person_id', 'in', [...personIds]);
  }
  return (await query.orderBy('created_at').execute()).map(toGrant);
}

export async function getGrant(db: Kysely<Database>, id: string): Promise<Grant | null> {
  const row = await db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toGrant(row) : null;
}

/** Open grants whose end has come, soonest first. */
export async function dueEnds(db: Kysely<Database>, now: string, limit = 500) {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .execute();
  return rows.map(toGrant);
}

/** Scheduled grants whose start has come. */
export async function dueStarts(db: Kysely<Database>, now: string, limit = 500) {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('started_at', 'is', null)
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', now)]))
    .orderBy('starts_at')
    .limit(limit)
    .execute();
  return rows.map(toGrant);
}

/** Whether either question has an answer: the task is wanted before its interval. */
export async function anythingDue(db: Kysely<Database>, now: string): Promise<boolean> {
  const [end, start] = await Promise.all([dueEnds(db, now, 1), dueStarts(db, now, 1)]);
  return end.length > 0 || start.length > 0;
}

/** Extends (or shortens) an open grant's end. */
export async function setGrantEnd(db: Kysely<Database>, id: string, endsAt: string) {
  await db.updateTable('grants').set({ ends_at: endsAt }).where('id', '=', id).where('ended_at', 'is', null).execute();
}
