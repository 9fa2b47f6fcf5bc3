import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TokenStyle } from './contract';
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

  const context = { transport, cache };
  const users = usersResource(context);

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
    ...doorsResource(context),
    ...users,
    ...permissionsResource(context),
    ...cardsResource(context, users),
    ...historyResource(context),
  };
}

export type SpintlyClient = ReturnType<typeof createSpintlyClient>;
