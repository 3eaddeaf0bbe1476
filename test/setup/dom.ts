/**
 * DOM helpers for element tests: mount, find by role and accessible name
 * through shadow roots, act like a user, and run axe-core.
 */
import { sendKeys } from '@web/test-runner-commands';
import { expect } from './expect.js';

const mounted: HTMLElement[] = [];

/**
 * WebKit runs under WebDriver, whose `sendKeys` takes only `press` and `type`
 * (no `down`/`up`, so no held modifier): chords go another way there.
 */
export const keysPressOnly = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium|Firefox/.test(navigator.userAgent);

/** Renders `markup` into a fresh container on the page and waits for every segkit element in it to render. */
export async function mount<T extends HTMLElement = HTMLElement>(markup: string | HTMLElement, setup?: (root: HTMLElement) => void): Promise<T> {
  const container = document.createElement('div');
  container.className = 'test-container';
  if (typeof markup === 'string') container.innerHTML = markup;
  else container.append(markup);
  setup?.(container);
  document.body.append(container);
  mounted.push(container);
  await settle(container);
  return container.firstElementChild as T;
}

/** Removes everything `mount` added (call in afterEach). */
export function unmountAll(): void {
  for (const container of mounted.splice(0)) container.remove();
}

/** Waits for pending Lit updates of every element under `root` (twice, for updates that cause updates), and a frame. */
export async function settle(root: ParentNode = document.body): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    const elements = deepAll(root, '*').filter((el): el is HTMLElement & { updateComplete: Promise<unknown> } => 'updateComplete' in el);
    await Promise.all(elements.map((el) => el.updateComplete));
    await nextFrame();
  }
}

/** The next animation frame, or 100 ms when the page gets none (a background tab). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Every element matching `selector` under `root`, looking inside open shadow roots too. */
export function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.matches(selector)) out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

export function deep(root: ParentNode, selector: string): Element | undefined {
  return deepAll(root, selector)[0];
}

const IMPLICIT: Record<string, (el: Element) => boolean> = {
  button: (el) => el.localName === 'button' || (el.localName === 'input' && ['button', 'submit', 'reset'].includes((el as HTMLInputElement).type)),
  checkbox: (el) => el.localName === 'input' && (el as HTMLInputElement).type === 'checkbox',
  radio: (el) => el.localName === 'input' && (el as HTMLInputElement).type === 'radio',
  textbox: (el) =>
    el.localName === 'textarea' ||
    (el.localName === 'input' && ['text', 'email', 'url', 'tel', '', 'number'].includes((el as HTMLInputElement).type) && !el.hasAttribute('list')),
  searchbox: (el) => el.localName === 'input' && (el as HTMLInputElement).type === 'search',
  link: (el) => el.localName === 'a' && el.hasAttribute('href'),
  combobox: (el) => el.localName === 'select',
  dialog: (el) => el.localName === 'dialog',
  heading: (el) => /^h[1-6]$/.test(el.localName),
  table: (el) => el.localName === 'table',
  list: (el) => el.localName === 'ul' || el.localName === 'ol',
  listitem: (el) => el.localName === 'li',
};

function rootOf(el: Element): Document | ShadowRoot {
  return el.getRootNode() as Document | ShadowRoot;
}

/** A simplified accessible name: aria-labelledby, aria-label, a <label>, then the text. */
export function accessibleName(el: Element): string {
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) {
    return labelledby
      .split(/\s+/)
      .map((id) => rootOf(el).getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  if ((el as HTMLInputElement).labels?.length) {
    return [...(el as HTMLInputElement).labels!].map((l) => l.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
  }
  if (el.localName === 'input') return (el as HTMLInputElement).placeholder || (el as HTMLInputElement).value || '';
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function hasRole(el: Element, role: string): boolean {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/).includes(role);
  return IMPLICIT[role]?.(el) ?? false;
}

function isVisible(el: Element): boolean {
  if (!(el instanceof HTMLElement)) return true;
  if (el.closest('[hidden]') || el.closest('[inert]')) return false;
  return el.getClientRects().length > 0;
}

/** Elements with `role` (explicit or implicit) whose accessible name matches `name`, visible only. */
export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  return deepAll(root, '*').filter((el): el is HTMLElement => {
    if (!hasRole(el, role) || !isVisible(el)) return false;
    if (name === undefined) return true;
    const actual = accessibleName(el);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

/** The one element with that role and name; fails the test with what was found otherwise. */
export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length !== 1) {
    const all = allByRole(root, role).map((el) => JSON.stringify(accessibleName(el)));
    throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}. ${role}s present: ${all.join(', ') || 'none'}`);
  }
  return found[0]!;
}

export function queryByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | undefined {
  return allByRole(root, role, name)[0];
}

/** Clicks like a user: focus, then a real click event sequence. */
export async function click(el: HTMLElement, init: MouseEventInit = {}): Promise<void> {
  el.focus();
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup'] as const) {
    el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, ...init }));
  }
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ...init }));
  await settle();
}

/** Types into the focused element (after focusing `el`) through the browser's own input. */
export async function type(el: HTMLElement, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
  await settle();
}

/** Presses a key (e.g. 'ArrowDown', 'Shift+ArrowDown', 'Enter', 'Escape') on the focused element. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle();
}

/** The deepest focused element, through shadow roots. */
export function focused(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Waits until `check` passes. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 4000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) throw last ?? new Error(`waitFor timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary: string }> }>;
}
interface Axe {
  run(context: Element, options?: object): Promise<AxeResults>;
}

let axeLoaded: Promise<Axe> | undefined;
function loadAxe(): Promise<Axe> {
  axeLoaded ??= new Promise<Axe>((resolve, reject) => {
    const existing = (window as unknown as { axe?: Axe }).axe;
    if (existing) return resolve(existing);
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve((window as unknown as { axe: Axe }).axe);
    script.onerror = () => reject(new Error('axe-core could not be loaded'));
    document.head.append(script);
  });
  return axeLoaded;
}

/** Runs axe-core on `el` (shadow DOM included) and fails with a readable list of violations. */
export async function expectAccessible(el: Element, label = ''): Promise<void> {
  await settle();
  const axe = await loadAxe();
  const results = await axe.run(el, { resultTypes: ['violations'] });
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join('\n  ')}`,
  );
  expect(summary, `axe violations ${label}`).to.deep.equal([]);
}
