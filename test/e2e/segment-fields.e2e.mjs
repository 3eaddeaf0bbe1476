/**
 * Segment fields on the Segments page: the demo declares "Discount code";
 * a user sets one, edits it, types an invalid one (refused with the
 * message, nothing saved), undoes, and the code is still right after a
 * reload. Screenshots in light, dark and at 320px wide.
 */
import { assert, eventually, openDemo, screenshot } from './helpers.mjs';
import { test } from './registry.mjs';

const MESSAGE = 'A discount code is 3 to 20 capital letters or digits, like VIP20.';

/** The Segments list, a row's fields line, and the editor of a segment's code. */
function list(page) {
  const el = page.locator('segkit-segment-list');
  const row = (name) => el.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) }).first();
  return {
    el,
    row,
    fields: async (name) => (await row(name).locator('[part~="fields"]').innerText()).replace(/\s+/g, ' ').trim(),
    edit: (name) => el.getByRole('button', { name: `Edit Discount code for ${name}` }),
    input: (name) => el.getByRole('textbox', { name: `Discount code for ${name}` }),
  };
}

async function setCode(segments, name, code) {
  await segments.edit(name).click();
  await segments.input(name).fill(code);
  await segments.input(name).press('Enter');
}

test('segment fields: set, edit, refuse an invalid discount code, Undo, and it is still right after a reload', async ({ context, url, root }) => {
  const page = await openDemo(context, url, '#/segments');
  const segments = list(page);
  await page.getByText(/its own discount code/).waitFor();
  await segments.edit('VIPs').waitFor();
  assert.equal(await segments.fields('VIPs'), 'Discount code VIP20 Edit');
  assert.equal(await segments.fields('High Priority'), 'Discount code Not set Edit');

  // Set one where there was none.
  await setCode(segments, 'High Priority', 'URGENT10');
  await segments.el.getByText('Discount code of High Priority set to URGENT10').waitFor();
  await eventually(async () => assert.equal(await segments.fields('High Priority'), 'Discount code URGENT10 Edit'));

  // Edit it.
  await setCode(segments, 'High Priority', 'URGENT25');
  await segments.el.getByText('Discount code of High Priority set to URGENT25').waitFor();

  // An invalid one is refused as it is typed, with the message; Enter saves nothing.
  await segments.edit('High Priority').click();
  await segments.input('High Priority').fill('urgent 25%');
  await segments.el.getByText(MESSAGE).waitFor();
  assert.equal(await segments.input('High Priority').getAttribute('aria-invalid'), 'true');
  await segments.input('High Priority').press('Enter');
  await segments.el.getByText(MESSAGE).waitFor();
  await screenshot(page, root, 'segment-fields-invalid');
  await segments.input('High Priority').press('Escape');
  assert.equal(await segments.fields('High Priority'), 'Discount code URGENT25 Edit');

  // Undo puts the code before the last edit back.
  await segments.el.getByRole('button', { name: 'Undo' }).click();
  await segments.el.getByText('Discount code of High Priority back to URGENT10').waitFor();
  // The status says so at once; the row shows it once the Undo is saved in the outbox (decision 011).
  await eventually(async () => assert.equal(await segments.fields('High Priority'), 'Discount code URGENT10 Edit'));
  await page.getByText('All changes saved').waitFor();
  await screenshot(page, root, 'segment-fields-light');

  // Still right after a reload (saved in the backend, not only in this tab's view).
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor({ timeout: 20_000 });
  await segments.edit('High Priority').waitFor();
  await eventually(async () => assert.equal(await segments.fields('High Priority'), 'Discount code URGENT10 Edit'));
  assert.equal(await segments.fields('VIPs'), 'Discount code VIP20 Edit');

  // Dark theme and a narrow screen.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await screenshot(page, root, 'segment-fields-dark');
  await page.setViewportSize({ width: 320, height: 800 });
  await segments.edit('VIPs').click();
  await screenshot(page, root, 'segment-fields-320-editing');
});
