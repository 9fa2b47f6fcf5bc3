import 'server-only';
import type { Kysely } from 'kysely';
import { dayOf, parseDay } from '../format';
import type { Database } from '../db/schema';
import type { DirectoryPerson } from '../directory';
import { toDirectoryPerson } from '../directory/store';
import { CARD_NUMBER_PATTERN, normaliseCardNumber } from '../spintly/card-number';
import { splitList, type RawRow } from './columns';
import { phoneKey, storedSpellings, toE164 } from '../core/phone';

/**
 * The import's dry run: every row of the file judged against the people directory (and door holders read from
 * Spintly) before anything is sent — create, update, unchanged, or error with the reason. The job applies the plans
 * of create and update rows, checking each against Spintly again just before it writes.
 */
export type Verdict = 'create' | 'update' | 'unchanged' | 'error';

export type { ImportPlan } from './plan';
import type { ImportPlan } from './plan';

export interface CheckedRow {
  line: number;
  name: string;
  verdict: Verdict;
  /** Why it is an error, or what an update changes. */
  reason: string;
  plan?: ImportPlan;
}

export interface CheckContext {
  /** The operator's sites (every site for super admins), and every site, to tell "outside your sites" from "no such site". */
  sitesInScope: readonly { id: number; name: string }[];
  allSites: readonly { id: number; name: string }[];
  roles: readonly { id: number; name: string }[];
  /** The visitor role, which an import does not give (visitors come with a visit); null when there is none. */
  visitorRoleId?: number | null;
  /** The doors of the sites in scope. */
  doors: readonly { id: number; name: string; siteId: number }[];
  /** Who can open a door now (or is pending), for the doors the file names. */
  holdersOf: (doorIds: number[]) => Promise<Map<number, Set<number>>>;
  /** Whether a person is in the operator's scope (their home site). */
  personInScope: (person: DirectoryPerson) => boolean;
  defaultRole: string;
  country: string;
  /** The portal's zone: an expiry date is a day there. */
  timeZone: string;
}

const lower = (v: string) => v.trim().toLowerCase();
const CHUNK = 500;

/** People whose email, phone, employee code or card is one of the file's, by each of those. */
async function directoryMatches(db: Kysely<Database>, rows: RawRow[], country: string) {
  const wanted = {
    email: new Set<string>(),
    phone: new Set<string>(),
    employee_code: new Set<string>(),
    card: new Set<string>(),
  };
  for (const { values } of rows) {
    if (values.email) wanted.email.add(lower(values.email));
    const phone = values.phone ? toE164(values.phone, country) : null;
    for (const spelling of phone ? storedSpellings(phone, country) : []) wanted.phone.add(spelling);
    if (values.employeeCode) wanted.employee_code.add(values.employeeCode.trim());
    if (values.card) wanted.card.add(normaliseCardNumber(values.card));
  }
  const found = new Map<number, DirectoryPerson>();
  for (const [column, values] of Object.entries(wanted) as [keyof typeof wanted, Set<string>][]) {
    const list = [...values];
    for (let i = 0; i < list.length; i += CHUNK) {
      const rowsFound = await db
        .selectFrom('people')
        .selectAll()
        .where(column, 'in', list.slice(i, i + CHUNK))
        .execute();
      for (const row of rowsFound) found.set(Number(row.id), toDirectoryPerson(row));
    }
  }
  const by = (key: (p: DirectoryPerson) => string | null) => {
    const map = new Map<string, DirectoryPerson>();
    for (const person of found.values()) {
      const value = key(person);
      if (value) map.set(value, person);
    }
    return map;
  };
  return {
    email: by((p) => (p.email ? lower(p.email) : null)),
    phone: by((p) => p.phone && phoneKey(p.phone, country)),
    employeeCode: by((p) => p.employee_code),
    card: by((p) => p.card),
  };
}

export async function checkImport(db: Kysely<Database>, rows: RawRow[], ctx: CheckContext): Promise<CheckedRow[]> {
  const matches = await directoryMatches(db, rows, ctx.country);
  const byName = <T extends { name: string }>(list: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(lower(item.name), [...(map.get(lower(item.name)) ?? []), item]);
    return map;
  };
  const siteNames = byName(ctx.allSites);
  const inScope = new Set(ctx.sitesInScope.map((s) => s.id));
  const roleNames = byName(ctx.roles);
  const doorNames = byName(ctx.doors);
  /** The first line each email, phone, employee code and card appeared on: later rows with the same one are errors. */
  const firstSeen = new Map<string, number>();

  const judged: CheckedRow[] = rows.map(({ line, values }) => {
    const name = values.name.trim();
    const problems: string[] = [];
    const error = (reason: string): CheckedRow => ({ line, name, verdict: 'error', reason });
    if (!name) return error('Enter a name.');
    if (name.length > 100) problems.push('The name is longer than 100 characters.');

    const email = values.email ? lower(values.email) : null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push(`“${values.email}” is not an email address.`);
    const phone = values.phone ? toE164(values.phone, ctx.country) : null;
    if (values.phone && !phone) problems.push(`“${values.phone}” is not a phone number.`);
    const employeeCode = values.employeeCode.trim() || null;
    const card = values.card ? normaliseCardNumber(values.card) : null;
    if (card && !CARD_NUMBER_PATTERN.test(card))
      problems.push(`Card “${values.card}”: a card number has 4 to 32 letters or digits.`);
    const accessExpiresOn = values.accessExpires ? parseDay(values.accessExpires) : null;
    if (values.accessExpires && !accessExpiresOn)
      problems.push(`“${values.accessExpires}” is not a date (use 31/12/2026 or 2026-12-31).`);
    if (problems.length > 0) return error(problems.join(' '));

    const identities = [
      ['email', email],
      ['phone', phone],
      ['employee code', employeeCode],
      ['card', card],
    ] as const;
    for (const [label, key] of identities) {
      const seen = key ? firstSeen.get(`${label}:${key}`) : undefined;
      if (seen !== undefined) return error(`Same ${label} as line ${seen}; the first row wins.`);
    }
    for (const [label, key] of identities) if (key) firstSeen.set(`${label}:${key}`, line);

    // Who this row is: matched by email, phone or employee code; two different people is a conflict.
    const candidates = [
      email && matches.email.get(email),
      phone && matches.phone.get(phone),
      employeeCode && matches.employeeCode.get(employeeCode),
    ].filter((p): p is DirectoryPerson => Boolean(p));
    const person = candidates[0] ?? null;
    const other = candidates.find((p) => p.id !== person?.id);
    if (person && other)
      return error(
        `The ${other === matches.phone.get(phone ?? '') ? 'phone' : other === matches.email.get(email ?? '') ? 'email' : 'employee code'} belongs to someone else (${ctx.personInScope(other) ? other.name : 'a person outside your sites'}).`,
      );
    if (person && !ctx.personInScope(person))
      return error('This email, phone or employee code belongs to a person outside your sites.');
    if (!person && !email && !phone) return error('Enter an email or a phone number.');
    const holder = card ? matches.card.get(card) : undefined;
    if (holder && holder.id !== person?.id)
      return error(
        `Card ${card} already belongs to ${ctx.personInScope(holder) ? holder.name : 'someone outside your sites'}.`,
      );

    // Home site: by id or name; required for a new person.
    let homeSiteId = person?.home_site_id ?? null;
    if (values.homeSite) {
      const asId = /^\d+$/.test(values.homeSite) ? Number(values.homeSite) : null;
      const site = asId !== null ? ctx.allSites.find((s) => s.id === asId) : siteNames.get(lower(values.homeSite))?.[0];
      if (!site) return error(`There is no site “${values.homeSite}”.`);
      if (!inScope.has(site.id)) return error(`${site.name} is outside your sites.`);
      homeSiteId = site.id;
    }
    if (homeSiteId === null) return error('Enter a home site.');

    const roleList = splitList(values.roles);
    const unknownRoles = roleList.filter((r) => !roleNames.has(lower(r)));
    if (unknownRoles.length > 0) return error(`Unknown Spintly role: ${unknownRoles.join(', ')}.`);
    const defaultRole = roleNames.get(lower(ctx.defaultRole))?.[0];
    if (roleList.length === 0 && !person && !defaultRole)
      return error(`Enter a role (the default role “${ctx.defaultRole}” does not exist in Spintly).`);
    const roleIds =
      roleList.length > 0 ? roleList.map((r) => roleNames.get(lower(r))![0]!.id) : person ? [] : [defaultRole!.id];
    if (ctx.visitorRoleId != null && roleIds.includes(ctx.visitorRoleId))
      return error('Visitors are registered on the Visitors page, with a visit; an import adds members.');

    // Doors by name: the home site's door of that name first, else the only door of that name in the operator's sites.
    const doorIds: number[] = [];
    for (const doorName of splitList(values.doors)) {
      const named = doorNames.get(lower(doorName)) ?? [];
      const door = named.find((d) => d.siteId === homeSiteId) ?? (named.length === 1 ? named[0] : undefined);
      if (!door)
        return error(
          named.length > 1
            ? `“${doorName}” is a door at several of your sites; only the home site's is taken, and it has none.`
            : `There is no door “${doorName}” at your sites.`,
        );
      doorIds.push(door.id);
    }

    const plan: ImportPlan = {
      line,
      personId: person?.id ?? null,
      name,
      email,
      phone,
      employeeCode,
      homeSiteId,
      roleIds,
      card,
      accessExpiresOn,
      doorIds,
    };
    if (!person) return { line, name, verdict: 'create', reason: '', plan };
    return { line, name, verdict: 'update', reason: '', plan };
  });

  // Updates that change nothing are "unchanged": compare with the directory, and doors with who holds them now.
  const doorIds = [...new Set(judged.flatMap((r) => (r.verdict === 'update' ? r.plan!.doorIds : [])))];
  const holders = doorIds.length > 0 ? await ctx.holdersOf(doorIds) : new Map<number, Set<number>>();
  const people = new Map<number, DirectoryPerson>();
  for (const map of [matches.email, matches.phone, matches.employeeCode])
    for (const p of map.values()) people.set(p.id, p);
  const roleName = new Map(ctx.roles.map((r) => [r.id, lower(r.name)]));
  for (const row of judged) {
    if (row.verdict !== 'update') continue;
    const plan = row.plan!;
    const before = people.get(plan.personId!)!;
    const changes = changedFields(plan, before, roleName, holders, ctx);
    if (changes.length === 0) row.verdict = 'unchanged';
    else row.reason = `Changes ${changes.join(', ')}.`;
  }
  return judged;
}

/** What an update would change on a person, in words ("phone, doors"). */
export function changedFields(
  plan: ImportPlan,
  before: DirectoryPerson,
  roleName: ReadonlyMap<number, string>,
  holders: ReadonlyMap<number, ReadonlySet<number>>,
  { timeZone, country }: { timeZone: string; country: string },
): string[] {
  const changes: string[] = [];
  if (plan.name !== before.name) changes.push('name');
  if (plan.email && plan.email !== (before.email ? lower(before.email) : null)) changes.push('email');
  // The same number in another spelling is no change.
  if (plan.phone && plan.phone !== (before.phone && phoneKey(before.phone, country))) changes.push('phone');
  if (plan.employeeCode && plan.employeeCode !== before.employee_code) changes.push('employee code');
  if (plan.homeSiteId !== before.home_site_id) changes.push('home site');
  if (plan.roleIds.length > 0) {
    const wanted = new Set(plan.roleIds.map((id) => roleName.get(id)));
    const now = new Set(before.roles.map(lower));
    if (wanted.size !== now.size || [...wanted].some((r) => !now.has(r ?? ''))) changes.push('roles');
  }
  if (plan.card && plan.card !== before.card) changes.push('card');
  const expires = before.access_expires_at ? dayOf(before.access_expires_at, timeZone) : null;
  if (plan.accessExpiresOn && plan.accessExpiresOn !== expires) changes.push('access expiry');
  if (plan.doorIds.some((id) => !holders.get(id)?.has(before.id))) changes.push('doors');
  return changes;
}
