/**
 * The core of the product, as a brand's ambassador manager uses it: select
 * members, add them to a segment, create a segment from a selection, filter
 * by it, and see the Unassigned count follow every change.
 */
import { assert, numberIn, openDemo, screenshot } from './helpers.mjs';
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

test('select all N matching, preview "add X · skip Y already in", Confirm, then Undo', async ({ context, url, root }) => {
  const demo = new Demo(await openDemo(context, url));
  const page = demo.page;
  const vips = await demo.count('VIPs');
  const customers = await demo.count('Customers');

  await demo.selectAllMatchingIn('VIPs', vips);
  const popover = await demo.openPickerWith('Customers');
  await popover.getByRole('button', { name: 'Add', exact: true }).click();
  // Sent as the query, previewed first: nothing changes before Confirm.
  const preview = popover.getByText(/Add [\d,]+ · skip [\d,]+ already in/);
  await preview.waitFor();
  const [, add, skip] = /Add ([\d,]+) · skip ([\d,]+)/.exec(await preview.innerText()).map((n) => Number(String(n).replace(/,/g, '')));
  assert.equal(add + skip, vips, 'every VIP is either added or already in Customers');
  assert.ok(skip > 0, 'some VIPs are Customers already');
  await screenshot(page, root, 'ambassadors-bulk-preview');
  // Back: nothing changed yet (Customers still lists its old count), and the choice is kept.
  await popover.getByRole('button', { name: 'Back' }).click();
  const option = popover.getByRole('option', { name: /^Customers\b/ });
  assert.equal(numberIn((await option.innerText()).replace(/^Customers/, '')), customers);
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  await popover.getByRole('button', { name: 'Add', exact: true }).click();
  await preview.waitFor();
  await popover.getByRole('button', { name: 'Confirm' }).click();
  await demo.picker.getByText(`Added ${add.toLocaleString('en')} members to Customers`).waitFor();
  await demo.focusBack();
  await demo.expectCount('Customers', customers + add);

  await demo.undo();
  await demo.expectCount('Customers', customers);
});

test('move all N matching out of the segment shown into another, previewed, then one Undo puts both back', async ({ context, url, root }) => {
  const demo = new Demo(await openDemo(context, url));
  const page = demo.page;
  const vips = await demo.count('VIPs');
  const customers = await demo.count('Customers');

  await demo.selectAllMatchingIn('VIPs', vips);
  const popover = await demo.openPickerWith('Customers');
  await screenshot(page, root, 'ambassadors-move-offered');
  await popover.getByRole('button', { name: 'Move from VIPs', exact: true }).click();
  const preview = popover.getByText(/^Move [\d,]+ members from VIPs to Customers$/);
  await preview.waitFor();
  assert.equal(numberIn(await preview.innerText()), vips, 'every VIP leaves VIPs');
  const already = popover.getByText(/of them are already in Customers/);
  const skipped = (await already.count()) ? numberIn(await already.innerText()) : 0;
  await screenshot(page, root, 'ambassadors-move-preview');
  await popover.getByRole('button', { name: 'Confirm' }).click();
  await demo.picker.getByText(`Moved ${vips.toLocaleString('en')} members from VIPs to Customers`).waitFor();
  await demo.focusBack();
  await demo.expectCount('VIPs', 0);
  await demo.expectCount('Customers', customers + vips - skipped);

  await demo.undo();
  await demo.expectCount('VIPs', vips);
  await demo.expectCount('Customers', customers);
});
