/**
 * The framework example apps under examples/ (Vue 3, Svelte 5), each built
 * with its own vite.config.ts as a host would build it, then driven in
 * Chromium with the same user script: the rows show; two rows go to "High
 * Priority" through Add to segment; the host's own handler for
 * `segkit-membership-change` runs exactly once; the picker as a form field
 * gives the form its value on submit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { assert } from './helpers.mjs';
import { test } from './registry.mjs';
import { serveStatic } from './server.mjs';

async function buildExample(root, name) {
  const outDir = mkdtempSync(join(tmpdir(), `segkit-example-${name}-`));
  await build({ configFile: join(root, 'examples', name, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** What a user does in each example app, and what the host's code must see. */
async function drive(page) {
  const grid = page.getByRole('grid', { name: 'Members' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^Select (?!all)/ }) });
  await rows.first().waitFor({ timeout: 15_000 });
  assert.equal(Number(await grid.getAttribute('aria-rowcount')) - 1, 200, 'all 200 members are in the table');

  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(1).getByRole('checkbox').click({ modifiers: ['Shift'] });
  const picker = page.locator('main > segkit-provider > segkit-segment-picker');
  await picker.getByRole('button', { name: 'Add to segment' }).click();
  await picker.getByRole('dialog').getByRole('option', { name: /^High Priority\b/ }).click();
  await picker.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
  await picker.getByText(/^Added 2 members to High Priority/).waitFor();

  const history = page.getByRole('region', { name: 'History' });
  await history.getByText('1 membership change', { exact: true }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(await history.getByRole('listitem').allInnerTexts(), ['Added 2: high-priority'], 'the host heard the change once');

  const form = page.getByRole('form', { name: 'Automation' });
  const field = form.locator('segkit-segment-picker');
  await field.getByRole('button', { name: /^On reply, assign to/ }).click();
  await field.getByRole('dialog').getByRole('option', { name: /^VIPs\b/ }).click();
  await field.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  await form.getByRole('button', { name: 'Save rule' }).click();
  await page.getByRole('status').getByText('Rule saved: assign to vips').waitFor();
}

for (const name of ['vue', 'svelte']) {
  test(`examples/${name}: rows, Add to segment, the host's handler once, the picker as a form field`, async ({ context, root }) => {
    const dir = await buildExample(root, name);
    const server = await serveStatic(dir);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await drive(page);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
