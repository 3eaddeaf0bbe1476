/**
 * Segments: every segment like a folder, with its count and its discount
 * code (the store's declared `discountCode` field, `SEGMENT_FIELDS` in
 * backend.ts: the element shows and edits it). Opening one applies it as the
 * filter (the element does that) and the demo goes to Ambassadors.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { PageContext } from '../context.js';
import { element } from '../elements.js';
import { strings } from '../strings.js';
import { pageHead } from './page.js';

/** The page already says "Segments": the element's own heading gets the host's words (a strings override). */
const listStrings = { title: strings.segmentsList };

export function segmentsPage(ctx: PageContext): TemplateResult {
  const theme = ctx.theme;
  const p = strings.pages.segments;
  return html`
    ${pageHead(p.title, p.intro)}
    <section class="card list-card" aria-label=${p.title}>
      ${element(
        'segkit-segment-list',
        () => html`<segkit-segment-list
          theme=${theme}
          .strings=${listStrings}
          @segkit-segment-open=${() => ctx.navigate('ambassadors')}
        ></segkit-segment-list>`,
        'lg',
      )}
    </section>
  `;
}
