import { expect, test } from '@playwright/test';
import { DEMO, signInAndWait } from './helpers';

test('the home page loads in a browser and names the Spintly backend it talks to', async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  await expect(page.getByRole('heading', { level: 1, name: /Welcome, Asha Admin/ })).toBeVisible();
  // E2E points the portal at the sandbox on a non-default port, so the portal shows that host.
  await expect(page.getByTestId('spintly-target')).toHaveText('127.0.0.1:4110');
  await expect(page.getByRole('heading', { name: 'All sites', exact: true })).toBeVisible();
  await expect(page.getByText('Koramangala Hub')).toBeVisible();
});
