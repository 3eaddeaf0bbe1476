/**
 * The app shell: it starts from a sub-folder (relative worker and assets),
 * the navigation works with the keyboard and marks the current page, and the
 * settings panel switches the community to 100,000 members and back.
 */
import { assert, expectText, navigate, openDemo, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

test('the shell starts from a sub-folder and the navigation works with the keyboard', async ({ context, url }) => {
  const page = await openDemo(context, url);
  assert.equal(await page.title(), 'Ambassadors · Glow Collective — Ambassadors');
  const stat = page.locator('.page-stat');
  await expectText(stat, '10,000 ambassadors');

  // The service worker answering /api is the one next to index.html, in /glow/.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  assert.equal(scope, url);

  // Skip link first, then the brand, then the navigation.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to content');
  const nav = page.getByRole('navigation', { name: 'Main' }).first();
  const segments = nav.getByRole('link', { name: 'Segments', exact: true });
  for (let i = 0; i < 6 && !(await segments.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await segments.evaluate((el) => el === document.activeElement), 'Tab reaches the Segments link');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
  assert.equal(await segments.getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Ambassadors', exact: true }).getAttribute('aria-current'), null);
  // Focus moves to the new page's heading, for screen readers.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  assert.match(page.url(), /#\/segments$/);

  for (const name of ['Audience', 'Invite links', 'Ambassadors']) await navigate(page, name);
});

test('settings: switch to 100,000 members and back', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  await expectText(page.locator('.page-stat'), '10,000 ambassadors');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Demo settings' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: '100,000 members', exact: true }).click();
  // The toast first: it shows when the switch is done and lasts 4 s, while the count can take longer to arrive.
  await expectText(page.locator('.toasts'), 'Now showing 100,000 members.', 20_000);
  await expectText(page.locator('.page-stat'), '100,000 ambassadors', 20_000);
  // Escape closes the dialog (native <dialog>).
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // Virtual scrolling with server-side pages: Ctrl+End jumps to the 100,000th member, which loads.
  const grid = page.getByRole('grid', { name: 'Members' });
  await grid.getByRole('row').nth(1).getByRole('gridcell').nth(1).click();
  await page.keyboard.press('Control+End');
  const last = grid.locator('[aria-rowindex="100001"]');
  await last.getByRole('checkbox', { name: /^Select / }).waitFor();
  await screenshot(page, root, 'ambassadors-100k-last-row');

  // The choice survives a reload.
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await expectText(page.locator('.page-stat'), '100,000 ambassadors', 20_000);

  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByRole('radio', { name: '10,000 members', exact: true }).click();
  await expectText(page.locator('.page-stat'), '10,000 ambassadors', 20_000);
});
