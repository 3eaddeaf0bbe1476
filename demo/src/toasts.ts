/** Short notices in a corner: errors stay until dismissed or 8 s, others 4 s. */
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
