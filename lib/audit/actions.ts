/**
 * Every name an audit record can carry, and the facts each one stores. The names are an interface: they are in the
 * log, the CSV and operators' saved filters, so an existing one keeps its spelling. `facts` is structured JSON beside
 * the free-text `detail`; lib/audit/sentence.ts builds its sentences from facts and targets, never from detail, so
 * rewording a detail cannot break a sentence and a typo in a fact's name fails to compile.
 */
export const AUDIT_ACTIONS = [
  'account.change_password',
  'activity.export',
  'activity.live',
  'audit.export',
  /** New backup codes, the old ones void. */
  'auth.2fa_backup_codes',
  'auth.2fa_enrol',
  /** A second-factor code that did not work (at sign-in or step-up). */
  'auth.2fa_failed',
  'auth.2fa_reset',
  'auth.sign_in',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  /** A fresh code before a dangerous action. */
  'auth.step_up',
  'cards.export',
  'cards.issue',
  'cards.replace',
  'cards.take_back',
  'companies.create',
  'companies.offboard',
  'companies.reactivate',
  'companies.update',
  'directory.status',
  'directory.sync',
  /** The doors an operator may give (the temporary-access form opening): a read, not audited, as the people search. */
  'doors.grantable',
  /** Who already holds a door (its "Add people" dialog opening): a read, not audited, as the people search. */
  'doors.holders',
  'doors.holders_export',
  'groups.add_members',
  /** One person's share of a group change (a job item). */
  'groups.apply',
  'groups.change_member_end',
  'groups.create',
  'groups.remove_member',
  'groups.repair',
  'groups.update',
  'jobs.cancel',
  'jobs.export',
  /** An offboarding's start (its name predates the other job starts). */
  'jobs.start',
  'jobs.start_bulk',
  'jobs.start_doors',
  'jobs.start_selection',
  'jobs.status',
  'operators.create',
  'operators.reset_password',
  'operators.set_status',
  'operators.update_access',
  'people.bulk',
  'people.create',
  'people.delete',
  'people.export',
  'people.import',
  'people.import_file',
  'people.offboard',
  'people.offboard_find',
  'people.search',
  'people.set_active',
  'people.update',
  'permissions.change_door',
  'permissions.change_person',
  'permissions.expire',
  'permissions.extend',
  'permissions.grant_temporary',
  'permissions.start',
  /** An erasure request's data erased (never the person's name in the record). */
  'privacy.erase',
  'privacy.record_request',
  'privacy.refuse',
  'reports.export',
  /** Revocations of an access review, started as a job. */
  'reviews.apply',
  'reviews.close',
  'reviews.decide',
  'reviews.export',
  /** One revoked (person, door) of a review (a job item). */
  'reviews.revoke',
  'reviews.start',
  'sites.visitor_doors',
  'visitors.change_doors',
  'visitors.end',
  'visitors.expire',
  'visitors.extend',
  'visitors.forget',
  'visitors.register',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The change a bulk job makes to each person. */
export type BulkChange = 'activate' | 'deactivate' | 'offboard' | 'delete';

/** One item of a background job, recorded under the action its kind stands for. */
export interface JobItemFacts {
  job: string;
  item: number;
  /** What happened to the item: `created`, `updated`, `unchanged`, `activated`, `offboarded`, … or `failed`. */
  result: string;
}

/** The names job items (lib/jobs/kind.ts) record under: each as the starter's own action would. */
export type JobItemAction =
  'people.import' | 'people.offboard' | 'people.bulk' | 'permissions.change_door' | 'groups.apply' | 'reviews.revoke';

/** A visit, named by its visitor (who is not always a target: a visit ends after its visitor may be gone). */
export interface VisitFacts {
  visit: string;
  visitor: string;
}

/** A route's answer: the filter it was asked with, and for an export how many rows went out and how it ended. */
export interface RouteFacts {
  filter: string;
  rows?: number;
  ending?: 'complete' | 'error' | 'cancelled';
}

/** The names route handlers (lib/http/define-route.ts) record under. */
export type RouteAction =
  | 'activity.export'
  | 'activity.live'
  | 'audit.export'
  | 'cards.export'
  | 'directory.status'
  | 'doors.grantable'
  | 'doors.holders'
  | 'doors.holders_export'
  | 'jobs.export'
  | 'jobs.status'
  | 'people.export'
  | 'people.import_file'
  | 'people.search'
  | 'reviews.export'
  | 'reports.export';

/** Facts per action; an action not listed here stores none. */
export interface AuditFactsByAction extends Record<RouteAction, RouteFacts> {
  /** How the sign-in was attempted, and from which address when the portal knows it (TRUSTED_PROXY_HOPS). */
  'auth.sign_in': { method: 'password' | 'single_sign_on'; address: string | null; secondFactor?: 'totp' | 'backup' };
  'auth.2fa_failed': { during: 'sign_in' | 'step_up'; address: string | null };
  'auth.step_up': { secondFactor: 'totp' | 'backup' };
  'cards.issue': { card: string };
  'cards.replace': { card: string | null; newCard: string };
  'cards.take_back': { card: string | null };
  'companies.create': { doors: number; validUntil: string | null };
  'companies.update': { doors: number; validUntil: string | null };
  'companies.offboard': { job: string; people: number };
  'companies.reactivate': { validUntil: string | null };
  'directory.sync': { alreadyRunning: boolean };
  'groups.create': { doors: number };
  /** A group's doors changed: how many added and removed, and the job giving or taking them (null: nobody to change). */
  'groups.update': { doorsAdded: number; doorsRemoved: number; people: number; job: string | null };
  /** `from`/`until` are days (yyyy-mm-dd) or null. */
  'groups.add_members': {
    people: number;
    companies: number;
    reach: number;
    from: string | null;
    until: string | null;
    job: string | null;
  };
  'groups.remove_member': { people: number; job: string | null };
  /** `until` is the new last day (yyyy-mm-dd) or null for none. */
  'groups.change_member_end': { until: string | null };
  'groups.repair': { people: number; job: string | null };
  'groups.apply': JobItemFacts;
  'reviews.start': { review: string; items: number; reviewers: number };
  'reviews.decide': { review: string; decision: 'keep' | 'revoke'; items: number };
  'reviews.apply': { review: string; job: string | null; items: number };
  'reviews.close': { review: string; defaulted: number; unreviewed: 'keep' | 'revoke'; job: string | null };
  'reviews.revoke': JobItemFacts;
  'privacy.record_request': { request: string; dueOn: string };
  'privacy.erase': { request: string; deletedInSpintly: boolean; auditRecords: number; events: number; visits: number };
  'privacy.refuse': { request: string };
  'jobs.cancel': { job: string };
  'jobs.start': { job: string; people: number };
  'jobs.start_bulk': { job: string; change: BulkChange; people: number };
  'jobs.start_selection': { job: string; change: BulkChange; people: number };
  'jobs.start_doors': { job: string; doors: number };
  'operators.create': { name: string };
  'people.bulk': JobItemFacts;
  'people.create': { person: number; confirmedAfterAmbiguity?: boolean };
  'people.delete': { offboardedOn?: string; afterDays?: number };
  'people.import': JobItemFacts;
  'people.offboard': JobItemFacts;
  'people.offboard_find': { entries: number; found: number };
  'people.set_active': { active: boolean };
  'permissions.change_door': { added: number; removed: number; cancelled: number } | JobItemFacts;
  'permissions.change_person': {
    added: number;
    removed: number;
    cancelled: number;
    /** How many of the doors given are outside the person's company envelope (an admin went ahead). */
    outsideEnvelope?: number;
  };
  /** `until` is the ISO end; `untilText` how the portal showed it then (its zone and format). */
  'permissions.grant_temporary': {
    doors: number;
    until: string;
    untilText: string;
    reason: string;
    scheduled: boolean;
  };
  'permissions.extend': { until: string; untilText: string };
  /** A temporary grant ended by itself: who set it, on which day; `kept` when another source still gives the door. */
  'permissions.expire': { setBy: string | null; setOn: string; kept: boolean };
  'permissions.start': { untilText: string };
  'sites.visitor_doors': { doors: number };
  'visitors.change_doors': VisitFacts;
  'visitors.end': VisitFacts & { card: string | null };
  'visitors.expire': { visit: string; card: string | null };
  'visitors.extend': VisitFacts & { until: string };
  'visitors.forget': { afterDays: number };
  'visitors.register': { visit: string; returning: boolean; card: string | null };
}

/** A record's facts as its action writes them; `never` for an action that stores none. */
export type FactsOf<A extends AuditAction> = A extends keyof AuditFactsByAction ? AuditFactsByAction[A] : never;

/**
 * Facts as read back: any of them may be missing (a refused attempt stores none; a record written before facts
 * existed has what migration 0014 could derive), so a sentence reads each one as optional.
 */
export type StoredFacts<A extends AuditAction> = A extends keyof AuditFactsByAction
  ? Partial<UnionToFields<AuditFactsByAction[A]>>
  : Record<string, never>;

/** `{a} | {b}` → `{a, b}` with each field optional where only some members have it (reading either shape). */
type UnionToFields<U> = { [K in U extends unknown ? keyof U : never]: U extends Record<K, infer V> ? V : never };

export const isAuditAction = (name: string): name is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(name);
