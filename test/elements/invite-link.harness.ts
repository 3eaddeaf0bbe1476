/**
 * Drives `segkit-invite-link` like a user: fields by their label, buttons by
 * role and name (within a row when asked), and reads what is shown or announced.
 */
import type { SegkitInviteLink } from '../../packages/elements/src/invite-link/segkit-invite-link.js';
import { allByRole, byRole, click, queryByRole, settle, type } from '../setup/dom.js';

export interface RowView {
  url: string;
  status: string;
  uses: string;
  expiry: string;
  buttons: string[];
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export class InviteHarness {
  constructor(readonly el: SegkitInviteLink) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The form control a visible `<label>` with exactly this text labels. */
  field<T extends HTMLElement = HTMLInputElement>(label: string): T {
    const found = [...this.root.querySelectorAll('label')].filter((l) => text(l) === label && l.getClientRects().length > 0);
    if (found.length !== 1 || !found[0]!.control) {
      const all = [...this.root.querySelectorAll('label')].map((l) => JSON.stringify(text(l)));
      throw new Error(`Expected one field labelled ${label}; labels: ${all.join(', ')}`);
    }
    return found[0]!.control as unknown as T;
  }

  queryField(label: string): HTMLElement | undefined {
    return [...this.root.querySelectorAll('label')].find((l) => text(l) === label)?.control ?? undefined;
  }

  button(name: string | RegExp, within: ParentNode = this.root): HTMLElement {
    return byRole(within, 'button', name);
  }

  queryButton(name: string | RegExp, within: ParentNode = this.root): HTMLElement | undefined {
    return queryByRole(within, 'button', name);
  }

  async clickButton(name: string | RegExp, within?: ParentNode): Promise<void> {
    await click(this.button(name, within));
  }

  async typeInto(label: string, value: string): Promise<void> {
    await type(this.field(label), value);
  }

  /**
   * Sets a date-time field. Typing into `datetime-local` differs per engine
   * (segments, pickers), so this sets the value and fires `input` as the browser does.
   */
  async setDateTime(label: string, value: string): Promise<void> {
    const input = this.field(label);
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
  }

  async chooseSegment(name: string): Promise<void> {
    const select = this.field<HTMLSelectElement>('Segment');
    const option = [...select.options].find((o) => o.textContent?.trim() === name);
    if (!option) throw new Error(`No segment option ${name}`);
    select.focus();
    select.value = option.value;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
  }

  rowElements(): HTMLElement[] {
    return allByRole(this.root, 'listitem');
  }

  rows(): RowView[] {
    return this.rowElements().map((li) => ({
      url: (li.querySelector('input') as HTMLInputElement | null)?.value ?? '',
      status: text(li.querySelector('[part~="status"]')),
      uses: text(li.querySelector('[part~="uses"]')),
      expiry: text(li.querySelector('[part~="expiry"]')),
      buttons: allByRole(li, 'button').map((b) => text(b)),
    }));
  }

  /** The row whose URL ends with `token`. */
  row(token: string): HTMLElement {
    const row = this.rowElements().find((li) => (li.querySelector('input') as HTMLInputElement | null)?.value.endsWith(token));
    if (!row) throw new Error(`No row for ${token}; rows: ${JSON.stringify(this.rows())}`);
    return row;
  }

  /** What the polite live region says. */
  message(): string {
    return text(byRole(this.root, 'status'));
  }

  /** Texts of the visible alerts (slotted text counts). */
  alerts(): string[] {
    return allByRole(this.root, 'alert').map((alert) => {
      const slot = alert.querySelector('slot');
      const assigned = slot?.assignedNodes({ flatten: true }) ?? [];
      const slotText = assigned.length ? assigned.map((n) => n.textContent).join('') : '';
      if (!slot) return text(alert);
      const clone = alert.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('button').forEach((b) => b.remove());
      const own = text(clone);
      return (assigned.length ? own.replace(text(slot), slotText) : own).trim();
    });
  }

  /** The message an input's aria-describedby points at. */
  description(input: HTMLElement): string {
    const ids = input.getAttribute('aria-describedby');
    if (!ids) return '';
    return ids
      .split(/\s+/)
      .map((id) => text(this.root.getElementById(id)))
      .join(' ')
      .trim();
  }
}
