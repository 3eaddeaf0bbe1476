/**
 * Tabs agree: a segment made in one tab of the demo shows in another without
 * a reload, a rename in the second reaches the first, and members added in
 * one tab are counted in the other.
 */
import { Demo } from './demo.mjs';
import { navigate, openDemo, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

test('tabs: a segment made in one tab shows in another without a reload', async ({ context, url, root }) => {
  const first = await openDemo(context, url, '#/segments');
  const second = await openDemo(context, url, '#/segments');
  const list = (page) => page.locator('segkit-segment-list');
  await list(second).getByRole('button', { name: /^VIPs\b/ }).waitFor();

  await list(first).getByRole('button', { name: 'Create segment' }).click();
  const name = list(first).getByRole('textbox', { name: 'Name' });
  await name.fill('Tab Travellers');
  await name.press('Enter');
  await list(first).getByText('Created Tab Travellers').waitFor();

  // The other tab hears of it and re-reads: no reload, within a few seconds.
  await list(second).getByRole('button', { name: /^Tab Travellers\b/ }).waitFor({ timeout: 5_000 });
  await screenshot(second, root, 'tabs-second-tab-sees-new-segment');

  // And the other way round: a rename in the second tab reaches the first.
  await list(second).getByRole('button', { name: 'Rename Tab Travellers' }).click();
  const field = list(second).getByRole('textbox', { name: 'New name for Tab Travellers' });
  await field.fill('Tab Voyagers');
  await field.press('Enter');
  await list(first).getByRole('button', { name: /^Tab Voyagers\b/ }).waitFor({ timeout: 5_000 });

  // Members added to it in the first tab are counted in the second.
  await navigate(first, 'Ambassadors');
  const demo = new Demo(first);
  await demo.selectFirst(2);
  await demo.addTo(['Tab Voyagers']);
  const row = list(second).getByRole('listitem').filter({ hasText: 'Tab Voyagers' });
  await row.getByText('2 members', { exact: true }).waitFor({ timeout: 5_000 });
});
