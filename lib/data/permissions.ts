import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { queryFields } from '../validation/query';
import { siteInScope } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import { listPeopleInScope } from './people';
import { companyEnvelopeOf } from '../companies/membership';
import { personPage } from './person';
import { allSiteOptions } from './sites';
import { doorHolders, pendingOf } from '../core/holders';
import { grantableDoors, onlyGrantable } from './grantable';
import { db } from '../db';
import { formatDate } from '../format';
import { openGrantsOf } from '../grants/store';
import { withGroupNames } from '../groups/store';

/**
 * People per page of the matrix. The rows come from the directory; the cells cost every door's whole holder list
 * whatever the page size, so a page shows as many people as those reads can serve without a grid too long to scan.
 */
export const MATRIX_PAGE_SIZE = 100;

/** The matrix page: `?search=&status=&page=` over the site's people. */
export const matrixQuerySchema = z.object({
  search: queryFields.search,
  status: queryFields.status,
  /** Rows of one client company's people. */
  company: queryFields.id,
  page: queryFields.page,
});
export type MatrixQuery = z.output<typeof matrixQuerySchema>;
export const MATRIX_QUERY_DEFAULTS = { status: 'all', page: 1 } as const;

/**
 * The permission matrix of a site: its doors as columns, a page of its people as rows, and for each door who has it
 * and whose change is pending. The rows come from the people directory; the cells from one Spintly call per door
 * (never per cell), all in parallel as soon as the (cached) door list is known.
 */
export interface MatrixPending {
  userId: number;
  action: 'grant' | 'revoke';
  since: string | null;
}

export interface MatrixData {
  site: { id: number; name: string };
  doors: { id: number; name: string }[];
  people: { id: number; name: string; employeeCode: string | null; active: boolean }[];
  /** People matching the filters in all, of which `people` is page `page`. */
  total: number;
  page: number;
  perPage: number;
  /** Per door: the people (of this page) who can open it, and the pending changes. */
  cells: Record<number, { assigned: number[]; pending: MatrixPending[] }>;
  readAt: number;
  stuckAfterMs: number;
}

export async function siteMatrix(siteId: number, query: MatrixQuery): Promise<MatrixData> {
  const operator = await verifySession({ capability: 'permissions:write' });
  if (!siteInScope(operator, siteId)) notFound();
  const client = spintly();
  const { page } = query;
  // A company admin's columns are their companies' envelope doors only (the others they may not give).
  const doorsAndHolders = Promise.all([client.allAccessPoints(siteId), grantableDoors(operator)]).then(
    async ([all, grantable]) => {
      const doors = onlyGrantable(all, grantable);
      return { doors, holders: await Promise.all(doors.map((door) => client.doorHolderIds(door.id))) };
    },
  );
  const [sites, { doors, holders }, people] = await Promise.all([
    allSiteOptions(),
    doorsAndHolders,
    // Rows from the people directory (0 Spintly calls, sorted by name); the cells are read live from each door.
    listPeopleInScope(
      operator,
      { site: siteId, status: query.status, search: query.search, company: query.company, page },
      MATRIX_PAGE_SIZE,
    ),
  ]);
  const site = sites.find((s) => s.id === siteId);
  if (!site) notFound();
  const ids = new Set(people.items.map((p) => p.id));
  const cells: MatrixData['cells'] = {};
  doors.forEach((door, i) => {
    const h = doorHolders(holders[i]!);
    cells[door.id] = {
      assigned: h.holders.filter((u) => ids.has(u.id)).map((u) => u.id),
      pending: h.pending.filter((u) => ids.has(u.id)).map((u) => ({ userId: u.id, ...pendingOf(u) })),
    };
  });
  return {
    site: { id: site.id, name: site.name },
    doors: doors.map((d) => ({ id: d.id, name: d.name })),
    people: people.items.map((p) => ({ id: p.id, name: p.name, employeeCode: p.employeeCode, active: p.active })),
    total: people.total,
    page,
    perPage: MATRIX_PAGE_SIZE,
    cells,
    readAt: Date.now(),
    stuckAfterMs: portalEnv().pendingStuckAfterMs,
  };
}

/** A person's doors at the operator's sites, grouped by site, each assigned, pending or not assigned. */
export async function personPermissions(userId: number) {
  await verifySession({ capability: 'permissions:read' });
  const { operator, person, doors, doorsLoaded, sites, readAt } = await personPage(userId);
  if (!doorsLoaded) notFound();
  const database = await db();
  const [company, grantable, grants] = await Promise.all([
    companyEnvelopeOf(userId),
    grantableDoors(operator),
    openGrantsOf(database, userId).then((open) => withGroupNames(database, open)),
  ]);
  const { display } = portalEnv();
  // Why? for each door is worked out in the browser when it is opened (lib/grants/why.ts is pure): the page carries
  // the person's facts once and the grants of the few doors that have any — not a thousand sentences nobody reads.
  const why = {
    person: {
      name: person.name,
      active: person.active,
      accessExpired: person.accessExpired,
      accessExpiresText: person.accessExpiresAt ? formatDate(person.accessExpiresAt, display) : null,
    },
    now: new Date(readAt).toISOString(),
    display,
  };
  const grantsOf = (doorId: number) =>
    grants
      .filter((g) => g.doorId === doorId)
      .map((g) => ({
        id: g.id,
        source: g.source,
        startsAt: g.startsAt,
        endsAt: g.endsAt,
        startedAt: g.startedAt,
        endedAt: g.endedAt,
        grantedByName: g.grantedByName,
        reason: g.reason,
        createdAt: g.createdAt,
        group: g.group,
      }));
  const groups = sites.map((site) => ({
    site,
    // A company admin sees the doors they may give, and those the person holds anyway (read-only); admins see every
    // door, those outside the envelope marked.
    doors: doors
      .filter((d) => d.siteId === site.id && (!grantable || grantable.has(d.id) || d.state !== 'not_assigned'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({
        id: d.id,
        name: d.name,
        state: d.state,
        pendingAction: d.pendingAction ?? null,
        pendingSince: d.pendingSince ?? null,
        // A door the person's company may not be given: admins are warned and may go ahead.
        outsideEnvelope: company !== null && !company.doorIds.includes(d.id),
        changeable: !grantable || grantable.has(d.id),
        siteName: site.name,
        grants: grantsOf(d.id),
      })),
  }));
  return {
    operator,
    person: { id: person.id, name: person.name },
    company: company && { id: company.id, name: company.name },
    groups,
    why,
    readAt,
    stuckAfterMs: portalEnv().pendingStuckAfterMs,
  };
}
