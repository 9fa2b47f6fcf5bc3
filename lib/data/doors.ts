import 'server-only';
import { notFound } from 'next/navigation';
import type { z } from 'zod';
import { can, personInScope, siteInScope, type ScopedOperator } from '../auth/permissions';
import { portalEnv } from '../env';
import { formatDate, formatDateTime } from '../format';
import { openGrantsOfDoor } from '../grants/store';
import { sourcesText } from '../grants/why';
import { withGroupNames } from '../groups/store';
import { verifySession } from '../auth/session';
import { spintly } from '../spintly';
import { searchAndPageSchema } from '../validation/query';
import { allSiteOptions } from './sites';
import { doorHolders, isPendingGrant } from '../core/holders';
import { doorPendingOf, recordDoorSeen } from '../activity/tasks';
import { db } from '../db';
import { compareNames } from '../core/names';
import { sortedPage } from '../core/sorted-page';
import { afterResponse } from './after-response';

/** Where each of these holders' access to the door comes from, in a few words (the portal's grants). */
async function holderSources(doorId: number, personIds: readonly number[], now = Date.now()) {
  const { display } = portalEnv();
  const show = { time: (iso: string) => formatDateTime(iso, display), day: (iso: string) => formatDate(iso, display) };
  const database = await db();
  const grants = await withGroupNames(database, await openGrantsOfDoor(database, doorId, personIds));
  const nowIso = new Date(now).toISOString();
  return new Map(
    personIds.map((id) => [
      id,
      sourcesText(
        grants.filter((g) => g.personId === id),
        nowIso,
        show,
      ),
    ]),
  );
}

/** Whether a holder Spintly lists is one of the operator's people (their home site is in scope); others are counted only. */
const visibleTo = (operator: ScopedOperator) => (person: { homeSiteId?: number | null | undefined }) =>
  personInScope(operator, { homeSiteId: person.homeSiteId ?? null });

/** A door of the operator's sites, from the (cached) list of every door; undefined when it is not one of theirs. */
async function doorInScope(operator: ScopedOperator, doorId: number) {
  const door = (await spintly().allDoors()).find((d) => d.id === doorId);
  return door && siteInScope(operator, door.siteId) ? door : undefined;
}

/**
 * Everyone of the operator's sites who can open a door (or will, once its reader syncs), with where it comes from:
 * the door page's CSV (`/api/doors/holders/export`). Null when the door is not one of theirs.
 */
export async function doorHoldersExport(operator: ScopedOperator, doorId: number) {
  const door = await doorInScope(operator, doorId);
  if (!door) return null;
  const answer = doorHolders(await spintly().doorUsers(doorId));
  const visible = visibleTo(operator);
  const people = [
    ...answer.holders.filter(visible).map((p) => ({ ...p, state: 'assigned' as const })),
    ...answer.pending.filter((p) => visible(p) && isPendingGrant(p)).map((p) => ({ ...p, state: 'pending' as const })),
  ].sort(byName);
  const sources = await holderSources(
    doorId,
    people.map((p) => p.id),
  );
  return {
    door,
    rows: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email ?? null,
      employeeCode: p.employeeCode ?? null,
      state: p.state,
      source: sources.get(p.id) ?? 'From Spintly',
    })),
  };
}

/**
 * The ids of the operator's people who hold a door or will once its reader syncs: what "Add people" does not offer
 * again (`/api/doors/holders`), read when the dialog opens, not carried on every view of a door with thousands of
 * holders. Null when the door is not one of theirs.
 */
export async function doorHolderIdsInScope(operator: ScopedOperator, doorId: number) {
  if (!(await doorInScope(operator, doorId))) return null;
  const { holders, pending } = doorHolders(await spintly().doorUsers(doorId));
  return [...holders, ...pending.filter(isPendingGrant)].filter(visibleTo(operator)).map((p) => p.id);
}

/** A door's holders page: `?search=&page=`. */
export const doorHoldersQuerySchema = searchAndPageSchema;

export interface DoorPerson {
  id: number;
  name: string;
  email: string | null;
  employeeCode: string | null;
  pendingAction?: 'grant' | 'revoke';
  pendingSince?: string;
  /** Where their access comes from, in a few words (holders only). */
  source?: string;
}

export const DOOR_HOLDERS_PAGE_SIZE = 50;

const byName = (a: { name: string }, b: { name: string }) => compareNames(a.name, b.name);

/**
 * Who can open a door and whose change there is pending. People outside the operator's sites are only counted.
 * Spintly answers with every holder at once (thousands at a busy door), so the page gets one page of them, found by
 * name, email or employee code and sorted by name; the pending list is short and comes whole.
 */
export async function doorPage(
  siteId: number,
  doorId: number,
  query: z.output<typeof doorHoldersQuerySchema> = { page: 1 },
) {
  const operator = await verifySession({ capability: 'sites:read' });
  if (!siteInScope(operator, siteId)) notFound();
  const client = spintly();
  const [doors, sites, holders] = await Promise.all([
    client.allAccessPoints(siteId),
    allSiteOptions(),
    client.doorUsers(doorId).catch(() => null),
  ]);
  const door = doors.find((d) => d.id === doorId);
  const site = sites.find((s) => s.id === siteId);
  if (!door || !site || !holders) notFound();
  const visible = visibleTo(operator);
  const toPerson = (p: (typeof holders.usersWithPermissions)[number]): DoorPerson => ({
    id: p.id,
    name: p.name,
    email: p.email ?? null,
    employeeCode: p.employeeCode ?? null,
    ...(p.pendingAction && { pendingAction: p.pendingAction }),
    ...(p.pendingSince && { pendingSince: p.pendingSince }),
  });
  const answer = doorHolders(holders);
  // Read-repair: the site page's counts (the background scan's) say what this page read live, once it has answered.
  afterResponse('read-repair of a door', async () =>
    recordDoorSeen(await db(), doorPendingOf({ doorId, siteId }, answer)),
  );
  const everyone = answer.holders.filter(visible);
  const needle = query.search?.toLowerCase();
  const matching = needle
    ? everyone.filter((p) => [p.name, p.email, p.employeeCode].some((field) => field?.toLowerCase().includes(needle)))
    : everyone;
  const start = (query.page - 1) * DOOR_HOLDERS_PAGE_SIZE;
  const pending = answer.pending.filter(visible);
  const shown = sortedPage(matching, byName, start, DOOR_HOLDERS_PAGE_SIZE);
  const sources = await holderSources(
    doorId,
    shown.map((p) => p.id),
  );
  return {
    readAt: Date.now(),
    site,
    door: { id: door.id, name: door.name, siteId: door.siteId },
    canEdit: can(operator, 'permissions:write'),
    holders: shown.map((p) => ({ ...toPerson(p), source: sources.get(p.id) ?? 'From Spintly' })),
    /** How many holders match the search, and how many there are in all (of the operator's sites). */
    matchingCount: matching.length,
    holderCount: everyone.length,
    pending: pending.map(toPerson),
    page: query.page,
    perPage: DOOR_HOLDERS_PAGE_SIZE,
    hiddenCount: answer.holderCount - everyone.length + answer.pending.length - pending.length,
  };
}
