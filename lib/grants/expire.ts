import 'server-only';
import type { Kysely } from 'kysely';
import type { FactsOf } from '../audit/actions';
import { audit, THE_PORTAL } from '../audit/log';
import { nameTargets } from '../audit/names';
import { pool } from '../core/pool';
import { namesById } from '../core/names';
import type { Database } from '../db/schema';
import { refreshPeople } from '../directory';
import { portalEnv } from '../env';
import { formatDate, formatDateTime } from '../format';
import { spintly } from '../spintly';
import type { SpintlyClient } from '../spintly/client';
import { SpintlyError } from '../spintly/errors';
import type { Task } from '../worker/runner';
import { endSourceGrants } from './give';
import { anythingDue, dueEnds, dueStarts, markStarted, type Grant } from './store';

type Client = Pick<SpintlyClient, 'userPermissions' | 'changeUserDoors' | 'allDoors'>;

/** People at once: the background's share of the write lane, as the jobs take it. */
const AT_ONCE = 4;

const byPerson = (grants: readonly Grant[]) => {
  const people = new Map<number, Grant[]>();
  for (const g of grants) people.set(g.personId, [...(people.get(g.personId) ?? []), g]);
  return [...people];
};

/**
 * One run of `access.expire`: scheduled grants whose start has come are given; grants whose end has come stop, and
 * each door goes away in Spintly only when no other source still gives it. Each is audited as the portal's. A person
 * Spintly does not answer for keeps their grants open, so the next run tries again: nothing is recorded ended that is
 * still held.
 */
export async function expireAccess(db: Kysely<Database>, now: Date, client: Client = spintly().background) {
  const nowIso = now.toISOString();
  const { display } = portalEnv();
  const counts = { started: 0, ended: 0, kept: 0, failed: 0 };
  const starts = await dueStarts(db, nowIso);
  const ends = await dueEnds(db, nowIso);
  if (starts.length === 0 && ends.length === 0) return counts;
  const doorNames = namesById(await client.allDoors().catch(() => []));
  const record = async <A extends 'permissions.start' | 'permissions.expire'>(
    action: A,
    grant: Grant,
    facts: FactsOf<A>,
  ) => {
    const known = new Map(doorNames.has(grant.doorId) ? [[`door:${grant.doorId}`, doorNames.get(grant.doorId)!]] : []);
    await audit.record(db, THE_PORTAL, action, {
      outcome: 'ok',
      targets: await nameTargets(
        db,
        [
          { type: 'person', id: grant.personId },
          { type: 'door', id: grant.doorId },
        ],
        known,
      ),
      facts,
    });
  };
  const changed = new Set<number>();

  await pool(byPerson(starts), AT_ONCE, async ([personId, grants]) => {
    try {
      await client.changeUserDoors(personId, { permissionsToAdd: [...new Set(grants.map((g) => g.doorId))] });
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      counts.failed += grants.length;
      return;
    }
    await markStarted(
      db,
      grants.map((g) => g.id),
      now,
    );
    changed.add(personId);
    for (const grant of grants) {
      await record('permissions.start', grant, {
        untilText: grant.endsAt ? formatDateTime(grant.endsAt, display) : '',
      });
      counts.started++;
    }
  });

  await pool(byPerson(ends), AT_ONCE, async ([personId, grants]) => {
    let taken: number[];
    try {
      ({ taken } = await endSourceGrants(db, client, personId, grants, 'expired', now));
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      counts.failed += grants.length;
      return;
    }
    if (taken.length > 0) changed.add(personId);
    for (const grant of grants) {
      const kept = !taken.includes(grant.doorId);
      await record('permissions.expire', grant, {
        setBy: grant.grantedByName,
        setOn: formatDate(grant.createdAt, display),
        kept,
      });
      counts.ended++;
      if (kept) counts.kept++;
    }
  });
  // The people directory's pending/holder view follows at once rather than at the next sync.
  if (changed.size > 0) await refreshPeople([...changed]).catch(() => undefined);
  return counts;
}

/** `access.expire`: every minute, and as soon as a grant's end or start has come (checked every tick). */
export function accessExpireTask(): Task {
  return {
    name: 'access.expire',
    intervalMs: 60_000,
    wanted: ({ db, now }) => anythingDue(db, new Date(now()).toISOString()),
    run: ({ db, now }) => expireAccess(db, new Date(now())),
  };
}
