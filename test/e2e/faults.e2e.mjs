/**
 * Under pressure: with the backend offline a change shows at once and waits
 * ("Offline · 1 change waiting"), then saves when the backend is back; a
 * server that refuses rolls the change back with a toast.
 */
import { assert, eventually, openDemo, openSettings as settings, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

test('faults: offline changes wait and then save; the status says so', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  const status = page.getByRole('status').filter({ hasText: /saved|Saving|Offline/ }).first();
  await status.getByText('All changes saved').waitFor();
  const vips = await demo.count('VIPs');

  await demo.applyFilter({ exclude: ['VIPs'] });
  await demo.selectFirst(2);

  let dialog = await settings(page);
  await dialog.getByRole('checkbox', { name: 'Offline (requests fail)' }).check();
  await page.keyboard.press('Escape');
  await page.getByRole('region', { name: 'Faults on' }).waitFor();
  await demo.picker.getByRole('button', { name: 'Add to segment' }).click();
  const popover = demo.picker.getByRole('dialog');
  await popover.getByRole('option', { name: /^VIPs\b/ }).click();
  await popover.getByRole('button', { name: 'Add', exact: true }).click();
  await demo.focusBack();
  // Optimistic: the count moves at once, and the change waits.
  await demo.expectCount('VIPs', vips + 2);
  // One write waits (in IndexedDB: it outlives the tab, so the status does not warn that it is kept in this tab only).
  await eventually(async () => assert.equal(await status.innerText(), 'Offline · 1 change waiting'));
  await screenshot(page, root, 'faults-offline-waiting');

  dialog = await settings(page);
  await dialog.getByRole('button', { name: 'Clear faults' }).click();
  await page.keyboard.press('Escape');
  await status.getByText('All changes saved').waitFor({ timeout: 20_000 });
  await demo.expectCount('VIPs', vips + 2);
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await demo.expectCount('VIPs', vips + 2);
});

test('faults: a malformed answer rolls the change back, with a toast and an Activity entry', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  await demo.selectFirst(2);
  const dialog = await settings(page);
  await dialog.getByRole('checkbox', { name: 'Malformed responses' }).check();
  await page.keyboard.press('Escape');

  await demo.picker.getByRole('button', { name: 'Add to segment' }).click();
  const popover = demo.picker.getByRole('dialog');
  await popover.getByRole('option', { name: /^VIPs\b/ }).click();
  await popover.getByRole('button', { name: 'Add', exact: true }).click();

  const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('alert');
  await toast.getByText('The server sent an answer we could not read. Your change was undone; try again.').waitFor();
  await screenshot(page, root, 'faults-malformed-toast');
  await toast.first().getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: /^Activity/ }).click();
  await page.getByRole('complementary', { name: 'Activity' }).getByText(/Something failed: The server sent a malformed/).first().waitFor();
});
