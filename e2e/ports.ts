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
} as const;

const TSX = 'node_modules/.bin/tsx --conditions=react-server';

/**
 * A portal made fresh for a run, then started: a new SQLite database, migrated (the portal refuses a schema that is
 * behind), the demo operators, and the people directory read from the sandbox. The e2e portal and the second portal
 * of card-styles.spec.ts start this way.
 */
export const freshPortalCommand = (database: string, start: string) =>
  `rm -f ${database} ${database}-wal ${database}-shm && ${TSX} scripts/db-migrate.ts && ${TSX} scripts/seed-demo-operators.ts --quiet && ${TSX} scripts/spintly.ts sync --wait > /dev/null && ${start}`;
