/**
 * The one place that reads process.env. Every variable is validated with zod here, so a bad configuration
 * fails at start with a message that names the variable, never deep inside a request.
 *
 * Two processes read their settings from here: the portal (`portalEnv`) and the local Spintly sandbox
 * (`sandboxEnv`). With nothing set, the portal talks to the sandbox with the sandbox's demo credentials.
 */
import 'server-only';
import { z } from 'zod';
import { SUPPORTED_COUNTRIES } from './core/phone';
import { CARD_STYLES } from './spintly/contract';
import { SECOND_FACTOR_POLICIES } from './auth/second-factor-policy';

type Source = Record<string, string | undefined>;

const SANDBOX_URL = 'http://127.0.0.1:4010';
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/**
 * The legal floor for logs of processing: India's DPDP Rules (2025) ask a data fiduciary to keep them for at least a
 * year. Access events and audit records are such logs, so their retention cannot be set below it: the portal refuses
 * to start and says why.
 */
export const LOG_RETENTION_FLOOR_DAYS = 365;

const retentionDays = (fallback: number, what: string) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(LOG_RETENTION_FLOOR_DAYS, {
        message: `must be at least ${LOG_RETENTION_FLOOR_DAYS} days: ${what} are logs of processing, which India's DPDP Rules ask to keep for at least a year`,
      })
      .max(36_500)
      .default(fallback),
  );

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0;
  } catch {
    return false;
  }
}

const portalSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SPINTLY_API_URL: z.preprocess(emptyAsUndefined, z.url().default(SANDBOX_URL)),
    SPINTLY_TOKEN_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    SPINTLY_TOKEN_STYLE: z.preprocess(emptyAsUndefined, z.enum(['saams', 'oauth']).default('saams')),
    SPINTLY_CLIENT_ID: optionalString,
    SPINTLY_CLIENT_SECRET: optionalString,
    SPINTLY_ORG_ID: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
    /** Per attempt, for writes (and the token). */
    SPINTLY_TIMEOUT_MS: int(10_000, 100, 120_000),
    /** Per attempt, for reads: a read that hangs is abandoned and, time allowing, tried again. */
    SPINTLY_READ_TIMEOUT_MS: int(4_000, 100, 120_000),
    /** The most a read waits in all, retries included: a page whose read hangs shows its error within this. */
    SPINTLY_READ_BUDGET_MS: int(10_000, 100, 300_000),
    SPINTLY_MAX_CONCURRENCY: int(8, 1, 256),
    /** Which card endpoints the organisation takes: assignCard + {credentialId}, or assignCredential + {cardType, cardId}. */
    SPINTLY_CARD_STYLE: z.preprocess(emptyAsUndefined, z.enum(CARD_STYLES).default('assignCard')),
    /** Reads change nothing, so a page's fan-out (one call per door of a site: 40 doors = one wave) may go wider than writes. */
    SPINTLY_MAX_READ_CONCURRENCY: int(48, 1, 256),
    /** Offboarded people are deleted from Spintly this many days later (unless reactivated); unset = never. */
    OFFBOARD_DELETE_AFTER_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).optional()),
    /** A change still pending after this long is flagged: its door's reader is probably offline. */
    PENDING_STUCK_AFTER_S: int(900, 1, 7 * 86_400),
    /** `file:./data/portal.db` (SQLite, the default) or `postgres://…`. */
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'must start with file: or postgres://')
        .default('file:./data/portal.db'),
    ),
    /** Signs session cookies; at least 32 characters. Required to serve sign-ins. */
    AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
    AUTH_TRUST_HOST: z.preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional()),
    AUTH_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    /** Where the portal's people work: every time shown, typed and exported is in this zone and locale. */
    PORTAL_TIME_ZONE: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Kolkata').default('Asia/Kolkata'),
    ),
    PORTAL_LOCALE: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isLocale, 'must be a locale such as en-IN').default('en-IN'),
    ),
    /** The country of phone numbers written without one, in imports (E.164 is what Spintly stores). */
    PORTAL_DEFAULT_COUNTRY: z.preprocess(
      emptyAsUndefined,
      z.enum(SUPPORTED_COUNTRIES as [string, ...string[]]).default('IN'),
    ),
    /** The Spintly role an imported person without roles gets. */
    /** Visitors: the longest visit the front desk may register, and how long a visitor is kept after their last visit. */
    VISITOR_MAX_HOURS: int(12, 1, 72),
    VISITOR_RETENTION_DAYS: int(30, 1, 3650),
    /** The privacy notice shown to visitors at registration; unset = the portal's own (lib/visitors/notice.ts). */
    VISITOR_NOTICE: z.preprocess(emptyAsUndefined, z.string().trim().min(20).max(2000).optional()),
    /** The Spintly role visitors are created with; unset = the organisation's role named "Visitor". */
    SPINTLY_VISITOR_ROLE_ID: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
    IMPORT_DEFAULT_ROLE: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(100).default('Spintly user')),
    /** `inline`: this web instance also runs background tasks (one leader per task however many run); `off`: leave them to `npm run worker`. */
    PORTAL_WORKER: z.preprocess(emptyAsUndefined, z.enum(['inline', 'off']).default('inline')),
    /** Registers a no-op task with this interval, for tests of the worker across instances. */
    PORTAL_WORKER_TEST_TASK_S: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).optional()),
    AUDIT_RETENTION_DAYS: retentionDays(730, 'audit records'),
    /** How often the people directory re-reads Spintly's whole user list. */
    DIRECTORY_SYNC_INTERVAL_S: int(600, 5, 86_400),
    /**
     * The `x-api-key` values Spintly's webhook may send, comma-separated: during a rotation both the old and the new
     * key are accepted. Unset: the webhook receiver answers 503 (not configured) and stores nothing.
     */
    SPINTLY_WEBHOOK_KEY: optionalString,
    /** `npm run worker` also receives Spintly's webhook on this port (plain node:http, same path and handler). */
    WEBHOOK_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65_535).optional()),
    /** The bearer token a Prometheus scrape of GET /api/metrics must send; unset, /api/metrics answers 404. */
    METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    /** `json`: one JSON object per log line (time, level, message, request id); `text` (default) for a terminal. */
    LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['text', 'json']).default('text')),
    /** Where OpenTelemetry traces go (OTLP/HTTP); unset, tracing is off and costs nothing. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
    OTEL_SERVICE_NAME: z.preprocess(emptyAsUndefined, z.string().max(100).default('spintly-portal')),
    /** `npm start` runs this many portal processes behind one port (scripts/server.ts); default 1. */
    PORTAL_PROCESSES: int(1, 1, 64),
    /** Access events older than this are pruned. */
    ACTIVITY_RETENTION_DAYS: retentionDays(365, 'access events'),
    /** On first start, this many days of Spintly's access history are read into the event store. */
    ACTIVITY_BACKFILL_DAYS: int(7, 0, 90),
    /** How often the event store is re-read from its newest event, to recover events the webhook missed. */
    ACTIVITY_REPAIR_INTERVAL_S: int(300, 5, 86_400),
    /** Background work reaches Spintly through lanes of its own, so it never crowds out people at the screens. */
    SPINTLY_BACKGROUND_READS: int(4, 1, 64),
    SPINTLY_BACKGROUND_WRITES: int(2, 1, 64),
    /** Absolute session limit, counted from sign-in: no activity extends it. */
    SESSION_MAX_AGE_H: int(12, 1, 24 * 30),
    /**
     * How many proxies you run in front of the portal. The client's address is the entry that many places from the
     * right of X-Forwarded-For (what your own proxies appended); 0 = unknown, so no per-address sign-in limit applies.
     */
    TRUSTED_PROXY_HOPS: int(0, 0, 10),
    /**
     * Who must sign in with a second factor (TOTP): `super_admin` (default), `all` operators, or `off`. Operators who
     * sign in by single sign-on are exempt: their identity provider asks for its own.
     */
    REQUIRE_2FA: z.preprocess(emptyAsUndefined, z.enum(SECOND_FACTOR_POLICIES).default('super_admin')),
    /** Optional single sign-on: all three switch it on. */
    AUTH_OIDC_ISSUER: z.preprocess(emptyAsUndefined, z.url().optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().default('single sign-on')),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean))
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_OIDC_ISSUER'],
        message: 'AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET go together',
      });
    // The sandbox's demo credentials are a convenience for the sandbox only: a real Spintly needs real ones.
    if (env.SPINTLY_API_URL === SANDBOX_URL) return;
    // SPINTLY_ORG_ID may be left out: the portal asks Spintly which organisation the credentials belong to.
    for (const key of ['SPINTLY_CLIENT_ID', 'SPINTLY_CLIENT_SECRET'] as const) {
      if (env[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `is required when SPINTLY_API_URL is set` });
    }
  })
  .transform((env) => {
    const apiUrl = env.SPINTLY_API_URL.replace(/\/+$/, '');
    return {
      nodeEnv: env.NODE_ENV,
      databaseUrl: env.DATABASE_URL,
      pendingStuckAfterMs: env.PENDING_STUCK_AFTER_S * 1000,
      offboardDeleteAfterDays: env.OFFBOARD_DELETE_AFTER_DAYS ?? null,
      display: { timeZone: env.PORTAL_TIME_ZONE, locale: env.PORTAL_LOCALE },
      imports: { defaultCountry: env.PORTAL_DEFAULT_COUNTRY, defaultRole: env.IMPORT_DEFAULT_ROLE },
      visitors: {
        maxHours: env.VISITOR_MAX_HOURS,
        retentionDays: env.VISITOR_RETENTION_DAYS,
        notice: env.VISITOR_NOTICE ?? null,
        roleId: env.SPINTLY_VISITOR_ROLE_ID ?? null,
      },
      directory: { syncIntervalS: env.DIRECTORY_SYNC_INTERVAL_S },
      operations: {
        metricsToken: env.METRICS_TOKEN ?? null,
        logFormat: env.LOG_FORMAT,
        processes: env.PORTAL_PROCESSES,
        tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT
          ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME }
          : null,
      },
      activity: {
        webhookKeys: (env.SPINTLY_WEBHOOK_KEY ?? '')
          .split(',')
          .map((key) => key.trim())
          .filter(Boolean),
        retentionDays: env.ACTIVITY_RETENTION_DAYS,
        webhookPort: env.WEBHOOK_PORT,
        backfillDays: env.ACTIVITY_BACKFILL_DAYS,
        repairIntervalS: env.ACTIVITY_REPAIR_INTERVAL_S,
      },
      worker: {
        mode: env.PORTAL_WORKER,
        testTaskS: env.PORTAL_WORKER_TEST_TASK_S,
        auditRetentionDays: env.AUDIT_RETENTION_DAYS,
      },
      auth: {
        secret: env.AUTH_SECRET,
        trustHost: env.AUTH_TRUST_HOST === 'true' || env.AUTH_TRUST_HOST === '1',
        url: env.AUTH_URL,
        sessionMaxAgeS: env.SESSION_MAX_AGE_H * 3600,
        trustedProxyHops: env.TRUSTED_PROXY_HOPS,
        secondFactorPolicy: env.REQUIRE_2FA,
        oidc:
          env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
            ? {
                issuer: env.AUTH_OIDC_ISSUER,
                clientId: env.AUTH_OIDC_CLIENT_ID,
                clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
                name: env.AUTH_OIDC_NAME,
              }
            : null,
      },
      spintly: {
        apiUrl,
        tokenStyle: env.SPINTLY_TOKEN_STYLE,
        tokenUrl:
          env.SPINTLY_TOKEN_URL ??
          `${apiUrl}${env.SPINTLY_TOKEN_STYLE === 'saams' ? '/saamsIdm/oauth/token' : '/identityManagement/v2/oauth/token'}`,
        clientId: env.SPINTLY_CLIENT_ID ?? 'demo-client',
        clientSecret: env.SPINTLY_CLIENT_SECRET ?? 'demo-secret',
        orgId: env.SPINTLY_ORG_ID ?? (apiUrl === SANDBOX_URL ? 4242 : undefined),
        timeoutMs: env.SPINTLY_TIMEOUT_MS,
        readTimeoutMs: env.SPINTLY_READ_TIMEOUT_MS,
        readBudgetMs: env.SPINTLY_READ_BUDGET_MS,
        maxConcurrency: env.SPINTLY_MAX_CONCURRENCY,
        cardStyle: env.SPINTLY_CARD_STYLE,
        maxReadConcurrency: env.SPINTLY_MAX_READ_CONCURRENCY,
        background: { reads: env.SPINTLY_BACKGROUND_READS, writes: env.SPINTLY_BACKGROUND_WRITES },
        usesSandbox: apiUrl === SANDBOX_URL,
      },
    };
  });
export type PortalEnv = z.output<typeof portalSchema>;

const sandboxSchema = z
  .object({
    SANDBOX_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
    SANDBOX_PORT: int(4010, 0, 65_535),
    SANDBOX_ORG_ID: int(4242, 1),
    SANDBOX_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().default('demo-client')),
    SANDBOX_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().default('demo-secret')),
    SANDBOX_SEED: int(42),
    SANDBOX_USERS: int(300, 0, 100_000),
    SANDBOX_SITES: int(3, 1, 100),
    SANDBOX_DOORS_PER_SITE: int(15, 1, 1_000),
    SANDBOX_SYNC_MS: int(3000, 0),
    SANDBOX_TOKEN_TTL_S: int(3600, 1),
    SANDBOX_LATENCY_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).optional()),
    SANDBOX_JITTER_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).optional()),
    /** A JSON fault config, the same shape as POST /__sandbox/faults. */
    SANDBOX_FAULTS: optionalString,
    SANDBOX_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    SANDBOX_WEBHOOK_KEY: optionalString,
    /** Simulated taps per minute across the sites (a mix of granted and denied), pushed to the webhook; 0 = none. */
    SANDBOX_TRAFFIC_PER_MIN: int(30, 0, 60_000),
    /** Seeded access history over the last 30 days (default: 4 events per person, at most 60,000). */
    SANDBOX_HISTORY_EVENTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(2_000_000).optional()),
    /** The card endpoints the sandbox serves: both by default; one, to see what a portal set to the other one says. */
    SANDBOX_CARD_STYLES: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((v) => v.trim()) : undefined),
      z
        .array(z.enum(CARD_STYLES))
        .min(1)
        .default([...CARD_STYLES]),
    ),
  })
  .transform((env) => ({
    host: env.SANDBOX_HOST,
    port: env.SANDBOX_PORT,
    orgId: env.SANDBOX_ORG_ID,
    clientId: env.SANDBOX_CLIENT_ID,
    clientSecret: env.SANDBOX_CLIENT_SECRET,
    seed: env.SANDBOX_SEED,
    users: env.SANDBOX_USERS,
    sites: env.SANDBOX_SITES,
    doorsPerSite: env.SANDBOX_DOORS_PER_SITE,
    syncMs: env.SANDBOX_SYNC_MS,
    tokenTtlS: env.SANDBOX_TOKEN_TTL_S,
    latencyMs: env.SANDBOX_LATENCY_MS,
    jitterMs: env.SANDBOX_JITTER_MS,
    faultsJson: env.SANDBOX_FAULTS,
    webhookUrl: env.SANDBOX_WEBHOOK_URL,
    webhookKey: env.SANDBOX_WEBHOOK_KEY,
    trafficPerMin: env.SANDBOX_TRAFFIC_PER_MIN,
    historyEvents: env.SANDBOX_HISTORY_EVENTS,
    cardStyles: env.SANDBOX_CARD_STYLES,
  }));
export type SandboxEnv = z.output<typeof sandboxSchema>;

/** Thrown for a bad configuration; the message names every wrong variable and never echoes a value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function load<T extends z.ZodType>(schema: T, source: Source, what: string): z.output<T> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'} ${issue.message}`);
  throw new ConfigError(`Invalid ${what} configuration:\n${problems.join('\n')}`);
}

let cachedPortal: PortalEnv | undefined;

/** The portal's settings, validated once per process. Pass a source only in tests. */
export function portalEnv(source?: Source): PortalEnv {
  if (source) return load(portalSchema, source, 'portal');
  return (cachedPortal ??= load(portalSchema, process.env, 'portal'));
}

export function sandboxEnv(source: Source = process.env): SandboxEnv {
  return load(sandboxSchema, source, 'sandbox');
}
