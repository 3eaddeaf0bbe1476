/**
 * Drives `segkit-segment-picker` like a user: by role and accessible name,
 * clicks, typing and keys. Tests read what a user would see or hear.
 */
import { sendKeys } from '@web/test-runner-commands';
import type { SegkitSegmentPicker } from '../../packages/elements/src/segment-picker/segkit-segment-picker.js';
import { allByRole, byRole, click, focused, press, queryByRole, settle, type, waitFor } from '../setup/dom.js';

/** Types `text` into `el`, splitting it where a character repeats (see `typeSearch`). */
export async function typeText(el: HTMLElement, text: string): Promise<void> {
  const chunks = text.split(/(?<=(.))(?=\1)/u).filter((_, i) => i % 2 === 0);
  for (const chunk of chunks) await type(el, chunk);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class PickerHarness {
  constructor(readonly el: SegkitSegmentPicker) {}

  /** Where the element's own controls live. */
  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The button that opens the popover (the one with a popup). */
  get trigger(): HTMLElement {
    const found = allByRole(this.root, 'button').filter((b) => b.hasAttribute('aria-haspopup'));
    if (found.length !== 1) throw new Error(`Expected one popup button, found ${found.length}`);
    return found[0]!;
  }

  get isOpen(): boolean {
    return this.trigger.getAttribute('aria-expanded') === 'true' && queryByRole(this.root, 'dialog') !== undefined;
  }

  get dialog(): HTMLElement {
    return byRole(this.root, 'dialog');
  }

  get search(): HTMLInputElement {
    return byRole(this.root, 'combobox') as HTMLInputElement;
  }

  get listbox(): HTMLElement {
    return byRole(this.root, 'listbox');
  }

  /** Visible options, by accessible name. */
  optionNames(): string[] {
    return allByRole(this.root, 'option').map((o) => (o.textContent ?? '').replace(/\s+/g, ' ').trim());
  }

  /** The option whose name starts with `name` (a segment name, or "Create segment “x”"). */
  option(name: string): HTMLElement {
    return byRole(this.root, 'option', new RegExp(`^${escape(name)}(\\s|$)`));
  }

  selectedNames(): string[] {
    return allByRole(this.root, 'option')
      .filter((o) => o.getAttribute('aria-selected') === 'true')
      .map((o) => o.querySelector('.name')?.textContent?.trim() ?? '');
  }

  /** The option the combobox points at (aria-activedescendant), by text. */
  activeOption(): string | null {
    const id = this.search.getAttribute('aria-activedescendant');
    if (!id) return null;
    const option = (this.search.getRootNode() as ShadowRoot).getElementById(id);
    return option?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  }

  button(name: string | RegExp): HTMLElement {
    return byRole(this.root, 'button', name);
  }

  queryButton(name: string | RegExp): HTMLElement | undefined {
    return queryByRole(this.root, 'button', name);
  }

  async open(): Promise<void> {
    if (!this.isOpen) await click(this.trigger);
    await waitFor(() => this.isOpen);
  }

  /**
   * Types into the search box. Doubled letters go in separate key sequences:
   * WebKitGTK's WebDriver drops the second of two equal keys in one sequence.
   */
  async typeSearch(text: string): Promise<void> {
    await typeText(this.search, text);
  }

  /** Clears the search box and types `text`. */
  async setSearch(text: string): Promise<void> {
    const input = this.search;
    input.focus();
    await sendKeys({ press: 'End' });
    for (let i = input.value.length; i > 0; i -= 1) await sendKeys({ press: 'Backspace' });
    await settle();
    if (text) await typeText(input, text);
  }

  /** Presses the space bar (typed, which every engine's driver knows). */
  async pressSpace(): Promise<void> {
    await sendKeys({ type: ' ' });
    await settle();
  }

  async pick(...names: string[]): Promise<void> {
    for (const name of names) await click(this.option(name));
  }

  async press(key: string): Promise<void> {
    await press(key);
  }

  async clickButton(name: string | RegExp): Promise<void> {
    await click(this.button(name));
  }

  /** The polite live region's text (the result line and its Undo). */
  get status(): HTMLElement {
    return byRole(this.root, 'status');
  }

  resultText(): string {
    return (this.status.querySelector('[part~="result-text"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The visible alert's text, or '' (slotted text counts too). */
  errorText(): string {
    const alert = queryByRole(this.root, 'alert');
    if (!alert) return '';
    const slot = alert.querySelector('slot');
    const assigned = slot?.assignedNodes({ flatten: true }) ?? [];
    const message = assigned.length ? assigned.map((n) => n.textContent).join('') : (slot?.textContent ?? '');
    return message.replace(/\s+/g, ' ').trim();
  }

  /** The message that describes the search box (aria-describedby), or ''. */
  searchDescription(): string {
    const ids = this.search.getAttribute('aria-describedby');
    if (!ids) return '';
    const root = this.search.getRootNode() as ShadowRoot;
    return ids
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  focused(): Element | null {
    return focused();
  }

  async settle(): Promise<void> {
    await settle();
  }
}
