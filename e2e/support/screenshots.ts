// Writes the README's screenshots to docs/screenshots/ when UPDATE_SCREENSHOTS=1, so ordinary test runs
// never rewrite committed images.
import path from 'node:path';

import type { Page } from '@playwright/test';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: false, animations: 'disabled' });
}

const SIZES = [
  { width: 1280, height: 800, suffix: '' },
  { width: 1920, height: 1080, suffix: '-1920x1080' },
] as const;

/**
 * `name.png` at 1280×800 and `name-1920x1080.png` at 1920×1080 (the two desktop sizes the console is
 * built for), leaving the page at the size it had; nothing at all without UPDATE_SCREENSHOTS=1.
 */
export async function saveScreenshotsAtBothSizes(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await saveScreenshot(page, `${name}${size.suffix}.png`);
  }
  if (before) await page.setViewportSize(before);
}
