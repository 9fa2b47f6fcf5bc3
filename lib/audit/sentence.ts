import type { AuditOutcome } from '../db/schema';
import type { RefusalReason } from '../core/refusal';
import { isAuditAction, type AuditAction, type StoredFacts } from './actions';
import { showDay as showStoredDay } from '../format';

/**
 * Audit records in words: one plain sentence per record ("Sanjay Siteadmin gave Main Entrance to Ravi Kumar and
 * 1 other") and an outcome an admin can read (done / refused and why / failed). Pure, so pages, the CSV export and
 * tests share it; records written before names were kept read with ids ("door 509"). A sentence is built from the
 * record's targets and its `facts` (lib/audit/actions.ts), never from the free-text `detail`.
 */

/** What a target was in the change, where the action mixes several (a door given to some, taken from others). */
export type TargetPart = 'added' | 'removed' | 'cancelled' | 'created' | 'host';

export interface AuditTarget {
  type: 'person' | 'door' | 'site' | 'operator' | 'company' | 'visit' | 'group' | 'review';
  id: string | number;
  name?: string | undefined;
  part?: TargetPart | undefined;
}

/** Why an action was refused: the operator can act on it (unlike a failure, where something broke). */
export type AuditReason = RefusalReason;

export interface DescribedEntry {
  action: string;
  outcome: AuditOutcome;
  reason: AuditReason | null;
  operatorName: string | null;
  operatorEmail: string | null;
  targets: readonly AuditTarget[];
  /** Ids only, for records written before targets had names. */
  targetIds: readonly string[];
  /** The facts the action stored (any may be missing: a refused attempt stores none). */
  facts: Readonly<Record<string, unknown>> | null;
}

const REASON_TEXT: Record<AuditReason, string> = {
  validation: 'invalid input',
  conflict: 'conflict',
  not_found: 'not found',
  scope: 'outside their sites',
  role: 'not allowed for their role',
  session: 'not signed in',
  credentials: 'sign-in refused',
  step_up: 'no fresh second-factor code',
};

export const OUTCOME_CATEGORIES = ['ok', 'refused', 'failed'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/** "Done", "Refused — conflict", "Failed": refused means the request was wrong or not allowed, failed that Spintly or the portal broke. */
export function describeOutcome(
  outcome: AuditOutcome,
  reason: AuditReason | null,
): { category: OutcomeCategory; text: string } {
  if (outcome === 'ok') return { category: 'ok', text: 'Done' };
  const why: AuditReason | null =
    reason ?? (outcome === 'invalid' ? 'validation' : outcome === 'denied' ? 'scope' : null);
  if (outcome === 'failed' && why === null) return { category: 'failed', text: 'Failed' };
  return { category: 'refused', text: `Refused — ${REASON_TEXT[why ?? 'validation']}` };
}

/**
 * What the log's "about" search looks in: every target's name, one per line, so a search matches within one name
 * and never the record's structure (its types and keys). Null when no target has a name.
 */
export function targetNames(targets: readonly { name?: unknown }[]): string | null {
  const names = targets
    .map((t) => (typeof t.name === 'string' ? t.name.replace(/\s+/g, ' ').trim() : ''))
    .filter(Boolean);
  return names.length > 0 ? names.join('\n') : null;
}

const nameOf = (t: AuditTarget) => t.name ?? `${t.type} ${t.id}`;

/** "Ravi Kumar", "Ravi Kumar and Asha Rao", "Ravi Kumar and 2 others". */
export function listNames(targets: readonly AuditTarget[], noun = 'others'): string {
  const [first, second] = targets;
  if (!first) return 'nobody';
  if (!second) return nameOf(first);
  if (targets.length === 2) return `${nameOf(first)} and ${nameOf(second)}`;
  const rest = targets.length - 1;
  return `${nameOf(first)} and ${rest} ${rest === 1 ? noun.replace(/s$/, '') : noun}`;
}

const ofType = (targets: readonly AuditTarget[], type: AuditTarget['type'], part?: TargetPart) =>
  targets.filter((t) => t.type === type && (part === undefined || t.part === part));

/** A door given to some people, taken from others, pending changes cancelled: each part its clause. */
function accessClauses(
  targets: readonly AuditTarget[],
  subject: { type: 'door' | 'person' },
  done: boolean,
): string | null {
  const [one] = ofType(targets, subject.type);
  if (!one) return null;
  const otherType = subject.type === 'door' ? 'person' : 'door';
  const noun = otherType === 'door' ? 'other doors' : 'others';
  const part = (p: TargetPart) => ofType(targets, otherType, p);
  const [added, removed, cancelled] = [part('added'), part('removed'), part('cancelled')];
  if (added.length + removed.length + cancelled.length === 0)
    return subject.type === 'door'
      ? `${done ? 'changed' : 'tried to change'} who can open ${nameOf(one)}`
      : `${done ? 'changed' : 'tried to change'} the doors of ${nameOf(one)}`;
  const clauses: string[] = [];
  // "gave Main Entrance to Ravi Kumar" / "gave Ravi Kumar Main Entrance and 1 other door".
  const give = (list: AuditTarget[]) =>
    subject.type === 'door' ? `${nameOf(one)} to ${listNames(list, noun)}` : `${nameOf(one)} ${listNames(list, noun)}`;
  const take = (list: AuditTarget[]) =>
    subject.type === 'door'
      ? `${nameOf(one)} from ${listNames(list, noun)}`
      : `${listNames(list, noun)} from ${nameOf(one)}`;
  if (added.length) clauses.push(`${done ? 'gave' : 'tried to give'} ${give(added)}`);
  if (removed.length) clauses.push(`${done ? 'took' : 'tried to take'} ${take(removed)}`);
  if (cancelled.length)
    clauses.push(
      `${done ? 'cancelled' : 'tried to cancel'} pending changes for ${subject.type === 'door' ? `${listNames(cancelled, noun)} at ${nameOf(one)}` : `${nameOf(one)} at ${listNames(cancelled, noun)}`}`,
    );
  return clauses.join('; ');
}

/** A record as one action's phrase reads it: its facts typed as that action stores them. */
type Entry<A extends AuditAction> = Omit<DescribedEntry, 'facts'> & { facts: StoredFacts<A> };
type Phrase<A extends AuditAction> = (e: Entry<A>, done: boolean) => string | null;

/** The doors a record names: "Gym", "Gym and Main Entrance", "Gym and 2 other doors". */
const doorList = (e: Omit<DescribedEntry, 'facts'>) => {
  const doors = ofType(e.targets, 'door');
  return doors.length > 0 ? listNames(doors, 'other doors') : 'a door';
};

/** The visitor a visit record names: from its facts, or (a refused attempt stores none) the visit target's name. */
const visitorIn = (e: Entry<'visitors.end' | 'visitors.extend' | 'visitors.change_doors'>) =>
  e.facts.visitor ?? ofType(e.targets, 'visit')[0]?.name ?? 'a visitor';

const verb = (done: boolean, past: string, base: string) => (done ? past : `tried to ${base}`);
const first = (e: Omit<DescribedEntry, 'facts'>, type: AuditTarget['type']) => {
  const [t] = ofType(e.targets, type);
  if (t) return nameOf(t);
  return e.targetIds[0] ? `${type} ${e.targetIds[0]}` : `a ${type}`;
};
const people = (e: Omit<DescribedEntry, 'facts'>) => {
  const list = ofType(e.targets, 'person');
  if (list.length > 0) return listNames(list);
  const n = e.targetIds.length;
  return `${n} ${n === 1 ? 'person' : 'people'}`;
};

const PHRASES: { [A in AuditAction]?: Phrase<A> } = {
  'permissions.change_door': (e, done) =>
    accessClauses(e.targets, { type: 'door' }, done) ??
    `${verb(done, 'changed', 'change')} who can open ${first(e, 'door')}`,
  'permissions.change_person': (e, done) =>
    `${
      accessClauses(e.targets, { type: 'person' }, done) ??
      `${verb(done, 'changed', 'change')} the doors of ${first(e, 'person')}`
    }${e.facts.outsideEnvelope ? ` (${e.facts.outsideEnvelope} outside their company’s doors)` : ''}`,
  'permissions.grant_temporary': (e, done) =>
    `${verb(done, e.facts.scheduled ? 'scheduled' : 'gave', e.facts.scheduled ? 'schedule' : 'give')} ${first(e, 'person')} ${doorList(e)}${e.facts.untilText ? ` until ${e.facts.untilText}` : ' for a while'}${e.facts.reason ? ` (“${e.facts.reason}”)` : ''}`,
  'permissions.extend': (e, done) =>
    `${verb(done, 'changed', 'change')} the end of ${first(e, 'person')}’s access to ${doorList(e)}${e.facts.untilText ? ` to ${e.facts.untilText}` : ''}`,
  'permissions.expire': (e, done) =>
    `${done ? 'ended' : 'could not end'} ${first(e, 'person')}’s access to ${doorList(e)}${e.facts.setBy ? `, as set by ${e.facts.setBy}` : ''}${e.facts.setOn ? ` on ${e.facts.setOn}` : ''}${e.facts.kept ? ' (still given by another source)' : ''}`,
  'permissions.start': (e, done) =>
    `${verb(done, 'started', 'start')} ${first(e, 'person')}’s scheduled access to ${doorList(e)}${e.facts.untilText ? ` until ${e.facts.untilText}` : ''}`,
  'cards.issue': (e, done) =>
    `${verb(done, 'issued', 'issue')} ${e.facts.card ? `card ${e.facts.card}` : 'a card'} to ${first(e, 'person')}`,
  'cards.replace': (e, done) => {
    const { card, newCard } = e.facts;
    const what = newCard
      ? `card ${card ?? 'none'} of ${first(e, 'person')} with card ${newCard}`
      : `the card of ${first(e, 'person')}`;
    return `${verb(done, 'replaced', 'replace')} ${what}`;
  },
  'cards.take_back': (e, done) =>
    `${verb(done, 'took back', 'take back')} ${e.facts.card ? `card ${e.facts.card}` : 'the card'} from ${first(e, 'person')}`,
  'people.create': (e, done) => {
    const [created] = e.targets.filter((t) => t.part === 'created');
    const site = ofType(e.targets, 'site')[0];
    return `${verb(done, 'added', 'add')} ${created ? nameOf(created) : 'a person'}${site ? ` at ${nameOf(site)}` : ''}`;
  },
  'companies.create': (e, done) => {
    const [created] = e.targets.filter((t) => t.part === 'created');
    return `${verb(done, 'added', 'add')} the company ${created ? nameOf(created) : 'a company'}${companyTerms(e.facts)}`;
  },
  'groups.create': (e, done) =>
    `${verb(done, 'created', 'create')} the access group ${first(e, 'group')}${e.facts.doors ? ` (${e.facts.doors} ${e.facts.doors === 1 ? 'door' : 'doors'})` : ''}`,
  'groups.update': (e, done) => {
    const { doorsAdded = 0, doorsRemoved = 0, people: n } = e.facts;
    const change = [doorsAdded > 0 && `+${doorsAdded}`, doorsRemoved > 0 && `−${doorsRemoved}`].filter(Boolean);
    return `${verb(done, 'changed', 'change')} the access group ${first(e, 'group')}${change.length ? ` (${change.join(' ')} doors${n ? ` for ${n} ${n === 1 ? 'person' : 'people'}` : ''})` : ''}`;
  },
  'groups.add_members': (e, done) => {
    const members = [...ofType(e.targets, 'person'), ...ofType(e.targets, 'company')];
    const who = members.length > 0 ? listNames(members) : 'members';
    const window = [
      e.facts.from && ` from ${showStoredDay(e.facts.from)}`,
      e.facts.until && ` until ${showStoredDay(e.facts.until)}`,
    ]
      .filter(Boolean)
      .join('');
    return `${verb(done, 'added', 'add')} ${who} to the access group ${first(e, 'group')}${window}`;
  },
  'groups.remove_member': (e, done) => {
    const [member] = [...ofType(e.targets, 'person'), ...ofType(e.targets, 'company')];
    return `${verb(done, 'removed', 'remove')} ${member ? nameOf(member) : 'a member'} from the access group ${first(e, 'group')}`;
  },
  'groups.change_member_end': (e, done) => {
    const [member] = [...ofType(e.targets, 'person'), ...ofType(e.targets, 'company')];
    return `${verb(done, 'changed', 'change')} when ${member ? nameOf(member) : 'a member'} leaves the access group ${first(e, 'group')}${e.facts.until === null ? ' (no end)' : e.facts.until ? ` (after ${showStoredDay(e.facts.until)})` : ''}`;
  },
  'groups.repair': (e, done) =>
    `${verb(done, 'repaired', 'repair')} the access group ${first(e, 'group')}${e.facts.people ? ` (${e.facts.people} ${e.facts.people === 1 ? 'person' : 'people'})` : ''}`,
  'groups.apply': (e, done) => {
    const who = first(e, 'person');
    const group = first(e, 'group');
    if (!done) return `could not apply the access group ${group} to ${who} (job item)`;
    const result = e.facts.result;
    if (result === 'taken') return `took away ${who}’s doors from the access group ${group}`;
    if (result === 'kept') return `ended ${who}’s access through the access group ${group} (still given another way)`;
    if (result === 'scheduled') return `scheduled ${who}’s doors from the access group ${group}`;
    if (result === 'unchanged') return `checked ${who} against the access group ${group} (nothing to change)`;
    return `gave ${who} the doors of the access group ${group}`;
  },
  'companies.offboard': (e, done) =>
    `${verb(done, 'started offboarding', 'start offboarding')} the company ${first(e, 'company')}${e.facts.people === undefined ? '' : ` (${e.facts.people} ${e.facts.people === 1 ? 'person' : 'people'})`}`,
  'companies.reactivate': (e, done) =>
    `${verb(done, 'reactivated', 'reactivate')} the company ${first(e, 'company')}${e.facts.validUntil ? ` (until ${e.facts.validUntil})` : ''}`,
  'companies.update': (e, done) =>
    `${verb(done, 'changed', 'change')} the company ${first(e, 'company')}${companyTerms(e.facts)}`,
  'people.update': (e, done) => `${verb(done, 'updated', 'update')} the details of ${first(e, 'person')}`,
  'people.delete': (e, done) => `${verb(done, 'deleted', 'delete')} ${people(e)}`,
  'people.set_active': (e, done) =>
    e.facts.active === true
      ? `${verb(done, 'reactivated', 'reactivate')} ${people(e)}`
      : e.facts.active === false
        ? `${verb(done, 'deactivated', 'deactivate')} ${people(e)}`
        : `${verb(done, 'changed', 'change')} whether ${people(e)} can open doors`,
  'operators.create': (e, done) => {
    const [created] = e.targets.filter((t) => t.part === 'created');
    const sites = ofType(e.targets, 'site');
    const name = created ? nameOf(created) : e.facts.name;
    return `${verb(done, 'added', 'add')} the operator${name ? ` ${name}` : ''}${sites.length ? ` for ${listNames(sites, 'other sites')}` : ''}`;
  },
  'operators.update_access': (e, done) =>
    `${verb(done, 'changed', 'change')} the role and sites of ${first(e, 'operator')}`,
  'operators.set_status': (e, done) => `${verb(done, 'changed', 'change')} whether ${first(e, 'operator')} can sign in`,
  'operators.reset_password': (e, done) => `${verb(done, 'reset', 'reset')} the password of ${first(e, 'operator')}`,
  'account.change_password': (_e, done) => verb(done, 'changed their password', 'change their password'),
  'auth.sign_in': (e, done) =>
    `${verb(done, 'signed in', 'sign in')}${e.facts.method === 'single_sign_on' ? ' with single sign-on' : ''}${e.facts.secondFactor === 'backup' ? ' with a backup code' : e.facts.secondFactor === 'totp' ? ' with a two-factor code' : ''}${e.facts.address ? ` from ${e.facts.address}` : ''}`,
  'auth.sign_out': (_e, done) => verb(done, 'signed out', 'sign out'),
  'privacy.record_request': (e, done) =>
    `${verb(done, 'recorded', 'record')} an erasure request about ${first(e, 'person')}${e.facts.dueOn ? `, due ${showStoredDay(e.facts.dueOn)}` : ''}`,
  'privacy.erase': (e, done) =>
    `${verb(done, 'erased', 'erase')} the personal data of ${first(e, 'person')}${e.facts.deletedInSpintly ? ' and deleted them in Spintly' : ''}`,
  'privacy.refuse': (e, done) => `${verb(done, 'refused', 'refuse')} an erasure request about ${first(e, 'person')}`,
  'reviews.start': (e, done) =>
    `${verb(done, 'started', 'start')} the access review${e.facts.review ? ` “${e.facts.review}”` : ''}${e.facts.items !== undefined ? ` of ${e.facts.items} ${e.facts.items === 1 ? 'item' : 'items'}` : ''}`,
  'reviews.decide': (e, done) =>
    `${verb(done, e.facts.decision === 'revoke' ? 'decided to revoke' : 'decided to keep', e.facts.decision === 'revoke' ? 'decide to revoke' : 'decide to keep')} ${e.facts.items ?? 'some'} ${e.facts.items === 1 ? 'item' : 'items'} of the access review${e.facts.review ? ` “${e.facts.review}”` : ''}`,
  'reviews.apply': (e, done) =>
    `${verb(done, 'started applying', 'apply')} ${e.facts.items ?? 'the'} ${e.facts.items === 1 ? 'revocation' : 'revocations'} of the access review${e.facts.review ? ` “${e.facts.review}”` : ''}`,
  'reviews.close': (e, done) =>
    `${verb(done, 'closed', 'close')} the access review${e.facts.review ? ` “${e.facts.review}”` : ''}${e.facts.defaulted ? ` (${e.facts.defaulted} unreviewed ${e.facts.defaulted === 1 ? 'item' : 'items'} ${e.facts.unreviewed === 'revoke' ? 'revoked' : 'kept'} by default)` : ''}`,
  'reviews.revoke': (e, done) =>
    done
      ? e.facts.result === 'unchanged'
        ? `found ${first(e, 'person')} no longer holds ${first(e, 'door')} (access review)`
        : `took ${first(e, 'door')} from ${first(e, 'person')} (access review)`
      : `could not take ${first(e, 'door')} from ${first(e, 'person')} (access review job item)`,
  'auth.2fa_enrol': (_e, done) => verb(done, 'set up two-factor sign-in', 'set up two-factor sign-in'),
  'auth.2fa_backup_codes': (_e, done) =>
    verb(done, 'made new two-factor backup codes', 'make new two-factor backup codes'),
  'auth.2fa_failed': (e) =>
    `entered a second-factor code that did not work ${e.facts.during === 'step_up' ? 'to confirm an action' : 'while signing in'}${e.facts.address ? ` from ${e.facts.address}` : ''}`,
  'auth.2fa_reset': (e, done) => `${verb(done, 'reset', 'reset')} the two-factor sign-in of ${first(e, 'operator')}`,
  'auth.step_up': (e, done) =>
    `${verb(done, 'confirmed it was them', 'confirm it was them')} with ${e.facts.secondFactor === 'backup' ? 'a backup code' : 'a code from their app'}`,
  'auth.sign_out_everywhere': (_e, done) => verb(done, 'signed out on every device', 'sign out on every device'),
  'people.import': (e, done) => {
    const who = first(e, 'person');
    if (!done) return `could not import a row${e.targetIds.length ? ` for ${who}` : ''} (job item)`;
    return e.facts.result === 'created' ? `added ${who} by import` : `updated ${who} by import`;
  },
  'people.offboard': (e, done) => `${verb(done, 'offboarded', 'offboard')} ${first(e, 'person')}`,
  'people.import_file': (_e, done) => verb(done, 'checked or started an import of people', 'import people from a file'),
  'jobs.start': (e, done) => `${verb(done, 'started offboarding', 'start offboarding')} ${people(e)}`,
  'people.bulk': (e, done) => {
    const what = e.facts.result;
    if (!done || !what || !BULK_RESULTS.has(what)) return `could not change ${first(e, 'person')} (job item)`;
    return what === 'unchanged'
      ? `left ${first(e, 'person')} as they were (nothing to change)`
      : `${what} ${first(e, 'person')}`;
  },
  'jobs.start_bulk': (e, done) => {
    const { change, people: n } = e.facts;
    return change
      ? `${verb(done, 'started to', 'start to')} ${change} ${n ?? 'some'} people matching a filter`
      : verb(done, 'started a bulk change', 'start a bulk change');
  },
  'jobs.start_selection': (e, done) => {
    const { change } = e.facts;
    return change
      ? `${verb(done, 'started to', 'start to')} ${change} ${people(e)}`
      : verb(done, 'started a bulk change', 'start a bulk change');
  },
  'jobs.start_doors': (e, done) => {
    const n = e.facts.doors ?? ofType(e.targets, 'door').length;
    const site = ofType(e.targets, 'site')[0];
    return `${verb(done, 'started', 'start')} door access changes on ${n} ${n === 1 ? 'door' : 'doors'}${site ? ` at ${nameOf(site)}` : ''}`;
  },
  'visitors.register': (e, done) => {
    const [visitor] = e.targets.filter((t) => t.part === 'created');
    const host = e.targets.find((t) => t.part === 'host');
    const site = ofType(e.targets, 'site')[0];
    return `${verb(done, 'registered', 'register')} ${visitor ? nameOf(visitor) : 'a visitor'} as a visitor${host ? ` of ${nameOf(host)}` : ''}${site ? ` at ${nameOf(site)}` : ''}`;
  },
  'visitors.end': (e, done) => `${verb(done, 'ended', 'end')} the visit of ${visitorIn(e)}`,
  'visitors.extend': (e, done) => `${verb(done, 'extended', 'extend')} the visit of ${visitorIn(e)}`,
  'visitors.change_doors': (e, done) => `${verb(done, 'changed', 'change')} the doors of ${visitorIn(e)}’s visit`,
  'visitors.expire': (e, done) =>
    `${verb(done, 'ended', 'end')} the visit of ${first(e, 'person')} when its time was up`,
  'visitors.forget': (e, done) => `${verb(done, 'deleted', 'delete')} ${first(e, 'person')}, a visitor long gone`,
  'sites.visitor_doors': (e, done) =>
    `${verb(done, 'set', 'set')} the visitor doors of ${first(e, 'site')}${e.facts.doors === undefined ? '' : ` (${e.facts.doors} doors)`}`,
  'people.offboard_find': (e, done) => {
    const { entries, found } = e.facts;
    const counts = entries === undefined ? '' : ` (${entries} entries, ${found ?? 0} people found)`;
    return `${verb(done, 'looked up', 'look up')} people to offboard from a list${counts}`;
  },
  'jobs.cancel': (_e, done) => verb(done, 'cancelled a job', 'cancel a job'),
  'directory.sync': (e, done) =>
    e.facts.alreadyRunning
      ? 'asked for a people sync (one was already running)'
      : verb(done, 'asked for a people sync', 'ask for a people sync'),
};

/** " (5 doors, until 31 Mar 2027)": a company's envelope and end as the record keeps them. */
function companyTerms(facts: StoredFacts<'companies.create'>): string {
  const parts = [
    ...(facts.doors === undefined ? [] : [`${facts.doors} ${facts.doors === 1 ? 'door' : 'doors'}`]),
    ...(facts.validUntil ? [`until ${facts.validUntil}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** What a bulk job item may have done to its person, as its sentence says it. */
const BULK_RESULTS = new Set(['activated', 'deactivated', 'offboarded', 'deleted', 'unchanged']);

const EXPORTS: Partial<Record<AuditAction, string>> = {
  'audit.export': 'the audit log',
  'cards.export': 'the card list',
  'people.export': 'the people list',
  'activity.export': 'door activity',
  'jobs.export': 'the result of a job',
  'doors.holders_export': 'who can open a door',
  'reviews.export': 'the evidence of an access review',
  'reports.export': 'a report of the auditor’s pack',
};

/** One plain sentence for a record. */
export function auditSentence(e: DescribedEntry): string {
  const who = e.operatorName ?? e.operatorEmail ?? 'Someone not signed in';
  const done = e.outcome === 'ok';
  const action = isAuditAction(e.action) ? e.action : null;
  const exported = action && EXPORTS[action];
  const phrase = exported
    ? `${verb(done, 'exported', 'export')} ${exported} as CSV`
    : ((action && phraseFor(action, e, done)) ??
      `${done ? 'did' : 'tried'} ${e.action}${e.targetIds.length ? ` on ${e.targetIds.join(', ')}` : ''}`);
  return `${who} ${phrase}`;
}

/**
 * The phrase for one action, given the record's facts as that action stores them. The cast is the one place stored
 * JSON meets its type: facts are written only through `audit.record`, typed by action, and read as all-optional.
 */
function phraseFor<A extends AuditAction>(action: A, e: DescribedEntry, done: boolean): string | null {
  const phrase: Phrase<A> | undefined = PHRASES[action];
  return phrase ? phrase({ ...e, facts: (e.facts ?? {}) as StoredFacts<A> }, done) : null;
}
