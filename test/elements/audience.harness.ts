/** Acts on a `segkit-audience` like a user: toggles by accessible name, reads what is shown. */
import { byRole, click } from '../setup/dom.js';

export class AudienceHarness {
  constructor(readonly el: HTMLElement) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  includeToggle(name: string): HTMLButtonElement {
    return byRole(this.root, 'button', `Include ${name}`) as HTMLButtonElement;
  }

  excludeToggle(name: string): HTMLButtonElement {
    return byRole(this.root, 'button', `Exclude ${name}`) as HTMLButtonElement;
  }

  async include(name: string): Promise<void> {
    await click(this.includeToggle(name));
  }

  async exclude(name: string): Promise<void> {
    await click(this.excludeToggle(name));
  }

  radio(label: string): HTMLInputElement {
    return byRole(this.root, 'radio', label) as HTMLInputElement;
  }

  async match(label: 'Any' | 'All'): Promise<void> {
    await click(this.radio(label));
  }

  /** The live count as shown ("1,240 members"). */
  total(): string {
    return this.root.querySelector('[part~="total"]')!.textContent!.replace(/\s+/g, ' ').trim();
  }

  hint(): string {
    return (this.root.querySelector('[part~="hint"]')?.textContent ?? '').trim();
  }

  rows(): number {
    return this.root.querySelectorAll('[part~="segment"]').length;
  }

  group(): HTMLElement {
    return byRole(this.root, 'group');
  }
}
