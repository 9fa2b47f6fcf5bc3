import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E } from './e2e/ports';
import { freshPortalCommand, sandboxPortalEnv } from './scripts/processes';

// Playwright cannot download its browser here: use Debian's Chromium when present (PLAYWRIGHT_CHROMIUM_PATH overrides).
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const portalEnv = {
  ...sandboxPortalEnv({
    sandboxUrl: E2E.sandboxUrl,
    databaseUrl: `file:${E2E.database}`,
    authSecret: E2E.authSecret,
    // The new key first, the old one still accepted: a rotation in progress.
    webhookKey: `${E2E.webhookKey},${E2E.oldWebhookKey}`,
  }),
  PORT: String(E2E.portalPort),
  // Operations as production wires them: a metrics scrape with its token, JSON log lines.
  METRICS_TOKEN: E2E.metricsToken,
  LOG_FORMAT: 'json',
  // As if behind one reverse proxy: the sign-in limit per address reads the last X-Forwarded-For entry.
  TRUSTED_PROXY_HOPS: '1',
  // Flag pending changes as stuck after 5 s, so the offline-reader path is seen within a test.
  PENDING_STUCK_AFTER_S: '5',
};

const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: E2E.portalUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // `npm run screenshots` only: pictures of every page, not tests (e2e/screenshots/pages.shots.ts).
    ...(process.env.SCREENSHOTS
      ? [
          {
            name: 'screenshots',
            testMatch: /\.shots\.ts$/,
            use: {
              ...devices['Desktop Chrome'],
              launchOptions: { ...(chromiumPath && { executablePath: chromiumPath }), args: CHROMIUM_ARGS },
            },
          },
        ]
      : []),
    {
      // Signs the demo operators in once and saves their sessions for the tests (e2e/auth.setup.ts).
      name: 'setup',
      testMatch: /auth\.setup\.ts$/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { ...(chromiumPath && { executablePath: chromiumPath }), args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'chromium',
      testIgnore: /multi\.spec\.ts$/,
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(chromiumPath && { executablePath: chromiumPath }),
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      // Two production portals on one Postgres database (started by the spec itself), against the same sandbox.
      name: 'multi',
      testMatch: /multi\.spec\.ts$/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { ...(chromiumPath && { executablePath: chromiumPath }), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: 'node_modules/.bin/tsx --conditions=react-server sandbox/main.ts',
      url: `${E2E.sandboxUrl}/__sandbox/health`,
      // Readers sync only when a test says so (POST /__sandbox/sync), so pending states stay put while tests look at them.
      env: {
        SANDBOX_PORT: String(E2E.sandboxPort),
        SANDBOX_SYNC_MS: '600000',
        // Tests tap through /__sandbox/access themselves; each tap reaches the portal's webhook receiver.
        SANDBOX_TRAFFIC_PER_MIN: '0',
        SANDBOX_WEBHOOK_URL: `${E2E.portalUrl}/api/webhooks/spintly`,
        SANDBOX_WEBHOOK_KEY: E2E.webhookKey,
      },
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      timeout: 30_000,
    },
    {
      // The production build `npm test` made just before; `next dev` would hide build-only failures.
      // A fresh database, migrated (the portal refuses a schema that is behind), with the demo operators and the people
      // directory read from the sandbox (reseeded at every start); then the server.
      command: freshPortalCommand(E2E.database, 'npm start'),
      url: `${E2E.portalUrl}/api/health`,
      env: portalEnv,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
