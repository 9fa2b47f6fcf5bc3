/**
 * Fault injection, seeded so a run repeats: latency (fixed + jitter) on every Spintly route, and rules that
 * answer with an error status, a 429 with Retry-After, a hang until the caller gives up, or "commit then fail"
 * (the change is applied but the caller sees a failure or a hang). A rule applies to every Spintly route or to one.
 */
import { z } from 'zod';
import { createRandom, type Random } from './random';

export const faultRuleSchema = z.strictObject({
  /** An endpoint name of the contract (`createUser`), `token`, or `"<METHOD> <path template>"`; absent = every route. */
  route: z.string().min(1).optional(),
  /** Only requests to this concrete path (e.g. one door's permissions), on top of `route`. */
  path: z.string().startsWith('/').optional(),
  /** Share of matching requests hit, 0..1. */
  rate: z.number().min(0).max(1),
  kind: z.enum(['status', 'rate_limit', 'hang', 'commit_then_fail']),
  /** Status for `status` (default 503) and `commit_then_fail` (default 502). */
  status: z.number().int().min(400).max(599).optional(),
  /** For `rate_limit`: the Retry-After header in seconds (default 1). */
  retryAfterS: z.number().int().min(0).max(3600).optional(),
  /** For `commit_then_fail`: answer with the status (default) or hang after committing. */
  then: z.enum(['status', 'hang']).optional(),
  /** Fire at most this many times, then let requests through: scripts a sequence ("fail once, then …"). */
  times: z.number().int().min(1).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultConfigSchema = z.strictObject({
  seed: z.number().int().optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  jitterMs: z.number().int().min(0).max(60_000).optional(),
  rules: z.array(faultRuleSchema).default([]),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export interface RouteIdentity {
  /** Contract endpoint name, or `token` for either token endpoint. */
  name: string;
  /** `"<METHOD> <path template>"`, the key used in stats. */
  key: string;
  /** The concrete path requested. */
  path: string;
}

export interface FaultDecision {
  delayMs: number;
  rule: FaultRule | null;
}

export class Faults {
  private config: FaultConfig = { rules: [] };
  private random: Random = createRandom(1);
  /** How often each rule (by index) has fired since the config was set. */
  private fired: number[] = [];

  constructor(initial?: FaultConfig) {
    if (initial) this.set(initial);
  }

  set(config: FaultConfig) {
    this.config = config;
    this.random = createRandom(config.seed ?? 1);
    this.fired = config.rules.map(() => 0);
  }

  get current(): FaultConfig {
    return this.config;
  }

  /** What happens to this request. The first matching rule that fires wins. */
  decide(route: RouteIdentity): FaultDecision {
    const { latencyMs = 0, jitterMs = 0, rules } = this.config;
    const delayMs = latencyMs + (jitterMs > 0 ? Math.floor(this.random.next() * (jitterMs + 1)) : 0);
    for (const [index, rule] of rules.entries()) {
      const matches =
        (rule.route === undefined || rule.route === route.name || rule.route === route.key) &&
        (rule.path === undefined || rule.path === route.path) &&
        (rule.times === undefined || (this.fired[index] ?? 0) < rule.times);
      if (matches && this.random.next() < rule.rate) {
        this.fired[index] = (this.fired[index] ?? 0) + 1;
        return { delayMs, rule };
      }
    }
    return { delayMs, rule: null };
  }
}

/** Reads SANDBOX_FAULTS (a JSON fault config) plus the SANDBOX_LATENCY_MS / SANDBOX_JITTER_MS shorthands. */
export function faultsFromEnv(
  json: string | undefined,
  latencyMs: number | undefined,
  jitterMs: number | undefined,
): FaultConfig {
  const parsed = json ? faultConfigSchema.parse(JSON.parse(json)) : { rules: [] };
  return {
    ...parsed,
    ...(latencyMs !== undefined && { latencyMs }),
    ...(jitterMs !== undefined && { jitterMs }),
  };
}
