import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as setup } from '@playwright/test';
import { ACCOUNTS, authDir, ROLES, signIn } from './support';

mkdirSync(authDir, { recursive: true });

for (const role of ROLES) {
  setup(`saved login: ${role}`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role]);
    await page.context().storageState({ path: join(authDir, `${role}.json`) });
  });
}
