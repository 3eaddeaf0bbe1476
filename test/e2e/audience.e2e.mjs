/**
 * A campaign's audience: include / exclude segments in the host's own
 * "New campaign" form, see the live member count (the same members the
 * filter finds), save it (the form submits the rules as JSON) and keep it.
 */
import { assert, eventually, navigate, numberIn, openDemo, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

test('audience: include VIPs, exclude Customers, live count matches the filter, the campaign saves the rules', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  await demo.applyFilter({ include: ['VIPs'], exclude: ['Customers'] });
  const expected = await eventually(async () => {
    const total = await demo.total();
    assert.ok(total > 0 && total < (await demo.count('VIPs')));
    return total;
  });

  await navigate(page, 'Audience');
  const form = page.getByRole('form', { name: 'New campaign' });
  await form.getByLabel('Campaign name').fill('Spring glow launch');
  const audience = page.locator('segkit-audience');
  const total = audience.getByRole('status').first(); // the live count
  await eventually(async () => assert.equal(numberIn(await total.innerText({ timeout: 1000 })), 10_000));
  await audience.getByRole('button', { name: 'Include VIPs', exact: true }).click();
  await audience.getByRole('button', { name: 'Exclude Customers', exact: true }).click();
  await eventually(async () => assert.equal(numberIn(await total.innerText({ timeout: 1000 })), expected));
  await screenshot(page, root, 'audience-campaign');

  await page.getByRole('button', { name: 'Save campaign' }).click();
  const saved = page.getByRole('listitem').filter({ hasText: 'Spring glow launch' });
  await saved.getByText('include VIPs · exclude Customers').waitFor();
  await saved.getByText('What the form submitted').click();
  const submitted = JSON.parse((await saved.locator('code').innerText()).replace(/^audience=/, ''));
  assert.deepEqual(submitted, { include: ['vips'], exclude: ['customers'], match: 'any' });
  // The form was reset for the next campaign: everyone again.
  await eventually(async () => assert.equal(numberIn(await total.innerText({ timeout: 1000 })), 10_000));

  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await saved.getByText('include VIPs · exclude Customers').waitFor();
});
