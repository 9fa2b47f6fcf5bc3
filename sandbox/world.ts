/**
 * The sandbox's organisation: sites, doors and their readers, people, cards, permissions (synced and pending)
 * and access history, with the operations Spintly's API performs on them. Pure state, no HTTP: the routes in
 * spintly-routes.ts translate requests into these calls, and the seed builds the initial state.
 */
import type {
  AccessData,
  AccessEvent,
  AccessPoint,
  CreateUserInput,
  DoorUser,
  Meeting,
  PermissionItem,
  Role,
  Site,
  SpintlyUser,
  UpdateUserInput,
} from '../lib/spintly/contract';

/** An error that the routes answer with Spintly's error envelope and this HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface UserRecord {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  employeeCode: string | null;
  uniqueId: string;
  isSignedUp: boolean;
  createdAt: string;
  roleIds: number[];
  credentialId: string | null;
  accessData: AccessData;
  deactivatedOn: string | null;
  reportingTo: number | null;
  homeSiteId: number | null;
  joiningDate: string | null;
  adminOfSites: number[];
  /** The person's custom attribute values (term ids), e.g. their company. */
  termIds: number[];
}

/** One custom attribute of the organisation ("Company") and its values. */
export interface Attribute {
  id: number;
  name: string;
  terms: { id: number; name: string }[];
}

export type PendingAction = 'grant' | 'revoke';

export interface PendingChange {
  userId: number;
  accessPointId: number;
  action: PendingAction;
  /** Epoch ms when the cloud accepted the change. */
  since: number;
}

export interface Reader {
  online: boolean;
  /** Epoch ms when the reader last came online: a pending change syncs `syncMs` after this or after it was made. */
  onlineSince: number;
}

export const DEFAULT_ACCESS_DATA: AccessData = {
  mobile: true,
  card: true,
  fingerprint: false,
  faceAccess: false,
  remoteAccess: false,
  tapToAccess: true,
  gps: false,
  deviceLock: false,
  clickToAccessRange: 3,
  accessExpiresAt: null,
};

export interface Page<T> {
  items: T[];
  pagination: { total: number; perPage: number; currentPage: number };
}

export function paginate<T>(all: readonly T[], page: number, perPage: number): Page<T> {
  const start = (page - 1) * perPage;
  return { items: all.slice(start, start + perPage), pagination: { total: all.length, perPage, currentPage: page } };
}

const lower = (value: string | null) => (value ?? '').toLowerCase();
const pendingKey = (userId: number, accessPointId: number) => `${accessPointId}:${userId}`;

export interface PermissionPatch {
  permissionsToAdd?: number[];
  permissionsToRemove?: number[];
  pendingPermissionsToRemove?: number[];
}

export interface UserFilters {
  userType?: ('active' | 'inactive')[] | undefined;
  sites?: number[] | undefined;
  search?: string | undefined;
  userIds?: number[] | undefined;
  /** Access expiring on or before this day (yyyy-mm-dd) [assumed meaning]. */
  accessExpiresAt?: string | null | undefined;
  /** Created on this day (yyyy-mm-dd, UTC) [assumed meaning]. */
  createdOn?: string | null | undefined;
  /** Email contains, any case. */
  s?: { email?: string | undefined } | undefined;
  /** Holding any of these attribute values (term ids). */
  terms?: number[] | undefined;
}

export class World {
  readonly sites: Site[] = [];
  readonly accessPoints = new Map<number, AccessPoint>();
  readonly roles: Role[] = [];
  /** The organisation's custom attributes (the sandbox has one, "Company"). */
  readonly attributes: Attribute[] = [];
  readonly users = new Map<number, UserRecord>();
  /** Permissions the door's reader has: access point id → user ids. */
  readonly granted = new Map<number, Set<number>>();
  /** Changes the cloud accepted that the reader has not synced yet. */
  readonly pending = new Map<string, PendingChange>();
  readonly readers = new Map<number, Reader>();
  readonly events: AccessEvent[] = [];
  /** Visitor meetings: QR access for a user to some doors between two times (epoch seconds). */
  readonly meetings = new Map<number, Meeting>();
  nextMeetingId = 9001;
  private readonly cardHolders = new Map<string, number>();
  nextUserId = 1;
  nextEventId = 1;

  constructor(
    readonly orgId: number,
    readonly syncMs: number,
    private readonly now: () => number,
  ) {}

  // ---- reads -----------------------------------------------------------------------------

  site(siteId: number): Site {
    const site = this.sites.find((s) => s.id === siteId);
    if (!site) throw new ApiError(404, `Site ${siteId} not found`);
    return site;
  }

  accessPoint(accessPointId: number): AccessPoint {
    const door = this.accessPoints.get(accessPointId);
    if (!door) throw new ApiError(404, `Access point ${accessPointId} not found`);
    return door;
  }

  user(userId: number): UserRecord {
    const user = this.users.get(userId);
    if (!user) throw new ApiError(404, `User ${userId} not found`);
    return user;
  }

  doorsOfSite(siteId: number, search?: string | null): AccessPoint[] {
    this.site(siteId);
    const needle = lower(search ?? null).trim();
    return [...this.accessPoints.values()].filter(
      (door) => door.siteId === siteId && (!needle || door.name.toLowerCase().includes(needle)),
    );
  }

  /** Every user in list order, kept between calls: an unfiltered page of 100,000 people costs a slice, not a scan. */
  private listed: { size: number; users: UserRecord[] } | null = null;
  private everyone(): UserRecord[] {
    // Users are only ever added (seed, create) or deleted (which drops this); the size tells an addition.
    if (this.listed?.size !== this.users.size) this.listed = { size: this.users.size, users: [...this.users.values()] };
    return this.listed.users;
  }

  findUsers(filters: UserFilters): readonly UserRecord[] {
    // Both types (what "all" sends) filter nothing.
    const types =
      filters.userType &&
      filters.userType.length > 0 &&
      !(['active', 'inactive'] as const).every((t) => filters.userType!.includes(t))
        ? new Set(filters.userType)
        : null;
    const sites = filters.sites && filters.sites.length > 0 ? new Set(filters.sites) : null;
    const ids = filters.userIds && filters.userIds.length > 0 ? new Set(filters.userIds) : null;
    const needle = (filters.search ?? '').trim().toLowerCase();
    const expiresBy = filters.accessExpiresAt ? `${filters.accessExpiresAt}T23:59:59.999Z` : null;
    const createdOn = filters.createdOn ?? null;
    const email = (filters.s?.email ?? '').trim().toLowerCase();
    const terms = filters.terms && filters.terms.length > 0 ? new Set(filters.terms) : null;
    // A lookup by ids reads those users, in list (id) order; no filter at all is the whole list as it is.
    const candidates = ids
      ? [...ids]
          .map((id) => this.users.get(id))
          .filter((user): user is UserRecord => user !== undefined)
          .sort((a, b) => a.id - b.id)
      : this.everyone();
    if (!types && !sites && !needle && !expiresBy && !createdOn && !email && !terms) return candidates;
    const result: UserRecord[] = [];
    for (const user of candidates) {
      if (types && !types.has(user.deactivatedOn ? 'inactive' : 'active')) continue;
      if (expiresBy && (user.accessData.accessExpiresAt === null || user.accessData.accessExpiresAt > expiresBy))
        continue;
      if (createdOn && !user.createdAt.startsWith(createdOn)) continue;
      if (email && !lower(user.email).includes(email)) continue;
      if (sites && (user.homeSiteId === null || !sites.has(user.homeSiteId))) continue;
      if (terms && !user.termIds.some((termId) => terms.has(termId))) continue;
      if (
        needle &&
        !lower(user.name).includes(needle) &&
        !lower(user.email).includes(needle) &&
        !lower(user.phone).includes(needle) &&
        !lower(user.employeeCode).includes(needle) &&
        !lower(user.credentialId).includes(needle)
      )
        continue;
      result.push(user);
    }
    return result;
  }

  toApiUser(user: UserRecord): SpintlyUser {
    const expiresAt = user.accessData.accessExpiresAt;
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      phone: user.phone,
      employeeCode: user.employeeCode,
      uniqueId: user.uniqueId,
      isSignedUp: user.isSignedUp,
      createdAt: user.createdAt,
      roles: this.roles.filter((role) => user.roleIds.includes(role.id)),
      cardAssigned: user.credentialId !== null,
      credentialId: user.credentialId,
      accessExpiresAt: expiresAt,
      accessExpired: expiresAt !== null && Date.parse(expiresAt) <= this.now(),
      deactivatedOn: user.deactivatedOn,
      reportingTo: user.reportingTo,
      attributes: this.attributeValues(user),
      homeSiteId: user.homeSiteId,
      accessData: { ...user.accessData },
    };
  }

  /** A person's attribute values as Spintly lists them: attribute id and name, term id and name. */
  attributeValues(user: UserRecord): SpintlyUser['attributes'] {
    return this.attributes.flatMap((attribute) =>
      attribute.terms
        .filter((term) => user.termIds.includes(term.id))
        .map((term) => ({ id: attribute.id, name: attribute.name, termId: term.id, termName: term.name })),
    );
  }

  /** Whether a term id is a value of one of the organisation's attributes. */
  private assertTerms(termIds: readonly number[]) {
    for (const termId of termIds)
      if (!this.attributes.some((attribute) => attribute.terms.some((term) => term.id === termId)))
        throw new ApiError(400, `terms: term ${termId} does not exist`);
  }

  pendingFor(userId: number, accessPointId: number): PendingChange | undefined {
    return this.pending.get(pendingKey(userId, accessPointId));
  }

  hasSyncedPermission(userId: number, accessPointId: number): boolean {
    return this.granted.get(accessPointId)?.has(userId) ?? false;
  }

  /** A person's doors, each in exactly one list: pending (either way), assigned, or not assigned. */
  userPermissions(userId: number, siteIds: number[]) {
    this.user(userId);
    for (const siteId of siteIds) this.site(siteId);
    const sites = new Set(siteIds);
    const permissionAssigned: PermissionItem[] = [];
    const permissionNotAssigned: PermissionItem[] = [];
    const pendingPermissions: PermissionItem[] = [];
    for (const door of this.accessPoints.values()) {
      if (sites.size > 0 && !sites.has(door.siteId)) continue;
      const item = { id: door.id, name: door.name, siteId: door.siteId };
      const pending = this.pendingFor(userId, door.id);
      if (pending) {
        pendingPermissions.push({ ...item, pendingAction: pending.action, pendingSince: iso(pending.since) });
      } else if (this.hasSyncedPermission(userId, door.id)) {
        permissionAssigned.push(item);
      } else {
        permissionNotAssigned.push(item);
      }
    }
    return { permissionAssigned, permissionNotAssigned, pendingPermissions };
  }

  /** Who can open a door, and whose change at it is still pending. */
  doorUsers(accessPointId: number) {
    this.accessPoint(accessPointId);
    const describe = (user: UserRecord): DoorUser => ({
      id: user.id,
      name: user.name,
      email: user.email,
      employeeCode: user.employeeCode,
      homeSiteId: user.homeSiteId,
    });
    const usersWithPendingPermissions: DoorUser[] = [];
    const pendingUsers = new Set<number>();
    for (const change of this.pending.values()) {
      if (change.accessPointId !== accessPointId) continue;
      pendingUsers.add(change.userId);
      usersWithPendingPermissions.push({
        ...describe(this.user(change.userId)),
        pendingAction: change.action,
        pendingSince: iso(change.since),
      });
    }
    const usersWithPermissions = [...(this.granted.get(accessPointId) ?? [])]
      .filter((userId) => !pendingUsers.has(userId))
      .sort((a, b) => a - b)
      .map((userId) => describe(this.user(userId)));
    return { usersWithPermissions, usersWithPendingPermissions };
  }

  // ---- people ----------------------------------------------------------------------------

  private assertUnique(userId: number | null, fields: { email?: string | null; phone?: string | null }) {
    for (const other of this.users.values()) {
      if (other.id === userId) continue;
      if (fields.email && other.email && other.email.toLowerCase() === fields.email.toLowerCase())
        throw new ApiError(409, `Email ${fields.email} is already used by another user`);
      if (fields.phone && other.phone && other.phone === fields.phone)
        throw new ApiError(409, `Phone ${fields.phone} is already used by another user`);
    }
  }

  private assertCardFree(userId: number | null, credentialId: string) {
    const holder = this.cardHolders.get(credentialId.toUpperCase());
    if (holder !== undefined && holder !== userId)
      throw new ApiError(409, `Card ${credentialId} is already assigned to another user (id ${holder})`);
  }

  private assertReferences(input: { roles?: number[]; homeSiteId?: number | null; adminOfSites?: number[] }) {
    for (const roleId of input.roles ?? [])
      if (!this.roles.some((role) => role.id === roleId))
        throw new ApiError(400, `roles: role ${roleId} does not exist`);
    if (input.homeSiteId != null && !this.sites.some((site) => site.id === input.homeSiteId))
      throw new ApiError(400, `homeSiteId: site ${input.homeSiteId} does not exist`);
    for (const siteId of input.adminOfSites ?? [])
      if (!this.sites.some((site) => site.id === siteId))
        throw new ApiError(400, `adminOfSites: site ${siteId} does not exist`);
  }

  private assertDoors(field: string, accessPointIds: readonly number[]) {
    for (const doorId of accessPointIds)
      if (!this.accessPoints.has(doorId)) throw new ApiError(400, `${field}: access point ${doorId} does not exist`);
  }

  createUser(input: CreateUserInput): number {
    this.assertReferences(input);
    this.assertTerms(input.terms ?? []);
    this.assertUnique(null, input);
    if (input.credentialId) this.assertCardFree(null, input.credentialId);
    const { accessPoints = [], ...accessData } = input.accessData ?? {};
    this.assertDoors('accessData.accessPoints', accessPoints);

    const id = this.nextUserId++;
    const user: UserRecord = {
      id,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      employeeCode: input.employeeCode ?? null,
      uniqueId: `U${String(this.orgId)}-${String(id).padStart(6, '0')}`,
      isSignedUp: false,
      createdAt: iso(this.now()),
      roleIds: input.roles && input.roles.length > 0 ? [...input.roles] : [this.roles[0]!.id],
      credentialId: null,
      accessData: { ...DEFAULT_ACCESS_DATA, ...accessData },
      deactivatedOn: null,
      reportingTo: input.reportingTo ?? null,
      homeSiteId: input.homeSiteId ?? null,
      joiningDate: input.joiningDate ?? null,
      adminOfSites: input.adminOfSites ?? [],
      termIds: [...new Set(input.terms ?? [])],
    };
    this.users.set(id, user);
    if (input.credentialId) this.setCard(user, input.credentialId);
    for (const doorId of accessPoints) this.requestChange(id, doorId, 'grant');
    return id;
  }

  /** Applies every change or none: all ids and conflicts are checked before anything is written. */
  updateUsers(changes: UpdateUserInput[]): number[] {
    for (const change of changes) {
      this.user(change.id);
      this.assertReferences(change);
      this.assertTerms(change.terms ?? []);
      this.assertUnique(change.id, change);
      if (change.credentialId) this.assertCardFree(change.id, change.credentialId);
      this.assertDoors('accessData.accessPoints', change.accessData?.accessPoints ?? []);
    }
    for (const change of changes) {
      const user = this.user(change.id);
      const { id: _id, deactivateUser, accessData, credentialId, roles, terms, ...fields } = change;
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
      }
      if (roles) user.roleIds = [...roles];
      if (terms) user.termIds = [...new Set(terms)];
      if (accessData) {
        const { accessPoints = [], ...modes } = accessData;
        user.accessData = { ...user.accessData, ...modes };
        for (const doorId of accessPoints) this.requestChange(user.id, doorId, 'grant');
      }
      if (credentialId !== undefined) {
        if (user.credentialId) this.cardHolders.delete(user.credentialId.toUpperCase());
        user.credentialId = null;
        if (credentialId) this.setCard(user, credentialId);
      }
      if (deactivateUser === true && !user.deactivatedOn) user.deactivatedOn = iso(this.now());
      if (deactivateUser === false) user.deactivatedOn = null;
    }
    return changes.map((change) => change.id);
  }

  deleteUsers(userIds: number[]): number[] {
    const missing = userIds.filter((userId) => !this.users.has(userId));
    if (missing.length > 0) throw new ApiError(404, `Users not found: ${missing.join(', ')}`);
    for (const userId of userIds) {
      const user = this.user(userId);
      if (user.credentialId) this.cardHolders.delete(user.credentialId.toUpperCase());
      this.users.delete(userId);
      this.listed = null;
      for (const holders of this.granted.values()) holders.delete(userId);
      for (const [key, change] of this.pending) if (change.userId === userId) this.pending.delete(key);
      for (const [id, meeting] of this.meetings) if (meeting.userId === userId) this.meetings.delete(id);
    }
    return userIds;
  }

  // ---- cards -----------------------------------------------------------------------------

  /** Puts a card on a person without checks; callers check first (the seed has unique cards by construction). */
  setCard(user: UserRecord, credentialId: string) {
    user.credentialId = credentialId;
    this.cardHolders.set(credentialId.toUpperCase(), user.id);
  }

  cardHolder(credentialId: string): number | undefined {
    return this.cardHolders.get(credentialId.toUpperCase());
  }

  assignCard(userId: number, credentialId: string) {
    const user = this.user(userId);
    this.assertCardFree(userId, credentialId);
    if (user.credentialId && user.credentialId.toUpperCase() !== credentialId.toUpperCase())
      throw new ApiError(409, `User ${userId} already has card ${user.credentialId}; unassign it first`);
    this.setCard(user, credentialId);
    return { userId, credentialId };
  }

  /** Taking back a card a person does not have is a no-op, so a retried unassign converges. [assumed] */
  unassignCard(userId: number) {
    const user = this.user(userId);
    if (user.credentialId) this.cardHolders.delete(user.credentialId.toUpperCase());
    user.credentialId = null;
    return { userId, credentialId: null };
  }

  // ---- permissions -----------------------------------------------------------------------

  /**
   * Records a change for the door's reader to sync. Asking for the state the reader already has cancels any
   * pending change instead, so sending the same change twice converges on the same state.
   */
  requestChange(userId: number, accessPointId: number, action: PendingAction) {
    const key = pendingKey(userId, accessPointId);
    const synced = this.hasSyncedPermission(userId, accessPointId);
    if ((action === 'grant') === synced) {
      this.pending.delete(key);
      return;
    }
    if (this.pending.get(key)?.action === action) return;
    this.pending.set(key, { userId, accessPointId, action, since: this.now() });
  }

  cancelPending(userId: number, accessPointId: number) {
    this.pending.delete(pendingKey(userId, accessPointId));
  }

  /** One door's changes for many people: the door-side PATCH. */
  changeDoorUsers(accessPointId: number, patch: PermissionPatch) {
    this.accessPoint(accessPointId);
    this.applyPatch(patch, {
      exists: (userId) => this.users.has(userId),
      missing: 'Users not found',
      noun: 'user',
      pair: (userId) => [userId, accessPointId],
    });
  }

  /** One person's changes at many doors: the user-side PATCH. */
  changeUserDoors(userId: number, patch: PermissionPatch) {
    this.user(userId);
    this.applyPatch(patch, {
      exists: (doorId) => this.accessPoints.has(doorId),
      missing: 'Access points not found',
      noun: 'access point',
      pair: (doorId) => [userId, doorId],
    });
  }

  /** Checks every id first (all or nothing), then cancels, grants and revokes as pending changes. */
  private applyPatch(
    patch: PermissionPatch,
    side: { exists: (id: number) => boolean; missing: string; noun: string; pair: (id: number) => [number, number] },
  ) {
    const { permissionsToAdd = [], permissionsToRemove = [], pendingPermissionsToRemove = [] } = patch;
    const all = [...permissionsToAdd, ...permissionsToRemove, ...pendingPermissionsToRemove];
    const missing = [...new Set(all.filter((id) => !side.exists(id)))];
    if (missing.length > 0) throw new ApiError(404, `${side.missing}: ${missing.join(', ')}`);
    assertDisjoint(permissionsToAdd, permissionsToRemove, side.noun);
    for (const id of pendingPermissionsToRemove) this.cancelPending(...side.pair(id));
    for (const id of permissionsToAdd) this.requestChange(...side.pair(id), 'grant');
    for (const id of permissionsToRemove) this.requestChange(...side.pair(id), 'revoke');
  }

  // ---- visitor meetings -----------------------------------------------------------------

  private assertWindow(startTime: number, endTime: number) {
    if (endTime <= startTime) throw new ApiError(400, 'endTime: must be after startTime');
  }

  meeting(meetingId: number): Meeting {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) throw new ApiError(404, `Meeting ${meetingId} not found`);
    return meeting;
  }

  createMeeting(input: { userId: number; startTime: number; endTime: number; permissionsToAdd: number[] }): number {
    if (!this.users.has(input.userId)) throw new ApiError(400, `userId: user ${input.userId} does not exist`);
    this.assertWindow(input.startTime, input.endTime);
    this.assertDoors('permissionsToAdd', input.permissionsToAdd);
    if (this.user(input.userId).deactivatedOn)
      throw new ApiError(409, `User ${input.userId} is deactivated; activate them before a meeting`);
    const id = this.nextMeetingId++;
    this.meetings.set(id, {
      id,
      userId: input.userId,
      startTime: input.startTime,
      endTime: input.endTime,
      accessPointIds: [...new Set(input.permissionsToAdd)],
      createdAt: iso(this.now()),
    });
    return id;
  }

  updateMeeting(
    meetingId: number,
    patch: { startTime?: number; endTime?: number; permissionsToAdd?: number[]; permissionsToRemove?: number[] },
  ) {
    const meeting = this.meeting(meetingId);
    const startTime = patch.startTime ?? meeting.startTime;
    const endTime = patch.endTime ?? meeting.endTime;
    this.assertWindow(startTime, endTime);
    this.assertDoors('permissionsToAdd', patch.permissionsToAdd ?? []);
    assertDisjoint(patch.permissionsToAdd, patch.permissionsToRemove, 'access point');
    const removing = new Set(patch.permissionsToRemove ?? []);
    const doors = new Set([
      ...meeting.accessPointIds.filter((d) => !removing.has(d)),
      ...(patch.permissionsToAdd ?? []),
    ]);
    if (doors.size === 0) throw new ApiError(400, 'permissionsToRemove: a meeting needs at least one door');
    Object.assign(meeting, { startTime, endTime, accessPointIds: [...doors] });
  }

  /** Ends a meeting at once: its QR stops opening doors. */
  deleteMeeting(meetingId: number) {
    this.meeting(meetingId);
    this.meetings.delete(meetingId);
  }

  findMeetings(filters: { userIds?: number[] | undefined; from?: number | undefined; to?: number | undefined }) {
    const users = filters.userIds && filters.userIds.length > 0 ? new Set(filters.userIds) : null;
    return [...this.meetings.values()].filter(
      (m) =>
        (!users || users.has(m.userId)) &&
        (filters.from === undefined || m.endTime > filters.from) &&
        (filters.to === undefined || m.startTime < filters.to),
    );
  }

  /** A meeting of this user open now at this door: its QR opens it, no reader sync needed [assumed]. */
  private meetingOpens(userId: number, accessPointId: number): boolean {
    const nowS = this.now() / 1000;
    for (const m of this.meetings.values())
      if (m.userId === userId && m.startTime <= nowS && nowS < m.endTime && m.accessPointIds.includes(accessPointId))
        return true;
    return false;
  }

  // ---- readers ---------------------------------------------------------------------------

  setReaderOnline(accessPointId: number, online: boolean) {
    this.accessPoint(accessPointId);
    const reader = this.readers.get(accessPointId)!;
    if (online && !reader.online) reader.onlineSince = this.now();
    reader.online = online;
  }

  /** Applies pending changes whose online reader has had `syncMs` to pick them up (or all of them when `force`). */
  syncDue(force = false): number {
    const now = this.now();
    let applied = 0;
    for (const [key, change] of this.pending) {
      const reader = this.readers.get(change.accessPointId);
      if (!reader?.online) continue;
      if (!force && now < Math.max(change.since, reader.onlineSince) + this.syncMs) continue;
      let holders = this.granted.get(change.accessPointId);
      if (!holders) this.granted.set(change.accessPointId, (holders = new Set()));
      if (change.action === 'grant') holders.add(change.userId);
      else holders.delete(change.userId);
      this.pending.delete(key);
      applied++;
    }
    return applied;
  }

  // ---- access events ---------------------------------------------------------------------

  /** Would this person's tap open this door right now? Judged on what the reader has synced. */
  decideAccess(user: UserRecord, door: AccessPoint, accessType: AccessEvent['accessType']): boolean {
    const expiresAt = user.accessData.accessExpiresAt;
    if (user.deactivatedOn) return false;
    if (expiresAt !== null && Date.parse(expiresAt) <= this.now()) return false;
    // A visitor's QR (shown in the app: a mobile tap) opens a meeting's doors inside its window only.
    if (accessType === 'mobile' && this.meetingOpens(user.id, door.id)) return true;
    if (accessType === 'card' && (!user.credentialId || !user.accessData.card)) return false;
    if (accessType === 'mobile' && !user.accessData.mobile) return false;
    if (accessType === 'fingerprint' && !user.accessData.fingerprint) return false;
    return this.hasSyncedPermission(user.id, door.id);
  }

  recordEvent(
    user: UserRecord,
    door: AccessPoint,
    accessType: AccessEvent['accessType'],
    direction: AccessEvent['direction'],
    atMs: number,
    granted: boolean,
  ): AccessEvent {
    const site = this.sites.find((s) => s.id === door.siteId);
    const event: AccessEvent = {
      id: this.nextEventId++,
      accessorId: user.id,
      accessedAt: Math.floor(atMs / 1000),
      direction,
      accessType,
      mobileAccessMode: accessType === 'mobile' ? 'tapToAccess' : null,
      createdAt: iso(atMs),
      user: { id: user.id, name: user.name, employeeCode: user.employeeCode },
      accessPoint: { id: door.id, name: door.name, location: site?.location ?? null },
      granted,
    };
    this.events.push(event);
    return event;
  }

  /** A simulated tap at a door: decided, recorded, returned. */
  tap(userId: number, accessPointId: number, accessType: AccessEvent['accessType']): AccessEvent {
    const user = this.user(userId);
    const door = this.accessPoint(accessPointId);
    return this.recordEvent(user, door, accessType, 'entry', this.now(), this.decideAccess(user, door, accessType));
  }

  // ---- control ---------------------------------------------------------------------------

  /** Everything the sandbox holds, for tests to check what an action really changed. */
  snapshot() {
    return {
      orgId: this.orgId,
      sites: this.sites,
      accessPoints: [...this.accessPoints.values()],
      roles: this.roles,
      users: [...this.users.values()].map((user) => this.toApiUser(user)),
      cards: [...this.users.values()]
        .filter((user) => user.credentialId)
        .map((user) => ({ credentialId: user.credentialId, userId: user.id })),
      permissions: [...this.granted.entries()]
        .map(([accessPointId, holders]) => ({ accessPointId, userIds: [...holders].sort((a, b) => a - b) }))
        .filter((entry) => entry.userIds.length > 0)
        .sort((a, b) => a.accessPointId - b.accessPointId),
      pending: [...this.pending.values()].map((change) => ({ ...change, since: iso(change.since) })),
      readers: [...this.readers.entries()].map(([accessPointId, reader]) => ({ accessPointId, online: reader.online })),
      accessEvents: this.events.length,
      meetings: [...this.meetings.values()],
      clock: iso(this.now()),
    };
  }
}

function assertDisjoint(add: number[] | undefined, remove: number[] | undefined, noun: string) {
  const removing = new Set(remove ?? []);
  const both = (add ?? []).filter((value) => removing.has(value));
  if (both.length > 0)
    throw new ApiError(400, `permissionsToAdd and permissionsToRemove both name ${noun} ${both.join(', ')}`);
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
