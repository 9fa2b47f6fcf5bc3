import 'server-only';
import { personInScope, siteInScope, siteScope } from '../auth/permissions';
import { reachesSite } from '../core/scope';
import { refreshPeople } from '../directory';
import { dayBounds } from '../format';
import { portalEnv } from '../env';
import { defineJobKind } from '../jobs/kind';
import type { ItemResult } from '../jobs/runner';
import { spintly } from '../spintly';
import type { SpintlyUser, UpdateUserInput } from '../spintly/contract';
import { NEW_PERSON_ACCESS } from '../validation/people';
import { importPlanSchema, type ImportPlan } from './plan';
import { Refusal } from '../core/refusal';
import { companiesOfPeople } from '../companies/members';
import { keepMembership, termsFor } from '../companies/membership';
import { getCompany } from '../companies/store';
import { db } from '../db';
import { personDoors } from '../core/holders';
import { recordDirectGrants } from '../grants/store';

/**
 * One row of an import, as a job item. Checked again against Spintly just before writing (the dry run read the
 * directory, which may be minutes old): the person is read fresh, and a row that would create someone first looks for
 * them by email, phone and employee code when it was in flight at a restart or found nobody — so a row is never
 * created twice. A person's card is given in the create itself (one call); doors are added, never taken away.
 */
export const importKind = defineJobKind({
  name: 'import',
  input: importPlanSchema,
  audit: 'people.import',
  async process(plan, { db: database, operator }): Promise<ItemResult> {
    const client = spintly();
    const about = { personName: plan.name, siteId: plan.homeSiteId };
    if (!siteInScope(operator, plan.homeSiteId))
      throw new Refusal('The home site is outside your sites.', { reason: 'scope' });
    if (plan.doorIds.length > 0) {
      const doors = (await client.allAccessPoints(plan.homeSiteId)).map((d) => d.id);
      const elsewhere = plan.doorIds.filter((id) => !doors.includes(id));
      if (elsewhere.length > 0) {
        const sites = new Map((await client.allDoors()).map((d) => [d.id, d.siteId]));
        if (elsewhere.some((id) => !reachesSite(siteScope(operator), sites.get(id))))
          throw new Refusal('A door is outside your sites.', { reason: 'scope' });
      }
    }
    const expiresAt = plan.accessExpiresOn
      ? dayBounds(plan.accessExpiresOn, portalEnv().display.timeZone).end
      : undefined;

    let user = plan.personId !== null ? await client.getUser(plan.personId) : null;
    if (!user) user = await findSame(plan);
    if (user && !personInScope(operator, { homeSiteId: user.homeSiteId }))
      throw new Refusal('This person is outside your sites.', { reason: 'scope' });

    const company = plan.companyId === null ? null : await getCompany(await db(), plan.companyId);
    if (plan.companyId !== null && company?.status !== 'active')
      throw new Refusal('The row’s company has ended or is gone.', { reason: 'conflict' });
    if (!user) {
      const { userId } = await client.createUser({
        ...termsFor(company),
        name: plan.name,
        email: plan.email,
        phone: plan.phone,
        employeeCode: plan.employeeCode,
        roles: plan.roleIds,
        homeSiteId: plan.homeSiteId,
        ...(plan.card && { credentialId: plan.card }),
        accessData: { ...NEW_PERSON_ACCESS, accessExpiresAt: expiresAt ?? null, accessPoints: plan.doorIds },
      });
      await keepMembership(userId, company);
      await recordDirectGrants(
        database,
        operator,
        plan.doorIds.map((doorId) => ({ personId: userId, doorId })),
      );
      await refreshPeople([userId]);
      return { status: 'done', outcome: 'created', personId: userId, ...about, message: 'Added.' };
    }

    const changed: string[] = [];
    const update: UpdateUserInput = { id: user.id };
    const set = <K extends keyof UpdateUserInput>(label: string, key: K, value: UpdateUserInput[K], now: unknown) => {
      if (value === undefined || value === null || value === now) return;
      update[key] = value;
      changed.push(label);
    };
    set('name', 'name', plan.name, user.name);
    set('email', 'email', plan.email, user.email?.toLowerCase());
    set('phone', 'phone', plan.phone, user.phone);
    set('employee code', 'employeeCode', plan.employeeCode, user.employeeCode);
    set('home site', 'homeSiteId', plan.homeSiteId, user.homeSiteId);
    const roles = user.roles.map((r) => r.id);
    if (
      plan.roleIds.length > 0 &&
      (plan.roleIds.length !== roles.length || plan.roleIds.some((r) => !roles.includes(r)))
    ) {
      update.roles = plan.roleIds;
      changed.push('roles');
    }
    if (expiresAt && user.accessData?.accessExpiresAt?.slice(0, 16) !== expiresAt.slice(0, 16)) {
      update.accessData = { accessExpiresAt: expiresAt };
      changed.push('access expiry');
    }
    if (company?.termId && !user.attributes.some((a) => a.termId === company.termId)) {
      update.terms = [company.termId];
      changed.push('company');
    }
    if (changed.length > 0) await client.updateUsers([update]);
    if (company && !company.termId) {
      const current = (await companiesOfPeople(await db(), [user.id])).get(user.id);
      if (current !== company.id) {
        await keepMembership(user.id, company);
        changed.push('company');
      }
    }

    if (plan.card && user.credentialId !== plan.card) {
      if (user.credentialId) await client.unassignCard(user.id);
      await client.assignCard(user.id, plan.card);
      changed.push('card');
    }
    if (plan.doorIds.length > 0) {
      const held = personDoors(await client.userPermissions(user.id)).willHold;
      const missing = plan.doorIds.filter((id) => !held.has(id));
      if (missing.length > 0) {
        await client.changeUserDoors(user.id, { permissionsToAdd: missing });
        await recordDirectGrants(
          database,
          operator,
          missing.map((doorId) => ({ personId: user.id, doorId })),
        );
        changed.push('doors');
      }
    }
    if (changed.length === 0) return { status: 'unchanged', outcome: 'unchanged', personId: user.id, ...about };
    await refreshPeople([user.id]);
    return {
      status: 'done',
      outcome: 'updated',
      personId: user.id,
      ...about,
      message: `Changed ${changed.join(', ')}.`,
    };
  },
});

/** Someone Spintly already has for this row: same email or phone, or same employee code and name. */
async function findSame(plan: ImportPlan): Promise<SpintlyUser | null> {
  if (!plan.email && !plan.phone && !plan.employeeCode) return null;
  const found = await spintly().findByIdentity(plan);
  const byContact = found.find(({ field }) => field === 'email' || field === 'phone');
  if (byContact) return byContact.user;
  const byCode = found.find(({ user }) => user.name.trim().toLowerCase() === plan.name.toLowerCase());
  return byCode?.user ?? null;
}
