/**
 * Personal data and the law (issue 31): the portal will not run with a retention of access events or audit records
 * below the one-year floor India's DPDP Rules set for logs of processing — it stops at start and says why; an erasure
 * request for a visitor takes their name out of every view and keeps what is counted.
 */
import { expect, test } from '@playwright/test';
import { startPortal } from '../scripts/processes';
import { DEMO, expectNoSeriousA11yViolations, sandbox, signInAndWait } from './helpers';
import { e2ePortalEnv } from './ports';
import { freshPhone, registerVisitor } from './visitor-form';

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

test('an erasure request for a visitor: their name leaves visits, activity and the audit log; counts stay; the outcome is recorded', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const users = await sandbox.users(request);
  const names = new Map<string, number>();
  for (const u of users) names.set(u.name, (names.get(u.name) ?? 0) + 1);
  const host = users.find((u) => u.homeSiteId === 1 && names.get(u.name) === 1 && !u.deactivatedOn)!;
  const name = `Erasable Guest ${Date.now().toString(36)}`;
  const phone = freshPhone();

  await signInAndWait(page, DEMO.admin);
  await page.goto('/visitors/new?site=1');
  await registerVisitor(page, { name, phone, host: host.name });
  const visitor = (await sandbox.users(request)).find((u) => u.phone === `+91${phone}`)!;
  const meeting = ((await sandbox.state(request)).meetings as { userId: number; accessPointIds: number[] }[]).find(
    (m) => m.userId === visitor.id,
  )!;
  expect((await sandbox.tap(request, visitor.id, meeting.accessPointIds[0]!, 'mobile')).event.granted).toBe(true);
  await page.goto('/activity');
  await expect(page.getByText(name).first()).toBeVisible({ timeout: 15_000 });
  await page.goto('/visitors?site=1');
  const visitsBefore = await page.getByTestId('visit-row').count();

  // Record the request: found by phone, about the visitor.
  await page.goto(`/privacy?find=${phone}`);
  await page
    .getByTestId('privacy-found')
    .getByRole('link', { name: new RegExp(name) })
    .click();
  await page.getByLabel('Who asked, and how').fill('The visitor, by email');
  await page.getByRole('button', { name: 'Record request' }).click();
  await expect(page).toHaveURL(/\/privacy\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('holdings')).toContainText('Visits as a visitor1');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Erase now' }).click();
  await page
    .getByRole('alertdialog', { name: 'Erase this person’s data?' })
    .getByRole('button', { name: 'Erase' })
    .click();
  await expect(page.getByTestId('request-outcome')).toContainText('deleted in Spintly');
  await expect(page.getByTestId('request-outcome')).toContainText('1 visit');
  await expect(page.getByTestId('holdings')).toContainText('Visits as a visitor1');

  // Gone by name everywhere the portal shows it; the visit and the entry are still counted.
  await page.goto('/visitors?site=1');
  await expect(page.getByTestId('visit-row')).toHaveCount(visitsBefore);
  await expect(page.getByTestId('visit-row').filter({ hasText: 'An erased person' }).first()).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await page.goto('/activity');
  await expect(page.getByText(name)).toHaveCount(0);
  await page.goto(`/audit?about=${encodeURIComponent(name)}`);
  await expect(page.getByText(name)).toHaveCount(0);
  await page.goto('/audit?action=visitors.register');
  await expect(page.getByText('an erased person').first()).toBeVisible();
  expect((await sandbox.users(request)).some((u) => u.id === visitor.id)).toBe(false);
  await page.goto('/privacy');
  // The retention in force, per class of data, beside what each purge last removed.
  await expect(page.getByTestId('retention-row').filter({ hasText: 'Access events' })).toContainText(
    '365 daysACTIVITY_RETENTION_DAYS',
  );
  await expect(page.getByTestId('request-row').filter({ hasText: `Spintly user ${visitor.id}` })).toContainText(
    'Erased',
  );
});
