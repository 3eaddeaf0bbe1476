/**
 * examples/react (React 19 with `@segkit/elements/react`), built once here
 * (examples/react/build.mjs: the pages, the server entry, and the two
 * server-rendered pages rendered with `renderToString` in Node), served
 * statically and driven in Chromium: rows show, select + Add to segment,
 * the host's `onMembershipChange` runs once, the picker as a form field gives
 * its value to FormData, and server-rendered markup hydrated by React loads
 * the table with the wrappers and not with plain tags (React never sets
 * properties when it hydrates).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, eventually, expectText } from './helpers.mjs';
import { test } from './registry.mjs';
import { serveStatic } from './server.mjs';

let built;
/** Builds the example (once a run) and serves its dist; resolves with its URL. */
function example(root) {
  built ??= (async () => {
    const { buildExample } = await import(pathToFileURL(join(root, 'examples/react/build.mjs')).href);
    await buildExample();
    return serveStatic(join(root, 'examples/react/dist'), { prefix: '/react/' });
  })();
  return built.then((server) => server.url);
}

/** Opens `page` of the example, failing on React's console errors (hydration mismatches included). */
async function open(context, root, page) {
  const url = await example(root);
  const tab = await context.newPage();
  const consoleErrors = [];
  tab.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await tab.goto(`${url}${page}`);
  return { tab, consoleErrors };
}

const rows = (tab) => tab.locator('segkit-member-table').getByRole('row').filter({ has: tab.getByRole('checkbox', { name: /^Select (?!all)/ }) });

test('React example: rows, select + Add to segment, the host\'s onMembershipChange once, the picker\'s value in FormData', async ({ context, root }) => {
  const { tab, consoleErrors } = await open(context, root, 'index.html');
  await rows(tab).first().waitFor();
  await rows(tab).nth(1).getByRole('checkbox').click();
  await rows(tab).nth(2).getByRole('checkbox').click();

  const picker = tab.locator('segkit-segment-picker').first();
  await picker.getByRole('button', { name: 'Add to segment' }).click();
  const dialog = picker.getByRole('dialog');
  await dialog.getByRole('option', { name: /^Content Creators\b/ }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await picker.getByText('Added 2 members to Content Creators').waitFor();
  await rows(tab).nth(1).getByText('Content Creators').waitFor();

  const changes = tab.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  await expectText(changes, 'assign 2 → creators');
  // Settled: nothing more comes (the provider does not hear it a second time).
  await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  assert.equal(await changes.count(), 1, 'the handler ran exactly once');

  const form = tab.getByRole('form', { name: 'Automation' });
  const field = form.locator('segkit-segment-picker');
  await field.getByRole('button', { name: 'Choose segments' }).click();
  await field.getByRole('dialog').getByRole('option', { name: /^VIPs\b/ }).click();
  await field.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expectText(form.locator('output'), 'Saved: vips');
  assert.deepEqual(consoleErrors, []);
});

test('React example, server-rendered: hydrated with the wrappers the table loads; with plain tags React never sets store', async ({ context, root }) => {
  const { tab, consoleErrors } = await open(context, root, 'ssr.html');
  const served = await (await tab.request.get(tab.url())).text();
  assert.match(served, /<segkit-member-table class="table"><\/segkit-member-table>/, 'the markup came from the server');
  await tab.locator('html[data-hydrated="true"]').waitFor();
  await rows(tab).first().waitFor();
  assert.deepEqual(await tab.evaluate(() => [document.querySelector('segkit-provider').store !== undefined, document.querySelector('segkit-member-table').columns.length]), [true, 2]);
  assert.deepEqual(consoleErrors, [], 'no hydration error');

  const plain = (await open(context, root, 'ssr-plain.html')).tab;
  await plain.locator('html[data-hydrated="true"]').waitFor();
  const set = await plain.evaluate(() => {
    const provider = document.querySelector('segkit-provider');
    const table = document.querySelector('segkit-member-table');
    return { store: provider.store !== undefined, columns: JSON.stringify(table.columns) === JSON.stringify([{ key: 'name', label: 'Name' }]) };
  });
  // If React ever sets properties when it hydrates, this fails: the README's SSR advice can then change.
  assert.deepEqual(set, { store: false, columns: false }, 'React 19 hydration leaves the plain tags without store and columns');
  await eventually(async () => assert.equal(await rows(plain).count(), 0));
});

test('React example: the README\'s React block is examples/react/src/app.tsx, as tested here', async ({ root }) => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const app = readFileSync(join(root, 'examples/react/src/app.tsx'), 'utf8');
  assert.ok(readme.includes(`\`\`\`tsx\n${app}\`\`\``), 'README "Use with your framework" shows examples/react/src/app.tsx verbatim');
});
