import 'server-only';
import type { Kysely } from 'kysely';
import { dayOf } from '../format';
import type { Database } from '../db/schema';
import type { DirectoryPerson } from '../directory';
import { toDirectoryPerson } from '../directory/store';
import type { z } from 'zod';
import { normaliseCardNumber } from '../spintly/card-number';
import { cardNumberSchema } from '../validation/cards';
import { personFieldsSchema } from '../validation/people';
import { splitList, type RawRow } from './columns';
import { phoneKey, storedSpellings, toE164 } from '../core/phone';
import { companiesOfPeople } from '../companies/members';

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
  /** The companies in the operator's scope, for the Company column (by name). */
  companies?: readonly { id: number; name: string; status: string }[];
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

/** A row's verdict when it cannot be applied: the reason, in words for the person who wrote the file. */
interface RowError {
  error: string;
}
const isError = (value: object): value is RowError => 'error' in value;

/** A row's own cells, read: what identifies the person and what the row sets. */
export interface RowCells {
  name: string;
  email: string | null;
  phone: string | null;
  employeeCode: string | null;
  card: string | null;
  accessExpiresOn: string | null;
}

const FORM = personFieldsSchema.shape;

/**
 * Step 1, pure: a row's cells read with the person form's own zod pieces (name, email, employee code, expiry) and
 * the portal's phone and card rules, so a row the form would refuse is refused here too. Every problem of the row
 * is said at once, naming the cell.
 */
export function readCells(values: RawRow['values'], country: string): RowCells | RowError {
  const name = FORM.name.safeParse(values.name);
  if (!values.name.trim()) return { error: 'Enter a name.' };
  const problems: string[] = [];
  if (!name.success) problems.push(`The name “${values.name.trim()}”: ${firstIssue(name.error)}.`);
  const email = FORM.email.safeParse(values.email);
  if (!email.success) problems.push(`“${values.email}” is not an email address.`);
  const phone = values.phone ? toE164(values.phone, country) : null;
  if (values.phone && !phone) problems.push(`“${values.phone}” is not a phone number.`);
  const employeeCode = FORM.employeeCode.safeParse(values.employeeCode);
  if (!employeeCode.success)
    problems.push(`Employee code “${values.employeeCode}”: ${firstIssue(employeeCode.error)}.`);
  const card = values.card ? cardNumberSchema.safeParse(values.card) : null;
  if (card && !card.success) problems.push(`Card “${values.card}”: a card number has 4 to 32 letters or digits.`);
  const expires = FORM.accessExpiresOn.safeParse(values.accessExpires);
  if (!expires.success) problems.push(`“${values.accessExpires}” is not a date (use 31/12/2026 or 2026-12-31).`);
  if (problems.length > 0) return { error: problems.join(' ') };
  return {
    name: name.data!,
    email: email.data ?? null,
    phone,
    employeeCode: employeeCode.data ?? null,
    card: card?.data ?? null,
    accessExpiresOn: expires.data ?? null,
  };
}

const firstIssue = (error: z.ZodError) => error.issues[0]?.message.toLowerCase() ?? 'not valid';

/** Step 2: a row naming an email, phone, employee code or card an earlier row named (the first row wins). */
function repeatsEarlierRow(cells: RowCells, line: number, firstSeen: Map<string, number>): RowError | null {
  const identities = [
    ['email', cells.email],
    ['phone', cells.phone],
    ['employee code', cells.employeeCode],
    ['card', cells.card],
  ] as const;
  for (const [label, key] of identities) {
    const seen = key ? firstSeen.get(`${label}:${key}`) : undefined;
    if (seen !== undefined) return { error: `Same ${label} as line ${seen}; the first row wins.` };
  }
  for (const [label, key] of identities) if (key) firstSeen.set(`${label}:${key}`, line);
  return null;
}

type Matches = Awaited<ReturnType<typeof directoryMatches>>;

/**
 * Step 3, pure: who the row is — matched by email, phone or employee code (two different people is a conflict) —
 * and whether its card is someone else's. Null for a new person.
 */
export function matchIdentity(
  cells: RowCells,
  matches: Matches,
  personInScope: (person: DirectoryPerson) => boolean,
): { person: DirectoryPerson | null } | RowError {
  const { email, phone, employeeCode, card } = cells;
  const byEmail = email ? matches.email.get(email) : undefined;
  const byPhone = phone ? matches.phone.get(phone) : undefined;
  const byCode = employeeCode ? matches.employeeCode.get(employeeCode) : undefined;
  const candidates = [byEmail, byPhone, byCode].filter((p): p is DirectoryPerson => Boolean(p));
  const person = candidates[0] ?? null;
  const other = candidates.find((p) => p.id !== person?.id);
  if (person && other) {
    const field = other === byPhone ? 'phone' : other === byEmail ? 'email' : 'employee code';
    const whose = personInScope(other) ? other.name : 'a person outside your sites';
    return { error: `The ${field} belongs to someone else (${whose}).` };
  }
  if (person && !personInScope(person))
    return { error: 'This email, phone or employee code belongs to a person outside your sites.' };
  if (!person && !email && !phone) return { error: 'Enter an email or a phone number.' };
  const holder = card ? matches.card.get(card) : undefined;
  if (holder && holder.id !== person?.id)
    return {
      error: `Card ${card} already belongs to ${personInScope(holder) ? holder.name : 'someone outside your sites'}.`,
    };
  return { person };
}

/** Sites, roles and doors by lower-cased name (a name may belong to several: doors at different sites). */
interface NameLookups {
  companies: Map<string, { id: number; name: string; status: string }[]>;
  sites: Map<string, { id: number; name: string }[]>;
  roles: Map<string, { id: number; name: string }[]>;
  doors: Map<string, { id: number; name: string; siteId: number }[]>;
  inScope: ReadonlySet<number>;
}

function byName<T extends { name: string }>(list: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) map.set(lower(item.name), [...(map.get(lower(item.name)) ?? []), item]);
  return map;
}

/**
 * Step 4, pure: the home site, roles, doors and company the row names, resolved to ids. The home site by id or name
 * (required for a new person); roles by name (the default role for a new person without one; never the visitor
 * role); doors by name — the home site's door of that name first, else the only door of that name in the operator's
 * sites; the company by name, among the operator's companies.
 */
export function resolveNames(
  values: RawRow['values'],
  person: DirectoryPerson | null,
  lookups: NameLookups,
  ctx: Pick<CheckContext, 'allSites' | 'defaultRole' | 'visitorRoleId'>,
): Pick<ImportPlan, 'homeSiteId' | 'roleIds' | 'doorIds' | 'companyId'> | RowError {
  let homeSiteId = person?.home_site_id ?? null;
  if (values.homeSite) {
    const asId = /^\d+$/.test(values.homeSite) ? Number(values.homeSite) : null;
    const site =
      asId !== null ? ctx.allSites.find((s) => s.id === asId) : lookups.sites.get(lower(values.homeSite))?.[0];
    if (!site) return { error: `There is no site “${values.homeSite}”.` };
    if (!lookups.inScope.has(site.id)) return { error: `${site.name} is outside your sites.` };
    homeSiteId = site.id;
  }
  if (homeSiteId === null) return { error: 'Enter a home site.' };

  const roleList = splitList(values.roles);
  const unknownRoles = roleList.filter((r) => !lookups.roles.has(lower(r)));
  if (unknownRoles.length > 0) return { error: `Unknown Spintly role: ${unknownRoles.join(', ')}.` };
  const defaultRole = lookups.roles.get(lower(ctx.defaultRole))?.[0];
  if (roleList.length === 0 && !person && !defaultRole)
    return { error: `Enter a role (the default role “${ctx.defaultRole}” does not exist in Spintly).` };
  const roleIds =
    roleList.length > 0 ? roleList.map((r) => lookups.roles.get(lower(r))![0]!.id) : person ? [] : [defaultRole!.id];
  if (ctx.visitorRoleId != null && roleIds.includes(ctx.visitorRoleId))
    return { error: 'Visitors are registered on the Visitors page, with a visit; an import adds members.' };

  const doorIds: number[] = [];
  for (const doorName of splitList(values.doors)) {
    const named = lookups.doors.get(lower(doorName)) ?? [];
    const door = named.find((d) => d.siteId === homeSiteId) ?? (named.length === 1 ? named[0] : undefined);
    if (!door)
      return {
        error:
          named.length > 1
            ? `“${doorName}” is a door at several of your sites; only the home site's is taken, and it has none.`
            : `There is no door “${doorName}” at your sites.`,
      };
    doorIds.push(door.id);
  }

  // Company by name, among the operator's; an ended one takes nobody new.
  let companyId: number | null = null;
  if (values.company) {
    const company = lookups.companies.get(lower(values.company))?.[0];
    if (!company) return { error: `There is no company “${values.company}” at your sites.` };
    if (company.status === 'ended') return { error: `${company.name} has ended; choose another company.` };
    companyId = company.id;
  }
  return { homeSiteId, roleIds, doorIds, companyId };
}

/** Every row judged: the steps above in order, the first refusal being the row's reason; then updates that change nothing. */
export async function checkImport(db: Kysely<Database>, rows: RawRow[], ctx: CheckContext): Promise<CheckedRow[]> {
  const matches = await directoryMatches(db, rows, ctx.country);
  const lookups: NameLookups = {
    companies: byName(ctx.companies ?? []),
    sites: byName(ctx.allSites),
    roles: byName(ctx.roles),
    doors: byName(ctx.doors),
    inScope: new Set(ctx.sitesInScope.map((s) => s.id)),
  };
  const firstSeen = new Map<string, number>();

  const judged: CheckedRow[] = rows.map(({ line, values }) => {
    const refused = (name: string, { error }: RowError): CheckedRow => ({
      line,
      name,
      verdict: 'error',
      reason: error,
    });
    const cells = readCells(values, ctx.country);
    if (isError(cells)) return refused(values.name.trim(), cells);
    const repeated = repeatsEarlierRow(cells, line, firstSeen);
    if (repeated) return refused(cells.name, repeated);
    const identity = matchIdentity(cells, matches, ctx.personInScope);
    if (isError(identity)) return refused(cells.name, identity);
    const resolved = resolveNames(values, identity.person, lookups, ctx);
    if (isError(resolved)) return refused(cells.name, resolved);
    const plan: ImportPlan = { line, personId: identity.person?.id ?? null, ...cells, ...resolved };
    return { line, name: cells.name, verdict: identity.person ? 'update' : 'create', reason: '', plan };
  });

  // Updates that change nothing are "unchanged": compare with the directory, and doors with who holds them now.
  const doorIds = [...new Set(judged.flatMap((r) => (r.verdict === 'update' ? r.plan!.doorIds : [])))];
  const holders = doorIds.length > 0 ? await ctx.holdersOf(doorIds) : new Map<number, Set<number>>();
  const people = new Map<number, DirectoryPerson>();
  for (const map of [matches.email, matches.phone, matches.employeeCode])
    for (const p of map.values()) people.set(p.id, p);
  const roleName = new Map(ctx.roles.map((r) => [r.id, lower(r.name)]));
  const updating = judged.filter((r) => r.verdict === 'update').map((r) => r.plan!.personId!);
  const companyOf = await companiesOfPeople(db, updating);
  for (const row of judged) {
    if (row.verdict !== 'update') continue;
    const plan = row.plan!;
    const before = people.get(plan.personId!)!;
    const changes = changedFields(plan, before, roleName, holders, ctx);
    if (plan.companyId !== null && plan.companyId !== companyOf.get(before.id)) changes.push('company');
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
