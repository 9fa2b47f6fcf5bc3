/**
 * Personal data and the law (issue 31): the portal will not run with a retention of access events or audit records
 * below the one-year floor India's DPDP Rules set for logs of processing — it stops at start and says why.
 */
import { expect, test } from '@playwright/test';
import { startPortal } from '../scripts/processes';
import { e2ePortalEnv } from './ports';

test('the portal refuses to start with ACTIVITY_RETENTION_DAYS=30, and says why', async () => {
  test.setTimeout(60_000);
  const portal = startPortal(
    3309,
    e2ePortalEnv({ ACTIVITY_RETENTION_DAYS: '30', PORTAL_WORKER: 'off' }, 'file:data/e2e-retention.db'),
    ['ignore', 'ignore', 'pipe'],
  );
  let said = '';
  portal.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => portal.on('exit', resolve));
  expect(code).toBe(1);
  expect(said).toContain('ACTIVITY_RETENTION_DAYS must be at least 365 days');
  expect(said).toContain('logs of processing');
  // Nothing answers where it would have listened.
  await expect(fetch('http://127.0.0.1:3309/api/health')).rejects.toThrow();
});
