/**
 * Segment links end to end: create a link for Customers, open it (the demo
 * plays the brand's landing page), join as a new ambassador; they land in
 * Customers, the link counts a use, and Activity credits the invite link.
 * Someone else then joins through the same link with her email: they are
 * welcomed by the name they typed and see nothing of her.
 */
import { assert, eventually, navigate, numberIn, openDemo, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

test('invite link: create for Customers, join on the landing page, the member lands in Customers', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  const customers = await demo.count('Customers');

  await navigate(page, 'Invite links');
  const links = page.locator('segkit-invite-link');
  await links.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Customers' });
  await links.getByRole('button', { name: 'Create link' }).click();
  await links.getByText('Link created').waitFor();
  await screenshot(page, root, 'invites-link-created');

  const landing = page.getByRole('link', { name: 'Open the landing page' });
  const linkUrl = await landing.getAttribute('href');
  await landing.click();
  await page.getByRole('heading', { level: 1, name: 'Join Glow Collective' }).waitFor();
  await page.getByText('You will join: Customers').waitFor();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Zoë Okafor-Lindqvist');
  await page.getByRole('textbox', { name: 'Email' }).fill('zoe.okafor@example.com');
  await screenshot(page, root, 'landing-light');
  await page.getByRole('button', { name: 'Join the community' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Zoë Okafor-Lindqvist!' }).waitFor();
  // The demo's links reveal the segment's discount code (decision 025).
  await page.getByText('Welcome to Customers.').waitFor();
  await page.getByText('Your discount code: CUSTOMER15').waitFor();
  // The helper removed the token from the address: a reload will not join twice.
  assert.ok(!page.url().includes('segkit-invite'), page.url());
  await screenshot(page, root, 'landing-joined');

  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invite links' }).waitFor();
  await links.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Customers' });
  await eventually(async () => assert.equal(numberIn(await links.getByText(/\d+ uses?/).first().innerText({ timeout: 1000 })), 1));

  // Someone else opens the same link and types Zoë's email (now a member's):
  // the page welcomes the name they typed and shows nothing of Zoë, and a new
  // member joins (the email is not verified, so it finds no one; decision 015).
  await page.getByRole('textbox', { name: 'Or paste an invitation link or token' }).fill(linkUrl ?? '');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Mallory Quist');
  await page.getByRole('textbox', { name: 'Email' }).fill('ZOE.OKAFOR@example.com');
  await page.getByRole('button', { name: 'Join the community' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Mallory Quist!' }).waitFor();
  await page.getByText('Welcome to Customers.').waitFor();
  assert.equal(await page.getByText(/Zoë|Okafor-Lindqvist/).count(), 0, 'the landing page shows nothing of the member with that email');
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await links.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Customers' });
  await eventually(async () => assert.equal(numberIn(await links.getByText(/\d+ uses?/).first().innerText({ timeout: 1000 })), 2));

  await navigate(page, 'Ambassadors');
  await demo.expectCount('Customers', customers + 2);
  // Find them: Customers, searched by name (the filter's search), then Apply.
  await demo.applyFilter({ include: ['Customers'] });
  const filter = await demo.filter();
  await filter.getByRole('searchbox', { name: 'Search' }).or(filter.getByRole('textbox', { name: 'Search' })).fill('Okafor-Lindqvist');
  await filter.getByRole('button', { name: 'Apply', exact: true }).click();
  await demo.closeFilter();
  await demo.expectTotal(1);
  assert.deepEqual(await demo.rowNames(1), ['Zoë Okafor-Lindqvist']);

  await page.getByRole('button', { name: /^Activity/ }).click();
  const entry = page.getByRole('complementary', { name: 'Activity' }).getByRole('listitem').filter({ hasText: 'Zoë Okafor-Lindqvist joined Customers' });
  await entry.waitFor();
  assert.match(await entry.innerText(), /^Invite link\b/);
});

/** Creates a link for `segment` on the Invite links page and opens its landing page. */
async function openNewLink(page, segment) {
  await navigate(page, 'Invite links');
  const links = page.locator('segkit-invite-link');
  await links.getByRole('combobox', { name: 'Segment' }).selectOption({ label: segment });
  await links.getByText('People who join see: Discount code').waitFor();
  await links.getByRole('button', { name: 'Create link' }).click();
  await links.getByText('Link created').waitFor();
  // The new link's row says what it shows.
  await links.getByRole('listitem').first().getByText('Shows: Discount code').waitFor();
  await page.getByRole('link', { name: 'Open the landing page' }).click();
  await page.getByRole('heading', { level: 1, name: 'Join Glow Collective' }).waitFor();
}

async function join(page, name) {
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  await page.getByRole('button', { name: 'Join the community' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${name}!` }).waitFor();
}

test('invite link: the landing page tells whoever joins VIPs its discount code, the one set now', async ({ context, url, root }) => {
  const page = await openDemo(context, url);

  await openNewLink(page, 'VIPs');
  await join(page, 'Amara Nwosu');
  await page.getByText('Welcome to VIPs.').waitFor();
  await page.getByText('Your discount code: VIP20').waitFor();
  // Only the code: none of the segment's other metadata reaches the page.
  assert.equal(await page.getByText(/Partnerships team|Early access/).count(), 0, 'other metadata on the landing page');
  await screenshot(page, root, 'landing-discount-code');

  // The team changes VIPs' code (through the page's store, as the Segments page would).
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invite links' }).waitFor();
  await page.evaluate(async () => {
    const store = document.querySelector('segkit-provider').store;
    await store.setSegmentField('vips', 'discountCode', 'VIP30');
  });

  await openNewLink(page, 'VIPs');
  await join(page, 'Tomás Ferreira');
  await page.getByText('Your discount code: VIP30').waitFor();
  assert.equal(await page.getByText('VIP20').count(), 0, 'the old code');

  // A segment without a code: the page says nothing about one.
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invite links' }).waitFor();
  await openNewLink(page, 'High Priority');
  await join(page, 'Li Wei');
  await page.getByText('You are now in High Priority.').waitFor();
  assert.equal(await page.getByText(/discount code/i).count(), 0, 'a code on the page of a segment without one');
});
