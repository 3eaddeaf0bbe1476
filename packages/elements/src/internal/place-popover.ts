import { css } from 'lit';

const MARGIN = 8;

/**
 * Keeps an absolutely positioned popover on screen: it opens below its
 * trigger and towards the inline end (as styled); when that would overflow
 * the viewport it is aligned to the trigger's other edge (`data-align="end"`)
 * and, when there is more room above, opened upwards (`data-side="top"`).
 * Call after the popover is rendered open. Hosts can still place it with
 * `::part(popover)` rules, which win over these.
 */
export function placePopover(popover: HTMLElement): void {
  popover.removeAttribute('data-align');
  popover.removeAttribute('data-side');
  const rect = popover.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return;
  const width = document.documentElement.clientWidth || innerWidth;
  const height = document.documentElement.clientHeight || innerHeight;
  const rtl = getComputedStyle(popover).direction === 'rtl';
  const overflowsEnd = rtl ? rect.left < MARGIN : rect.right > width - MARGIN;
  if (overflowsEnd) popover.setAttribute('data-align', 'end');
  const anchor = popover.offsetParent?.getBoundingClientRect();
  if (anchor && rect.bottom > height - MARGIN && anchor.top - rect.height - MARGIN > 0) {
    popover.setAttribute('data-side', 'top');
  }
}

/** The styles `placePopover` switches to (for a `.popover` or `.dialog` element). */
export const popoverPlacement = css`
  :is(.popover, .dialog)[data-align='end'] {
    inset-inline-start: auto;
    inset-inline-end: 0;
  }
  :is(.popover, .dialog)[data-side='top'] {
    inset-block-start: auto;
    inset-block-end: calc(100% + 4px);
  }
`;
