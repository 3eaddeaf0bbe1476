/** Acts on a `segkit-segment-list` like a user: by role, label and visible text. */
import { byRole, click, press, queryByRole, settle, type } from '../setup/dom.js';

export class SegmentListHarness {
  constructor(readonly el: HTMLElement) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  #items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  /** "Name · N members" per row, in order (as shown). */
  rows(): string[] {
    return this.#items().map((item) => {
      const name = item.querySelector('[part~="name"]')?.textContent?.trim() ?? '(editing)';
      const count = item.querySelector('[part~="count"]')?.textContent?.trim() ?? '';
      return `${name} · ${count}`;
    });
  }

  /** The row showing segment `name` (its visible name). */
  item(name: string): HTMLElement {
    const found = this.#items().find((item) => item.querySelector('[part~="name"]')?.textContent?.trim() === name);
    if (!found) throw new Error(`no row named ${name}; rows: ${this.rows().join(', ')}`);
    return found;
  }

  /** The button that opens segment `name` (its accessible name starts with the segment's name). */
  openButton(name: string): HTMLElement {
    return byRole(this.item(name), 'button', new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  }

  async open(name: string): Promise<void> {
    await click(this.openButton(name));
  }

  button(name: string | RegExp): HTMLButtonElement {
    return byRole(this.root, 'button', name) as HTMLButtonElement;
  }

  queryButton(name: string | RegExp): HTMLElement | undefined {
    return queryByRole(this.root, 'button', name);
  }

  textbox(name: string | RegExp): HTMLInputElement {
    return byRole(this.root, 'textbox', name) as HTMLInputElement;
  }

  /** Opens the create form, fills it and submits. */
  async create(fields: { name: string; description?: string; color?: string }): Promise<void> {
    await click(this.button('Create segment'));
    await type(this.textbox('Name'), fields.name);
    if (fields.description) await type(this.textbox('Description (optional)'), fields.description);
    if (fields.color) await click(byRole(this.root, 'radio', fields.color));
    await click(this.button('Create segment'));
  }

  async rename(name: string, next: string): Promise<void> {
    await click(this.button(`Rename ${name}`));
    const input = this.textbox(`New name for ${name}`);
    input.select();
    await type(input, next);
    await press('Enter');
  }

  /** A row's declared fields as shown, "Label value" each ("Discount code VIP20", "Discount code Not set"). */
  fields(name: string): string[] {
    return [...this.item(name).querySelectorAll<HTMLElement>('[part~="field"]')].map((line) =>
      [...line.querySelectorAll('[part~="field-label"], [part~="field-value"]')].map((el) => el.textContent!.trim()).join(' '),
    );
  }

  /** Opens the editor of field `label` on segment `name` ("Edit Discount code for VIPs"). */
  async editField(name: string, label: string): Promise<void> {
    await click(this.button(`Edit ${label} for ${name}`));
  }

  /** The field editor's input ("Discount code for VIPs"), whatever its kind. */
  fieldInput(name: string, label: string): HTMLInputElement {
    const input = this.root.querySelector<HTMLInputElement>('[part~="field-input"]');
    if (!input || input.labels?.[0]?.textContent?.trim() !== `${label} for ${name}`) throw new Error(`no editor for ${label} of ${name}`);
    return input;
  }

  /** Opens the editor, replaces the value and presses Enter. */
  async setField(name: string, label: string, value: string): Promise<void> {
    await this.editField(name, label);
    const input = this.fieldInput(name, label);
    input.select();
    await type(input, value);
    await press('Enter');
  }

  /** The delete confirmation shown in place of a row. */
  confirm(): HTMLElement {
    return this.root.querySelector<HTMLElement>('[part~="confirm"]')!;
  }

  /** Presses "Delete" on segment `name`, then "Delete" in the confirmation. */
  async delete(name: string): Promise<void> {
    await click(this.button(`Delete ${name}`));
    await click(byRole(this.confirm(), 'button', 'Delete'));
  }

  /** The visible text of the status region ("Deleted VIPs"). */
  result(): string {
    return this.root.querySelector('[part~="result"]')!.textContent!.replace(/\s+/g, ' ').trim();
  }

  /** The visible text of the error region. */
  errorBar(): string {
    return (this.root.querySelector('[role="alert"][part~="error"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  fieldError(input: HTMLElement): string {
    const id = input.getAttribute('aria-describedby')!;
    return this.root.getElementById(id)!.textContent!.trim();
  }

  async settle(): Promise<void> {
    await settle();
  }
}
