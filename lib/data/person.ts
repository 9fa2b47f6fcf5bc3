import 'server-only';
import { afterResponse } from './after-response';
import { notFound } from 'next/navigation';
import { limitedToCompanies, personInScope, siteScope, sitesInScope } from '../auth/permissions';
import { companiesOfPeople } from '../companies/members';
import { db } from '../db';
import { verifySession } from '../auth/session';
import { personDoors } from '../core/holders';
import { namesById } from '../core/names';
import { repairPerson } from '../directory';
import { spintly } from '../spintly';
import type { PermissionItem, SpintlyUser } from '../spintly/contract';
import { toPersonRow, type PersonRow } from './people';
import { allSiteOptions } from './sites';

/** One person as their page shows them: read live from Spintly (and written back to the directory), with their doors. */
export interface PersonDetail extends PersonRow {
  roleIds: number[];
  isSignedUp: boolean;
  createdAt: string;
  deactivatedOn: string | null;
  access: {
    mobile: boolean;
    card: boolean;
    remoteAccess: boolean;
    tapToAccess: boolean;
    fingerprint: boolean;
    faceAccess: boolean;
    gps: boolean;
    deviceLock: boolean;
    clickToAccessRange: number;
  };
}

export interface DoorAccess {
  id: number;
  name: string;
  siteId: number;
  state: 'assigned' | 'pending' | 'not_assigned';
  pendingAction?: 'grant' | 'revoke';
  pendingSince?: string;
}

function toPersonDetail(user: SpintlyUser, siteNames: ReadonlyMap<number, string>): PersonDetail {
  const a = user.accessData;
  return {
    ...toPersonRow(user, siteNames),
    roleIds: user.roles.map((r) => r.id),
    isSignedUp: user.isSignedUp,
    createdAt: user.createdAt,
    deactivatedOn: user.deactivatedOn,
    access: {
      mobile: a?.mobile ?? false,
      card: a?.card ?? false,
      remoteAccess: a?.remoteAccess ?? false,
      tapToAccess: a?.tapToAccess ?? false,
      fingerprint: a?.fingerprint ?? false,
      faceAccess: a?.faceAccess ?? false,
      gps: a?.gps ?? false,
      deviceLock: a?.deviceLock ?? false,
      clickToAccessRange: a?.clickToAccessRange ?? 3,
    },
  };
}

/** One person and their doors at the operator's sites, fetched together; 404 when out of scope or unknown. */
export async function personPage(userId: number) {
  const operator = await verifySession({ capability: 'people:read' });
  const client = spintly();
  const [user, permissions, sites] = await Promise.all([
    client.getUser(userId),
    client.userPermissions(userId, siteScope(operator)).catch(() => null),
    allSiteOptions(),
  ]);
  // A company admin's reach is membership: the person's company, from the portal's own tables.
  const companyId = limitedToCompanies(operator)
    ? (await companiesOfPeople(await db(), [userId])).get(userId)
    : undefined;
  if (!user || !personInScope(operator, { homeSiteId: user.homeSiteId, companyId })) notFound();
  // Read-repair: this page read the person live, so the directory's copy agrees from now on (once it has answered).
  afterResponse('read-repair of a person', () => repairPerson(user));
  const doors: DoorAccess[] = permissions
    ? personDoors(permissions)
        .doors.map(toDoorAccess)
        .sort((a, b) => a.siteId - b.siteId || a.name.localeCompare(b.name))
    : [];
  return {
    operator,
    person: toPersonDetail(user, namesById(sites)),
    doors,
    /** False when Spintly did not answer for the doors: the person is shown, their doors are not known. */
    doorsLoaded: permissions !== null,
    sites: sitesInScope(operator, sites),
    readAt: Date.now(),
  };
}

function toDoorAccess(item: PermissionItem & { state: DoorAccess['state'] }): DoorAccess {
  return {
    id: item.id,
    name: item.name,
    siteId: item.siteId,
    state: item.state,
    ...(item.pendingAction && { pendingAction: item.pendingAction }),
    ...(item.pendingSince && { pendingSince: item.pendingSince }),
  };
}
