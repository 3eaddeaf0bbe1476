/**
 * Drives `segkit-member-table` like a user: rows and cells by role, checkboxes
 * and headers by accessible name, clicks, typing, keys and scrolling. Tests
 * read what a user would see (or a screen reader would say).
 */
import type { Member, SegmentStore, SegmentsAdapter } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import type { SegkitMemberTable } from '../../packages/elements/src/member-table/segkit-member-table.js';
import '../../packages/elements/src/define/member-table.js';
import { SEGMENTS, T0 } from '../core/fixtures.js';
import { sendKeys } from '@web/test-runner-commands';
import { allByRole, byRole, click, focused, keysPressOnly, mount, press, queryByRole, settle, type, waitFor } from '../setup/dom.js';

const FIRST = ['Ana', 'Bo', 'Chen', 'Dalia', 'Émile', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jade', 'Kofi', 'Lena'];
const LAST = ['Silva', 'Nguyen', 'Okafor', 'Müller', 'Rossi', 'Kim', 'Haddad', 'Novak'];
const COUNTRIES = ['Brazil', 'Vietnam', 'Nigeria', 'Germany', 'Italy'];

/**
 * `n` members "Ana Silva 000", "Bo Nguyen 001", ... (sorted by name they keep
 * their number order within a first name); every 3rd in VIPs, every 4th in
 * Content Creators, the others in no segment. Followers 1,000 + 1,234 × i.
 */
export function tableMembers(n: number): Member[] {
  return Array.from({ length: n }, (_, i) => {
    const segmentIds: string[] = [];
    if (i % 3 === 0) segmentIds.push('vips');
    if (i % 4 === 0) segmentIds.push('creators');
    const num = String(i).padStart(3, '0');
    return {
      id: `m${num}`,
      name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]} ${num}`,
      email: `user${num}@example.com`,
      attributes: {
        handle: `@user${num}`,
        followers: 1000 + i * 1234,
        niche: i % 2 ? 'Fitness' : 'Beauty',
        country: COUNTRIES[i % COUNTRIES.length]!,
      },
      segmentIds,
      createdAt: new Date(T0 + i * 60_000).toISOString(),
    };
  });
}

export function tableAdapter(n = 60, options: { latencyMs?: number } = {}) {
  return createMemoryAdapter({ members: tableMembers(n), segments: SEGMENTS, now: () => T0 + 86_400_000, ...options });
}

/** WebKit runs through WebDriver here, whose `sendKeys` has no key down/up (see BROWSERS.md). */
let chordsSupported = !keysPressOnly;

/** An adapter whose member reads wait while `hold()` is in effect, until `release()`. */
export function gatedAdapter<A extends SegmentsAdapter>(inner: A) {
  let open = true;
  const waiting: Array<() => void> = [];
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'queryMembers' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
        return value.apply(target, args);
      };
    },
  });
  return {
    adapter,
    hold() {
      open = false;
    },
    release() {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

export class MemberTableHarness {
  constructor(readonly el: SegkitMemberTable) {}

  /** Mounts a table on `store` (markup attributes in `attrs`, e.g. `no-search`); waits for the first rows unless told not to. */
  static async mount(
    store: SegmentStore,
    options: { attrs?: string; slots?: string; wait?: boolean; setup?: (table: SegkitMemberTable) => void } = {},
  ): Promise<MemberTableHarness> {
    const el = await mount<SegkitMemberTable>(`<segkit-member-table ${options.attrs ?? ''}>${options.slots ?? ''}</segkit-member-table>`, (root) => {
      const table = root.querySelector('segkit-member-table') as SegkitMemberTable;
      table.store = store;
      options.setup?.(table);
    });
    const harness = new MemberTableHarness(el);
    if (options.wait !== false) await harness.waitForRows();
    return harness;
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get grid(): HTMLElement {
    return byRole(this.root, 'grid');
  }

  /** What scrolls in the grid: the rows (the header row stays above it). */
  get scroller(): HTMLElement {
    return this.grid.querySelector<HTMLElement>('.scroller')!;
  }

  /** The member rows in the DOM (not the header), in row order. */
  rows(): HTMLElement[] {
    return allByRole(this.root, 'row')
      .filter((row) => row.getAttribute('aria-rowindex') !== '1')
      .sort((a, b) => this.rowIndex(a) - this.rowIndex(b));
  }

  /** A row's `aria-rowindex` (the header row is 1, the first member 2). */
  rowIndex(row: Element): number {
    return Number(row.getAttribute('aria-rowindex'));
  }

  /** Rows whose top edge is inside the grid's visible body, in order. */
  rowsInView(): HTMLElement[] {
    const grid = this.scroller;
    const bottom = grid.getBoundingClientRect().top + grid.clientTop + grid.clientHeight; // above a horizontal scrollbar
    const header = this.headerRow().getBoundingClientRect();
    return this.rows().filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= header.bottom - 1 && r.bottom <= bottom + 1;
    });
  }

  /** The names shown in the rows in view (loaded rows only). */
  namesInView(): string[] {
    return this.rowsInView()
      .map((row) => this.nameOf(row))
      .filter((name): name is string => Boolean(name));
  }

  /** The member name shown in a row (the name column), or undefined while it loads. */
  nameOf(row: Element): string | undefined {
    const checkbox = row.querySelector('[role="checkbox"]');
    const cell = allByRole(row, 'gridcell')[1];
    if (!checkbox || !cell) return undefined;
    return row.querySelector('.name')?.textContent?.trim() ?? cell.textContent?.trim();
  }

  /** The row of the member named `name`. */
  row(name: string): HTMLElement {
    const found = this.rows().filter((row) => this.nameOf(row) === name);
    if (found.length !== 1) throw new Error(`Expected one row for ${name}, found ${found.length}. Rows: ${this.rows().map((r) => this.nameOf(r)).join(', ')}`);
    return found[0]!;
  }

  /** The texts of a row's cells. */
  cellTexts(row: Element): string[] {
    return allByRole(row, 'gridcell').map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
  }

  headerRow(): HTMLElement {
    return allByRole(this.root, 'row').find((row) => row.getAttribute('aria-rowindex') === '1')!;
  }

  header(label: string | RegExp): HTMLElement {
    return byRole(this.root, 'columnheader', label);
  }

  headerLabels(): string[] {
    return allByRole(this.root, 'columnheader').map((h) => (h.textContent ?? '').trim());
  }

  checkbox(name: string): HTMLElement {
    return byRole(this.root, 'checkbox', `Select ${name}`);
  }

  get pageCheckbox(): HTMLElement {
    return byRole(this.root, 'checkbox', /on this page|en esta página/);
  }

  get searchbox(): HTMLInputElement | undefined {
    return queryByRole(this.root, 'searchbox') as HTMLInputElement | undefined;
  }

  button(name: string | RegExp): HTMLElement {
    return byRole(this.root, 'button', name);
  }

  queryButton(name: string | RegExp): HTMLElement | undefined {
    return queryByRole(this.root, 'button', name);
  }

  /** What the selection bar says (empty when it is hidden). */
  selectionText(): string {
    const bar = this.part('selection-bar');
    if (!bar || bar.hidden) return '';
    return (bar.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The first element with that `part` in the shadow root. */
  part(name: string): HTMLElement | undefined {
    return [...this.root.querySelectorAll<HTMLElement>('[part]')].find((el) => el.getAttribute('part')!.split(/\s+/).includes(name));
  }

  /** The number of rows the count says ("60 members"). */
  countText(): string {
    return (this.part('count')?.textContent ?? '').trim();
  }

  async waitForRows(): Promise<void> {
    await waitFor(() => this.rowsInView().length > 0 && this.rowsInView().every((row) => this.nameOf(row)), 8000);
    await settle();
  }

  async click(el: HTMLElement, init: MouseEventInit = {}): Promise<void> {
    await click(el, init);
  }

  async toggle(name: string, init: MouseEventInit = {}): Promise<void> {
    await click(this.checkbox(name), init);
    await settle();
  }

  async typeSearch(text: string): Promise<void> {
    await type(this.searchbox!, text);
  }

  /**
   * Presses a key or a chord ('ArrowDown', 'Shift+ArrowDown', 'Control+End')
   * through the browser's own input. Chords hold the modifiers down
   * (`sendKeys` down/up); where the driver cannot (WebDriver: press and type
   * only), the chord is dispatched as a KeyboardEvent on the focused element.
   */
  async press(key: string): Promise<void> {
    const parts = key.split('+');
    const main = parts.pop()!;
    if (parts.length === 0 || main === '') {
      await press(key);
      await settle();
      return;
    }
    if (!chordsSupported) {
      await this.#dispatchChord(parts, main);
      return;
    }
    try {
      for (const modifier of parts) await sendKeys({ down: modifier });
    } catch {
      chordsSupported = false;
      await this.#dispatchChord(parts, main);
      return;
    }
    try {
      await sendKeys({ press: main });
    } finally {
      for (const modifier of parts.reverse()) await sendKeys({ up: modifier });
    }
    await settle();
  }

  async #dispatchChord(modifiers: string[], key: string): Promise<void> {
    const target = focused() ?? document.body;
    const init: KeyboardEventInit = {
      key: key === 'Space' ? ' ' : key,
      bubbles: true,
      composed: true,
      cancelable: true,
      shiftKey: modifiers.includes('Shift'),
      ctrlKey: modifiers.includes('Control'),
      metaKey: modifiers.includes('Meta'),
      altKey: modifiers.includes('Alt'),
    };
    target.dispatchEvent(new KeyboardEvent('keydown', init));
    target.dispatchEvent(new KeyboardEvent('keyup', init));
    await settle();
  }

  /** Focuses a body cell by clicking it (row 0-based, col 0 is the checkbox column). */
  async focusCell(row: number, col: number): Promise<HTMLElement> {
    const cell = this.cellAt(row, col);
    cell.focus();
    await settle();
    return cell;
  }

  /** The cell at a 0-based member row and column (row -1: the header). */
  cellAt(row: number, col: number): HTMLElement {
    const rowEl = row < 0 ? this.headerRow() : this.rows().find((r) => this.rowIndex(r) === row + 2);
    if (!rowEl) throw new Error(`Row ${row} is not rendered`);
    const cell = [...rowEl.children].find((c) => c.getAttribute('aria-colindex') === String(col + 1));
    if (!cell) throw new Error(`No cell ${col} in row ${row}`);
    return cell as HTMLElement;
  }

  /** The focused cell as { row (0-based; -1 header), col }, or null when the focus is elsewhere. */
  focusedCell(): { row: number; col: number } | null {
    const el = focused();
    if (!el || !this.root.contains(el)) return null;
    const cell = el.closest('[role="gridcell"], [role="columnheader"]');
    const row = cell?.closest('[role="row"]');
    if (!cell || !row) return null;
    return { row: this.rowIndex(row) - 2, col: Number(cell.getAttribute('aria-colindex')) - 1 };
  }

  /** Cells that are in the Tab order (roving tabindex: exactly one). */
  tabStops(): HTMLElement[] {
    return [...this.grid.querySelectorAll<HTMLElement>('[tabindex="0"]')];
  }

  get rowHeight(): number {
    const row = this.rows()[0];
    return row ? row.getBoundingClientRect().height : 48;
  }

  /** Scrolls the grid so member row `index` (0-based) is at the top, and waits for the rows to render. */
  async scrollToRow(index: number): Promise<void> {
    const grid = this.scroller;
    grid.scrollTop = index * this.rowHeight;
    grid.dispatchEvent(new Event('scroll'));
    await waitFor(() => this.rows().some((row) => this.rowIndex(row) === index + 2));
    await settle();
  }

  async scrollToEnd(): Promise<void> {
    const grid = this.scroller;
    grid.scrollTop = grid.scrollHeight;
    grid.dispatchEvent(new Event('scroll'));
    await settle();
  }
}
