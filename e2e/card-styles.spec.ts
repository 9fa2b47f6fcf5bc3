/**
 * The front desk's card flow with SPINTLY_CARD_STYLE=assignCredential (issue 21): a second production portal, B, on
 * its own database, against the same sandbox (which takes both styles). The rest of the suite runs with the default,
 * assignCard, so the flow is covered in both styles.
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { DEMO, sandbox, signInAndWait } from './helpers';
import { e2ePortalEnv } from './ports';
import { startFreshPortal, stopGroup, waitFor } from '../scripts/processes';

const PORT = 3303;
const B = `http://127.0.0.1:${PORT}`;
const DB = 'data/e2e-card-style.db';
let portal: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const env = e2ePortalEnv({ SPINTLY_CARD_STYLE: 'assignCredential', PORTAL_WORKER: 'off' }, `file:${DB}`);
  portal = startFreshPortal(PORT, DB, env);
  await waitFor(`${B}/api/health`, 'Portal B', portal, 100_000);
});

test.afterAll(() => stopGroup(portal));

const CREDENTIAL = 'POST /organisationManagement/v1/organisations/{org}/users/{userId}/assignCredential';
const UNASSIGN_CREDENTIAL = 'POST /organisationManagement/v1/organisations/{org}/users/{userId}/unassignCredential';
const CARD = 'POST /organisationManagement/v2/integrator/organisations/{org}/users/{userId}/assignCard';

test('with SPINTLY_CARD_STYLE=assignCredential the front desk issues and takes back a card in that shape', async ({
  browser,
  request,
}) => {
  const people = await sandbox.users(request);
  const person = people.filter((u) => u.homeSiteId === 1 && !u.credentialId && u.phone && !u.deactivatedOn).at(-1)!;
  const card = `CS${Date.now().toString().slice(-8)}`;
  const context = await browser.newContext({ baseURL: B });
  const page = await context.newPage();
  await signInAndWait(page, DEMO.frontDesk);
  await page.goto('/front-desk');
  await page.getByLabel('Find a person').fill(person.phone!);
  await expect(page.getByRole('option', { name: new RegExp(person.name) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();

  await sandbox.clearStats(request);
  await page.getByLabel(/card number/i).focus();
  await page.keyboard.type(card);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${card}`);
  expect((await sandbox.user(request, person.id)).credentialId).toBe(card);

  await page.getByRole('button', { name: 'Take back card' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Take back card' }).click();
  await expect(page.getByTestId('current-card')).toHaveText('No card');
  expect((await sandbox.user(request, person.id)).credentialId).toBeNull();
  const requests = (await sandbox.stats(request)).requests;
  expect(requests[CREDENTIAL]?.total).toBe(1);
  expect(requests[UNASSIGN_CREDENTIAL]?.total).toBe(1);
  expect(requests[CARD]).toBeUndefined();
  await context.close();
});
