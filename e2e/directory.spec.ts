/**
 * The people directory (issue 16): /users reads the portal's copy of Spintly's people. It sorts both ways from the
 * URL, says how fresh it is, picks up a person added behind the portal's back (through Spintly's own API) at the next
 * reconcile, and shows a person the portal itself added at once (write-through).
 */
import { spawnSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, sandbox, signInAndWait } from './helpers';
import { E2E, e2ePortalEnv } from './ports';

/** Creates a person straight through the sandbox's Spintly API, as Spintly's own website would. */
async function createBehindTheBack(request: APIRequestContext, name: string) {
  const token = await request.post(`${E2E.sandboxUrl}/saamsIdm/oauth/token`, {
    data: {
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      grantType: 'urn:ietf:params:oauth:grant-type:client-credentials',
    },
  });
  const accessToken = ((await token.json()) as { message: { payload: { access_token: string } } }).message.payload
    .access_token;
  const created = await request.post(`${E2E.sandboxUrl}/userManagement/integrator/v1/organisations/4242/users/create`, {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, homeSiteId: 1 },
  });
  expect(created.status()).toBe(200);
}

/** One reconcile against the e2e portal's database, as the background task would run it. */
function syncNow() {
  const run = spawnSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/spintly.ts', 'sync'], {
    env: e2ePortalEnv(),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { outcome: string; added: number };
}

test('the list sorts by name both ways from the URL and says how fresh it is', async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  const names = async () => page.getByRole('table').getByRole('row').locator('td:nth-child(2)').allInnerTexts();
  await page.goto('/users?sort=name');
  await expect(page.getByTestId('directory-freshness')).toContainText(/People as of .+\((just now|\d+ min ago)\)/);
  const ascending = await names();
  await page.goto('/users?sort=name&dir=desc');
  const descending = await names();
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  expect(ascending.length).toBeGreaterThan(5);
  expect([...ascending].sort(collator.compare)).toEqual(ascending);
  expect([...descending].sort((a, b) => collator.compare(b, a))).toEqual(descending);
  await expect(page.getByLabel('Order')).toHaveValue('desc');
});

test('a person added behind the portal’s back shows after the next reconcile', async ({ page, request }) => {
  const name = `Behind Back ${Date.now().toString().slice(-6)}`;
  await createBehindTheBack(request, name);
  await signInAndWait(page, DEMO.admin);
  await page.goto(`/users?search=${encodeURIComponent(name)}`);
  await expect(page.getByText('Nobody matches these filters.')).toBeVisible();
  expect(syncNow()).toMatchObject({ outcome: 'ok', added: 1 });
  await page.goto(`/users?search=${encodeURIComponent(name)}`);
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expect(page.getByTestId('showing')).toHaveText('Showing 1–1 of 1');
});

test('“Sync now” re-reads Spintly with progress, and the list then shows a change made behind the portal’s back', async ({
  page,
  request,
}) => {
  const name = `Synced Now ${Date.now().toString().slice(-6)}`;
  await createBehindTheBack(request, name);
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto(`/users?search=${encodeURIComponent(name)}`);
  await expect(page.getByText('Nobody matches these filters.')).toBeVisible();
  // Each Spintly call takes 300 ms while the run is watched: re-reading a few hundred people with no latency can end
  // before the page's first look at it (the progress bar was then never drawn, the test's own race).
  await sandbox.faults(request, { latencyMs: 300, rules: [] });
  try {
    await page.getByRole('button', { name: 'Sync now' }).click();
    // The run is asked of the task's leader (this portal's inline worker) and followed until it ends.
    await expect(page.getByRole('progressbar', { name: 'Re-reading Spintly’s people' })).toBeVisible();
    await expect(
      page.getByTestId('toast').filter({ hasText: /Re-read [\d,]+ people from Spintly: 1 new/ }),
    ).toBeVisible({ timeout: 15_000 });
  } finally {
    await sandbox.faults(request, { rules: [] });
  }
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
});

test('the home page counts people at the operator’s sites from the directory, each count a link to its list', async ({
  page,
}) => {
  await signInAndWait(page, DEMO.siteAdmin);
  const counts = page.getByTestId('people-counts');
  await expect(page.getByRole('heading', { name: 'People at your sites' })).toBeVisible();
  const people = Number((await counts.getByRole('link').first().innerText()).replace(/,/g, ''));
  expect(people).toBeGreaterThan(0);
  await counts.getByRole('link').nth(2).click(); // holding a card
  await expect(page).toHaveURL(/\/users\?card=yes/);
  const withCard = Number(
    /of ([\d,]+)/.exec(await page.getByTestId('showing').innerText())?.[1]?.replace(/,/g, '') ?? 0,
  );
  expect(withCard).toBeLessThanOrEqual(people);
  await page.goto('/users');
  await expect(page.getByTestId('showing')).toContainText(`of ${people}`);
});
