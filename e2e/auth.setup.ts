/**
 * Signs each demo operator in once through the form and saves the session, so tests that only need to be signed in
 * start signed in (helpers' signInAndWait). Tests of signing in itself still use the form.
 */
import { test as setup } from '@playwright/test';
import { DEMO, saveSession } from './helpers';

for (const [role, email] of Object.entries(DEMO))
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await saveSession(page, email);
  });
