/**
 * `npm run demo`: builds the portal, starts the Spintly sandbox with demo data and the production portal
 * pointed at it, and prints where to go. Ctrl+C stops both.
 *
 * PORT (default 3000) and SANDBOX_PORT (default 4010) move them; DEMO_SKIP_BUILD=1 reuses the last build.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PORTAL_SERVER_BUNDLE, bin, sandboxPortalEnv, startPortal, startSandbox, waitFor } from './processes';

const portalPort = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
/** The demo's webhook key (the sandbox sends it, the portal accepts it); a real deployment sets its own. */
const DEMO_WEBHOOK_KEY = 'demo-webhook-key';
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const portalUrl = `http://localhost:${portalPort}`;
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}

/** The demo's session-signing secret, kept under ./data so sign-ins survive a restart of the demo. */
function demoAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = 'data/demo-auth-secret';
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync('data', { recursive: true });
  const secret = randomBytes(32).toString('base64');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const portalEnv = {
    ...env,
    ...sandboxPortalEnv({
      sandboxUrl,
      databaseUrl: process.env.DATABASE_URL ?? 'file:./data/demo.db',
      authSecret: demoAuthSecret(),
      // The sandbox pushes its access events (and its simulated traffic) to the portal's webhook receiver.
      webhookKey: process.env.SPINTLY_WEBHOOK_KEY ?? DEMO_WEBHOOK_KEY,
    }),
    // The demo sign-ins stay one step; a real deployment asks super admins for a second factor by default.
    REQUIRE_2FA: process.env.REQUIRE_2FA ?? 'off',
  };
  if (process.env.DEMO_SKIP_BUILD !== '1' || !existsSync('.next/BUILD_ID') || !existsSync(PORTAL_SERVER_BUNDLE)) {
    console.log('Building the portal (npm run build)…');
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
    if (build.status !== 0) stopAll(build.status ?? 1);
  }

  // The schema first (a web instance never migrates), then the demo operators.
  const migrated = spawnSync(bin('tsx'), ['--conditions=react-server', 'scripts/db-migrate.ts'], {
    env: portalEnv,
    stdio: 'inherit',
  });
  if (migrated.status !== 0) stopAll(1);
  const seeded = spawnSync(bin('tsx'), ['--conditions=react-server', 'scripts/seed-demo-operators.ts'], {
    env: portalEnv,
    encoding: 'utf8',
  });
  if (seeded.status !== 0) {
    console.error(seeded.stderr);
    stopAll(1);
  }

  const sandbox = startSandbox(
    {
      ...env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_WEBHOOK_URL: process.env.SANDBOX_WEBHOOK_URL ?? `${portalUrl}/api/webhooks/spintly`,
      SANDBOX_WEBHOOK_KEY: process.env.SANDBOX_WEBHOOK_KEY ?? DEMO_WEBHOOK_KEY,
    },
    'inherit',
  );
  children.push(sandbox);
  await waitFor(`${sandboxUrl}/__sandbox/health`, 'The sandbox', sandbox);
  // The sandbox is reseeded at every start: read its people into the directory now, not at the first interval.
  const synced = spawnSync(bin('tsx'), ['--conditions=react-server', 'scripts/spintly.ts', 'sync'], {
    env: portalEnv,
    encoding: 'utf8',
  });
  if (synced.status !== 0) {
    console.error(synced.stdout, synced.stderr);
    stopAll(1);
  }
  // Companies come from the people just read (their "Company" values), and with them the company admin's sign-in.
  const companies = spawnSync(bin('tsx'), ['--conditions=react-server', 'scripts/seed-demo-companies.ts'], {
    env: portalEnv,
    encoding: 'utf8',
  });
  if (companies.status !== 0) {
    console.error(companies.stdout, companies.stderr);
    stopAll(1);
  }

  const portal = startPortal(portalPort, portalEnv, ['ignore', 'ignore', 'inherit']);
  children.push(portal);
  await waitFor(portalUrl, 'The portal', portal);

  console.log(`
  Access portal      ${portalUrl}
  Spintly sandbox    ${sandboxUrl}   (control API: ${sandboxUrl}/__sandbox/state, /stats, /faults …)

  Two-factor sign-in: ${portalEnv.REQUIRE_2FA === 'off' ? 'not required in the demo (REQUIRE_2FA=off; production requires it of super admins). Any operator can still set it up on /account.' : `required of ${portalEnv.REQUIRE_2FA === 'all' ? 'every operator' : 'super admins'} (REQUIRE_2FA=${portalEnv.REQUIRE_2FA}).`}

  Demo sign-ins (demo only: no default password exists outside the demo):
${seeded.stdout}${companies.stdout}
  Press Ctrl+C to stop both.
`);
  for (const child of children) child.on('exit', (code) => stopAll(code ?? 1));
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
