/**
 * A small harness over the demo, so tests read like what a user does:
 * "open the filter, include Unassigned, Apply", "select 3 rows", "add them
 * to VIPs". It finds controls by role and accessible name (through the
 * elements' shadow roots), never by internal markup.
 */
import { assert, eventually, numberIn } from './helpers.mjs';

export class Demo {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  get grid() {
    return this.page.getByRole('grid', { name: 'Members' });
  }

  /** Data rows of the member table (not the header), loaded ones. */
  get rows() {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('checkbox', { name: /^Select (?!all)/ }) });
  }

  /** The "Saved Segments" filter: opens the popover first when the filter is one. */
  async filter() {
    const trigger = this.page.getByRole('button', { name: /^Filter/ });
    if (await trigger.isVisible()) {
      if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
      const dialog = this.page.getByRole('dialog', { name: 'Saved Segments' });
      await dialog.waitFor();
      return dialog;
    }
    const form = this.page.getByRole('form', { name: 'Saved Segments' });
    await form.waitFor();
    return form;
  }

  /** A segment's member count as the filter lists it ("4,215 members"). */
  async count(segment) {
    const filter = await this.filter();
    const row = filter.getByRole('listitem').filter({ has: this.page.getByText(segment, { exact: true }) });
    const value = numberIn(await row.innerText({ timeout: 2000 }));
    await this.closeFilter();
    return value;
  }

  /** Waits until a segment's count (in the filter) is `expected`. */
  async expectCount(segment, expected) {
    await eventually(async () => assert.equal(await this.count(segment), expected, `${segment} count`), { timeout: 10_000 });
  }

  async closeFilter() {
    const dialog = this.page.getByRole('dialog', { name: 'Saved Segments' });
    if (await dialog.isVisible()) {
      await this.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }
  }

  /** Include / exclude segments in the filter, then Apply. */
  async applyFilter({ include = [], exclude = [] }) {
    const filter = await this.filter();
    for (const name of include) await filter.getByRole('button', { name: `Include ${name}`, exact: true }).click();
    for (const name of exclude) await filter.getByRole('button', { name: `Exclude ${name}`, exact: true }).click();
    await filter.getByRole('button', { name: 'Apply', exact: true }).click();
    await this.closeFilter();
  }

  /**
   * How many members the table shows: the grid's row count as announced to
   * screen readers (`aria-rowcount`, header row included). The visible count
   * line gives way to the selection bar while members are selected.
   */
  async total() {
    const rows = Number(await this.grid.getAttribute('aria-rowcount', { timeout: 2000 }));
    assert.ok(rows >= 1, `the grid announces its rows (aria-rowcount=${rows})`);
    return rows - 1;
  }

  async expectTotal(expected) {
    await eventually(async () => assert.equal(await this.total(), expected, 'members in the table'));
  }

  /** Selects the first `n` rows: a click on the first checkbox, Shift+click on the n-th. Returns their names. */
  async selectFirst(n) {
    await this.rows.first().waitFor();
    await this.rows.nth(0).getByRole('checkbox').click();
    if (n > 1) await this.rows.nth(n - 1).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await this.page.locator('segkit-member-table').getByText(`${n} selected`).first().waitFor();
    const names = [];
    for (let i = 0; i < n; i += 1) {
      const label = await this.rows.nth(i).getByRole('checkbox').getAttribute('aria-label');
      names.push((label ?? '').replace(/^Select /, ''));
    }
    return names;
  }

  /** Names of the first `n` rows shown. */
  async rowNames(n) {
    await this.rows.first().waitFor();
    const names = [];
    const count = Math.min(n, await this.rows.count());
    for (let i = 0; i < count; i += 1) {
      const label = await this.rows.nth(i).getByRole('checkbox').getAttribute('aria-label');
      names.push((label ?? '').replace(/^Select /, ''));
    }
    return names;
  }

  /** The "Add to segment" picker of the Ambassadors toolbar. */
  get picker() {
    return this.page.locator('.toolbar-actions segkit-segment-picker');
  }

  /**
   * Shows only `segment` (the filter) and selects "all N matching" in it, as a
   * user does: the page's select-all box, then the offer to select all N.
   * `n` is the segment's count; returns it.
   */
  async selectAllMatchingIn(segment, n) {
    await this.applyFilter({ include: [segment] });
    await this.expectTotal(n);
    await this.grid.getByRole('checkbox', { name: 'Select all on this page' }).click();
    await this.page.getByRole('button', { name: `Select all ${n.toLocaleString('en')} matching` }).click();
    await this.page.getByText(`All ${n.toLocaleString('en')} matching members selected`).waitFor();
    return n;
  }

  /** Opens the "Add to segment" popover and chooses `segment`; returns the popover. */
  async openPickerWith(segment) {
    await this.picker.getByRole('button', { name: 'Add to segment' }).click();
    const popover = this.picker.getByRole('dialog');
    await popover.getByRole('option', { name: new RegExp(`^${segment}\\b`) }).click();
    return popover;
  }

  /** Opens the picker, chooses existing segments, "Add"; waits for the result line. */
  async addTo(segments) {
    await this.picker.getByRole('button', { name: 'Add to segment' }).click();
    const dialog = this.picker.getByRole('dialog');
    for (const name of segments) await dialog.getByRole('option', { name: new RegExp(`^${name}\\b`) }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await this.picker.getByText(/^Added \d+ members? to/).waitFor();
    await this.focusBack();
  }

  /**
   * After an action the picker closes and gives focus back to its button (as a
   * user sees before moving on). Opening the filter before that would lose its
   * popover to the returning focus (light dismiss).
   */
  async focusBack() {
    const button = this.picker.getByRole('button', { name: 'Add to segment' });
    await eventually(async () => assert.ok(await button.evaluate((el) => el.matches(':focus')), 'focus is back on "Add to segment"'));
  }

  /** Opens the picker, types a new name and picks "Create segment “name”" (with the keyboard); waits for the result. */
  async createFromSelection(name) {
    await this.picker.getByRole('button', { name: 'Add to segment' }).click();
    const search = this.picker.getByRole('combobox', { name: 'Search or create a segment' });
    await search.fill(name);
    const option = this.picker.getByRole('option', { name: `Create segment “${name}”` });
    await option.waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    // "All N matching" asks to confirm first; a few selected rows do not.
    const confirm = this.picker.getByRole('button', { name: 'Confirm', exact: true });
    const result = this.picker.getByText(`Created “${name}”`);
    await eventually(async () => {
      if (await confirm.isVisible()) await confirm.click();
      assert.ok(await result.isVisible(), `"Created “${name}”" shows`);
    });
    await this.focusBack();
  }

  /** Undo in the picker's result line. */
  async undo() {
    await this.picker.getByRole('button', { name: 'Undo' }).click();
    await this.picker.getByText('Undone').waitFor();
  }
}
