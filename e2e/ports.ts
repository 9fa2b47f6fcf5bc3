import { sandboxPortalEnv } from '../scripts/processes';

/** Ports the end-to-end run uses, away from the demo's 3000/4010 so both can run at once. */
export const E2E = {
  portalPort: 3100,
  sandboxPort: 4110,
  portalUrl: 'http://127.0.0.1:3100',
  sandboxUrl: 'http://127.0.0.1:4110',
  database: 'data/e2e.db',
  /** The e2e portal's AUTH_SECRET: tests seal session cookies with it to probe how sessions end. */
  authSecret: 'e2e-only-secret-0123456789abcdefghijklmnop',
  /** The key the sandbox sends with its webhook, and the e2e portal accepts (with an older one, as in a rotation). */
  webhookKey: 'e2e-webhook-key',
  oldWebhookKey: 'e2e-webhook-key-old',
  /** The bearer token the e2e portal's /api/metrics asks for. */
  metricsToken: 'e2e-metrics-token-0123456789',
} as const;

/** The e2e portal's environment against the e2e sandbox; `extra` adds or overrides (a card style, the worker mode…); a second portal passes its own database. */
export const e2ePortalEnv = (extra: Record<string, string> = {}, database = `file:${E2E.database}`) => ({
  ...process.env,
  ...sandboxPortalEnv({ sandboxUrl: E2E.sandboxUrl, databaseUrl: database, authSecret: E2E.authSecret }, extra),
});
