import type { MemberFilter } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SegkitFilterApplyEvent } from '../events/filter-apply.js';
import { FocusController, firstFocusable } from '../internal/focus.js';
import { PopoverController } from '../internal/popover.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { segmentName } from '../internal/segments.js';
import { stateSlot } from '../internal/status.js';
import { errorText, mergeLocales } from '../internal/strings.js';
import type { Translate } from '../internal/strings.js';
import { renderMatch, renderRuleRows } from '../rules/rule-rows.js';
import { ruleStrings } from '../rules/rules.strings.js';
import type { SummaryItem } from '../rules/rules.js';
import { createSegmentFilterConnector } from './segment-filter.connector.js';
import type { SegmentFilterConnector, SegmentFilterState } from './segment-filter.connector.js';
import { segmentFilterStrings } from './segment-filter.strings.js';
import { segmentFilterStyles } from './segment-filter.styles.js';
import { DEFAULT_URL_PARAM } from './url.js';
import { FilterUrlSync } from './url-sync.js';

/**
 * @summary "Saved Segments": include or exclude segments (match any / all), add a text search, then "Apply" or "Reset".
 * @tag segkit-segment-filter
 *
 * @description Edits the store's draft filter (`store.setDraft`); "Apply"
 * makes it the applied query (`store.apply()`), which the member table shows;
 * "Reset" clears both (`store.reset()`). "Apply" is enabled only while the
 * draft differs from what is applied, and a summary shows the applied filter
 * as chips ("VIPs", "not Customers", “"ana"”). The logic is
 * `createSegmentFilterConnector(store)` (`@segkit/elements/headless`); this
 * element renders it.
 *
 * Each segment row has two toggle buttons, "Include" and "Exclude"
 * (`aria-pressed`; pressing the pressed one clears the rule).
 *
 * `variant="popover"` shows a "Filter" button that opens the panel as a
 * non-modal dialog (WAI-ARIA dialog pattern) in the top layer, so no
 * `overflow: hidden` or `transform` on the page clips it: focus moves into
 * it, Escape closes it and returns focus to the button, and it closes (light
 * dismiss) when focus or a pointer press goes outside the element; "Apply"
 * closes it too. When the focused control goes away (e.g. "Reset" disables
 * itself), focus moves to the panel's first control, never to the page.
 *
 * `sync-url` mirrors the applied filter into the page URL (see `url.ts` for the
 * encoding): `?segments=in:vips,creators;out:unassigned;match:all;q:ana`. The
 * attribute's value names the parameter (default `segments`). On connect a
 * filter in the URL is applied (ids of unknown segments are ignored, a
 * malformed value never throws), and back / forward apply it again.
 *
 * State attributes (read-only, set by the element): `loading` (segments
 * loading), `error` (they could not be loaded), `empty` (no saved segment
 * besides Unassigned), `offline` (the store is offline), `dirty` (the draft
 * differs from the applied filter), `open` (the popover is open; `show()`, `hide()`).
 *
 * @slot loading - Shown while the segments load.
 * @slot error - Shown when the segments could not be loaded (default: the store's message and "Retry").
 * @slot empty - Shown when there is no saved segment besides Unassigned.
 * @slot offline - Shown while the store is offline.
 *
 * @csspart base - The root wrapper.
 * @csspart trigger - The "Filter" button (popover variant).
 * @csspart dialog - The popover panel (popover variant).
 * @csspart panel - The form with the controls.
 * @csspart title - The "Saved Segments" heading.
 * @csspart search - The text search input.
 * @csspart list - The list of segments.
 * @csspart segment - A segment row.
 * @csspart color - A segment's colour swatch.
 * @csspart name - A segment's name.
 * @csspart count - A segment's member count.
 * @csspart include-toggle - A segment's "Include" toggle button.
 * @csspart exclude-toggle - A segment's "Exclude" toggle button.
 * @csspart pressed - The pressed include or exclude toggle.
 * @csspart match - The "Match any / all" radio group.
 * @csspart footer - The row with the status and the buttons.
 * @csspart dirty - "Changes not applied yet", while the draft differs from the applied filter.
 * @csspart apply-button - "Apply".
 * @csspart reset-button - "Reset".
 * @csspart summary - The applied filter as chips.
 * @csspart chip - One chip of the summary.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart offline - The offline notice.
 *
 * @cssprop --segkit-segment-filter-background - Panel background (default: the background token).
 * @cssprop --segkit-segment-filter-border-color - Panel border (default: the border token).
 * @cssprop --segkit-segment-filter-radius - Panel corner radius (default: the radius token).
 * @cssprop --segkit-segment-filter-padding - Panel padding (default: 1.5 × the space token).
 * @cssprop --segkit-segment-filter-include-color - Pressed "Include" toggles (default: the accent token).
 * @cssprop --segkit-segment-filter-exclude-color - Pressed "Exclude" toggles (default: the danger token).
 * @cssprop --segkit-segment-filter-list-max-height - Height after which the segment list scrolls (default 24em).
 * @cssprop --segkit-segment-filter-popover-width - Width of the popover (default 26em).
 * @cssprop --segkit-segment-filter-z-index - Stacking of the popover where the browser has no Popover API (default 20; elsewhere it is in the top layer).
 *
 * @fires segkit-filter-apply - {SegkitFilterApplyEvent} A filter was applied ("Apply", or from the URL) or cleared ("Reset"); `detail.filter`, `detail.reset`.
 * @fires segkit-membership-change - Members were added to or removed from segments (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-create - A segment was created (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-rename - A segment was renamed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-delete - A segment was deleted (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable. Without a provider, from the first connected segkit element, when no widget started it (decision 030).
 */
export class SegkitSegmentFilter extends SegkitElement {
  static override properties = {
    ...SegkitElement.properties,
    variant: { reflect: true },
    syncUrl: { attribute: 'sync-url' },
  };

  static override locales = mergeLocales(ruleStrings, segmentFilterStrings);
  static override styles = segmentFilterStyles;

  /** `inline` (default): the panel in the page; `popover`: a "Filter" button that opens it. */
  declare variant: 'inline' | 'popover';
  /**
   * Mirror the applied filter into the page URL. The attribute's value names the
   * query parameter (empty: `segments`); absent: off.
   */
  declare syncUrl: string | null | undefined;

  #open = false;
  #filter = this.connector((store) => createSegmentFilterConnector(store));
  #urlSync = new FilterUrlSync((filter, reset) => this.#dispatchApply(filter, reset));
  #popover = new PopoverController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLElement>('[part~="trigger"]'),
    panel: () => this.#dialog(),
    isOpen: () => this.#open && this.variant === 'popover',
    close: (returnFocus) => this.hide(returnFocus),
  });
  // After the popover controller: the panel is shown (top layer) before focus moves into it.
  #focus = new FocusController(this, { fallback: () => firstFocusable(this.#dialog() ?? this.renderRoot) });
  #t: Translate = (key, params) => this.t(key, params);

  constructor() {
    super();
    this.variant = 'inline';
  }

  /** The popover is open (popover variant; reflected as the `open` state attribute). Open and close it with `show()` and `hide()`. */
  get open(): boolean {
    return this.#open;
  }

  protected override storeChanged(): void {
    this.#setupUrlSync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#urlSync.stop();
  }

  /** The URL parameter in use, or null when `sync-url` is off. */
  get urlParam(): string | null {
    if (this.syncUrl === null || this.syncUrl === undefined) return null;
    return this.syncUrl.trim() || DEFAULT_URL_PARAM;
  }

  #setupUrlSync(): void {
    const store = this.isConnected ? this.activeStore : undefined;
    const param = this.urlParam;
    if (store && param) this.#urlSync.start(store, param);
    else this.#urlSync.stop();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('syncUrl')) this.#setupUrlSync();
    const state = this.#filter.value?.$state.get();
    this.reflectStates({
      loading: Boolean(state?.loading),
      error: Boolean(state?.loadError),
      empty: Boolean(state?.empty),
      offline: Boolean(state?.offline),
      dirty: Boolean(state?.dirty),
      open: this.#open,
    });
  }

  /** Opens the popover and moves focus into it (popover variant). */
  show(): void {
    if (this.#open) return;
    this.#open = true;
    this.requestUpdate();
    this.#focus.focusAfterUpdate(() => {
      const dialog = this.#dialog();
      return firstFocusable(dialog) ?? dialog;
    });
  }

  /** Closes the popover; with `returnFocus`, focus goes back to the "Filter" button. */
  hide(returnFocus = true): void {
    if (!this.#open) return;
    this.#open = false;
    this.requestUpdate();
    if (returnFocus) this.#popover.returnFocus();
  }

  /** Makes the draft the applied filter ("Apply"). */
  applyDraft(): void {
    const filter = this.#filter.value?.apply();
    if (!filter) return;
    this.#dispatchApply(filter, false);
    if (this.variant === 'popover') this.hide(true);
  }

  /** Clears the draft and the applied filter ("Reset"). */
  resetFilter(): void {
    const filter = this.#filter.value?.reset();
    if (filter) this.#dispatchApply(filter, true);
  }

  #dispatchApply(filter: MemberFilter, reset: boolean): void {
    this.dispatchEvent(new SegkitFilterApplyEvent({ filter, reset }));
  }

  #dialog(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="dialog"]');
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.#filter.value?.$state.get().dirty) this.applyDraft();
  };

  /** The live announcement of the last Apply / Reset (a no-break space on every other one, so a repeat is read again). */
  #announcement(state: SegmentFilterState | undefined): string {
    const outcome = state?.outcome;
    if (!outcome) return '';
    return `${this.t(outcome.kind === 'applied' ? 'announce.applied' : 'announce.reset')}${outcome.seq % 2 ? '' : '\u00a0'}`;
  }

  protected override render() {
    const filter = this.#filter.value;
    const state = filter?.$state.get();
    const root = (content: unknown) =>
      html`<div part="base" class="root">
        ${content}
        <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement(state)}</div>
      </div>`;
    if (this.variant !== 'popover') return root(this.#renderPanel(filter, state));
    const count = state?.activeCount ?? 0;
    const open = this.#open;
    return root(html`<div class="bar">
        <button
          type="button"
          part="trigger"
          class="btn"
          aria-haspopup="dialog"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${open ? 'dialog' : nothing}
          @click=${() => (open ? this.hide(true) : this.show())}
        >
          <span class="badge">${count ? this.t('filter.with-count', { count }) : this.t('filter')}</span>
        </button>
        ${state ? this.#renderSummary(state) : nothing}
      </div>
      ${open
        ? html`<div id="dialog" part="dialog" class="popover dialog" popover="manual" role="dialog" aria-labelledby="title" tabindex="-1">
            ${this.#renderPanel(filter, state, false)}
          </div>`
        : nothing}`);
  }

  #renderPanel(filter: SegmentFilterConnector | undefined, state: SegmentFilterState | undefined, withSummary = true): TemplateResult {
    const title = html`<h2 part="title" class="title" id="title">${this.t('title')}</h2>`;
    if (!filter || !state || state.loading) {
      return html`<div part="panel" class="panel">${title}${stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`)}</div>`;
    }
    if (state.loadError) {
      return html`<div part="panel" class="panel">
        ${title}
        ${stateSlot(
          'error',
          html`<p class="error-text" role="alert">${this.t('load-error')} ${errorText(this.#t, state.loadError)}</p>
            <button type="button" class="btn" @click=${() => void filter.reload()}>${this.t('retry')}</button>`,
        )}
      </div>`;
    }
    const { draft, dirty } = state;
    return html`<form part="panel" class="panel" aria-labelledby="title" @submit=${this.#onSubmit}>
      ${title}
      ${state.offline ? stateSlot('offline', this.t('offline')) : nothing}
      <div class="field">
        <label for="search">${this.t('search')}</label>
        <input
          id="search"
          part="search"
          class="input"
          type="search"
          autocomplete="off"
          placeholder=${this.t('search.placeholder')}
          .value=${live(draft.search)}
          @input=${(e: Event) => filter.setSearch((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="scroll">
        ${renderRuleRows({ segments: state.segments, rules: draft, t: this.#t, onChange: filter.setRule, label: this.t('segments') })}
      </div>
      ${state.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}
      ${renderMatch({ match: draft.match, t: this.#t, name: 'match', onChange: filter.setMatch })}
      <div part="footer" class="footer">
        ${dirty ? html`<span part="dirty" class="dirty muted">${this.t('dirty')}</span>` : html`<span class="spacer"></span>`}
        <button type="button" part="reset-button" class="btn" ?disabled=${!state.canReset} @click=${() => this.resetFilter()}>
          ${this.t('reset')}
        </button>
        <button type="submit" part="apply-button" class="btn primary" ?disabled=${!dirty}>${this.t('apply')}</button>
      </div>
      ${withSummary ? this.#renderSummary(state) : nothing}
    </form>`;
  }

  #renderSummary(state: SegmentFilterState): TemplateResult {
    const chip = (item: SummaryItem) => {
      switch (item.kind) {
        case 'include':
          return html`<li><span part="chip" class="chip include">${segmentName(this.#t, item.segment, item.id)}</span></li>`;
        case 'exclude':
          return html`<li>
            <span part="chip" class="chip exclude">${this.t('chip.not-segment', { name: segmentName(this.#t, item.segment, item.id) })}</span>
          </li>`;
        case 'match-all':
          return html`<li><span part="chip" class="chip match">${this.t('chip.match-all')}</span></li>`;
        case 'search':
          return html`<li><span part="chip" class="chip search">${this.t('chip.search', { text: item.text })}</span></li>`;
      }
    };
    return html`<div part="summary" class="summary">
      <span class="muted" id="summary-label">${this.t('applied')}</span>
      ${state.summary.length
        ? html`<ul role="list" aria-labelledby="summary-label">${state.summary.map(chip)}</ul>`
        : html`<span part="chip" class="chip all">${this.t('chip.all-members')}</span>`}
    </div>`;
  }
}
