import { expect, type Page } from '@playwright/test';

/** A phone nobody in the sandbox has: +91 7xxxxxxxxx (the seed's members are +91 9…). */
export const freshPhone = () => `7${String(Date.now()).slice(-9)}`;

/**
 * Fills and sends the visitor form on /visitors/new (the page is open): name, phone, the host found by the first
 * word of their name, an optional desk card, the Main Entrance; then waits for the visit's page.
 */
export async function registerVisitor(
  page: Page,
  visitor: { name: string; phone: string; host: string; card?: string },
) {
  await page.getByRole('textbox', { name: 'Name' }).fill(visitor.name);
  await page.getByRole('textbox', { name: 'Phone' }).fill(visitor.phone);
  await page.getByRole('searchbox', { name: 'Host' }).fill(visitor.host.split(' ')[0]!);
  await page.getByRole('button', { name: new RegExp(`^${visitor.host}`) }).click();
  if (visitor.card) await page.getByLabel('Card from the desk (optional)').fill(visitor.card);
  await page.getByRole('checkbox', { name: 'Main Entrance' }).check();
  await page.getByRole('checkbox', { name: 'The visitor has read this notice and accepts it' }).check();
  await page.getByRole('button', { name: 'Register visitor' }).click();
  await expect(page).toHaveURL(/\/visitors\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: visitor.name })).toBeVisible();
}
