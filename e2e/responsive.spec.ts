/**
 * Phones and tablets (issue 18): the header folds into a Menu button under 1024 px, lists fit the screen as stacked
 * cards under 640 px with their filters behind "Filters (n)", and nothing scrolls sideways.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, signInAndWait } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

test('at 390 px the navigation sits behind a Menu button and People fits the screen', async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(nav).toBeHidden(); // following a link closes the menu
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();

  // Filters fold away, the search stays; each person is a card with labelled values, and nothing scrolls sideways.
  await expect(page.getByLabel('Search')).toBeVisible();
  await expect(page.getByLabel('Home site')).toBeHidden();
  await page.goto('/users?card=yes&status=active');
  await page.getByRole('button', { name: 'Filters (2)' }).click();
  await expect(page.getByLabel('Home site')).toBeVisible();
  await expect(page.getByRole('table', { name: 'People' }).locator('tbody tr').first()).toBeVisible();
  expect(await overflowsSideways(page)).toBe(false);
  await expectNoSeriousA11yViolations(page, '/users at 390 px');

  for (const path of ['/', '/audit', '/activity', '/cards', '/front-desk', '/sites']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await overflowsSideways(page), path).toBe(false);
  }
});
