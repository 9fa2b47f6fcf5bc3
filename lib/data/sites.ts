import 'server-only';
import { portalEnv } from '../env';
import { db } from '../db';
import { notFound } from 'next/navigation';
import type { z } from 'zod';
import { can, siteInScope, sitesInScope } from '../auth/permissions';
import { siteVisitorDoors } from '../visitors/store';
import { verifySession, type SessionOperator } from '../auth/session';
import { spintly } from '../spintly';
import { searchAndPageSchema } from '../validation/query';

/** What pages know of a site. */
export interface SiteOption {
  id: number;
  name: string;
  location: string | null;
}

/** Every site of the organisation (for super admins choosing operators' sites). */
export async function allSiteOptions(): Promise<SiteOption[]> {
  const sites = await spintly().allSites();
  return sites.map(({ id, name, location }) => ({ id, name, location }));
}

/** The sites this operator reaches. */
export async function siteOptionsFor(operator: SessionOperator): Promise<SiteOption[]> {
  return sitesInScope(operator, await allSiteOptions());
}

export interface SiteRow extends SiteOption {
  doorCount: number;
}

/** The sites page: each site in scope with its number of doors (door lists come from the client's cache). */
export async function sitesPage(): Promise<SiteRow[]> {
  const operator = await verifySession({ capability: 'sites:read' });
  const sites = await siteOptionsFor(operator);
  const doors = await spintly().allDoors();
  const count = (siteId: number) => doors.filter((d) => d.siteId === siteId).length;
  return sites.map((site) => ({ ...site, doorCount: count(site.id) }));
}

export const DOORS_PAGE_SIZE = 25;

/** A site's doors page: `?search=&page=`. */
export const siteDoorsQuerySchema = searchAndPageSchema;

/** A site's doors, searched and paged by Spintly; 404 when the site is not the operator's. */
export async function siteDoorsPage(siteId: number, query: z.output<typeof siteDoorsQuerySchema>) {
  const operator = await verifySession({ capability: 'sites:read' });
  if (!siteInScope(operator, siteId)) notFound();
  const [sites, doors] = await Promise.all([
    allSiteOptions(),
    spintly().listAccessPoints(siteId, {
      page: query.page,
      perPage: DOORS_PAGE_SIZE,
      ...(query.search && { search: query.search }),
    }),
  ]);
  const site = sites.find((s) => s.id === siteId);
  if (!site) notFound();
  const [{ byDoor, countedAt }, allDoors, visitorDoorIds] = await Promise.all([
    doorCounts(doors.items.map((d) => d.id)),
    spintly().allAccessPoints(siteId),
    siteVisitorDoors(await db(), siteId),
  ]);
  return {
    site,
    doors: doors.items.map(({ id, name }) => ({
      id,
      name,
      ...(byDoor.get(id) ?? { holders: null, pending: 0, stuck: 0 }),
    })),
    /** When the counts were taken (the background scan of doors); null before its first run. */
    countedAt,
    stuckAfterMs: portalEnv().pendingStuckAfterMs,
    /** The doors a visitor's pass opens by default here; site and super admins change them. */
    visitorDoors: {
      doors: allDoors.map(({ id, name }) => ({ id, name })),
      chosen: visitorDoorIds,
      canEdit: can(operator, 'permissions:write'),
    },
    total: doors.pagination.total,
    page: query.page,
    perPage: DOORS_PAGE_SIZE,
  };
}

export interface DoorCounts {
  /** People who can open it; null when the scan has not counted this door yet. */
  holders: number | null;
  /** Changes Spintly accepted that the reader has not synced. */
  pending: number;
  /** Of those, how many have waited longer than PENDING_STUCK_AFTER_S (the reader is probably offline). */
  stuck: number;
}

/**
 * Holder and pending counts of some doors, from the background scan's tables (lib/activity/tasks.ts): a page of
 * 25 doors costs two local queries, not 25 Spintly calls.
 */
async function doorCounts(doorIds: number[], now = Date.now()) {
  const found = new Map<number, DoorCounts>();
  let countedAt: string | null = null;
  if (doorIds.length === 0) return { byDoor: found, countedAt };
  const database = await db();
  const stuckBefore = new Date(now - portalEnv().pendingStuckAfterMs).toISOString();
  const [holders, pending] = await Promise.all([
    database
      .selectFrom('door_holders')
      .select(['door_id', 'holders', 'seen_at'])
      .where('door_id', 'in', doorIds)
      .execute(),
    database
      .selectFrom('pending_changes')
      .select((eb) => [
        'door_id',
        eb.fn.countAll<number>().as('pending'),
        eb.fn.sum<number>(eb.case().when('since', '<', stuckBefore).then(1).else(0).end()).as('stuck'),
      ])
      .where('door_id', 'in', doorIds)
      .groupBy('door_id')
      .execute(),
  ]);
  for (const row of holders) {
    found.set(Number(row.door_id), { holders: Number(row.holders), pending: 0, stuck: 0 });
    countedAt ??= row.seen_at;
  }
  for (const row of pending) {
    const door = found.get(Number(row.door_id)) ?? { holders: null, pending: 0, stuck: 0 };
    found.set(Number(row.door_id), { ...door, pending: Number(row.pending), stuck: Number(row.stuck ?? 0) });
  }
  return { byDoor: found, countedAt };
}
