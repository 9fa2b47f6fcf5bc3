import 'server-only';
import { sitesInScope } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { spintly } from '../spintly';
import { visitorRoleIdOrNull } from '../visitors/role';
import { personPage } from './person';
import { allSiteOptions } from './sites';

/**
 * What the person form offers: Spintly roles (not the visitor role, which comes with a visit — unless `keepRoleIds`,
 * the edited person's own roles, has it), the operator's sites, and those sites' doors.
 */
export async function personFormOptions(keepRoleIds: readonly number[] = []) {
  const operator = await verifySession({ capability: 'people:write' });
  const client = spintly();
  const [allRoles, sites, visitorRole] = await Promise.all([
    client.listRoles(),
    allSiteOptions(),
    visitorRoleIdOrNull(client),
  ]);
  const roles = allRoles.filter((r) => r.id !== visitorRole || keepRoleIds.includes(r.id));
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  const doors = (await client.allDoors()).filter((d) => mineIds.has(d.siteId));
  return {
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    sites: mine,
    doors: doors.map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
  };
}

export async function editPersonPage(userId: number) {
  const { person } = await personPage(userId);
  const options = await personFormOptions(person.roleIds);
  return { options, person };
}
