/**
 * Acts on a `segkit-segment-filter` like a user: by role and accessible name.
 * Also the small adapter helpers the segment element tests share.
 */
import type { SegmentsAdapter } from '@segkit/core';
import { allByRole, byRole, click, deep, press, queryByRole, settle, type } from '../setup/dom.js';

export class SegmentFilterHarness {
  constructor(readonly el: HTMLElement) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  includeToggle(name: string): HTMLElement {
    return byRole(this.root, 'button', `Include ${name}`);
  }

  excludeToggle(name: string): HTMLElement {
    return byRole(this.root, 'button', `Exclude ${name}`);
  }

  /** 'include' | 'exclude' | 'none', read from the toggles' aria-pressed. */
  stateOf(name: string): 'include' | 'exclude' | 'none' {
    if (this.includeToggle(name).getAttribute('aria-pressed') === 'true') return 'include';
    if (this.excludeToggle(name).getAttribute('aria-pressed') === 'true') return 'exclude';
    return 'none';
  }

  async include(name: string): Promise<void> {
    await click(this.includeToggle(name));
  }

  async exclude(name: string): Promise<void> {
    await click(this.excludeToggle(name));
  }

  /** Segment names in list order, with their counts: ["Unassigned · 12 members", ...]. */
  rows(): string[] {
    return [...this.root.querySelectorAll('[part~="segment"]')].map(
      (row) => `${row.querySelector('[part~="name"]')!.textContent!.trim()} · ${row.querySelector('[part~="count"]')!.textContent!.trim()}`,
    );
  }

  radio(label: string): HTMLInputElement {
    return byRole(this.root, 'radio', label) as HTMLInputElement;
  }

  async match(label: 'Any' | 'All'): Promise<void> {
    await click(this.radio(label));
  }

  get search(): HTMLInputElement {
    return byRole(this.root, 'searchbox', 'Search') as HTMLInputElement;
  }

  async typeSearch(text: string): Promise<void> {
    await type(this.search, text);
  }

  button(name: string | RegExp): HTMLButtonElement {
    return byRole(this.root, 'button', name) as HTMLButtonElement;
  }

  async apply(): Promise<void> {
    await click(this.button('Apply'));
  }

  async reset(): Promise<void> {
    await click(this.button('Reset'));
  }

  /** The applied-filter chips, as shown. */
  summary(): string[] {
    return [...this.root.querySelectorAll('[part~="summary"] [part~="chip"]')].map((chip) => chip.textContent!.trim());
  }

  dirtyNotice(): string | undefined {
    return this.root.querySelector('[part~="dirty"]')?.textContent?.trim();
  }

  announcement(): string {
    return (this.root.querySelector('[role="status"][aria-live]')?.textContent ?? '').trim();
  }

  trigger(): HTMLElement {
    return byRole(this.root, 'button', /^(Filter|Filtrar)/);
  }

  dialog(): HTMLElement | undefined {
    return queryByRole(this.root, 'dialog');
  }

  async press(key: string): Promise<void> {
    await press(key);
  }

  part(name: string): HTMLElement {
    const found = deep(this.root, `[part~="${name}"]`);
    if (!found) throw new Error(`no part ${name}`);
    return found as HTMLElement;
  }

  allButtons(): HTMLElement[] {
    return allByRole(this.root, 'button');
  }

  async settle(): Promise<void> {
    await settle();
  }
}

/** An adapter whose segment list waits until `release()` (the loading state). */
export function gatedAdapter(inner: SegmentsAdapter): { adapter: SegmentsAdapter; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'listSegments' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await gate;
        return value.apply(target, args);
      };
    },
  });
  return { adapter, release };
}

/** A stylesheet on the document (removed by the returned function). */
export function pageStyle(cssText: string): () => void {
  const style = document.createElement('style');
  style.textContent = cssText;
  document.head.append(style);
  return () => style.remove();
}

/** The box of an element, rounded, for layout comparisons. */
export function box(el: Element): { w: number; h: number } {
  const r = el.getBoundingClientRect();
  return { w: Math.round(r.width), h: Math.round(r.height) };
}
