/**
 * The demo's fault settings last for the tab: turned on, they survive a
 * reload (sessionStorage), the backend really fails from the first request
 * after it, and a notice the user cannot miss says so until one click turns
 * every fault off (which also survives a reload).
 */
import { assert, expectText, openDemo, openSettings, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

async function reload(page) {
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor({ timeout: 20_000 });
}

test('fault settings: Offline and latency stay on across a reload, with a notice; "Turn all faults off" ends them', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const notice = page.getByRole('region', { name: 'Faults on' });
  const status = page.locator('.topbar').getByRole('status');
  await status.getByText('All changes saved').waitFor();
  assert.equal(await notice.count(), 0, 'no notice while no fault is on');

  let dialog = await openSettings(page);
  await dialog.getByRole('checkbox', { name: 'Offline (requests fail)' }).check();
  await dialog.getByRole('combobox', { name: 'Latency' }).selectOption({ label: '1 second' });
  await page.keyboard.press('Escape');
  await expectText(notice, 'Faults on: Offline · Latency 1 second.');

  await reload(page);
  // Still on: the notice, the settings, and the backend itself (the store finds it unreachable).
  await expectText(notice, 'Faults on: Offline · Latency 1 second.');
  assert.ok(await notice.isVisible(), 'the notice is in view');
  await expectText(status, 'Offline', 15_000);
  await screenshot(page, root, 'faults-notice-after-reload');
  dialog = await openSettings(page);
  assert.equal(await dialog.getByRole('checkbox', { name: 'Offline (requests fail)' }).isChecked(), true);
  assert.equal(await dialog.getByRole('combobox', { name: 'Latency' }).locator('option:checked').innerText(), '1 second');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // The notice stays in view while the page scrolls (it sits in the sticky top bar).
  await page.mouse.wheel(0, 2000);
  assert.ok(await notice.isVisible(), 'the notice is in view after scrolling');

  await notice.getByRole('button', { name: 'Turn all faults off' }).click();
  await notice.waitFor({ state: 'detached' });
  await expectText(page.locator('.toasts'), 'Faults cleared');

  await reload(page);
  assert.equal(await notice.count(), 0, 'still off after a reload');
  await status.getByText('All changes saved').waitFor({ timeout: 15_000 });
  dialog = await openSettings(page);
  assert.equal(await dialog.getByRole('checkbox', { name: 'Offline (requests fail)' }).isChecked(), false);
  assert.equal(await dialog.getByRole('combobox', { name: 'Latency' }).locator('option:checked').innerText(), 'None');
});
