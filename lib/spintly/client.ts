import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MAX_PER_PAGE,
  type AccessPoint,
  type CreateUserInput,
  type DoorPermissionsPatch,
  type EndpointAnswer,
  type EndpointBody,
  type PaginationAnswer,
  type Role,
  type Site,
  type SpintlyUser,
  type TokenStyle,
  type UpdateUserInput,
  type UserPermissionsPatch,
} from './contract';
import { TaggedCache } from './cache';
import { SpintlyError, type ConflictField } from './errors';
import { nodeHttp, type HttpRequest } from './http';
import { ConcurrencyLimiter } from './limiter';
import { createLogger, stdoutSink, type LogSink } from './log';
import { TokenProvider } from './token';
import { DEFAULT_RETRY, Transport, type RetryPolicy } from './transport';

/**
 * The portal's Spintly client: one typed function per endpoint of the contract. Reads and idempotent writes
 * retry on transient failures; creating a person and assigning a card never repeat blindly — after an
 * ambiguous failure they look up whether the change landed and only try again when it did not.
 */
export interface SpintlyClientConfig {
  apiUrl: string;
  tokenUrl: string;
  tokenStyle: TokenStyle;
  clientId: string;
  clientSecret: string;
  orgId: number;
  /** Per attempt, for writes and the token. */
  timeoutMs: number;
  /** Per attempt, for reads; defaults to timeoutMs. */
  readTimeoutMs?: number;
  /** A read's whole wait, retries included; defaults to the retry budget. */
  readBudgetMs?: number;
  /** The deadline of the request a read serves (epoch ms), when there is one: see ReadLimits. */
  readDeadline?: () => number | undefined;
  /** Most writes in flight at once (bulk work queues behind this). */
  maxConcurrency: number;
  /** Most reads in flight at once; defaults to maxConcurrency. */
  maxReadConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** How long sites, doors and roles are served from the cache. */
  cacheTtlMs?: number;
  logSink?: LogSink;
  /** How requests are sent; defaults to node:http(s) with keep-alive. Tests pass a `fetch` to tamper with answers. */
  http?: HttpRequest;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface Page<T> {
  items: T[];
  pagination: PaginationAnswer;
}

export interface UserQuery {
  page?: number;
  perPage?: number;
  search?: string;
  status?: 'active' | 'inactive' | 'all';
  siteIds?: number[];
  userIds?: number[];
}

/** Cache tags, for invalidating after the portal changes what they cover. */
export const CACHE_TAGS = {
  sites: 'sites',
  roles: 'roles',
  doors: (siteId: number) => `doors:${siteId}`,
} as const;

/** Tries of a write that is looked up after each ambiguous failure (create a person, assign a card). */
export const WRITE_ONCE_ATTEMPTS = 2;

export type CreateUserResult = { userId: number; reconciled: boolean };
export type AssignCardResult = { userId: number; credentialId: string; reconciled: boolean };

export function createSpintlyClient(config: SpintlyClientConfig) {
  const now = config.now ?? Date.now;
  const logger = createLogger(config.logSink ?? stdoutSink, [config.clientSecret], now);
  const send = config.http ?? nodeHttp();
  const tokens = new TokenProvider(
    config,
    ({ url, body, contentType }) =>
      send(url, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      }).catch((error: unknown) => {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new SpintlyError({ kind: timedOut ? 'timeout' : 'unavailable', endpoint: 'token' });
      }),
    now,
    (token) => logger.rememberSecret(token),
  );
  const limiters = {
    read: new ConcurrencyLimiter(config.maxReadConcurrency ?? config.maxConcurrency),
    write: new ConcurrencyLimiter(config.maxConcurrency),
  };
  const retry = { ...DEFAULT_RETRY, ...config.retry };
  const transport = new Transport({
    apiUrl: config.apiUrl.replace(/\/+$/, ''),
    orgId: config.orgId,
    timeoutMs: config.timeoutMs,
    reads: {
      timeoutMs: config.readTimeoutMs ?? config.timeoutMs,
      budgetMs: config.readBudgetMs ?? retry.budgetMs,
      ...(config.readDeadline && { deadline: config.readDeadline }),
    },
    retry,
    tokens,
    limiters,
    logger,
    http: send,
    now,
    sleep: config.sleep ?? ((ms) => sleep(ms)),
    random: config.random ?? Math.random,
  });
  const cache = new TaggedCache(config.cacheTtlMs ?? 60_000, now);

  const pagination = (page = 1, perPage = 25) => ({ page, perPage: Math.min(perPage, MAX_PER_PAGE) });

  async function listUsers(query: UserQuery = {}): Promise<Page<SpintlyUser>> {
    const status = query.status ?? 'all';
    const filters: NonNullable<EndpointBody<'listUsers'>['filters']> = {
      userType: status === 'all' ? ['active', 'inactive'] : [status],
      terms: [],
      sites: query.siteIds ?? [],
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

  /**
   * Every page of a list: the first page tells the total, the rest are fetched in parallel (the concurrency limit
   * keeps that polite), so a 10,000-row list costs two round trips of latency, not a hundred.
   */
  async function walkPages<T>(fetchPage: (page: number, perPage: number) => Promise<Page<T>>): Promise<T[]> {
    const first = await fetchPage(1, MAX_PER_PAGE);
    const pages = Math.ceil(first.pagination.total / MAX_PER_PAGE);
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchPage(i + 2, MAX_PER_PAGE)),
    );
    return [first, ...rest].flatMap((page) => page.items);
  }

  /**
   * A write that must not be repeated blindly (a second create makes a second person; a second card assignment can
   * fail as a conflict with itself). After every ambiguous failure — the retry's included — the portal looks whether
   * it landed: if it did, that is success; if the look shows it did not, one more try (or, after the last, a
   * confirmed "not made"); if the look itself fails, nobody knows, and the operator is told to check.
   */
  async function writeOnce<T>(
    attempt: () => Promise<T>,
    look: (failure: SpintlyError) => Promise<T | null>,
    onConflict: (failure: SpintlyError) => Promise<SpintlyError>,
  ): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof SpintlyError)) throw error;
        if (error.kind === 'conflict') throw await onConflict(error);
        if (!error.ambiguous) throw error;
        let landed: T | null;
        try {
          landed = await look(error);
        } catch (lookFailure) {
          // A conflict found by the look is a definite answer; anything else leaves the outcome unknown.
          if (lookFailure instanceof SpintlyError && lookFailure.kind === 'conflict') throw lookFailure;
          if (lookFailure instanceof SpintlyError && lookFailure.outcomeUnknown) throw lookFailure;
          throw error.withUnknownOutcome();
        }
        if (landed !== null) return landed;
        if (tries >= WRITE_ONCE_ATTEMPTS) throw error.confirmedNotMade();
      }
    }
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

  function assignCard(userId: number, credentialId: string): Promise<AssignCardResult> {
    return writeOnce<AssignCardResult>(
      async () => {
        await transport.send('assignCard', { userId }, { credentialId }, { retry: false });
        return { userId, credentialId, reconciled: false };
      },
      async () => {
        const holder = await cardHolder(credentialId);
        if (holder?.id === userId) return { userId, credentialId, reconciled: true };
        if (holder) throw cardConflict(holder, credentialId);
        return null;
      },
      (conflict) => explainCardConflict(conflict, userId, credentialId),
    );
  }

  async function cardHolder(credentialId: string): Promise<SpintlyUser | null> {
    const page = await listUsers({ search: credentialId, perPage: MAX_PER_PAGE });
    return page.items.find((user) => (user.credentialId ?? '').toUpperCase() === credentialId.toUpperCase()) ?? null;
  }

  async function explainCardConflict(error: SpintlyError, userId: number, credentialId: string) {
    try {
      const holder = await cardHolder(credentialId);
      if (holder && holder.id !== userId) return cardConflict(holder, credentialId);
      const person = await getUser(userId);
      if (person?.credentialId)
        return new SpintlyError({
          kind: 'conflict',
          endpoint: 'assignCard',
          status: 409,
          field: 'credentialId',
          message: `This person already has card ${person.credentialId}. Take that card back first, or use Replace card.`,
        });
    } catch {
      // keep the original
    }
    return error;
  }

  function cardConflict(holder: SpintlyUser, credentialId: string) {
    return new SpintlyError({
      kind: 'conflict',
      endpoint: 'assignCard',
      status: 409,
      field: 'credentialId',
      holderId: holder.id,
      message: `Card ${credentialId} already belongs to someone else. Take it back from them first, or use another card.`,
    });
  }

  return {
    /** Requests sent to the token endpoint by this client. */
    get tokenRequests() {
      return tokens.requests;
    },
    /** Most reads and most writes seen in flight at once. */
    get peakConcurrency() {
      return { read: limiters.read.peak, write: limiters.write.peak };
    },
    invalidate: (tag: string) => cache.invalidateTag(tag),
    /** Gets a token (or reuses the cached one): the cheapest proof that the credentials work. */
    connect: async () => {
      await transport.connect();
    },

    async listSites(page = 1, perPage = 25): Promise<Page<Site>> {
      return cache.get(`sites:${page}:${perPage}`, [CACHE_TAGS.sites], async () => {
        const answer = await transport.send('listSites', {}, { pagination: pagination(page, perPage) });
        return { items: answer.sites, pagination: answer.pagination };
      });
    },
    allSites: (): Promise<Site[]> =>
      cache.get('sites:all', [CACHE_TAGS.sites], () =>
        walkPages(async (page, perPage) => {
          const answer = await transport.send('listSites', {}, { pagination: { page, perPage } });
          return { items: answer.sites, pagination: answer.pagination };
        }),
      ),

    async listAccessPoints(
      siteId: number,
      query: { page?: number; perPage?: number; search?: string } = {},
    ): Promise<Page<AccessPoint>> {
      const search = query.search?.trim() || null;
      const key = `doors:${siteId}:${query.page ?? 1}:${query.perPage ?? 25}:${search ?? ''}`;
      return cache.get(key, [CACHE_TAGS.doors(siteId)], async () => {
        const answer = await transport.send(
          'listAccessPoints',
          { siteId },
          { pagination: pagination(query.page, query.perPage), filters: { search } },
        );
        return { items: answer.accessPoints, pagination: answer.pagination };
      });
    },
    allAccessPoints: (siteId: number): Promise<AccessPoint[]> =>
      cache.get(`doors:${siteId}:all`, [CACHE_TAGS.doors(siteId)], () =>
        walkPages(async (page, perPage) => {
          const answer = await transport.send(
            'listAccessPoints',
            { siteId },
            { pagination: { page, perPage }, filters: { search: null } },
          );
          return { items: answer.accessPoints, pagination: answer.pagination };
        }),
      ),

    listRoles: (): Promise<Role[]> =>
      cache.get('roles', [CACHE_TAGS.roles], async () => (await transport.send('listRoles', {}, undefined)).roles),

    listUsers,
    getUser,
    allUsers: (query: Omit<UserQuery, 'page' | 'perPage'> = {}) =>
      walkPages((page, perPage) => listUsers({ ...query, page, perPage })),
    createUser,

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

    userPermissions: (userId: number, siteIds: number[] = []): Promise<EndpointAnswer<'userPermissions'>> =>
      transport.send('userPermissions', { userId }, { sites: siteIds }),
    doorUsers: (accessPointId: number): Promise<EndpointAnswer<'doorUsers'>> =>
      transport.send('doorUsers', { accessPointId }, undefined),
    changeDoorUsers: async (accessPointId: number, patch: DoorPermissionsPatch) => {
      await transport.send('patchDoorUsers', { accessPointId }, patch);
    },
    changeUserDoors: async (userId: number, patch: UserPermissionsPatch) => {
      await transport.send('patchUserDoors', { userId }, patch);
    },

    assignCard,
    unassignCard: async (userId: number) => {
      await transport.send('unassignCard', { userId }, {});
    },
    cardHolder,

    accessHistory: (body: EndpointBody<'accessHistory'>) => transport.send('accessHistory', {}, body),
  };
}

export type SpintlyClient = ReturnType<typeof createSpintlyClient>;

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
