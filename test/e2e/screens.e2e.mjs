/**
 * Every page in light and dark, and at 360px wide: screenshots into
 * test-results/screenshots/ (to look at), and what a user would notice:
 * the theme toggle reaches the elements (`theme`), nothing scrolls sideways
 * on a phone, and the navigation stays usable.
 */
import { assert, navigate, openDemo, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

const PAGES = [
  ['Ambassadors', 'ambassadors'],
  ['Segments', 'segments'],
  ['Audience', 'audience'],
  ['Invite links', 'invites'],
];

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${label}: the page is ${scroll}px wide in a ${width}px window`);
}

async function themeOfElements(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('segkit-') && el.localName !== 'segkit-provider').map((el) => el.getAttribute('theme')),
  );
}

test('screenshots: every page, light and dark, desktop and 360px', async ({ context, url, root }) => {
  const page = await openDemo(context, url);
  await page.getByRole('grid', { name: 'Members' }).getByRole('row').nth(3).waitFor();
  for (const [name, slug] of PAGES) {
    await navigate(page, name);
    await page.waitForTimeout(250);
    await screenshot(page, root, `${slug}-light`);
  }

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  for (const [name, slug] of PAGES) {
    await navigate(page, name);
    await page.waitForTimeout(250);
    const themes = await themeOfElements(page);
    assert.ok(themes.every((t) => t === 'dark'), `${name}: elements follow the dark theme (${themes.join(', ')})`);
    await screenshot(page, root, `${slug}-dark`);
  }

  await page.setViewportSize({ width: 360, height: 780 });
  for (const [name, slug] of PAGES) {
    await navigate(page, name);
    await page.waitForTimeout(250);
    await noSidewaysScroll(page, name);
    await screenshot(page, root, `${slug}-360-dark`);
  }
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  for (const [name, slug] of PAGES) {
    await navigate(page, name);
    await page.waitForTimeout(250);
    await noSidewaysScroll(page, name);
    await screenshot(page, root, `${slug}-360-light`);
  }

  // Open pieces at 360px: the filter, the picker with a selection, settings, activity.
  await navigate(page, 'Ambassadors');
  await page.getByRole('button', { name: /^Filter/ }).click();
  await page.getByRole('dialog', { name: 'Saved Segments' }).waitFor();
  await screenshot(page, root, 'ambassadors-360-filter-open');
  await page.keyboard.press('Escape');
  const rows = page.getByRole('grid', { name: 'Members' }).getByRole('row');
  await rows.nth(1).getByRole('checkbox').click();
  await page.getByRole('button', { name: 'Add to segment' }).click();
  await page.getByRole('combobox', { name: 'Search or create a segment' }).waitFor();
  await noSidewaysScroll(page, 'picker open');
  await screenshot(page, root, 'ambassadors-360-picker-open');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Demo settings' }).waitFor();
  await screenshot(page, root, 'settings-360');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Activity/ }).click();
  await screenshot(page, root, 'activity-360');
  await page.getByRole('button', { name: 'Close activity' }).click();

  // The landing page an invitation link opens, on a phone, in dark.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.goto(`${url}?segkit-invite=a-token-for-the-screenshot`);
  await page.getByRole('heading', { level: 1, name: 'Join Glow Collective' }).waitFor();
  await noSidewaysScroll(page, 'landing');
  await screenshot(page, root, 'landing-360-dark');
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invite links' }).waitFor();
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // Wide screens: the filter becomes a side panel.
  await page.setViewportSize({ width: 1680, height: 960 });
  await navigate(page, 'Ambassadors');
  await page.getByRole('form', { name: 'Saved Segments' }).waitFor();
  await screenshot(page, root, 'ambassadors-wide');

  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Demo settings' }).waitFor();
  await screenshot(page, root, 'settings-light');
}, { timeoutMs: 150_000 }); // every page x 2 themes x 2 viewports: a hang guard, not a speed limit
