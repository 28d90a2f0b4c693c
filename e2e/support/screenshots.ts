// Writes the README's screenshots to docs/screenshots/ when UPDATE_SCREENSHOTS=1, so ordinary test runs
// never rewrite committed images.
import path from 'node:path';

import type { Page } from '@playwright/test';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: false, animations: 'disabled' });
}
