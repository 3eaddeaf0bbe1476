/**
 * The member table's first-load and empty states (render pieces of
 * `segkit-member-table`, kept out of the element so it stays a thin shell).
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { stateSlot } from '../internal/status.js';
import type { Translate } from '../internal/strings.js';

/** Placeholder rows of the first load. */
const LOADING_ROWS = 8;

/** The first load: placeholder rows, and "Loading members…" for screen readers. */
export function renderLoading(t: Translate): TemplateResult {
  return stateSlot(
    'loading',
    html`<span class="visually-hidden" role="status">${t('loading')}</span>
      ${Array.from(
        { length: LOADING_ROWS },
        () => html`<div class="loading-row" aria-hidden="true">
          <span class="skeleton box"></span><span class="skeleton"></span><span class="skeleton"></span>
        </div>`,
      )}`,
  );
}

/** No member matches: with a search or filter, a hint and "Reset"; otherwise "There are no members yet." */
export function renderEmpty(t: Translate, filtered: boolean, reset: () => void): TemplateResult {
  return stateSlot(
    'empty',
    html`<p class="title">${t(filtered ? 'empty' : 'empty.none')}</p>
      ${filtered
        ? html`<p class="hint">${t('empty.hint')}</p>
            <button class="btn" part="reset-button" type="button" @click=${reset}>${t('reset')}</button>`
        : nothing}`,
  );
}
