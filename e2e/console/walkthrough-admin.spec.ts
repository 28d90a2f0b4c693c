// An admin's change of the live threshold, signed in through the form: every page of the console
// opens for the role, the threshold is changed with a reason and the change shows at once in the
// audit trail and the live-threshold panel, then put back (a second entry: the trail is append-only),
// and sign-out.
import { expect, test, type Page } from '@playwright/test';

import { saveScreenshotsAtBothSizes } from '../support/screenshots';
import { signInThroughForm, signOut, visitEverySection } from '../support/walkthrough';

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/** Sets the live threshold through the form and waits for the confirmation. */
async function setThreshold(page: Page, percent: number, reason: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Change the live threshold' });
  await form.getByLabel('New threshold (%)').fill(String(percent));
  await form.getByLabel('Reason (kept in the audit trail)').fill(reason);
  await form.getByRole('button', { name: 'Set live threshold' }).click();
  await expect(form.getByRole('status')).toContainText(`The live threshold is now ${percent}%`);
}

test('an admin changes the live threshold and sees it in the audit trail', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });

  await test.step('signs in through the form', () => signInThroughForm(page, 'admin'));

  await test.step('every page of the console opens', async () => {
    await visitEverySection(page, 'admin');
    await section(page, 'Queue').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
    await page.getByRole('table', { name: 'Queue items' }).getByRole('row').nth(1).getByRole('link').click();
    await expect(page.getByRole('region', { name: 'Score', exact: true })).toBeVisible();
  });

  await section(page, 'Threshold').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Threshold what-if' })).toBeVisible();
  const input = page.getByRole('form', { name: 'Change the live threshold' }).getByLabel('New threshold (%)');
  const before = Number(await input.inputValue());
  // A value no other spec sets, so what the trail shows can only come from this walkthrough.
  const changed = Number((before + 0.53).toFixed(2));
  const reason = 'walkthrough: analysts over capacity this week';

  try {
    await test.step('changes the live threshold with a reason', () => setThreshold(page, changed, reason));

    await test.step('the change is in the audit trail and the live panel', async () => {
      const trail = figure(page, 'Threshold changes (audit trail)');
      const newest = trail.getByRole('row').nth(1);
      await expect(newest).toContainText('admin (local)');
      await expect(newest).toContainText(`${changed}%`);
      await expect(newest).toContainText(reason);
      await expect(figure(page, 'Live threshold')).toContainText(`${changed}%`);
      await trail.scrollIntoViewIfNeeded();
      await saveScreenshotsAtBothSizes(page, 'threshold-audit');
    });

    await test.step('the console-wide audit trail lists the change too', async () => {
      await section(page, 'Audit').click();
      await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: reason }).first()).toContainText('admin (local)');
      await section(page, 'Threshold').click();
    });
  } finally {
    await test.step('puts the threshold back (a second entry)', async () => {
      await page.goto('/dashboard/threshold');
      await setThreshold(page, before, 'walkthrough: restore');
      await expect(figure(page, 'Threshold changes (audit trail)').getByRole('row').nth(1)).toContainText(
        'walkthrough: restore',
      );
    });
  }

  await test.step('signs out', () => signOut(page));
});
