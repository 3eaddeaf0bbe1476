/**
 * The Segments tab: rename, delete (members kept, Unassigned takes those who
 * had no other segment) and Undo, open a segment into Ambassadors; the
 * changes survive a reload and "Reset demo data" starts over.
 */
import { assert, eventually, navigate, numberIn, openDemo, screenshot } from './helpers.mjs';
import { Demo } from './demo.mjs';
import { test } from './registry.mjs';

/** The Segments list and a segment's count in it. */
function list(page) {
  const el = page.locator('segkit-segment-list');
  return {
    el,
    open: (name) => el.getByRole('button', { name: new RegExp(`^${name}\\b`) }),
    async count(name) {
      const text = await el.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) }).first().innerText();
      return numberIn(text.slice(text.indexOf(name) + name.length));
    },
    async expectCount(name, expected) {
      await eventually(async () => assert.equal(await this.count(name), expected, `${name} count`));
    },
  };
}

test('segments: rename, delete and Undo, open a segment into Ambassadors', async ({ context, url, root }) => {
  const page = await openDemo(context, url, '#/segments');
  const segments = list(page);
  await segments.open('Unassigned').waitFor();
  const unassigned = await segments.count('Unassigned');
  const highPriority = await segments.count('High Priority');

  // Rename inline: Enter saves.
  await segments.el.getByRole('button', { name: 'Rename UGC Creators' }).click();
  const field = segments.el.getByRole('textbox', { name: 'New name for UGC Creators' });
  await field.fill('UGC Studio');
  await field.press('Enter');
  await segments.el.getByText('Renamed to UGC Studio').waitFor();
  await segments.open('UGC Studio').waitFor();
  assert.equal(await segments.open('UGC Creators').count(), 0);

  // A taken name is refused with a clear message, never a duplicate.
  await segments.el.getByRole('button', { name: 'Rename UGC Studio' }).click();
  const again = segments.el.getByRole('textbox', { name: 'New name for UGC Studio' });
  await again.fill('  vips ');
  await again.press('Enter');
  await segments.el.getByText(/already exists|taken/i).first().waitFor();
  await again.press('Escape');

  // Delete asks first; the members stay, and those in no other segment go back to Unassigned.
  await segments.el.getByRole('button', { name: 'Delete High Priority' }).click();
  await segments.el.getByRole('button', { name: 'Delete', exact: true }).click();
  await segments.el.getByText('Deleted High Priority').waitFor();
  // The row leaves once the delete is saved in the outbox (decision 011), a moment after the status.
  await eventually(async () => assert.equal(await segments.open('High Priority').count(), 0, 'High Priority left the list'));
  await eventually(async () => assert.ok((await segments.count('Unassigned')) > unassigned, 'Unassigned grew'));
  await screenshot(page, root, 'segments-deleted-with-undo');

  await segments.el.getByRole('button', { name: 'Undo' }).click();
  await segments.expectCount('High Priority', highPriority);
  await segments.expectCount('Unassigned', unassigned);

  // Opening a segment shows exactly its members in Ambassadors.
  const vips = await segments.count('VIPs');
  await segments.open('VIPs').click();
  await page.getByRole('heading', { level: 1, name: 'Ambassadors' }).waitFor();
  const demo = new Demo(page);
  await demo.expectTotal(vips);

  // The Activity log kept who changed what.
  await page.getByRole('button', { name: /^Activity/ }).click();
  const activity = page.getByRole('complementary', { name: 'Activity' });
  await activity.getByText('renamed “UGC Creators” to “UGC Studio”').waitFor();
  await activity.getByText('deleted the segment “High Priority”').waitFor();
  await screenshot(page, root, 'activity-panel');
});

test('data survives a reload; Reset demo data starts over', async ({ context, url }) => {
  const page = await openDemo(context, url);
  const demo = new Demo(page);
  const unassigned = await demo.count('Unassigned');
  await demo.applyFilter({ include: ['Unassigned'] });
  await demo.selectFirst(4);
  await demo.createFromSelection('Spring Launch');
  await demo.expectCount('Spring Launch', 4);
  await demo.expectCount('Unassigned', unassigned - 4);

  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await demo.expectCount('Spring Launch', 4);
  await demo.expectCount('Unassigned', unassigned - 4);

  await navigate(page, 'Segments');
  const segments = list(page);
  await segments.expectCount('Spring Launch', 4);

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Demo settings' });
  await dialog.getByRole('button', { name: 'Reset demo data' }).click();
  await page.getByText('Demo data reset: back to the seeded community.').waitFor();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await segments.open('Spring Launch').count(), 0, 'the new segment is gone'));
  await segments.expectCount('Unassigned', unassigned);

  // And it stays reset after a reload.
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor();
  await segments.expectCount('Unassigned', unassigned);
  assert.equal(await segments.open('Spring Launch').count(), 0);
});
