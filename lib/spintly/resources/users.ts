import 'server-only';
import {
  MAX_PER_PAGE,
  type CreateUserInput,
  type EndpointBody,
  type SpintlyUser,
  type UpdateUserInput,
} from '../contract';
import { EVERY_SITE, type SiteScope } from '../../core/scope';
import { spintlySites } from '../scope';
import { SpintlyError, type ConflictField } from '../errors';
import { eachPage, walkPages, pagination, type ClientContext, type Page, type WalkProgress } from './shared';
import { writeOnce } from './write-once';

export interface UserQuery {
  page?: number;
  perPage?: number;
  search?: string;
  status?: 'active' | 'inactive' | 'all';
  /** Home sites; a scope of no site must be answered before asking (see spintlySites). */
  sites?: SiteScope;
  userIds?: number[];
}

export type CreateUserResult = { userId: number; reconciled: boolean };

/**
 * People (Spintly users): listed, read, created, changed and deleted. People are never cached. Creating someone is
 * never repeated blindly: after an ambiguous failure the client finds them by email, phone or employee code.
 */
export function usersResource({ transport }: ClientContext) {
  async function listUsers(query: UserQuery = {}): Promise<Page<SpintlyUser>> {
    const status = query.status ?? 'all';
    const filters: NonNullable<EndpointBody<'listUsers'>['filters']> = {
      userType: status === 'all' ? ['active', 'inactive'] : [status],
      terms: [],
      sites: spintlySites(query.sites ?? EVERY_SITE),
      ...(query.search?.trim() && { search: query.search.trim() }),
      ...(query.userIds && { userIds: query.userIds }),
    };
    const answer = await transport.send(
      'listUsers',
      {},
      { pagination: pagination(query.page, query.perPage), filters },
    );
    return { items: answer.users, pagination: answer.pagination };
  }

  /** One person by id, or null when Spintly has no such person. */
  async function getUser(userId: number): Promise<SpintlyUser | null> {
    const page = await listUsers({ userIds: [userId], perPage: 1 });
    return page.items.find((user) => user.id === userId) ?? null;
  }

  /** People whose email, phone or employee code equals the given one exactly (search is "contains"). */
  async function findByIdentity(input: Pick<CreateUserInput, 'email' | 'phone' | 'employeeCode'>) {
    const probes: [ConflictField | 'employeeCode', string][] = [];
    if (input.email) probes.push(['email', input.email]);
    if (input.phone) probes.push(['phone', input.phone]);
    if (input.employeeCode) probes.push(['employeeCode', input.employeeCode]);
    const found: { field: ConflictField | 'employeeCode'; user: SpintlyUser }[] = [];
    for (const [field, value] of probes) {
      const page = await listUsers({ search: value, perPage: MAX_PER_PAGE });
      for (const user of page.items)
        if ((user[field] ?? '').toLowerCase() === value.toLowerCase()) found.push({ field, user });
    }
    return found;
  }

  function createUser(input: CreateUserInput): Promise<CreateUserResult> {
    return writeOnce<CreateUserResult>(
      async () => ({
        userId: (await transport.send('createUser', {}, input, { retry: false })).userIds[0]!,
        reconciled: false,
      }),
      async (failure) => {
        const userId = await reconcileCreate(input, failure);
        return userId === null ? null : { userId, reconciled: true };
      },
      (conflict) => explainConflict(conflict, input),
    );
  }

  async function reconcileCreate(input: CreateUserInput, original: SpintlyError): Promise<number | null> {
    if (!input.email && !input.phone && !input.employeeCode)
      throw original.withUnknownOutcome(
        'Spintly did not confirm whether the person was created. Search for them before adding them again: with no email, phone or employee code the portal cannot check for you.',
      );
    const matches = await findByIdentity(input);
    const same = matches.find(({ user }) => user.name.trim().toLowerCase() === input.name.trim().toLowerCase());
    if (same) return same.user.id;
    const other = matches.find(({ field }) => field !== 'employeeCode');
    if (other) throw conflictOn(other.field as ConflictField, 'createUser');
    return null;
  }

  /** Turns a 409 on create or update into a field-specific error, by checking which value is taken. */
  async function explainConflict(
    error: SpintlyError,
    input: { id?: number; email?: string | null; phone?: string | null; credentialId?: string | null },
  ) {
    try {
      const matches = await findByIdentity({ email: input.email ?? null, phone: input.phone ?? null });
      const taken = matches.find(({ user }) => user.id !== input.id);
      if (taken) return conflictOn(taken.field as ConflictField, error.endpoint, error.upstreamMessage);
      if (input.credentialId) return conflictOn('credentialId', error.endpoint, error.upstreamMessage);
    } catch {
      // The lookup is a courtesy; the original conflict still stands.
    }
    return error;
  }

  return {
    listUsers,
    getUser,
    allUsers: (query: Omit<UserQuery, 'page' | 'perPage'> = {}) =>
      walkPages((page, perPage) => listUsers({ ...query, page, perPage })),
    /** Every person, a page at a time, for walks too big to hold at once (the directory's reconcile). */
    eachUserPage: (onPage: (users: SpintlyUser[], progress: WalkProgress) => Promise<void>) =>
      eachPage((page, perPage) => listUsers({ page, perPage }), onPage),
    createUser,
    /** People whose email, phone or employee code is exactly one of these (a bulk import's look before it writes). */
    findByIdentity,

    async updateUsers(users: UpdateUserInput[]): Promise<number[]> {
      try {
        return (await transport.send('updateUsers', {}, { users })).userIds;
      } catch (error) {
        if (error instanceof SpintlyError && error.kind === 'conflict' && users.length === 1)
          throw await explainConflict(error, users[0]!);
        throw error;
      }
    },
    activateUsers: async (userIds: number[]) =>
      (await transport.send('updateUsers', {}, { users: userIds.map((id) => ({ id, deactivateUser: false })) }))
        .userIds,
    deactivateUsers: async (userIds: number[]) =>
      (await transport.send('updateUsers', {}, { users: userIds.map((id) => ({ id, deactivateUser: true })) })).userIds,
    deleteUsers: async (userIds: number[]) => {
      await transport.send('deleteUsers', {}, { userIds }, { notFoundOnRetryIsDone: true });
      return userIds;
    },
  };
}

export type UsersResource = ReturnType<typeof usersResource>;

function conflictOn(field: ConflictField, endpoint: string, upstreamMessage?: string) {
  const what = { email: 'email address', phone: 'phone number', credentialId: 'card' }[field];
  return new SpintlyError({
    kind: 'conflict',
    endpoint,
    status: 409,
    field,
    message: `This ${what} is already used by another person in Spintly. Use a different ${what}, or find that person instead.`,
    ...(upstreamMessage && { upstreamMessage }),
  });
}
