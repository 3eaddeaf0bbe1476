/**
 * "Assign to Segment" as an automation step: the segment picker as a form
 * field (mode="field") in the host's own form; the saved step runs with
 * source "automation", and the Activity log says who did it.
 */
import { assert, navigate, openDemo, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

test('automation step: pick segments in a form field, save, run; Activity credits the automation', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  await navigate(page, 'Audience');
  const form = page.getByRole('form', { name: 'Automation step' });
  await form.getByRole('combobox', { name: 'When' }).selectOption({ label: 'A member clicks a link' });

  const field = form.locator('segkit-segment-picker');
  await field.getByRole('button', { name: /Choose segments/ }).click();
  const popover = field.getByRole('dialog');
  await popover.getByRole('option', { name: /^Customers\b/ }).click();
  await popover.getByRole('button', { name: 'Done' }).click();
  await field.getByText('Customers').first().waitFor();
  await screenshot(page, root, 'audience-automation-field');

  await form.getByRole('button', { name: 'Save automation' }).click();
  const saved = page.getByRole('listitem').filter({ hasText: 'A member clicks a link → assign to Customers' });
  await saved.waitFor();
  await saved.getByRole('button', { name: 'Run now on 3 random members' }).click();

  await page.getByRole('button', { name: /^Activity/ }).click();
  const activity = page.getByRole('complementary', { name: 'Activity' });
  const entry = activity.getByRole('listitem').filter({ hasText: 'added 3 members to Customers' });
  await entry.waitFor();
  assert.match(await entry.innerText(), /^Automation\b/);

  // The step survives a reload (the host saved it).
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await saved.waitFor();
});
