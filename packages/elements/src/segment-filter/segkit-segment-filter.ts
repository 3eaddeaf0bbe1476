import { toFilter } from '@segkit/core';
import type { MemberFilter, SegmentStore } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SegkitFilterApplyEvent } from '../events/filter-apply.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { placePopover, popoverPlacement } from '../internal/place-popover.js';
import { controls, tokens } from '../internal/theme.js';
import type { LocaleTable } from '../internal/strings.js';
import { isUnassigned, segmentName } from '../internal/segments.js';
import { stateSlot, stateStyles } from '../internal/status.js';
import { errorText } from '../internal/strings.js';
import { renderMatch, renderRuleRows, ruleStyles } from '../rules/rule-rows.js';
import { ruleStrings } from '../rules/rules.strings.js';
import { activeRuleCount, isDirty, isEmptyFilter, summarize, withRuleState } from '../rules/rules.js';
import type { RuleState, SummaryItem } from '../rules/rules.js';
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
 * as chips ("VIPs", "not Customers", “"ana"”).
 *
 * Each segment row has two toggle buttons, "Include" and "Exclude"
 * (`aria-pressed`; pressing the pressed one clears the rule).
 *
 * `variant="popover"` shows a "Filter" button that opens the panel as a
 * non-modal dialog (WAI-ARIA dialog pattern): focus moves into it, Escape
 * closes it and returns focus to the button, and it closes (light dismiss)
 * when focus or a pointer press goes outside the element; "Apply" closes it too.
 *
 * `sync-url` mirrors the applied filter into the page URL (see `url.ts` for the
 * encoding): `?segments=in:vips,creators;out:unassigned;match:all;q:ana`. The
 * attribute's value names the parameter (default `segments`). On connect a
 * filter in the URL is applied (ids of unknown segments are ignored, a
 * malformed value never throws), and back / forward apply it again.
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
 * @cssprop --segkit-segment-filter-z-index - Stacking of the popover (default 20).
 *
 * @fires segkit-filter-apply - {SegkitFilterApplyEvent} A filter was applied ("Apply", or from the URL) or cleared ("Reset"); `detail.filter`, `detail.reset`.
 */
export class SegkitSegmentFilter extends SegkitElement {
  static override properties = {
    ...SegkitElement.properties,
    variant: { reflect: true },
    syncUrl: { attribute: 'sync-url' },
    open: { type: Boolean, reflect: true },
    loading: { type: Boolean, reflect: true },
    empty: { type: Boolean, reflect: true },
    error: { type: Boolean, reflect: true },
    offline: { type: Boolean, reflect: true },
    dirty: { type: Boolean, reflect: true },
  };

  static override locales: LocaleTable = {
    en: {
      ...ruleStrings.en,
      title: 'Saved Segments',
      filter: 'Filter',
      filterWithCount: 'Filter ({count})',
      search: 'Search',
      searchPlaceholder: 'Name, email…',
      segments: 'Segments',
      apply: 'Apply',
      reset: 'Reset',
      close: 'Close',
      dirty: 'Changes not applied yet',
      applied: 'Applied filter:',
      allMembers: 'All members',
      notSegment: 'not {name}',
      searchChip: '“{text}”',
      matchAllChip: 'Match: all',
      loading: 'Loading segments…',
      loadError: 'Segments could not be loaded.',
      empty: 'No saved segments yet.',
      announceApplied: 'Filter applied.',
      announceReset: 'Filter cleared.',
    },
    es: {
      ...ruleStrings.es,
      title: 'Segmentos guardados',
      filter: 'Filtrar',
      filterWithCount: 'Filtrar ({count})',
      search: 'Buscar',
      searchPlaceholder: 'Nombre, correo…',
      segments: 'Segmentos',
      apply: 'Aplicar',
      reset: 'Restablecer',
      close: 'Cerrar',
      dirty: 'Cambios sin aplicar',
      applied: 'Filtro aplicado:',
      allMembers: 'Todos los miembros',
      notSegment: 'no {name}',
      searchChip: '«{text}»',
      matchAllChip: 'Coincidencia: todos',
      loading: 'Cargando segmentos…',
      loadError: 'No se pudieron cargar los segmentos.',
      empty: 'Aún no hay segmentos guardados.',
      announceApplied: 'Filtro aplicado.',
      announceReset: 'Filtro borrado.',
    },
  };

  static override styles = [
    tokens,
    controls,
    popoverPlacement,
    ruleStyles,
    stateStyles,
    css`
      :host {
        display: block;
        --_include: var(--segkit-segment-filter-include-color, var(--_accent));
        --_exclude: var(--segkit-segment-filter-exclude-color, var(--_danger));
      }
      :host([variant='popover']) {
        display: inline-block;
      }
      .root {
        position: relative;
      }
      .panel {
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) * 1.25);
        margin: 0;
        padding: var(--segkit-segment-filter-padding, calc(var(--_space) * 1.5));
        background: var(--segkit-segment-filter-background, var(--_bg));
        border: 1px solid var(--segkit-segment-filter-border-color, var(--_border));
        border-radius: var(--segkit-segment-filter-radius, var(--_radius));
        color: var(--_text);
      }
      .title {
        margin: 0;
        font-size: 1.05em;
        font-weight: 600;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .scroll {
        max-block-size: var(--segkit-segment-filter-list-max-height, 24em);
        overflow: auto;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      .footer .dirty {
        flex: 1 1 auto;
        font-size: 0.9em;
      }
      .footer .spacer {
        flex: 1 1 auto;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .summary ul {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .summary li {
        display: inline-flex;
      }
      .chip.exclude {
        --_chip: var(--_exclude);
      }
      .chip .swatch {
        inline-size: 8px;
        block-size: 8px;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      .dialog {
        position: absolute;
        inset-block-start: calc(100% + 4px);
        inset-inline-start: 0;
        z-index: var(--segkit-segment-filter-z-index, 20);
        inline-size: var(--segkit-segment-filter-popover-width, 26em);
        max-inline-size: calc(100vw - 16px);
        border-radius: var(--segkit-segment-filter-radius, var(--_radius));
        box-shadow: var(--_shadow);
      }
      .dialog:focus {
        outline: none;
      }
      .dialog[hidden] {
        display: none;
      }
      .offline {
        padding: 0;
        font-size: 0.9em;
        color: var(--_muted);
      }
      .badge {
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** `inline` (default): the panel in the page; `popover`: a "Filter" button that opens it. */
  declare variant: 'inline' | 'popover';
  /**
   * Mirror the applied filter into the page URL. The attribute's value names the
   * query parameter (empty: `segments`); absent: off.
   */
  declare syncUrl: string | null | undefined;
  /** The popover is open (popover variant). */
  declare open: boolean;
  /** Reflected: the segments are loading. */
  declare loading: boolean;
  /** Reflected: there is no saved segment besides Unassigned. */
  declare empty: boolean;
  /** Reflected: the segments could not be loaded. */
  declare error: boolean;
  /** Reflected: the store is offline. */
  declare offline: boolean;
  /** Reflected: the draft differs from the applied filter. */
  declare dirty: boolean;

  #urlSync = new FilterUrlSync((filter, reset) => this.dispatchEvent(new SegkitFilterApplyEvent({ filter, reset })));
  #announcement = '';
  #focusOnOpen = false;

  constructor() {
    super();
    this.variant = 'inline';
    this.open = false;
    this.loading = false;
    this.empty = false;
    this.error = false;
    this.offline = false;
    this.dirty = false;
  }

  protected override watch(store: SegmentStore) {
    return [store.$segments, store.$draft, store.$query, store.$status];
  }

  protected override storeChanged(): void {
    this.#setupUrlSync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#urlSync.stop();
    this.#listenOutside(false);
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
    const store = this.activeStore;
    const status = store?.$status.get();
    this.loading = Boolean(store && status && !status.ready && !status.error);
    this.error = Boolean(status && !status.ready && status.error);
    this.offline = Boolean(status?.offline);
    this.empty = Boolean(status?.ready && store!.$segments.get().every(isUnassigned));
    this.dirty = Boolean(store && isDirty(store.$draft.get(), store.$query.get()));
    if (changed.has('open')) this.#listenOutside(this.open && this.variant === 'popover');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('open') && this.open) {
      const dialog = this.renderRoot.querySelector<HTMLElement>('.dialog');
      if (dialog) placePopover(dialog);
    }
    if (this.#focusOnOpen && this.open) {
      this.#focusOnOpen = false;
      const first = this.renderRoot.querySelector<HTMLElement>('.dialog input, .dialog button:not(:disabled)');
      (first ?? this.renderRoot.querySelector<HTMLElement>('.dialog'))?.focus();
    }
  }

  /** Opens the popover and moves focus into it (popover variant). */
  show(): void {
    if (this.open) return;
    this.#focusOnOpen = true;
    this.open = true;
  }

  /** Closes the popover; with `returnFocus`, focus goes back to the "Filter" button. */
  hide(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="trigger"]')?.focus());
  }

  #listening = false;
  #listenOutside(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    else document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
  }

  #onOutsidePointer = (event: Event): void => {
    if (!event.composedPath().includes(this)) this.hide(false);
  };

  #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!this.open || !next) return;
    if (next === this || this.contains(next) || this.renderRoot.contains(next)) return;
    this.hide(false);
  };

  #onDialogKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Also keeps a search field from clearing itself on Escape.
    event.preventDefault();
    event.stopPropagation();
    this.hide(true);
  };

  /** Makes the draft the applied filter ("Apply"). */
  applyDraft(): void {
    const store = this.activeStore;
    if (!store) return;
    store.apply();
    this.#announce(this.t('announceApplied'));
    this.dispatchEvent(new SegkitFilterApplyEvent({ filter: toFilter(store.$query.get()), reset: false }));
    if (this.variant === 'popover') this.hide(true);
  }

  /** Clears the draft and the applied filter ("Reset"). */
  resetFilter(): void {
    const store = this.activeStore;
    if (!store) return;
    store.reset();
    this.#announce(this.t('announceReset'));
    this.dispatchEvent(new SegkitFilterApplyEvent({ filter: toFilter(store.$query.get()), reset: true }));
  }

  #announce(text: string): void {
    // A different string each time, so the same message is read again.
    this.#announcement = this.#announcement === text ? `${text}\u00a0` : text;
    this.requestUpdate();
  }

  #setRule = (id: string, state: RuleState): void => {
    const store = this.activeStore;
    if (!store) return;
    store.setDraft(withRuleState(store.$draft.get(), id, state));
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.dirty) this.applyDraft();
  };

  protected override render() {
    const store = this.activeStore;
    const root = (content: unknown) =>
      html`<div part="base" class="root">
        ${content}
        <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
      </div>`;
    if (this.variant !== 'popover') return root(this.#renderPanel(store));
    const query = store?.$query.get();
    const count = query ? activeRuleCount(query) : 0;
    return root(html`<div class="bar">
        <button
          type="button"
          part="trigger"
          class="btn"
          aria-haspopup="dialog"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="dialog"
          @click=${() => (this.open ? this.hide(true) : this.show())}
        >
          <span class="badge">${count ? this.t('filterWithCount', { count }) : this.t('filter')}</span>
        </button>
        ${store && query ? this.#renderSummary(query, store) : nothing}
      </div>
      <div
        id="dialog"
        part="dialog"
        class="dialog"
        role="dialog"
        aria-labelledby="title"
        tabindex="-1"
        ?hidden=${!this.open}
        @keydown=${this.#onDialogKeydown}
        @focusout=${this.#onFocusOut}
      >
        ${this.open ? this.#renderPanel(store, false) : nothing}
      </div>`);
  }

  #renderPanel(store: SegmentStore | undefined, withSummary = true): TemplateResult {
    const title = html`<h2 part="title" class="title" id="title">${this.t('title')}</h2>`;
    if (!store || this.loading) {
      return html`<div part="panel" class="panel">${title}${stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`)}</div>`;
    }
    const status = store.$status.get();
    if (this.error && status.error) {
      return html`<div part="panel" class="panel">
        ${title}
        ${stateSlot(
          'error',
          html`<p class="error-text" role="alert">${this.t('loadError')} ${errorText(this.t.bind(this), status.error)}</p>
            <button type="button" class="btn" @click=${() => void store.refresh()}>${this.t('retry')}</button>`,
        )}
      </div>`;
    }
    const draft = store.$draft.get();
    const query = store.$query.get();
    const t = this.t.bind(this);
    return html`<form part="panel" class="panel" aria-labelledby="title" @submit=${this.#onSubmit}>
      ${title}
      ${this.offline ? stateSlot('offline', this.t('offline')) : nothing}
      <div class="field">
        <label for="search">${this.t('search')}</label>
        <input
          id="search"
          part="search"
          class="input"
          type="search"
          autocomplete="off"
          placeholder=${this.t('searchPlaceholder')}
          .value=${live(draft.search)}
          @input=${(e: Event) => store.setDraft({ search: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div class="scroll">
        ${renderRuleRows({ segments: store.$segments.get(), rules: draft, t, onChange: this.#setRule, label: this.t('segments') })}
      </div>
      ${this.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}
      ${renderMatch({ match: draft.match, t, name: 'match', onChange: (match) => store.setDraft({ match }) })}
      <div part="footer" class="footer">
        ${this.dirty ? html`<span part="dirty" class="dirty muted">${this.t('dirty')}</span>` : html`<span class="spacer"></span>`}
        <button
          type="button"
          part="reset-button"
          class="btn"
          ?disabled=${isEmptyFilter(draft) && isEmptyFilter(query)}
          @click=${() => this.resetFilter()}
        >
          ${this.t('reset')}
        </button>
        <button type="submit" part="apply-button" class="btn primary" ?disabled=${!this.dirty}>${this.t('apply')}</button>
      </div>
      ${withSummary ? this.#renderSummary(query, store) : nothing}
    </form>`;
  }

  #renderSummary(query: MemberFilter, store: SegmentStore): TemplateResult {
    const items = summarize(query, store.$segments.get());
    const t = this.t.bind(this);
    const chip = (item: SummaryItem) => {
      switch (item.kind) {
        case 'include':
          return html`<li><span part="chip" class="chip include">${segmentName(t, item.segment, item.id)}</span></li>`;
        case 'exclude':
          return html`<li>
            <span part="chip" class="chip exclude">${this.t('notSegment', { name: segmentName(t, item.segment, item.id) })}</span>
          </li>`;
        case 'match-all':
          return html`<li><span part="chip" class="chip match">${this.t('matchAllChip')}</span></li>`;
        case 'search':
          return html`<li><span part="chip" class="chip search">${this.t('searchChip', { text: item.text })}</span></li>`;
      }
    };
    return html`<div part="summary" class="summary">
      <span class="muted" id="summary-label">${this.t('applied')}</span>
      ${items.length
        ? html`<ul role="list" aria-labelledby="summary-label">${items.map(chip)}</ul>`
        : html`<span part="chip" class="chip all">${this.t('allMembers')}</span>`}
    </div>`;
  }
}
