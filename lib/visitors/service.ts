import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { refreshPeople } from '../directory';
import { portalEnv } from '../env';
import { instantAt } from '../format';
import { toE164 } from '../core/phone';
import type { SpintlyClient } from '../spintly/client';
import type { SpintlyUser } from '../spintly/contract';
import { SpintlyError } from '../spintly/errors';
import type { RegisterVisitorInput } from '../validation/visitors';
import { visitorRoleId } from './role';
import { getVisit, insertVisit, otherOpenVisits, updateVisit, visitByKey, type Visit } from './store';
import { Refusal } from '../core/refusal';
import { takeAway } from '../core/holders';
import { endSourceRecords, recordSourceGrants, type Granter } from '../grants/store';

type Client = Pick<
  SpintlyClient,
  | 'listRoles'
  | 'findByIdentity'
  | 'createUser'
  | 'updateUsers'
  | 'activateUsers'
  | 'deactivateUsers'
  | 'getUser'
  | 'createMeeting'
  | 'updateMeeting'
  | 'deleteMeeting'
  | 'assignCard'
  | 'unassignCard'
  | 'userPermissions'
  | 'changeUserDoors'
>;

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A visitor's window from the form: the day and time in the portal's zone, for whole hours, at most VISITOR_MAX_HOURS. */
export function visitWindow(input: Pick<RegisterVisitorInput, 'day' | 'from' | 'hours'>, now = Date.now()) {
  const { display, visitors } = portalEnv();
  if (input.hours > visitors.maxHours)
    throw new Refusal(`A visit lasts at most ${visitors.maxHours} hours.`, { field: 'hours' });
  const start = instantAt(input.day, input.from, display.timeZone);
  const end = new Date(start.getTime() + input.hours * 3_600_000);
  if (end.getTime() <= now) throw new Refusal('This window is already over. Choose a later time.', { field: 'from' });
  return { startsAt: start.toISOString(), endsAt: end.toISOString() };
}

/**
 * The visitor as a Spintly user: a returning visitor (same phone in E.164) is reused — activated again, name and
 * home site brought up to date — and a new one is created with the visitor role. A phone that belongs to a member
 * is refused: members need no visitor pass.
 */
async function ensureVisitor(
  client: Client,
  input: { name: string; phone: string; email: string | undefined; siteId: number },
): Promise<SpintlyUser | { id: number; name: string }> {
  const roleId = await visitorRoleId(client);
  const found = (await client.findByIdentity({ phone: input.phone })).map((f) => f.user);
  const member = found.find((u) => !u.roles.some((r) => r.id === roleId));
  if (member)
    throw new Refusal(
      `This phone number belongs to ${member.name}, a member. Members open doors with their own access; find them at the front desk.`,
      { field: 'phone' },
    );
  const returning = found[0];
  if (returning) {
    const changes = {
      ...(returning.name !== input.name && { name: input.name }),
      ...(input.email && returning.email !== input.email && { email: input.email }),
      ...(returning.homeSiteId !== input.siteId && { homeSiteId: input.siteId }),
    };
    if (Object.keys(changes).length > 0) await client.updateUsers([{ id: returning.id, ...changes }]);
    if (returning.deactivatedOn !== null) await client.activateUsers([returning.id]);
    return returning;
  }
  const { userId } = await client.createUser({
    name: input.name,
    phone: input.phone,
    ...(input.email && { email: input.email }),
    roles: [roleId],
    homeSiteId: input.siteId,
    // A visitor opens doors with the QR of their meeting (the app) or a lent card; nothing else.
    accessData: { mobile: true, card: true, fingerprint: false, faceAccess: false, remoteAccess: false, gps: false },
  });
  return { id: userId, name: input.name };
}

/**
 * Registers a visit, resumably: the visit is written (once per request key) as soon as the visitor exists, then the
 * meeting and the card are added, each step only if not done yet. A registration that failed half-way (Spintly did
 * not answer) is finished by sending the same form again, never doubled: the visitor is found by phone, the meeting
 * by the client's look before it retries.
 */
export async function registerVisit(
  db: Kysely<Database>,
  client: Client,
  input: RegisterVisitorInput & { hostName: string; createdBy: string; createdByName?: string },
): Promise<{ visit: Visit; reusedVisitor: boolean }> {
  const phone = toE164(input.phone, portalEnv().imports.defaultCountry);
  if (!phone)
    throw new Refusal('Enter a phone number the visitor can be reached on, e.g. +91 98450 12345.', { field: 'phone' });
  let visit = await visitByKey(db, input.requestKey);
  // A key is the form's own: sent again by its operator for its site, it resumes; anything else is refused.
  if (visit && (visit.createdBy !== input.createdBy || visit.siteId !== input.siteId))
    throw new Refusal('This form was already used for another visit. Reload the page to register a new one.');
  let reusedVisitor = false;
  if (!visit) {
    const window = visitWindow(input);
    const visitor = await ensureVisitor(client, { name: input.name, phone, email: input.email, siteId: input.siteId });
    reusedVisitor = 'roles' in visitor;
    visit = await insertVisit(db, {
      requestKey: input.requestKey,
      visitorId: visitor.id,
      visitorName: input.name,
      visitorPhone: phone,
      visitorEmail: input.email ?? null,
      hostId: input.hostId,
      hostName: input.hostName,
      siteId: input.siteId,
      ...window,
      doorIds: [...new Set(input.doorIds)],
      createdBy: input.createdBy,
      noticeVersion: input.noticeVersion,
      noticeAcceptedAt: new Date().toISOString(),
    });
  }
  if (visit.meetingId === null) {
    const { meetingId } = await client.createMeeting({
      userId: visit.visitorId,
      startTime: seconds(visit.startsAt),
      endTime: seconds(visit.endsAt),
      doorIds: visit.doorIds,
    });
    await updateVisit(db, visit.id, { meetingId });
    visit = { ...visit, meetingId };
  }
  if (input.card && visit.card === null) {
    await lendCard(db, client, visit, input.card, { id: input.createdBy, name: input.createdByName ?? null });
    await updateVisit(db, visit.id, { card: input.card });
    visit = { ...visit, card: input.card };
  }
  await refreshPeople([visit.visitorId]);
  return { visit, reusedVisitor };
}

/**
 * A meeting opens doors by QR only, so a visitor with a card from the desk also gets the visit's doors as
 * permissions (recorded as grants from the visit: they end with it), and an access expiry at the visit's end: the
 * card stops working then even if nobody ends the visit.
 */
async function lendCard(db: Kysely<Database>, client: Client, visit: Visit, card: string, by: Granter) {
  await client.assignCard(visit.visitorId, card);
  await client.changeUserDoors(visit.visitorId, { permissionsToAdd: visit.doorIds });
  await recordSourceGrants(db, by, { personId: visit.visitorId, doorIds: visit.doorIds, ...fromVisit(visit) });
  await client.updateUsers([{ id: visit.visitorId, accessData: { card: true, accessExpiresAt: visit.endsAt } }]);
}

const fromVisit = (visit: Pick<Visit, 'id'>) => ({ source: 'visit' as const, sourceId: visit.id });

/** Longer by `hours`, within VISITOR_MAX_HOURS from its start: the meeting, and a lent card's expiry. */
export async function extendVisit(db: Kysely<Database>, client: Client, visit: Visit, hours: number) {
  const { maxHours } = portalEnv().visitors;
  const endsAt = new Date(Date.parse(visit.endsAt) + hours * 3_600_000).toISOString();
  if (Date.parse(endsAt) - Date.parse(visit.startsAt) > maxHours * 3_600_000)
    throw new Refusal(`A visit lasts at most ${maxHours} hours.`, { field: 'hours' });
  if (visit.meetingId !== null) await client.updateMeeting(visit.meetingId, { endTime: seconds(endsAt) });
  if (visit.card) await client.updateUsers([{ id: visit.visitorId, accessData: { accessExpiresAt: endsAt } }]);
  await updateVisit(db, visit.id, { endsAt });
  return { ...visit, endsAt };
}

/** Other doors for the rest of the visit: the meeting's, and a lent card's permissions (and their grants). */
export async function changeVisitDoors(
  db: Kysely<Database>,
  client: Client,
  visit: Visit,
  doorIds: number[],
  by: Granter = { id: null, name: null },
) {
  const next = [...new Set(doorIds)];
  const add = next.filter((d) => !visit.doorIds.includes(d));
  const remove = visit.doorIds.filter((d) => !next.includes(d));
  if (add.length === 0 && remove.length === 0) return visit;
  if (visit.meetingId !== null)
    await client.updateMeeting(visit.meetingId, {
      ...(add.length > 0 && { permissionsToAdd: add }),
      ...(remove.length > 0 && { permissionsToRemove: remove }),
    });
  if (visit.card) {
    await client.changeUserDoors(visit.visitorId, {
      ...(add.length > 0 && { permissionsToAdd: add }),
      ...(remove.length > 0 && { permissionsToRemove: remove }),
    });
    await recordSourceGrants(db, by, { personId: visit.visitorId, doorIds: add, ...fromVisit(visit) });
    await endSourceRecords(db, fromVisit(visit), 'revoked', remove);
  }
  await updateVisit(db, visit.id, { doorIds: next });
  return { ...visit, doorIds: next };
}

/**
 * Ends a visit: the meeting deleted (its QR stops at once), a lent card taken back with the doors it was given, and
 * the visitor deactivated unless another visit of theirs is still open. Each step reads or tolerates what is already
 * done, so ending twice (a retry, the expiry task after "End now") changes nothing more.
 */
export async function endVisit(
  db: Kysely<Database>,
  client: Client,
  visit: Visit,
  how: 'ended' | 'expired',
  now = new Date(),
) {
  if (visit.meetingId !== null)
    await client.deleteMeeting(visit.meetingId).catch((error: unknown) => {
      if (!(error instanceof SpintlyError && error.kind === 'not_found')) throw error;
    });
  const visitor = await client.getUser(visit.visitorId);
  if (visitor) {
    if (visit.card && visitor.credentialId?.toUpperCase() === visit.card.toUpperCase())
      await client.unassignCard(visitor.id);
    if (visit.card) {
      // The visit's doors only: anything else the person holds was given for another reason.
      const doors = takeAway(await client.userPermissions(visitor.id), visit.doorIds);
      if (doors) {
        const { count: _count, ...patch } = doors;
        await client.changeUserDoors(visitor.id, patch);
      }
    }
    if (visitor.deactivatedOn === null && (await otherOpenVisits(db, visit)) === 0)
      await client.deactivateUsers([visitor.id]);
  }
  await endSourceRecords(db, fromVisit(visit), how === 'expired' ? 'expired' : 'revoked', undefined, now);
  await updateVisit(db, visit.id, { endedAt: now.toISOString(), endedHow: how });
  await refreshPeople([visit.visitorId]);
  return (await getVisit(db, visit.id))!;
}
