import 'server-only';
import { notFound } from 'next/navigation';
import { siteInScope } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import { personPage } from './people';
import { allSiteOptions } from './sites';

/**
 * The permission matrix of a site: its doors as columns, its people as rows, and for each door who has it and whose
 * change is pending. One Spintly call per door (never per cell) plus the people list, all in parallel.
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
  /** Per door: the people (of this list) who can open it, and the pending changes. */
  cells: Record<number, { assigned: number[]; pending: MatrixPending[] }>;
  readAt: number;
  stuckAfterMs: number;
}

export async function siteMatrix(siteId: number, query: { search?: string | undefined; status: 'all' | 'active' | 'inactive' }): Promise<MatrixData> {
  const operator = await verifySession({ capability: 'permissions:write' });
  if (!siteInScope(operator, siteId)) notFound();
  const client = spintly();
  const [sites, doors, people] = await Promise.all([
    allSiteOptions(),
    client.allAccessPoints(siteId),
    client.allUsers({ siteIds: [siteId], status: query.status, ...(query.search && { search: query.search }) }),
  ]);
  const site = sites.find((s) => s.id === siteId);
  if (!site) notFound();
  const holders = await Promise.all(doors.map((door) => client.doorUsers(door.id)));
  const ids = new Set(people.map((p) => p.id));
  const cells: MatrixData['cells'] = {};
  doors.forEach((door, i) => {
    const h = holders[i]!;
    cells[door.id] = {
      assigned: h.usersWithPermissions.filter((u) => ids.has(u.id)).map((u) => u.id),
      pending: h.usersWithPendingPermissions
        .filter((u) => ids.has(u.id))
        .map((u) => ({ userId: u.id, action: u.pendingAction ?? 'grant', since: u.pendingSince ?? null })),
    };
  });
  return {
    site: { id: site.id, name: site.name },
    doors: doors.map((d) => ({ id: d.id, name: d.name })),
    people: people.map((p) => ({ id: p.id, name: p.name, employeeCode: p.employeeCode, active: p.deactivatedOn === null })),
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
  const groups = sites.map((site) => ({
    site,
    doors: doors
      .filter((d) => d.siteId === site.id)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({ id: d.id, name: d.name, state: d.state, pendingAction: d.pendingAction ?? null, pendingSince: d.pendingSince ?? null })),
  }));
  return { operator, person: { id: person.id, name: person.name }, groups, readAt, stuckAfterMs: portalEnv().pendingStuckAfterMs };
}
