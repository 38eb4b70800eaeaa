import { expect, serverForThisFile, test } from '../support/fixtures';
import { axeViolations } from '../support/axe';
import { DEMO_SPACE } from '../support/journeys';

const server = serverForThisFile();

test('a device whose storage is full says so, instead of loading for ever, and recovers on Try again', async ({
  newDevice,
}) => {
  const { context, page } = await newDevice(server.url);
  // Chromium's own quota for the origin, set to one byte: every write to IndexedDB is refused with
  // QuotaExceededError, as on a phone whose disk is full. (The origin needs a page before Chromium
  // takes an override for it, and a size of 0 means "no override".)
  const cdp = await context.newCDPSession(page);
  const origin = new URL(server.url).origin;
  await page.goto('/icon.svg');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await page.goto('/');

  const problem = page.getByRole('alert').filter({ hasText: "cannot open this device's storage" });
  await expect(problem).toBeVisible();
  await expect(page.getByText('There are no discussion spaces yet.')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // The user frees some space and tries again: the spaces arrive, the message goes.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator(`main a[href="/s/${DEMO_SPACE}"]`)).toBeVisible();
  await expect(problem).toHaveCount(0);
});
