/**
 * Builds the sandbox's organisation from a seed: the same seed, sizes and clock give the same world.
 * Shaped like a coworking operator: a few sites, a dozen or more doors each, hundreds of members with a home
 * site, some deactivated or expiring, about 40% holding a card, door permissions, a few changes still pending
 * on offline readers, and 30 days of access history.
 */
import { COMPANIES, COMPANY_DOMAINS, DOOR_NAMES, FIRST_NAMES, LAST_NAMES, ROLES, SITES } from './names';
import { createRandom, type Random } from './random';
import { DEFAULT_ACCESS_DATA, World, iso, type UserRecord } from './world';

export interface SeedOptions {
  orgId: number;
  seed: number;
  users: number;
  sites: number;
  doorsPerSite: number;
  syncMs: number;
  /** Events of access history over the last 30 days; default: 4 per person, at most 60,000. */
  historyEvents?: number | undefined;
  now: () => number;
}

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 30;
/** History grows with the organisation but stays bounded, so a 20,000-person world still builds in well under 5 s. */
const MAX_HISTORY_EVENTS = 60_000;
const FIRST_USER_ID = 1001;
const FIRST_DOOR_ID = 501;

export function buildWorld(options: SeedOptions): World {
  const random = createRandom(options.seed);
  // All seeded timestamps hang off the start of the current hour, so a world is stable within a test run.
  const anchor = Math.floor(options.now() / 3_600_000) * 3_600_000;
  const world = new World(options.orgId, options.syncMs, options.now);

  ROLES.forEach((name, index) => world.roles.push({ id: index + 1, name }));
  seedSites(world, random, options, anchor);
  seedAttributes(world);
  seedUsers(world, random, options, anchor);
  seedPermissions(world, random);
  seedOfflineReaders(world, random, anchor);
  seedHistory(world, random, anchor, options.historyEvents);
  return world;
}

function seedSites(world: World, random: Random, options: SeedOptions, anchor: number) {
  let doorId = FIRST_DOOR_ID;
  for (let s = 0; s < options.sites; s++) {
    const template = SITES[s % SITES.length]!;
    const round = Math.floor(s / SITES.length);
    const created = iso(anchor - random.int(200, 900) * DAY_MS);
    const siteId = s + 1;
    world.sites.push({
      id: siteId,
      name: round === 0 ? template.name : `${template.name} ${round + 1}`,
      location: template.location,
      createdAt: created,
      updatedAt: created,
    });
    for (let d = 0; d < options.doorsPerSite; d++) {
      const base = DOOR_NAMES[d % DOOR_NAMES.length]!;
      const floor = Math.floor(d / DOOR_NAMES.length);
      const doorCreated = iso(Date.parse(created) + random.int(0, 30) * DAY_MS);
      world.accessPoints.set(doorId, {
        id: doorId,
        name: floor === 0 ? base : `${base} · Floor ${floor + 1}`,
        siteId,
        createdAt: doorCreated,
        updatedAt: doorCreated,
      });
      world.readers.set(doorId, { online: true, onlineSince: 0 });
      doorId++;
    }
  }
}

/** The attribute "Company" with its values (term ids from 101). */
export const COMPANY_ATTRIBUTE_ID = 1;
export const FIRST_COMPANY_TERM = 101;
function seedAttributes(world: World) {
  world.attributes.push({
    id: COMPANY_ATTRIBUTE_ID,
    name: 'Company',
    terms: COMPANIES.map((name, i) => ({ id: FIRST_COMPANY_TERM + i, name })),
  });
}

/**
 * Nine in ten people work for a client company, each company at one site while there are companies enough (four per
 * site in turn); the rest are the operator's own members. Worked out from the person's index, not drawn: drawing
 * would shift every later random choice, and tests rely on the seeded people.
 */
function companyOf(index: number, sites: number): number[] {
  if (index % 10 === 9) return [];
  const slot = (index % sites) + sites * (Math.floor(index / sites) % 4);
  return [FIRST_COMPANY_TERM + (slot % COMPANIES.length)];
}

function seedUsers(world: World, random: Random, options: SeedOptions, anchor: number) {
  const usedEmails = new Set<string>();
  const usedCards = new Set<string>();
  for (let i = 0; i < options.users; i++) {
    const id = FIRST_USER_ID + i;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const domain = random.pick(COMPANY_DOMAINS);
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);

    const site = world.sites[i % world.sites.length]!;
    const roleRoll = random.next();
    const roleId = roleRoll < 0.02 ? 2 : roleRoll < 0.03 ? 4 : roleRoll < 0.06 ? 5 : 1;
    const expiresRoll = random.next();
    const accessExpiresAt =
      expiresRoll < 0.04
        ? iso(anchor - random.int(1, 60) * DAY_MS)
        : expiresRoll < 0.12
          ? iso(anchor + random.int(5, 120) * DAY_MS)
          : null;

    let credentialId: string | null = null;
    if (random.chance(0.4)) {
      do credentialId = String(random.int(1_000_000_000, 4_294_967_295));
      while (usedCards.has(credentialId));
      usedCards.add(credentialId);
    }

    const createdAt = iso(anchor - random.int(1, 700) * DAY_MS - random.int(0, 86_399) * 1000);
    const user: UserRecord = {
      id,
      name: `${first} ${last}`,
      email,
      // 10-digit Indian mobile numbers, unique by construction.
      phone: `+91${String(9_000_000_000 + i * 7919 + random.int(0, 7918))}`,
      employeeCode: `${site.name.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(5, '0')}`,
      uniqueId: `U${String(world.orgId)}-${String(id).padStart(6, '0')}`,
      isSignedUp: random.chance(0.7),
      createdAt,
      roleIds: [roleId],
      credentialId: null,
      accessData: { ...DEFAULT_ACCESS_DATA, remoteAccess: random.chance(0.2), accessExpiresAt },
      deactivatedOn: random.chance(0.08) ? iso(anchor - random.int(1, 90) * DAY_MS) : null,
      reportingTo: null,
      homeSiteId: site.id,
      joiningDate: createdAt.slice(0, 10),
      adminOfSites: roleId === 2 ? [site.id] : [],
      termIds: companyOf(i, world.sites.length),
    };
    world.users.set(id, user);
    if (credentialId) world.setCard(user, credentialId);
  }
  world.nextUserId = FIRST_USER_ID + options.users;
}

/** Everyone opens their home site's first two doors; most get a few more of that site. */
function seedPermissions(world: World, random: Random) {
  const doorsBySite = new Map<number, number[]>();
  for (const door of world.accessPoints.values()) {
    const list = doorsBySite.get(door.siteId) ?? [];
    list.push(door.id);
    doorsBySite.set(door.siteId, list);
  }
  for (const door of world.accessPoints.values()) world.granted.set(door.id, new Set());
  for (const user of world.users.values()) {
    const doors = doorsBySite.get(user.homeSiteId ?? -1) ?? [];
    const extra = random.sample(doors.slice(2), random.int(0, 4));
    for (const doorId of [...doors.slice(0, 2), ...extra]) world.granted.get(doorId)!.add(user.id);
  }
}

/** One door per site has an offline reader holding a few changes that cannot sync until it comes back. */
function seedOfflineReaders(world: World, random: Random, anchor: number) {
  const people = [...world.users.values()];
  for (const site of world.sites) {
    const doors = [...world.accessPoints.values()].filter((door) => door.siteId === site.id);
    const door = doors[doors.length - 1];
    if (!door || people.length === 0) continue;
    world.readers.set(door.id, { online: false, onlineSince: 0 });
    for (const user of random.sample(people, 3)) {
      const action = world.hasSyncedPermission(user.id, door.id) ? 'revoke' : 'grant';
      world.pending.set(`${door.id}:${user.id}`, {
        userId: user.id,
        accessPointId: door.id,
        action,
        since: anchor - random.int(1, 48) * 3_600_000,
      });
    }
  }
}

function seedHistory(world: World, random: Random, anchor: number, events?: number) {
  const people = [...world.users.values()].filter((user) => !user.deactivatedOn);
  if (people.length === 0) return;
  const count = events ?? Math.min(people.length * 4, MAX_HISTORY_EVENTS);
  const doorsBySite = new Map<number, ReturnType<World['accessPoint']>[]>();
  for (const door of world.accessPoints.values()) {
    const list = doorsBySite.get(door.siteId) ?? [];
    list.push(door);
    doorsBySite.set(door.siteId, list);
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(anchor - random.int(0, HISTORY_DAYS * 86_400 - 1) * 1000);
  times.sort((a, b) => a - b);
  for (const at of times) {
    const user = random.pick(people);
    const doors = doorsBySite.get(user.homeSiteId ?? -1);
    if (!doors || doors.length === 0) continue;
    const door = random.chance(0.7) ? doors[0]! : random.pick(doors);
    const accessType =
      user.credentialId && random.chance(0.6) ? 'card' : random.chance(0.95) ? 'mobile' : 'fingerprint';
    const granted = world.hasSyncedPermission(user.id, door.id) && random.chance(0.98);
    world.recordEvent(user, door, accessType, random.chance(0.55) ? 'entry' : 'exit', at, granted);
  }
}
