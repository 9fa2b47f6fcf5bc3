/**
 * What each endpoint of the contract does to the sandbox's world. The HTTP layer (server.ts) has already
 * authenticated the caller, checked the organisation and validated the body against the contract's schema.
 */
import type { z } from 'zod';
import { type endpoints, type EndpointAnswer, type EndpointName } from '../lib/spintly/contract';
import { ApiError, paginate, type World } from './world';

export interface RouteContext<N extends EndpointName> {
  params: Record<string, number>;
  body: z.output<(typeof endpoints)[N]['body']>;
  world: World;
}

type Handlers = { [N in EndpointName]: (ctx: RouteContext<N>) => EndpointAnswer<N> };

const param = (params: Record<string, number>, name: string): number => {
  const value = params[name];
  if (value === undefined) throw new ApiError(400, `missing path parameter ${name}`);
  return value;
};

export const handlers: Handlers = {
  listSites: ({ body, world }) => {
    const { items, pagination } = paginate(world.sites, body.pagination.page, body.pagination.perPage);
    return { sites: items, pagination };
  },

  listAccessPoints: ({ params, body, world }) => {
    const doors = world.doorsOfSite(param(params, 'siteId'), body.filters?.search);
    const { items, pagination } = paginate(doors, body.pagination.page, body.pagination.perPage);
    return { accessPoints: items, pagination };
  },

  listRoles: ({ world }) => ({ roles: world.roles }),

  listUsers: ({ body, world }) => {
    const found = world.findUsers(body.filters ?? {});
    const { items, pagination } = paginate(found, body.pagination.page, body.pagination.perPage);
    return { users: items.map((user) => world.toApiUser(user)), pagination };
  },

  createUser: ({ body, world }) => ({ userIds: [world.createUser(body)] }),

  updateUsers: ({ body, world }) => ({ userIds: world.updateUsers(body.users) }),

  deleteUsers: ({ body, world }) => ({ userIds: world.deleteUsers(body.userIds) }),

  userPermissions: ({ params, body, world }) => world.userPermissions(param(params, 'userId'), body.sites),

  doorUsers: ({ params, world }) => world.doorUsers(param(params, 'accessPointId')),

  patchDoorUsers: ({ params, body, world }) => {
    world.changeDoorUsers(param(params, 'accessPointId'), body);
    return { text: 'Permissions updated; readers will sync the change' };
  },

  patchUserDoors: ({ params, body, world }) => {
    world.changeUserDoors(param(params, 'userId'), body);
    return { text: 'Permissions updated; readers will sync the change' };
  },

  assignCard: ({ params, body, world }) => world.assignCard(param(params, 'userId'), body.credentialId),

  unassignCard: ({ params, world }) => world.unassignCard(param(params, 'userId')),

  // The second card shape: the same card rules (409 held by someone else, 404 unknown person, 400 bad number).
  assignCredential: ({ params, body, world }) => world.assignCard(param(params, 'userId'), body.cardId),

  unassignCredential: ({ params, world }) => world.unassignCard(param(params, 'userId')),

  listAllAccessPoints: ({ world }) => ({
    accessPoints: [...world.accessPoints.values()].map(({ id, name, siteId }) => ({ id, name, siteId })),
  }),

  createMeeting: ({ body, world }) => ({ meetingId: world.createMeeting(body) }),

  updateMeeting: ({ params, body, world }) => {
    world.updateMeeting(param(params, 'meetingId'), body);
    return { text: 'Meeting updated' };
  },

  deleteMeeting: ({ params, world }) => {
    world.deleteMeeting(param(params, 'meetingId'));
    return { text: 'Meeting cancelled' };
  },

  listMeetings: ({ body, world }) => {
    const { items, pagination } = paginate(
      world.findMeetings(body.filters ?? {}),
      body.pagination.page,
      body.pagination.perPage,
    );
    return { meetings: items, pagination };
  },

  accessHistory: ({ body, world }) => {
    const { start, end, accessPoints, users, direction, terms } = body.filters;
    const from = parseHistoryTime(start);
    const to = parseHistoryTime(end);
    if (from > to) throw new ApiError(400, 'filters.start must not be after filters.end');
    const doors = accessPoints && accessPoints.length > 0 ? new Set(accessPoints) : null;
    const people = users && users.length > 0 ? new Set(users) : null;
    const termSet = terms && terms.length > 0 ? new Set(terms) : null;
    const holdsTerm = (accessorId: number) =>
      world.users.get(accessorId)?.termIds.some((termId) => termSet!.has(termId)) ?? false;
    // Events are kept in time order: find the window by binary search, then filter only inside it.
    const first = firstIndexAtOrAfter(world.events, from);
    const last = firstIndexAtOrAfter(world.events, to + 1);
    const matching: typeof world.events = [];
    for (let i = last - 1; i >= first; i--) {
      const event = world.events[i]!;
      if (
        (!doors || doors.has(event.accessPoint.id)) &&
        (!people || people.has(event.accessorId)) &&
        (!direction || event.direction === direction) &&
        (!termSet || holdsTerm(event.accessorId))
      )
        matching.push(event);
    }
    const { items, pagination } = paginate(matching, body.pagination.page, body.pagination.perPage);
    return { accessHistory: items, pagination };
  },
};

/** The index of the first event at or after `at` (epoch seconds) in a list kept in time order. */
function firstIndexAtOrAfter(events: readonly { accessedAt: number }[], at: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid]!.accessedAt < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** "2026-01-31 23:59:59 +05:30" → epoch seconds. */
function parseHistoryTime(value: string): number {
  const [date, time, offset] = value.split(' ');
  const ms = Date.parse(`${date}T${time}${offset}`);
  if (Number.isNaN(ms)) throw new ApiError(400, `invalid time ${value}`);
  return Math.floor(ms / 1000);
}
