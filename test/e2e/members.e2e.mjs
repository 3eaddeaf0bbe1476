/**
 * The core of the product, as a brand's ambassador manager uses it: select
 * members, add them to a segment, create a segment from a selection, filter
 * by it, and see the Unassigned count follow every change.
 */
import { assert, openDemo, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

test('add unassigned members to VIPs: Unassigned and VIPs counts move, Undo restores them', async ({ context, url, root }) => {
  const demo = new Demo(await openDemo(context, url));
  const unassigned = await demo.count('Unassigned');
  const vips = await demo.count('VIPs');

  await demo.applyFilter({ include: ['Unassigned'] });
  await demo.expectTotal(unassigned);
  const picked = await demo.selectFirst(2);
  await demo.addTo(['VIPs']);
  await screenshot(demo.page, root, 'ambassadors-added-to-vips');

  await demo.expectCount('Unassigned', unassigned - 2);
  await demo.expectCount('VIPs', vips + 2);
  // They left Unassigned, so the table (filtered by Unassigned) no longer lists them.
  await demo.expectTotal(unassigned - 2);
  assert.notDeepEqual(await demo.rowNames(2), picked);

  await demo.undo();
  await demo.expectCount('Unassigned', unassigned);
  await demo.expectCount('VIPs', vips);
  await demo.expectTotal(unassigned);
});

test('create a segment from the selection, filter by it and Apply: exactly those members', async ({ context, url, root }) => {
  const demo = new Demo(await openDemo(context, url));
  const unassigned = await demo.count('Unassigned');
  const picked = await demo.selectFirst(3);
  await demo.createFromSelection('Holiday Campaign');
  await demo.expectCount('Holiday Campaign', 3);

  await demo.applyFilter({ include: ['Holiday Campaign'] });
  await demo.expectTotal(3);
  assert.deepEqual((await demo.rowNames(3)).sort(), [...picked].sort());
  await screenshot(demo.page, root, 'ambassadors-filtered-by-new-segment');

  // The first rows of the seed are all in some segment: Unassigned did not move.
  await demo.expectCount('Unassigned', unassigned);
});
