/**
 * Starting the portal's processes, one way, for the demo, the benchmark and the end-to-end tests: the environment of
 * a portal pointed at the sandbox, the production portal exactly as `npm start` runs it (same heap cap), a fresh
 * portal (new database, migrated, demo operators, directory read), the sandbox, and waiting until each answers.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * V8 grows its heap lazily toward a share of the machine's memory, so an idle portal on a large machine kept
 * 340–420 MB resident after the benchmark; capped, it keeps about 230 MB and pages are no slower. The cap leaves room
 * for many concurrent permission matrices (the largest page: ≈ 1 MB of Spintly answers each). `npm start` sets the
 * same; anything in NODE_OPTIONS comes after, so it can raise or lower the cap.
 */
export const PORTAL_NODE_OPTIONS = '--max-old-space-size=384';

export const bin = (name: string) => `node_modules/.bin/${name}`;
/** The production server (scripts/server.ts) as `npm run build` bundles it — what `npm start` runs. */
export const PORTAL_SERVER_BUNDLE = '.next/portal-server.mjs';
const PORTAL_SERVER = `node ${PORTAL_SERVER_BUNDLE}`;
const TSX = `${bin('tsx')} --conditions=react-server`;

/** The sandbox's organisation and API client, as it seeds them (SANDBOX_* move them, for the sandbox and its portal). */
export const SANDBOX_CLIENT = {
  id: process.env.SANDBOX_CLIENT_ID ?? 'demo-client',
  secret: process.env.SANDBOX_CLIENT_SECRET ?? 'demo-secret',
  orgId: process.env.SANDBOX_ORG_ID ?? '4242',
} as const;

/**
 * What a portal needs to run against the sandbox: where it is, its API client, the database, the session secret
 * and, when the sandbox pushes events, the webhook key; no second factor asked (REQUIRE_2FA=off). `extra` adds or overrides (a card style, PORTAL_WORKER…).
 */
export function sandboxPortalEnv(
  options: { sandboxUrl: string; databaseUrl: string; authSecret: string; webhookKey?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NEXT_TELEMETRY_DISABLED: '1',
    SPINTLY_API_URL: options.sandboxUrl,
    SPINTLY_CLIENT_ID: SANDBOX_CLIENT.id,
    SPINTLY_CLIENT_SECRET: SANDBOX_CLIENT.secret,
    SPINTLY_ORG_ID: SANDBOX_CLIENT.orgId,
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret,
    AUTH_TRUST_HOST: 'true',
    ...(options.webhookKey && { SPINTLY_WEBHOOK_KEY: options.webhookKey }),
    // Portals on the sandbox (the demo, the tests, the bench) sign in with shared demo passwords in one step; the
    // production default (super admins need a second factor) is tested by a portal of its own (e2e/two-factor.spec).
    REQUIRE_2FA: 'off',
    ...extra,
  };
}

/**
 * A portal made fresh, then started, as one shell command (Playwright's webServer runs commands): a new SQLite
 * database, migrated (the portal refuses a schema that is behind), the demo operators, and the people directory
 * read from the sandbox; then `start`.
 */
export const freshPortalCommand = (database: string, start: string) =>
  `rm -f ${database} ${database}-wal ${database}-shm && ${TSX} scripts/db-migrate.ts && ${TSX} scripts/seed-demo-operators.ts --quiet && ${TSX} scripts/spintly.ts sync --wait > /dev/null && ${start}`;

/** `freshPortalCommand` with the production portal on `port`, in a process group of its own (stop it with stopGroup). */
export function startFreshPortal(port: number, database: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('sh', ['-c', freshPortalCommand(database, `exec ${PORTAL_SERVER}`)], {
    env: { ...env, PORT: String(port), NODE_OPTIONS: `${PORTAL_NODE_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

/** Stops a process started in a group of its own, children included. */
export function stopGroup(child: ChildProcess | undefined) {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
}

/** The production portal as `npm start` runs it (needs `next build` first); PORTAL_PROCESSES in `env` applies. */
export function startPortal(port: number, env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  return spawn('node', [PORTAL_SERVER_BUNDLE], {
    stdio,
    env: { ...env, PORT: String(port), NODE_OPTIONS: `${PORTAL_NODE_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() },
  });
}

/** The Spintly sandbox; its size, latency and faults come from SANDBOX_* variables in `env`. */
export function startSandbox(env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  return spawn(bin('tsx'), ['--conditions=react-server', 'sandbox/main.ts'], { stdio, env });
}

/** Resolves once `url` answers 2xx; fails if the process exits first or nothing answers in time. */
export async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`);
}
