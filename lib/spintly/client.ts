import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { organisationAnswerSchema, organisationLookup, type CardStyle, type TokenStyle } from './contract';
import { organisationOf, organisationProblem, tokenSubject, type OrganisationFacts } from './organisation';
import { TaggedCache } from './cache';
import { SpintlyError } from './errors';
import { nodeHttp, type HttpRequest } from './http';
import { ConcurrencyLimiter } from './limiter';
import { createLogger, stdoutSink, type LogSink } from './log';
import { TokenProvider } from './token';
import { DEFAULT_RETRY, Transport, type RetryPolicy } from './transport';

import { cardsResource } from './resources/cards';
import { permissionsResource } from './resources/permissions';
import { doorsResource } from './resources/doors';
import { historyResource } from './resources/history';
import { meetingsResource } from './resources/meetings';
import { usersResource } from './resources/users';

export { CACHE_TAGS, type Page } from './resources/shared';
export type { UserQuery, CreateUserResult } from './resources/users';
export type { AssignCardResult } from './resources/cards';
export { WRITE_ONCE_ATTEMPTS } from './resources/write-once';

/**
 * The portal's Spintly client: one typed function per endpoint of the contract, one file per resource under
 * resources/ (doors, users, permissions, cards, history), all over one Transport. Reads and idempotent writes
 * retry on transient failures; creating a person and assigning a card never repeat blindly — after an
 * ambiguous failure they look up whether the change landed and only try again when it did not.
 */
export interface SpintlyClientConfig {
  apiUrl: string;
  tokenUrl: string;
  tokenStyle: TokenStyle;
  clientId: string;
  clientSecret: string;
  /** SPINTLY_ORG_ID; when undefined, learnt once from the organisation lookup (or the token's subject). */
  orgId?: number | undefined;
  /** Per attempt, for writes and the token. */
  timeoutMs: number;
  /** Per attempt, for reads; defaults to timeoutMs. */
  readTimeoutMs?: number;
  /** A read's whole wait, retries included; defaults to the retry budget. */
  readBudgetMs?: number;
  /** The deadline of the request a read serves (epoch ms), when there is one: see ReadLimits. */
  readDeadline?: () => number | undefined;
  /** Which card endpoints the organisation takes (SPINTLY_CARD_STYLE); default `assignCard`. */
  cardStyle?: CardStyle;
  /** Most writes in flight at once (bulk work queues behind this). */
  maxConcurrency: number;
  /** Most reads in flight at once; defaults to maxConcurrency. */
  maxReadConcurrency?: number;
  /** The lanes background work uses (`client.background`), apart from the operators' (default 4 reads, 2 writes). */
  background?: { reads: number; writes: number };
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
  const backgroundLimiters = {
    read: new ConcurrencyLimiter(config.background?.reads ?? 4),
    write: new ConcurrencyLimiter(config.background?.writes ?? 2),
  };
  const retry = { ...DEFAULT_RETRY, ...config.retry };
  let lastAnsweredAt: number | null = null;
  /** Which organisation these credentials belong to, as Spintly says it (see lib/spintly/organisation.ts). */
  async function organisation(): Promise<OrganisationFacts> {
    const token = await tokens.get();
    let lookup: number | null = null;
    try {
      const answer = await send(`${new URL(config.tokenUrl).origin}${organisationLookup.path}`, {
        method: organisationLookup.method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const parsed = answer.ok ? organisationAnswerSchema.safeParse(JSON.parse(await answer.text())) : null;
      if (parsed?.success) lookup = parsed.data.message.organisationId;
    } catch {
      // not answered: the token's subject may still say
    }
    return { configured: config.orgId ?? null, lookup, tokenSub: tokenSubject(token) };
  }
  let learnt: Promise<number> | undefined;
  /** The organisation when SPINTLY_ORG_ID is unset: asked once; a failed ask is asked again next time. */
  function resolvedOrgId(): Promise<number> {
    learnt ??= organisation().then((facts) => {
      const found = organisationOf(facts);
      if (found !== null) return found;
      throw new SpintlyError({ kind: 'forbidden', endpoint: 'token', message: organisationProblem(facts)! });
    });
    learnt.catch(() => {
      learnt = undefined;
    });
    return learnt;
  }
  const transportWith = (lanes: typeof limiters) =>
    new Transport({
      apiUrl: config.apiUrl.replace(/\/+$/, ''),
      orgId: config.orgId ?? resolvedOrgId,
      timeoutMs: config.timeoutMs,
      reads: {
        timeoutMs: config.readTimeoutMs ?? config.timeoutMs,
        budgetMs: config.readBudgetMs ?? retry.budgetMs,
        ...(config.readDeadline && { deadline: config.readDeadline }),
      },
      retry,
      tokens,
      limiters: lanes,
      logger,
      http: send,
      now,
      sleep: config.sleep ?? ((ms) => sleep(ms)),
      random: config.random ?? Math.random,
      onAnswer: () => {
        lastAnsweredAt = now();
      },
    });
  const transport = transportWith(limiters);
  const cache = new TaggedCache(config.cacheTtlMs ?? 60_000, now);

  /** Every resource over one transport: the operators' lanes, or the background's. */
  function resources(over: Transport) {
    const context = { transport: over, cache };
    const users = usersResource(context);
    return {
      ...doorsResource(context),
      ...users,
      ...permissionsResource(context),
      ...cardsResource(context, users, config.cardStyle ?? 'assignCard'),
      ...historyResource(context),
      ...meetingsResource(context),
    };
  }

  return {
    /** Requests sent to the token endpoint by this client. */
    get tokenRequests() {
      return tokens.requests;
    },
    /** Most reads and most writes seen in flight at once, in the operators' lanes. */
    get peakConcurrency() {
      return { read: limiters.read.peak, write: limiters.write.peak };
    },
    /** When Spintly last answered any call (a health check's "is Spintly there?"), epoch ms. */
    get lastAnsweredAt() {
      return lastAnsweredAt;
    },
    /**
     * This instance's share of the deployment's write lane: with n instances up, maxConcurrency ÷ n (at least 1), so
     * adding instances never multiplies the writes Spintly sees.
     */
    shareWriteLane(instances: number) {
      limiters.write.limit = Math.max(1, Math.floor(config.maxConcurrency / Math.max(1, instances)));
    },
    invalidate: (tag: string) => cache.invalidateTag(tag),
    organisation,
    /** The organisation calls go to: SPINTLY_ORG_ID, or the one learnt from Spintly. */
    orgId: () => (config.orgId !== undefined ? Promise.resolve(config.orgId) : resolvedOrgId()),
    /** Gets a token (or reuses the cached one): the cheapest proof that the credentials work. */
    connect: async () => {
      await transport.connect();
    },
    ...resources(transport),
    /** The same calls through lanes of their own, for background tasks: they never crowd out people at screens. */
    background: {
      ...resources(transportWith(backgroundLimiters)),
      get peakConcurrency() {
        return { read: backgroundLimiters.read.peak, write: backgroundLimiters.write.peak };
      },
    },
  };
}

export type SpintlyClient = ReturnType<typeof createSpintlyClient>;
