import 'server-only';
import { companyScope, limitedToCompanies, siteScope, sitesInScope } from '../auth/permissions';
import { companiesOfPeople } from '../companies/members';
import { grantableDoors, onlyGrantable } from './grantable';
import { companyChoices } from '../companies/store';
import { db } from '../db';
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
  const [allRoles, sites, visitorRole, companies] = await Promise.all([
    client.listRoles(),
    allSiteOptions(),
    visitorRoleIdOrNull(client),
    companyChoices(await db(), { sites: siteScope(operator), companies: companyScope(operator), status: 'active' }),
  ]);
  const roles = allRoles.filter((r) => r.id !== visitorRole || keepRoleIds.includes(r.id));
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  // A company admin gives only their companies' envelope doors.
  const doors = onlyGrantable(
    (await client.allDoors()).filter((d) => mineIds.has(d.siteId)),
    await grantableDoors(operator),
  );
  return {
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    sites: mine,
    doors: doors.map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
    companies,
    companyRequired: limitedToCompanies(operator),
  };
}

export async function editPersonPage(userId: number) {
  const { person } = await personPage(userId);
  const [options, companies] = await Promise.all([
    personFormOptions(person.roleIds),
    companiesOfPeople(await db(), [userId]),
  ]);
  return { options, person, companyId: companies.get(userId) };
}
