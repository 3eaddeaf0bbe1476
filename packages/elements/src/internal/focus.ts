/**
 * Focus after a render, written once for every element. Two jobs:
 *
 * - `focusAfterUpdate(target)`: move focus to a control that the next render
 *   creates or enables (a selector in the shadow root, or a function);
 * - keeping focus inside the element when the focused control becomes
 *   disabled or is removed by a render (e.g. "Reset" disables itself once the
 *   filter is empty): without this, focus falls to `<body>` and keyboard users
 *   lose their place (and Escape no longer reaches an open popover).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;
export type FocusTarget = string | (() => HTMLElement | null | undefined);

export interface FocusOptions {
  /**
   * Where focus goes when the focused control became disabled or was removed
   * (default: the first enabled focusable control in the shadow root).
   */
  fallback?: () => HTMLElement | null | undefined;
  /** Focus without scrolling the control into view (`focus({ preventScroll: true })`), for elements that scroll it themselves. */
  preventScroll?: boolean;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** The first enabled, focusable control under `root`, in document order. */
export function firstFocusable(root: ParentNode | null | undefined): HTMLElement | null {
  if (!root) return null;
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (!el.matches(':disabled') && !el.closest('[hidden], [inert]')) return el;
  }
  return null;
}

/** The focused element inside `host`'s shadow root, if any. */
function focusedIn(host: HTMLElement): HTMLElement | null {
  return (host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
}

export class FocusController implements ReactiveController {
  readonly #host: Host;
  readonly #fallback: () => HTMLElement | null | undefined;
  readonly #preventScroll: boolean;
  #next: FocusTarget | null = null;
  #before: HTMLElement | null = null;

  constructor(host: Host, options: FocusOptions = {}) {
    this.#host = host;
    this.#fallback = options.fallback ?? (() => firstFocusable(host.shadowRoot));
    this.#preventScroll = options.preventScroll ?? false;
    host.addController(this);
  }

  /** Focuses `target` once the next render is done (and asks for that render). */
  focusAfterUpdate(target: FocusTarget): void {
    this.#next = target;
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.#before = focusedIn(this.#host);
  }

  hostUpdated(): void {
    const before = this.#before;
    this.#before = null;
    const next = this.#next;
    if (next !== null) {
      this.#next = null;
      const target = typeof next === 'string' ? this.#host.shadowRoot?.querySelector<HTMLElement>(next) : next();
      if (target) {
        target.focus({ preventScroll: this.#preventScroll });
        return;
      }
    }
    if (!before) return;
    const lost = !before.isConnected || before.matches(':disabled');
    const now = focusedIn(this.#host);
    if (lost && (now === null || now === before)) this.#fallback()?.focus({ preventScroll: this.#preventScroll });
  }

  hostDisconnected(): void {
    this.#next = null;
    this.#before = null;
  }
}
