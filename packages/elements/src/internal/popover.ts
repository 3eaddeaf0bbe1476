/**
 * The popover every element uses (the picker's chooser, the filter's panel):
 *
 * - in the **top layer** (the HTML `popover` attribute, `showPopover()`), so
 *   no ancestor's `overflow: hidden`, `transform` or `z-index` on the
 *   embedding page clips or covers it; positioned next to its trigger with
 *   fixed coordinates that **flip** above when there is no room below and
 *   **shift** to stay inside the viewport, kept in place while the page
 *   scrolls or resizes;
 * - **light dismiss**: a pointer press outside the element, or focus leaving
 *   it, closes it (focus stays where the user put it);
 * - **Escape** closes it and returns focus to the trigger.
 *
 * The element owns the open state (its reflected `open` property) and renders
 * the panel while open with `popover="manual"` and the `popoverStyles`
 * class; this controller shows, places and dismisses it. Where the Popover API
 * is missing the panel stays absolutely positioned under its trigger.
 */
import { css } from 'lit';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export interface PopoverOptions {
  /** The control that opens the popover; focus returns to it on Escape. */
  trigger(): HTMLElement | null | undefined;
  /** The rendered panel (null while closed). */
  panel(): HTMLElement | null | undefined;
  /** Whether the element is open now. */
  isOpen(): boolean;
  /** Closes the element (sets its `open` state false); `returnFocus` when focus should go back to the trigger. */
  close(returnFocus: boolean): void;
}

/** Space kept between the panel and the viewport's edges, and between the panel and its trigger (px). */
const MARGIN = 8;
const GAP = 4;

const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/** Where the panel goes, in viewport coordinates, for a trigger rectangle and a panel size. */
export function placement(
  trigger: Pick<DOMRect, 'top' | 'bottom' | 'left' | 'right'>,
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
  rtl: boolean,
): { top: number; left: number; side: 'bottom' | 'top'; maxHeight: number } {
  const below = viewport.height - trigger.bottom - GAP - MARGIN;
  const above = trigger.top - GAP - MARGIN;
  const side = panel.height <= below || below >= above ? 'bottom' : 'top';
  const room = Math.max(0, side === 'bottom' ? below : above);
  const height = Math.min(panel.height, room);
  const top = side === 'bottom' ? trigger.bottom + GAP : trigger.top - GAP - height;
  // Keep MARGIN from the viewport's edges, but never shift past the trigger's own edge: a trigger
  // closer than that to an edge keeps its panel aligned with it.
  const minLeft = Math.min(MARGIN, Math.max(0, trigger.left));
  const maxLeft = viewport.width - Math.min(MARGIN, Math.max(0, viewport.width - trigger.right)) - panel.width;
  // Aligned with the trigger's start edge; when that overflows, with its end edge (flip); then shifted to fit.
  const alignStart = rtl ? trigger.right - panel.width : trigger.left;
  const alignEnd = rtl ? trigger.left : trigger.right - panel.width;
  const fits = (left: number) => left >= minLeft && left <= maxLeft;
  const preferred = fits(alignStart) || !fits(alignEnd) ? alignStart : alignEnd;
  const left = maxLeft < minLeft ? minLeft : Math.min(Math.max(preferred, minLeft), maxLeft);
  return { top: Math.round(top), left: Math.round(left), side, maxHeight: Math.floor(room) };
}

export class PopoverController implements ReactiveController {
  readonly #host: Host;
  readonly #options: PopoverOptions;
  #listening = false;
  #returnFocus = false;
  #frame = 0;

  constructor(host: Host, options: PopoverOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Asks for focus to go back to the trigger after the element has rendered closed. */
  returnFocus(): void {
    this.#returnFocus = true;
    this.#host.requestUpdate();
  }

  /** Places the panel again (call when its content changed size outside a render). */
  reposition(): void {
    const panel = this.#options.panel();
    const trigger = this.#options.trigger();
    if (!panel || !trigger) return;
    const rtl = getComputedStyle(this.#host).direction === 'rtl';
    const where = placement(
      trigger.getBoundingClientRect(),
      { width: panel.offsetWidth, height: panel.scrollHeight },
      { width: document.documentElement.clientWidth || innerWidth, height: document.documentElement.clientHeight || innerHeight },
      rtl,
    );
    panel.dataset.side = where.side;
    if (!panel.matches(':popover-open')) return;
    panel.style.setProperty('--_popover-top', `${where.top}px`);
    panel.style.setProperty('--_popover-left', `${where.left}px`);
    panel.style.setProperty('--_popover-max-height', `${where.maxHeight}px`);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
    this.#host.addEventListener('focusout', this.#onFocusOut);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
    this.#host.removeEventListener('focusout', this.#onFocusOut);
    this.#listen(false);
    this.#returnFocus = false;
  }

  hostUpdated(): void {
    const open = this.#options.isOpen();
    this.#listen(open);
    const panel = this.#options.panel();
    if (open && panel) {
      if (supportsPopover && panel.isConnected && !panel.matches(':popover-open')) {
        try {
          panel.showPopover();
        } catch {
          // not a popover (no attribute) or not connected: stays absolutely positioned
        }
      }
      this.reposition();
    }
    if (!open && this.#returnFocus) {
      this.#returnFocus = false;
      this.#options.trigger()?.focus();
    }
  }

  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    document[method]('pointerdown', this.#onOutsidePointer, true);
    window[method]('resize', this.#onViewportChange);
    window[method]('scroll', this.#onViewportChange, true);
    if (!on) cancelAnimationFrame(this.#frame);
  }

  #onOutsidePointer = (event: Event): void => {
    if (!event.composedPath().includes(this.#host)) this.#options.close(false);
  };

  #onViewportChange = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.reposition());
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.#options.isOpen()) return;
    // Escape belongs to the popover: it must not also clear a search box or close a host's dialog.
    event.preventDefault();
    event.stopPropagation();
    this.#options.close(true);
  };

  #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.#options.isOpen()) return;
    if (this.#host.contains(next) || this.#host.shadowRoot?.contains(next)) return;
    this.#options.close(false);
  };
}

/**
 * Styles for a panel rendered with `class="popover"` and `popover="manual"`:
 * in the top layer at the coordinates the controller sets; absolutely
 * positioned under the trigger where the Popover API is missing. Elements set
 * the panel's look (width, padding, colours) in their own styles.
 */
export const popoverStyles = css`
  .popover {
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    box-sizing: border-box;
    margin: 0;
    overflow: auto;
  }
  .popover:popover-open {
    position: fixed;
    inset: auto;
    top: var(--_popover-top, 0);
    left: var(--_popover-left, 0);
    max-block-size: var(--_popover-max-height, none);
  }
`;
