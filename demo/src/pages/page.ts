import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';

/** The heading block every page starts with (the h1 takes focus on navigation). */
export function pageHead(title: string, intro: string, aside?: TemplateResult): TemplateResult {
  return html`<header class="page-head">
    <div>
      <h1 tabindex="-1">${title}</h1>
      <p class="page-intro">${intro}</p>
    </div>
    ${aside ?? nothing}
  </header>`;
}
