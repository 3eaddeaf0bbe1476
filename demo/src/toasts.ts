/** Short notices in a corner (errors stay until dismissed or 8 s, others 4 s): the list and its region. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { icon } from './icons.js';
import { strings } from './strings.js';

export interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  text: string;
}

export class Toasts {
  items: Toast[] = [];
  #seq = 0;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly changed: () => void) {}

  show(text: string, tone: Toast['tone'] = 'info'): void {
    // The same message twice in a row (e.g. a burst of failed retries) shows once.
    const same = this.items.find((t) => t.text === text && t.tone === tone);
    if (same) this.dismiss(same.id);
    this.#seq += 1;
    const id = this.#seq;
    this.items = [...this.items, { id, tone, text }].slice(-4);
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), tone === 'error' ? 8000 : 4000),
    );
    this.changed();
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    const before = this.items.length;
    this.items = this.items.filter((t) => t.id !== id);
    if (this.items.length !== before) this.changed();
  }
}

/** The notifications region, with the toasts showing now. */
export function toastRegion(toasts: Toasts): TemplateResult {
  return html`<div class="toasts" role="region" aria-label=${strings.toast.region}>
    ${repeat(
      toasts.items,
      (t) => t.id,
      (t) => html`<div class="toast" data-tone=${t.tone} role=${t.tone === 'error' ? 'alert' : 'status'}>
        ${icon(t.tone === 'error' ? 'alert' : 'check', 18)}
        <p>${t.text}</p>
        <button class="icon-btn icon-only" type="button" aria-label=${strings.toast.close} @click=${() => toasts.dismiss(t.id)}>
          ${icon('close', 16)}
        </button>
      </div>`,
    )}
  </div>`;
}
