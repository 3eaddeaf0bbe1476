/**
 * Acts on a `segkit-segment-filter` like a user: by role and accessible name.
 * Also the small adapter helpers the segment element tests share.
 */
import type { SegmentsAdapter } from '@segkit/core';
import { sendKeys } from '@web/test-runner-commands';
import { allByRole, byRole, click, deep, focused, keysPressOnly, press, queryByRole, settle, type } from '../setup/dom.js';

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

/** An adapter whose `method` (default: the segment list) waits until `release()` (a loading or pending state). */
export function gatedAdapter(inner: SegmentsAdapter, method: keyof SegmentsAdapter = 'listSegments'): { adapter: SegmentsAdapter; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== method || typeof value !== 'function') return value;
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

/** Shift+Tab (a chord `press` does not take in every engine). */
export async function shiftTab(): Promise<void> {
  if (keysPressOnly) {
    // WebDriver (WebKit) takes only press / type: typed WebDriver key points go down together, then up: a chord.
    await sendKeys({ type: '\uE008\uE004' });
    await settle();
    return;
  }
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
  await settle();
}

function describeNode(node: Element | null | undefined): string {
  if (!node) return String(node);
  const part = node.getAttribute('part');
  return `<${node.localName}${part ? ` part="${part}"` : ''}> "${(node.getAttribute('aria-label') ?? node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
}

/**
 * Asserts that `el` has focus (through shadow roots). Compares identities and
 * reports a short description: a failing chai assertion that carries DOM nodes
 * makes the test runner serialise the whole document and stall.
 */
export function expectFocus(el: Element | null | undefined, label = ''): void {
  const actual = focused();
  if (actual !== el) throw new Error(`expected focus on ${describeNode(el)} but it is on ${describeNode(actual)} ${label}`);
}

/** Asserts that nothing was found (an element lookup returned null or undefined), with a short description otherwise. */
export function expectAbsent(el: Element | null | undefined, label = ''): void {
  if (el) throw new Error(`expected no element ${label} but found ${describeNode(el)}`);
}
