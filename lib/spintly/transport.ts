import 'server-only';
import type { z } from 'zod';
import { endpoints, fillPath, type EndpointAnswer, type EndpointBody, type EndpointName } from './contract';
import { SpintlyError, kindForStatus } from './errors';
import type { HttpAnswer, HttpRequest } from './http';
import type { ConcurrencyLimiter } from './limiter';
import type { SpintlyLogger } from './log';
import type { TokenProvider } from './token';

/**
 * One call to one endpoint of the contract: input checked, token attached, concurrency capped, a timeout on every
 * request, the envelope and answer parsed, failures mapped to SpintlyError, and retries where repeating is safe.
 */
export interface RetryPolicy {
  /** Most attempts for a call that is safe to repeat (the first one included). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts after this much time has passed since the first. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 3_000, budgetMs: 30_000 };

export interface TransportDeps {
  apiUrl: string;
  orgId: number;
  timeoutMs: number;
  retry: RetryPolicy;
  tokens: TokenProvider;
  /** Reads and writes queue separately: reads may go wider, writes are kept gentle. */
  limiters: { read: ConcurrencyLimiter; write: ConcurrencyLimiter };
  logger: SpintlyLogger;
  http: HttpRequest;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface SendOptions {
  /** Repeat on transient failures. Defaults to the endpoint's `idempotent` flag. */
  retry?: boolean;
  /** For deletes: a 404 on a repeated attempt means the first attempt did the work. */
  notFoundOnRetryIsDone?: boolean;
}

/** Path parameters other than the organisation, which the transport fills in itself. */
export type PathIds = Readonly<Record<string, number>>;

/** "users.0.email: Invalid email address" */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  return `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`;
}

/** Full-jitter exponential backoff, or what Spintly asked for with Retry-After. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterS?: number): number {
  if (retryAfterS !== undefined && Number.isFinite(retryAfterS) && retryAfterS >= 0) return retryAfterS * 1000;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export class Transport {
  constructor(private readonly deps: TransportDeps) {}

  async send<N extends EndpointName>(
    name: N,
    params: PathIds,
    body: EndpointBody<N> | undefined,
    options: SendOptions = {},
  ): Promise<EndpointAnswer<N>> {
    const def = endpoints[name];
    const input = def.method === 'GET' ? { success: true as const, data: undefined } : def.body.safeParse(body ?? {});
    if (!input.success)
      throw new SpintlyError({
        kind: 'invalid',
        endpoint: name,
        message: `The request was not sent to Spintly: ${describeZodIssue(input.error)}.`,
      });
    const query = 'query' in def && def.query ? `?${new URLSearchParams(def.query).toString()}` : '';
    const url = `${this.deps.apiUrl}${fillPath(def.path, { ...params, org: this.deps.orgId })}${query}`;
    const payload = input.data === undefined ? undefined : JSON.stringify(input.data);

    const retry = options.retry ?? def.idempotent;
    const started = this.deps.now();
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      let token: string | undefined;
      try {
        token = await this.deps.tokens.get();
        return await this.attempt(name, def.method, url, payload, token, attempt);
      } catch (caught) {
        const error =
          caught instanceof SpintlyError ? caught : new SpintlyError({ kind: 'unavailable', endpoint: name });
        // A 401 on an API call means the token went stale, and nothing was done: refresh once and go again.
        if (error.kind === 'unauthorized' && error.endpoint !== 'token' && token && !refreshedAfter401) {
          refreshedAfter401 = true;
          this.deps.tokens.invalidate(token);
          continue;
        }
        if (options.notFoundOnRetryIsDone && attempt > 1 && error.kind === 'not_found') {
          return { userIds: [] } as EndpointAnswer<N>;
        }
        const tokenFailure = error.endpoint === 'token';
        // Token requests are always safe to repeat; the call itself only when the caller says so.
        if (!error.transient || (!retry && !tokenFailure) || attempt >= this.deps.retry.maxAttempts) throw error;
        const delay = backoffMs(attempt, this.deps.retry, this.deps.random, error.retryAfterS);
        if (this.deps.now() - started + delay > this.deps.retry.budgetMs) throw error;
        await this.deps.sleep(delay);
      }
    }
  }

  private async attempt<N extends EndpointName>(
    name: N,
    method: string,
    url: string,
    payload: string | undefined,
    token: string,
    attempt: number,
  ): Promise<EndpointAnswer<N>> {
    const { logger, limiters, timeoutMs } = this.deps;
    const limiter = endpoints[name].reads ? limiters.read : limiters.write;
    const began = performance.now();
    const record = (status: number | null, outcome: 'ok' | 'retry' | 'error', error?: SpintlyError) =>
      logger.call({
        endpoint: name,
        method,
        status,
        durationMs: Math.round(performance.now() - began),
        attempt,
        outcome,
        ...(error && { kind: error.kind }),
        ...(error?.upstreamMessage && { upstreamMessage: error.upstreamMessage }),
      });

    try {
      const answer = await limiter.run(async () => {
        let response: HttpAnswer;
        try {
          response = await this.deps.http(url, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(payload !== undefined && { 'content-type': 'application/json' }),
            },
            ...(payload !== undefined && { body: payload }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          return { response, text: await response.text() };
        } catch (error) {
          const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
          throw new SpintlyError({ kind: timedOut ? 'timeout' : 'unavailable', endpoint: name });
        }
      });
      const message = this.parse(name, answer.response, answer.text);
      record(answer.response.status, 'ok');
      return message;
    } catch (error) {
      if (error instanceof SpintlyError) record(error.status, error.transient ? 'retry' : 'error', error);
      throw error;
    }
  }

  private parse<N extends EndpointName>(name: N, response: HttpAnswer, text: string): EndpointAnswer<N> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = json as { type?: unknown; message?: unknown } | undefined;
    if (!response.ok) {
      const retryAfter = response.headers.get('retry-after');
      throw new SpintlyError({
        kind: kindForStatus(response.status),
        endpoint: name,
        status: response.status,
        upstreamMessage: typeof envelope?.message === 'string' ? envelope.message : text.slice(0, 300),
        ...(retryAfter !== null && { retryAfterS: Number(retryAfter) }),
      });
    }
    if (envelope?.type !== 'success')
      throw new SpintlyError({
        kind: 'bad_response',
        endpoint: name,
        status: response.status,
        upstreamMessage: text.slice(0, 300),
      });
    const parsed = endpoints[name].answer.safeParse(envelope.message);
    if (!parsed.success)
      throw new SpintlyError({
        kind: 'bad_response',
        endpoint: name,
        status: response.status,
        upstreamMessage: describeZodIssue(parsed.error),
      });
    return parsed.data as EndpointAnswer<N>;
  }
}
