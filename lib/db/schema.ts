/** The portal's own tables: operators and their sites, the audit log, and sign-in attempts. */
import type { Generated } from 'kysely';

export type OperatorRole = 'super_admin' | 'site_admin' | 'front_desk' | 'company_admin';
export type OperatorStatus = 'active' | 'disabled';
export type AuditOutcome = 'ok' | 'invalid' | 'denied' | 'failed';

export interface OperatorsTable {
  id: string;
  email: string;
  name: string;
  /** argon2id; null for operators who only use single sign-on. */
  password_hash: string | null;
  role: OperatorRole;
  status: OperatorStatus;
  /** 1 after a one-time password was set: the operator must choose their own before anything else. */
  must_change_password: number;
  /** Bumped on disable, password reset and password change: older sessions stop working. */
  session_version: number;
  created_at: string;
  updated_at: string;
}

export interface OperatorSitesTable {
  operator_id: string;
  site_id: number;
}

export interface AuditLogTable {
  id: string;
  at: string;
  operator_id: string | null;
  operator_email: string | null;
  operator_role: string | null;
  action: string;
  target_type: string | null;
  /** Comma-separated ids the action was given (also one row each in audit_targets). */
  target_ids: string | null;
  site_id: number | null;
  outcome: AuditOutcome;
  spintly_status: number | null;
  duration_ms: number;
  /** A short, safe explanation (never a secret, a password or Spintly's raw text). */
  detail: string | null;
  /** The operator's name when they acted (null before migration 0008). */
  operator_name: string | null;
  /** JSON `AuditTarget[]`: each target's type, id, name and part in the change. */
  targets: string | null;
  /** Why a refused action was refused (`AuditReason`); null when it was done or broke. */
  reason: string | null;
  /** The targets' names, one per line, for the "about" search (null before 0008, or with no names). */
  target_names: string | null;
  /** JSON facts the record's sentence is built from (`AuditFactsByAction`); null when there are none (or before 0014). */
  facts: string | null;
}

/** One row per id an audit record names, for indexed "everything that touched X" lookups. */
export interface AuditTargetsTable {
  audit_id: string;
  target_id: string;
}

/** A client company an audit record is about (migration 0016). */
export interface AuditCompaniesTable {
  audit_id: string;
  company_id: number;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  /** `account:<email>` or `ip:<address>` */
  key: string;
  at: string;
}

export interface SessionRevocationsTable {
  /** The session id (`sid` claim) that was signed out. */
  sid: string;
  operator_id: string;
  /** When the revoked token would have expired: the row may go after this. */
  expires_at: string;
}

/** An operator's TOTP second factor (migration 0022); `secret` is encrypted (lib/auth/secret-box.ts). */
export interface OperatorSecondFactorsTable {
  operator_id: string;
  secret: string;
  created_at: string;
  /** Null while enrolment waits for the first code. */
  confirmed_at: string | null;
  /** The newest 30-second step a code was accepted for: a step is accepted once. */
  last_step: number;
}

export interface OperatorBackupCodesTable {
  id: string;
  operator_id: string;
  /** argon2id of the code. */
  code_hash: string;
  used_at: string | null;
}

/** When a session last re-entered a code (step-up). */
export interface SessionStepUpsTable {
  sid: string;
  operator_id: string;
  at: string;
}

export type ReviewScopeKind = 'site' | 'company' | 'doors';
export type ReviewerKind = 'site_admins' | 'company_admins' | 'named';
export type ReviewDecision = 'keep' | 'revoke';

/** An access review campaign (migration 0023). */
export interface ReviewsTable {
  id: string;
  name: string;
  scope_kind: ReviewScopeKind;
  scope_id: number | null;
  scope_label: string;
  reviewer_kind: ReviewerKind;
  /** yyyy-mm-dd, the portal's zone. */
  due_on: string;
  unreviewed: ReviewDecision;
  status: 'open' | 'closed';
  items: number;
  created_by: string;
  created_by_name: string;
  created_at: string;
  closed_at: string | null;
  closed_by_name: string | null;
}

export interface ReviewReviewersTable {
  review_id: string;
  operator_id: string;
}

/** One (person, door) a review froze, and what became of it. */
export interface ReviewItemsTable {
  id: Generated<number>;
  review_id: string;
  person_id: number;
  person_name: string;
  person_active: number;
  door_id: number;
  door_name: string;
  site_id: number;
  source: string;
  since: string | null;
  last_entry_s: number | string | null;
  decision: ReviewDecision | null;
  comment: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  applied_at: string | null;
  outcome: string | null;
}

/** A request to erase someone's personal data (migration 0025). */
export interface ErasureRequestsTable {
  id: string;
  subject_id: number;
  subject_kind: 'person' | 'visitor';
  subject_label: string;
  requested_by: string;
  received_on: string;
  due_on: string;
  delete_in_spintly: number;
  status: 'open' | 'erased' | 'refused';
  outcome: string | null;
  recorded_by_name: string;
  recorded_at: string;
  closed_by_name: string | null;
  closed_at: string | null;
}

export interface WorkerLeasesTable {
  task: string;
  /** The process leading the task (SQLite only; Postgres leads by advisory lock). */
  holder: string;
  /** The lease ends here unless renewed: a dead leader loses it within 30 s. */
  expires_at: string;
}

export type WorkerRunOutcome = 'running' | 'ok' | 'failed';

export interface WorkerRunsTable {
  id: Generated<number>;
  task: string;
  holder: string;
  started_at: string;
  finished_at: string | null;
  outcome: WorkerRunOutcome;
  /** JSON of what the run counted (rows pruned…). */
  counts: string | null;
  error: string | null;
}

/** "Run this task now", written by any instance, picked up by the task's leader. */
export interface WorkerRequestsTable {
  id: Generated<number>;
  task: string;
  requested_at: string;
  /** Who asked: an operator id, or a script's name. */
  requested_by: string;
}

export interface PortalInstancesTable {
  id: string;
  started_at: string;
  last_seen: string;
}

export interface PeopleTable {
  id: number;
  name: string;
  /** Lower-cased name, for sorting by name case-insensitively through an index. */
  name_sort: string;
  email: string | null;
  phone: string | null;
  employee_code: string | null;
  home_site_id: number | null;
  /** JSON array of the Spintly role names, for display. */
  role_names: string;
  card: string | null;
  access_expires_at: string | null;
  active: number;
  is_signed_up: number;
  created_at: string;
  search_text: string;
  fingerprint: string;
  confirmed_at: string;
  missing_since_sync: number | null;
}

export interface PeopleRolesTable {
  person_id: number;
  role_id: number;
}

export interface DirectorySyncsTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  pages: number;
  /** Pages the walk will read in all, once its first page told; for progress while it runs. */
  pages_total: number | null;
  /** People the walk saw (a complete walk: everyone Spintly has). */
  people: number | null;
  added: number;
  changed: number;
  removed: number;
  outcome: 'running' | 'ok' | 'failed';
  error: string | null;
}

export type AccessResult = 'granted' | 'denied' | 'unknown';

export interface AccessEventsTable {
  event_id: number;
  /** Epoch seconds. */
  occurred_at: number;
  site_id: number | null;
  door_id: number;
  person_id: number | null;
  direction: string | null;
  access_type: string | null;
  result: AccessResult;
  source: 'webhook' | 'history';
  /** Epoch milliseconds. */
  received_at: number;
}

/** Events per site (0 = unknown) and hour (epoch seconds of its start), counted as they are stored. */
/** Where a door a person may open comes from, and until when (migration 0018). */
export interface GrantsTable {
  id: string;
  person_id: number;
  door_id: number;
  source: 'direct' | 'group' | 'company' | 'visit';
  /** A group grant's membership (`access_group_members.id`); the company or visit for those; null for direct. */
  source_id: string | null;
  /** The operator who made it; null for the portal itself or Spintly. */
  granted_by: string | null;
  granted_by_name: string | null;
  reason: string | null;
  starts_at: string | null;
  ends_at: string | null;
  created_at: string;
  /** When it was sent to Spintly; null while a scheduled grant waits. */
  started_at: string | null;
  ended_at: string | null;
  ended_how: 'expired' | 'revoked' | 'offboarded' | null;
}

/** Events and entries per client company and hour, as stored (migration 0017). */
export interface ActivityCompanyHourlyTable {
  company_id: number;
  hour_s: number;
  events: number;
  entries: number;
}

export interface ActivityHourlyTable {
  site_id: number;
  hour_s: number;
  events: number;
  entries: number;
}

/** The newest event each door has seen (epoch seconds). */
export interface ActivityDoorsTable {
  door_id: number;
  site_id: number | null;
  last_at: number;
}

/** A pending permission change as the last scan of the doors found it. */
export interface PendingChangesTable {
  door_id: number;
  person_id: number;
  site_id: number;
  action: 'grant' | 'revoke';
  /** When Spintly accepted it, when it says ([assumed] field). */
  since: string | null;
  seen_at: string;
}

/** Each door's holder count at the last pending scan. */
export interface DoorHoldersTable {
  door_id: number;
  site_id: number;
  holders: number;
  seen_at: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
export type JobItemStatus = 'pending' | 'running' | 'done' | 'unchanged' | 'failed' | 'cancelled';

/** A bulk job (lib/jobs): who started it, where it stands, and its counts. */
export interface JobsTable {
  id: string;
  /** `import`, `offboard`. */
  kind: string;
  status: JobStatus;
  /** "Import of tenants.csv (312 rows)", as lists show it. */
  title: string;
  /** The operator who started it: the job acts with their role and sites, checked again as it runs. */
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  cancel_requested: number;
  total: number;
  succeeded: number;
  unchanged: number;
  failed: number;
}

export interface JobItemsTable {
  job_id: string;
  seq: number;
  /** JSON: what this item does (a row of an import, a person to offboard). */
  input: string;
  status: JobItemStatus;
  /** `created`, `updated`, `offboarded`…; null until it ran. */
  outcome: string | null;
  message: string | null;
  person_id: number | null;
  attempts: number;
  updated_at: string;
}

/** A person offboarded, for the deletion `OFFBOARD_DELETE_AFTER_DAYS` asks for (lib/jobs/offboarded.ts). */
export interface OffboardedPeopleTable {
  person_id: number;
  name: string;
  site_id: number | null;
  offboarded_at: string;
  /** Who offboarded them: the deletion is recorded as theirs, done by the portal on their behalf. */
  operator_id: string;
}

/** A visit (lib/visitors): who, whose guest, where, when, which doors, and how it ended. */
export interface VisitsTable {
  id: string;
  /** From the registration form: the same form sent twice is one visit. */
  request_key: string;
  /** The visitor's Spintly user (role Visitor), reused by phone on a return visit. */
  visitor_id: number;
  visitor_name: string;
  /** E.164. */
  visitor_phone: string;
  visitor_email: string | null;
  host_id: number;
  host_name: string;
  site_id: number;
  starts_at: string;
  ends_at: string;
  /** JSON array of access point ids. */
  door_ids: string;
  /** Spintly's meeting; null until it is made (or when it could not be). */
  meeting_id: number | null;
  /** A temporary card from the desk's stack, taken back when the visit ends. */
  card: string | null;
  ended_at: string | null;
  /** `ended` (someone pressed End now) or `expired` (the background task, after the window). */
  ended_how: 'ended' | 'expired' | null;
  created_by: string;
  created_at: string;
  /** The privacy notice the visitor accepted (lib/visitors/notice.ts), and when; null for older visits. */
  notice_version: string | null;
  notice_accepted_at: string | null;
}

export interface SiteVisitorDoorsTable {
  site_id: number;
  door_id: number;
}

export interface Database {
  operators: OperatorsTable;
  operator_sites: OperatorSitesTable;
  audit_log: AuditLogTable;
  audit_targets: AuditTargetsTable;
  audit_companies: AuditCompaniesTable;
  people_terms: PeopleTermsTable;
  directory_terms: DirectoryTermsTable;
  companies: CompaniesTable;
  company_sites: CompanySitesTable;
  company_doors: CompanyDoorsTable;
  company_members: CompanyMembersTable;
  operator_companies: OperatorCompaniesTable;
  sign_in_attempts: SignInAttemptsTable;
  session_revocations: SessionRevocationsTable;
  operator_second_factors: OperatorSecondFactorsTable;
  operator_backup_codes: OperatorBackupCodesTable;
  session_step_ups: SessionStepUpsTable;
  reviews: ReviewsTable;
  review_reviewers: ReviewReviewersTable;
  review_items: ReviewItemsTable;
  erasure_requests: ErasureRequestsTable;
  worker_leases: WorkerLeasesTable;
  worker_runs: WorkerRunsTable;
  portal_instances: PortalInstancesTable;
  people: PeopleTable;
  people_roles: PeopleRolesTable;
  directory_syncs: DirectorySyncsTable;
  worker_requests: WorkerRequestsTable;
  access_events: AccessEventsTable;
  activity_hourly: ActivityHourlyTable;
  activity_company_hourly: ActivityCompanyHourlyTable;
  grants: GrantsTable;
  access_groups: AccessGroupsTable;
  access_group_doors: AccessGroupDoorsTable;
  access_group_members: AccessGroupMembersTable;
  access_group_failures: AccessGroupFailuresTable;
  activity_doors: ActivityDoorsTable;
  pending_changes: PendingChangesTable;
  door_holders: DoorHoldersTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  offboarded_people: OffboardedPeopleTable;
  visits: VisitsTable;
  site_visitor_doors: SiteVisitorDoorsTable;
}

/** A person's values of Spintly's custom attributes (term ids), as the directory last read them. */
export interface PeopleTermsTable {
  person_id: number;
  term_id: number;
}

/** An attribute value seen on someone in the directory ("Company" → "Orbitpay"). */
export interface DirectoryTermsTable {
  term_id: number;
  attribute_name: string;
  term_name: string;
  /** People holding it, kept by the directory's writes (migration 0019). */
  holders: Generated<number>;
}

export type CompanyStatus = 'active' | 'ended';

/** A client company of the coworking space (migration 0015). */
export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  /** Lower-cased name: unique, and the list's order. */
  name_sort: string;
  status: CompanyStatus;
  valid_from: string;
  valid_until: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** The Spintly attribute value its people hold, when linked; its name as last seen. */
  term_id: number | null;
  term_name: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

export interface CompanySitesTable {
  company_id: number;
  site_id: number;
}

/** The company's envelope: the doors its people may be given. */
export interface CompanyDoorsTable {
  company_id: number;
  door_id: number;
}

/** A person made a member in the portal (a company without a term, or a person without one). */
export interface CompanyMembersTable {
  person_id: number;
  company_id: number;
  added_at: string;
}

/** The companies a company admin is limited to. */
export interface OperatorCompaniesTable {
  operator_id: string;
  company_id: number;
}

/** Access groups (migration 0020): a named set of doors given to people and companies. */
export interface AccessGroupsTable {
  id: Generated<number>;
  name: string;
  name_sort: string;
  description: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccessGroupDoorsTable {
  group_id: number;
  door_id: number;
  site_id: number;
}

/** A person or a company (exactly one of the two) in a group, with optional start and end. */
export interface AccessGroupMembersTable {
  id: string;
  group_id: number;
  person_id: number | null;
  company_id: number | null;
  starts_at: string | null;
  ends_at: string | null;
  added_by: string | null;
  added_by_name: string | null;
  created_at: string;
  removed_at: string | null;
}

/** What Spintly last refused for a member's doors of a group (cleared by a later success). */
export interface AccessGroupFailuresTable {
  group_id: number;
  person_id: number;
  message: string;
  at: string;
}
