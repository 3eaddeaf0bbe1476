/**
 * The demo's mock backend runs in a dedicated Worker (decision 029): the page
 * has the worker and its msw handler forwards to it; a change made there is
 * in the data a page-thread backend (`?mock=page`, the bench's baseline) of
 * another tab reads, because both keep it in the same IndexedDB database.
 */
import { Demo } from './demo.mjs';
import { assert, eventually, openDemo } from './helpers.mjs';
import { test } from './registry.mjs';

test('mock in a Worker: the demo starts one and works through it; ?mock=page runs the same data in the page', async ({ context, url }) => {
  const page = await openDemo(context, url);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.mock), 'worker');
  await eventually(() => assert.ok(page.workers().some((w) => /mock-worker/.test(w.url())), 'a mock-worker Worker runs'));

  const demo = new Demo(page);
  const vips = await demo.count('VIPs');
  await demo.applyFilter({ exclude: ['VIPs'] });
  await demo.selectFirst(1);
  await demo.addTo(['VIPs']);
  await demo.expectCount('VIPs', vips + 1);

  const inPage = await openDemo(context, url.replace(/\/?$/, '/?mock=page'));
  assert.equal(await inPage.evaluate(() => document.documentElement.dataset.mock), 'page');
  assert.equal(inPage.workers().filter((w) => /mock-worker/.test(w.url())).length, 0, 'no mock worker with ?mock=page');
  await new Demo(inPage).expectCount('VIPs', vips + 1);
});
