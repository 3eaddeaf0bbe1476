/**
 * Nothing is lost across a reload (the IndexedDB cache): offline, three
 * members added to VIPs stay on screen (waiting) after a reload, then save
 * exactly once when the backend is back.
 */
import { assert, eventually, openDemo, openSettings as settings, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

test('offline: three members added to VIPs survive a reload (waiting), then save exactly once', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  const status = page.getByRole('status').filter({ hasText: /saved|Saving|Offline|Updating|Loading/ }).first();
  await status.getByText('All changes saved').waitFor();
  const vips = await demo.count('VIPs');

  await demo.applyFilter({ exclude: ['VIPs'] });
  const names = await demo.selectFirst(3);

  const dialog = await settings(page);
  await dialog.getByRole('checkbox', { name: 'Offline (requests fail)' }).check();
  await page.keyboard.press('Escape');
  await page.getByRole('region', { name: 'Faults on' }).waitFor();

  await demo.picker.getByRole('button', { name: 'Add to segment' }).click();
  const popover = demo.picker.getByRole('dialog');
  await popover.getByRole('option', { name: /^VIPs\b/ }).click();
  await popover.getByRole('button', { name: 'Add', exact: true }).click();
  await demo.focusBack();
  await demo.expectCount('VIPs', vips + 3);
  await eventually(async () => assert.equal(await status.innerText(), 'Offline · 1 change waiting'));

  // Reload while offline (the fault setting lasts for the tab): the change is still there, waiting.
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await eventually(async () => assert.match(await status.innerText(), /^Offline · 1 change waiting/), { timeout: 15_000 });
  await demo.expectCount('VIPs', vips + 3);
  await screenshot(page, root, 'offline-after-reload-waiting');

  // Back online: saved, once.
  await page.getByRole('button', { name: 'Turn all faults off' }).click();
  await status.getByText('All changes saved').waitFor({ timeout: 20_000 });
  await demo.expectCount('VIPs', vips + 3);
  await page.getByRole('button', { name: /^Activity/ }).click();
  const activity = page.getByRole('complementary', { name: 'Activity' });
  const added = activity.getByRole('listitem').filter({ hasText: 'added 3 members to VIPs' });
  await added.first().waitFor();
  assert.equal(await added.count(), 1, 'the change is recorded once');
  await page.keyboard.press('Escape');

  // After another reload, from the backend: those three are in VIPs, and VIPs grew by exactly three.
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await status.getByText('All changes saved').waitFor({ timeout: 15_000 });
  await demo.expectCount('VIPs', vips + 3);
  // They were the first three by name outside VIPs, so they are among the first rows of VIPs.
  await demo.applyFilter({ include: ['VIPs'] });
  await eventually(async () => {
    const shown = await demo.rowNames(20);
    for (const name of names) assert.ok(shown.includes(name), `${name} is in VIPs`);
  });
});
