import type { AuditOutcome } from '../db/schema';
import type { RefusalReason } from '../core/refusal';

/**
 * Audit records in words: one plain sentence per record ("Sanjay Siteadmin gave Main Entrance to Ravi Kumar and
 * 1 other") and an outcome an admin can read (done / refused and why / failed). Pure, so pages, the CSV export and
 * tests share it; records written before names were kept read with ids ("door 509").
 */

/** What a target was in the change, where the action mixes several (a door given to some, taken from others). */
export type TargetPart = 'added' | 'removed' | 'cancelled' | 'created' | 'host';

export interface AuditTarget {
  type: 'person' | 'door' | 'site' | 'operator';
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
  detail: string | null;
}

const REASON_TEXT: Record<AuditReason, string> = {
  validation: 'invalid input',
  conflict: 'conflict',
  not_found: 'not found',
  scope: 'outside their sites',
  role: 'not allowed for their role',
  session: 'not signed in',
  credentials: 'sign-in refused',
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

/** "card 123 → 456" or "card 123" in a detail; null when the detail is something else (an error). */
const cardsIn = (detail: string | null) => /^card (\S+)(?: → (\S+))?$/.exec(detail ?? '');

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

type Phrase = (e: DescribedEntry, done: boolean) => string | null;

/** The visitor a visit action names in its detail: "Asha Guest (visit 1b2c…)". */
const visitorIn = (e: DescribedEntry) => /^(.+?) \(visit /.exec(e.detail ?? '')?.[1] ?? 'a visitor';

const verb = (done: boolean, past: string, base: string) => (done ? past : `tried to ${base}`);
const first = (e: DescribedEntry, type: AuditTarget['type']) => {
  const [t] = ofType(e.targets, type);
  if (t) return nameOf(t);
  return e.targetIds[0] ? `${type} ${e.targetIds[0]}` : `a ${type}`;
};
const people = (e: DescribedEntry) => {
  const list = ofType(e.targets, 'person');
  if (list.length > 0) return listNames(list);
  const n = e.targetIds.length;
  return `${n} ${n === 1 ? 'person' : 'people'}`;
};

const PHRASES: Record<string, Phrase> = {
  'permissions.change_door': (e, done) =>
    accessClauses(e.targets, { type: 'door' }, done) ??
    `${verb(done, 'changed', 'change')} who can open ${first(e, 'door')}`,
  'permissions.change_person': (e, done) =>
    accessClauses(e.targets, { type: 'person' }, done) ??
    `${verb(done, 'changed', 'change')} the doors of ${first(e, 'person')}`,
  'cards.issue': (e, done) => {
    const card = cardsIn(e.detail);
    return `${verb(done, 'issued', 'issue')} ${card ? `card ${card[1]}` : 'a card'} to ${first(e, 'person')}`;
  },
  'cards.replace': (e, done) => {
    const card = cardsIn(e.detail);
    const what = card?.[2]
      ? `card ${card[1]} of ${first(e, 'person')} with card ${card[2]}`
      : `the card of ${first(e, 'person')}`;
    return `${verb(done, 'replaced', 'replace')} ${what}`;
  },
  'cards.take_back': (e, done) => {
    const card = cardsIn(e.detail);
    return `${verb(done, 'took back', 'take back')} ${card && card[1] !== 'none' ? `card ${card[1]}` : 'the card'} from ${first(e, 'person')}`;
  },
  'people.create': (e, done) => {
    const [created] = e.targets.filter((t) => t.part === 'created');
    const site = ofType(e.targets, 'site')[0];
    return `${verb(done, 'added', 'add')} ${created ? nameOf(created) : 'a person'}${site ? ` at ${nameOf(site)}` : ''}`;
  },
  'people.update': (e, done) => `${verb(done, 'updated', 'update')} the details of ${first(e, 'person')}`,
  'people.delete': (e, done) => `${verb(done, 'deleted', 'delete')} ${people(e)}`,
  'people.set_active': (e, done) =>
    e.detail === 'activated'
      ? `${verb(done, 'reactivated', 'reactivate')} ${people(e)}`
      : e.detail === 'deactivated'
        ? `${verb(done, 'deactivated', 'deactivate')} ${people(e)}`
        : `${verb(done, 'changed', 'change')} whether ${people(e)} can open doors`,
  'operators.create': (e, done) => {
    const [created] = e.targets.filter((t) => t.part === 'created');
    const sites = ofType(e.targets, 'site');
    return `${verb(done, 'added', 'add')} the operator ${created ? nameOf(created) : (e.detail ?? '')}${sites.length ? ` for ${listNames(sites, 'other sites')}` : ''}`.replace(
      / {2,}/g,
      ' ',
    );
  },
  'operators.update_access': (e, done) =>
    `${verb(done, 'changed', 'change')} the role and sites of ${first(e, 'operator')}`,
  'operators.set_status': (e, done) => `${verb(done, 'changed', 'change')} whether ${first(e, 'operator')} can sign in`,
  'operators.reset_password': (e, done) => `${verb(done, 'reset', 'reset')} the password of ${first(e, 'operator')}`,
  'account.change_password': (_e, done) => verb(done, 'changed their password', 'change their password'),
  'auth.sign_in': (_e, done) => verb(done, 'signed in', 'sign in'),
  'auth.sign_out': (_e, done) => verb(done, 'signed out', 'sign out'),
  'auth.sign_out_everywhere': (_e, done) => verb(done, 'signed out on every device', 'sign out on every device'),
  'people.import': (e, done) => {
    const outcome = /: (created|updated|unchanged)/.exec(e.detail ?? '')?.[1];
    const who = first(e, 'person');
    if (!done) return `could not import a row${e.targetIds.length ? ` for ${who}` : ''} (job item)`;
    return outcome === 'created' ? `added ${who} by import` : `updated ${who} by import`;
  },
  'people.offboard': (e, done) => `${verb(done, 'offboarded', 'offboard')} ${first(e, 'person')}`,
  'people.import_file': (_e, done) => verb(done, 'checked or started an import of people', 'import people from a file'),
  'jobs.start': (e, done) => `${verb(done, 'started offboarding', 'start offboarding')} ${people(e)}`,
  'people.bulk': (e, done) => {
    const what = /: (activated|deactivated|offboarded|deleted|unchanged)/.exec(e.detail ?? '')?.[1];
    if (!done || !what) return `could not change ${first(e, 'person')} (job item)`;
    return what === 'unchanged'
      ? `left ${first(e, 'person')} as they were (nothing to change)`
      : `${what} ${first(e, 'person')}`;
  },
  'jobs.start_bulk': (e, done) => {
    const [, action, n] = /^(\w+) job \S+: (\d+) people/.exec(e.detail ?? '') ?? [];
    return action
      ? `${verb(done, 'started to', 'start to')} ${action} ${n} people matching a filter`
      : verb(done, 'started a bulk change', 'start a bulk change');
  },
  'jobs.start_selection': (e, done) => {
    const action = /^(\w+) job /.exec(e.detail ?? '')?.[1];
    return action
      ? `${verb(done, 'started to', 'start to')} ${action} ${people(e)}`
      : verb(done, 'started a bulk change', 'start a bulk change');
  },
  'jobs.start_doors': (e, done) => {
    const n = Number(/: (\d+) doors/.exec(e.detail ?? '')?.[1] ?? ofType(e.targets, 'door').length);
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
    `${verb(done, 'set', 'set')} the visitor doors of ${first(e, 'site')}${e.detail ? ` (${e.detail})` : ''}`,
  'people.offboard_find': (e, done) =>
    `${verb(done, 'looked up', 'look up')} people to offboard from a list${e.detail ? ` (${e.detail})` : ''}`,
  'jobs.cancel': (_e, done) => verb(done, 'cancelled a job', 'cancel a job'),
  'directory.sync': (e, done) =>
    e.detail === 'already running'
      ? 'asked for a people sync (one was already running)'
      : verb(done, 'asked for a people sync', 'ask for a people sync'),
};

const EXPORTS: Record<string, string> = {
  'audit.export': 'the audit log',
  'cards.export': 'the card list',
  'people.export': 'the people list',
  'activity.export': 'door activity',
  'jobs.export': 'the result of a job',
};

/** One plain sentence for a record. */
export function auditSentence(e: DescribedEntry): string {
  const who = e.operatorName ?? e.operatorEmail ?? 'Someone not signed in';
  const done = e.outcome === 'ok';
  const exported = EXPORTS[e.action];
  const phrase = exported
    ? `${verb(done, 'exported', 'export')} ${exported} as CSV`
    : (PHRASES[e.action]?.(e, done) ??
      `${done ? 'did' : 'tried'} ${e.action}${e.targetIds.length ? ` on ${e.targetIds.join(', ')}` : ''}`);
  return `${who} ${phrase}`;
}
