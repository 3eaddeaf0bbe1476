/**
 * Ambassadors: the filter ("Saved Segments"), the member table and the
 * segment picker acting on the table's selection. All three share the
 * provider's store: the rows selected in the table are what the picker adds
 * to a segment, and "Apply" in the filter is what the table shows.
 *
 * Wide screens (1560px+) show the filter as a side panel; narrow ones as a popover
 * ("Filter") in the table's toolbar.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { PageContext } from '../context.js';
import { columns } from '../columns.js';
import { element } from '../elements.js';
import { strings } from '../strings.js';
import { pageHead } from './page.js';

export const FILTER_PARAM = 'segments';
const wide = matchMedia('(min-width: 1560px)');

export function ambassadorsPage(ctx: PageContext): TemplateResult {
  const theme = ctx.theme;
  const p = strings.pages.ambassadors;
  const total = ctx.store.$totalMembers.get();
  ctx.follow(wide);
  const filter = (variant: 'inline' | 'popover') =>
    element(
      'segkit-segment-filter',
      () => html`<segkit-segment-filter theme=${theme} variant=${variant} sync-url=${FILTER_PARAM}></segkit-segment-filter>`,
      variant === 'inline' ? 'lg' : 'sm',
    );
  const picker = element('segkit-segment-picker', () => html`<segkit-segment-picker theme=${theme}></segkit-segment-picker>`, 'sm');
  // The filter's search drives the table, so the table's own search box is off.
  const table = element(
    'segkit-member-table',
    () => html`<segkit-member-table theme=${theme} no-search .columns=${columns}></segkit-member-table>`,
    'lg',
  );
  return html`
    ${pageHead(p.title, p.intro, html`<p class="page-stat">${strings.members(total)}</p>`)}
    ${wide.matches
      ? html`<div class="ambassadors">
          <section class="card filter-card" aria-label=${strings.filterPanel}>${filter('inline')}</section>
          <section class="card table-card" aria-label=${p.title}>
            <div class="toolbar"><div class="toolbar-actions">${picker}</div></div>
            ${table}
          </section>
        </div>`
      : html`<section class="card table-card" aria-label=${p.title}>
          <div class="toolbar">
            <div class="toolbar-filter">${filter('popover')}</div>
            <div class="toolbar-actions">${picker}</div>
          </div>
          ${table}
        </section>`}
  `;
}
