import 'server-only';
import type { z } from 'zod';
import { endpoints, fillPath, type EndpointAnswer, type EndpointBody, type EndpointName } from './contract';
import { SpintlyError, UNKNOWN_OUTCOME_MESSAGE, UNKNOWN_OUTCOME_SAFE_TO_RETRY_MESSAGE, kindForStatus } from './errors';
import type { HttpAnswer, HttpRequest } from './http';
import type { ConcurrencyLimiter } from './limiter';
import type { SpintlyLogger } from './log';
import { msIntoRequest } from '../observability/log';
import { traced } from '../observability/tracing';
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

/**
 * How long a read may keep a page waiting. Each attempt gets `timeoutMs`; all attempts together, retries included,
 * end by `budgetMs` after the read began — or earlier, at the deadline of the request it serves (`deadline`), so a
 * page that reads twice in a row still answers within one budget.
 */
export interface ReadLimits {
  timeoutMs: number;
  budgetMs: number;
  /** Epoch ms by which the current request must have its answers, when there is one. */
  deadline?: () => number | undefined;
}

export interface TransportDeps {
  apiUrl: string;
  /** The organisation, or how to learn it (the organisation lookup, when SPINTLY_ORG_ID is unset). */
  orgId: number | (() => Promise<number>);
  /** Per attempt, for writes and the token. */
  timeoutMs: number;
  reads: ReadLimits;
  retry: RetryPolicy;
  tokens: TokenProvider;
  /** Reads and writes queue separately: reads may go wider, writes are kept gentle. */
  limiters: { read: ConcurrencyLimiter; write: ConcurrencyLimiter };
  logger: SpintlyLogger;
  http: HttpRequest;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Told whenever Spintly answers (any status): for health checks. */
  onAnswer?: () => void;
}

export interface SendOptions {
  /** Repeat on transient failures. Defaults to the endpoint's `idempotent` flag. */
  retry?: boolean;
  /** For deletes: a 404 on a repeated attempt means the first attempt did the work. */
  notFoundOnRetryIsDone?: boolean;
}

/** `send`'s options, with the answer read through a narrower schema than the endpoint's: only what the caller uses. */
export interface ReadingOptions<A> extends SendOptions {
  answer?: z.ZodType<A>;
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

interface RetryRun {
  /** What is being attempted: an endpoint's name, or `token`. */
  endpoint: string;
  /** Repeat transient failures of the work itself (token failures are always repeated). */
  retry: boolean;
  /** Epoch ms after which no attempt starts and none runs on. */
  endsAt: number;
}

export class Transport {
  constructor(private readonly deps: TransportDeps) {}

  async send<N extends EndpointName, A = EndpointAnswer<N>>(
    name: N,
    params: PathIds,
    body: EndpointBody<N> | undefined,
    options: ReadingOptions<A> = {},
  ): Promise<A> {
    const def = endpoints[name];
    const answerSchema: z.ZodType = options.answer ?? def.answer;
    // GET and DELETE carry no body.
    const input =
      def.method === 'GET' || def.method === 'DELETE'
        ? { success: true as const, data: undefined }
        : def.body.safeParse(body ?? {});
    if (!input.success)
      throw new SpintlyError({
        kind: 'invalid',
        endpoint: name,
        message: `The request was not sent to Spintly: ${describeZodIssue(input.error)}.`,
      });
    const query = 'query' in def && def.query ? `?${new URLSearchParams(def.query).toString()}` : '';
    const orgId = typeof this.deps.orgId === 'number' ? this.deps.orgId : await this.deps.orgId();
    const url = `${this.deps.apiUrl}${fillPath(def.path, { ...params, org: orgId })}${query}`;
    const payload = input.data === undefined ? undefined : JSON.stringify(input.data);

    const { reads, retry: policy } = this.deps;
    const started = this.deps.now();
    const endsAt = def.reads
      ? Math.min(started + reads.budgetMs, reads.deadline?.() ?? Number.POSITIVE_INFINITY)
      : started + policy.budgetMs;
    const perAttemptMs = def.reads ? reads.timeoutMs : this.deps.timeoutMs;
    try {
      const run = { endpoint: name, retry: options.retry ?? def.idempotent, endsAt };
      return await this.retrying(run, async (attempt, leftMs) => {
        let token: string | undefined;
        try {
          token = await this.deps.tokens.get();
          const sending = token;
          // One span per attempt, named by endpoint (its path template, never the ids in the URL).
          return (await traced(
            `spintly ${name}`,
            { 'spintly.endpoint': name, 'http.request.method': def.method, 'url.template': def.path, attempt },
            () =>
              this.attempt(
                name,
                answerSchema,
                def.method,
                url,
                payload,
                sending,
                attempt,
                Math.min(perAttemptMs, leftMs),
              ),
          )) as A;
        } catch (error) {
          // A 401 on a call means this token went stale (and nothing was done): drop it, so the retry gets a new one.
          if (token && error instanceof SpintlyError && error.kind === 'unauthorized')
            this.deps.tokens.invalidate(token);
          if (
            options.notFoundOnRetryIsDone &&
            attempt > 1 &&
            error instanceof SpintlyError &&
            error.kind === 'not_found'
          )
            return { userIds: [] } as A;
          throw error;
        }
      });
    } catch (error) {
      // A write whose last attempt failed ambiguously may have been applied: nobody can say it was not.
      if (!def.reads && error instanceof SpintlyError && error.ambiguous && error.endpoint === name)
        throw error.withUnknownOutcome(
          def.idempotent ? UNKNOWN_OUTCOME_SAFE_TO_RETRY_MESSAGE : UNKNOWN_OUTCOME_MESSAGE,
        );
      throw error;
    }
  }

  /**
   * Asks for a token (or reuses the cached one) with the same retries as any call: the cheapest proof that the
   * credentials work, and what `npm run spintly -- check` tries first.
   */
  connect(): Promise<string> {
    const endsAt = this.deps.now() + this.deps.retry.budgetMs;
    return this.retrying({ endpoint: 'token', retry: true, endsAt }, () => this.deps.tokens.get());
  }

  /**
   * Runs `work` until it succeeds or may not be repeated: transient failures (timeouts, 5xx, 429) are tried again
   * with backoff while attempts and time are left; a 401 on a call refreshes the token once and goes again (the
   * call was not processed). Token failures are always safe to repeat; the work itself only when `run.retry`.
   */
  private async retrying<T>(run: RetryRun, work: (attempt: number, leftMs: number) => Promise<T>): Promise<T> {
    const { now, retry: policy } = this.deps;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt, Math.max(1, run.endsAt - now()));
      } catch (caught) {
        const error =
          caught instanceof SpintlyError ? caught : new SpintlyError({ kind: 'unavailable', endpoint: run.endpoint });
        if (error.kind === 'unauthorized' && error.endpoint !== 'token' && !refreshedAfter401) {
          refreshedAfter401 = true;
          continue;
        }
        const tokenFailure = error.endpoint === 'token';
        if (!error.transient || (!run.retry && !tokenFailure) || attempt >= policy.maxAttempts) throw error;
        const delay = backoffMs(attempt, policy, this.deps.random, error.retryAfterS);
        // Retries only inside the budget: an attempt that could not finish in time is not started.
        if (now() + delay >= run.endsAt) throw error;
        await this.deps.sleep(delay);
      }
    }
  }

  private async attempt(
    name: EndpointName,
    answerSchema: z.ZodType,
    method: string,
    url: string,
    payload: string | undefined,
    token: string,
    attempt: number,
    timeoutMs: number,
  ): Promise<unknown> {
    const { logger, limiters } = this.deps;
    const limiter = endpoints[name].reads ? limiters.read : limiters.write;
    const began = performance.now();
    const requestMs = msIntoRequest();
    const record = (status: number | null, outcome: 'ok' | 'retry' | 'error', error?: SpintlyError) =>
      logger.call({
        endpoint: name,
        method,
        status,
        durationMs: Math.round(performance.now() - began),
        ...(requestMs !== undefined && { requestMs }),
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
          const text = await response.text();
          this.deps.onAnswer?.();
          return { response, text };
        } catch (error) {
          const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
          throw new SpintlyError({ kind: timedOut ? 'timeout' : 'unavailable', endpoint: name });
        }
      });
      const message = this.parse(name, answerSchema, answer.response, answer.text);
      record(answer.response.status, 'ok');
      return message;
    } catch (error) {
      if (error instanceof SpintlyError) record(error.status, error.transient ? 'retry' : 'error', error);
      throw error;
    }
  }

  private parse(name: EndpointName, answerSchema: z.ZodType, response: HttpAnswer, text: string): unknown {
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
    const parsed = answerSchema.safeParse(envelope.message);
    if (!parsed.success)
      throw new SpintlyError({
        kind: 'bad_response',
        endpoint: name,
        status: response.status,
        upstreamMessage: describeZodIssue(parsed.error),
      });
    return parsed.data;
  }
}
