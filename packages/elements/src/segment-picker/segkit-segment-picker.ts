import { createId, toSegkitError } from '@segkit/core';
import type { MembershipOp, SegkitError, SegmentStore, SegmentView } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { cssProps } from '../internal/css-props.js';
import { formatNumber } from '../internal/strings.js';
import { SegkitFormElement } from '../internal/form-element.js';
import { placePopover, popoverPlacement } from '../internal/place-popover.js';
import { controls, tokens } from '../internal/theme.js';
import { SegmentPickerController } from './picker-controller.js';
import type { PickerOutcome } from './picker-controller.js';
import { creatableName, filterSegments, listNames, nameProblem, parseIdList, resolveTarget, safeColor, targetSize } from './picker-model.js';
import type { NameProblem } from './picker-model.js';
import { pickerStrings } from './strings.js';

/** Reads `member-ids="m1 m2,m3"`; writes a space-separated list. */
const idListConverter = {
  fromAttribute: (value: string | null) => (value === null ? undefined : parseIdList(value)),
  toAttribute: (value: string[] | undefined) => (value ? value.join(' ') : null),
};

/** Reads `value="vips,creators"` (commas or spaces); the property is a string array. */
const valueConverter = {
  fromAttribute: (value: string | null) => parseIdList(value),
  toAttribute: (value: string[]) => value.join(','),
};

interface ListItem {
  kind: 'segment' | 'create';
  id: string;
  segment?: SegmentView;
  name: string;
}

/**
 * @summary "Add to segment": pick one or more segments for the selected
 * members (or create one), then "Add" or "Remove"; or, with `mode="field"`, a
 * form field whose value is the chosen segment ids.
 * @tag segkit-segment-picker
 *
 * @description In the default `mode="action"`, the picker acts on the store's
 * current selection (`store.selectionTarget()`), or on `member-ids` when set.
 * A button opens a popover with a search box (WAI-ARIA combobox) over a
 * multi-select listbox of the stored segments (never Unassigned) with their
 * counts and colours. Picking segments then "Add" calls `store.assign`,
 * "Remove" calls `store.unassign`. When the typed text names no segment,
 * the last option is "Create segment “text”", which creates the segment and
 * adds the members in one step (`store.createAndAssign`). For a bulk-by-query
 * selection ("all N matching") the picker shows `store.preview` first ("Add
 * 1,240 · skip 37 already in") and waits for "Confirm". The result line
 * ("Added 1,240 members to VIPs") offers "Undo" (`store.undo()`) while it is
 * the store's last action, and is announced politely.
 *
 * With `mode="field"` the picker never touches members: it is a
 * form-associated control (`name`, `value`, `required`, `disabled`, form
 * reset and restore) for a host's own forms, e.g. an automation step "Assign
 * to Segment"; its create option ("Add Segment “text”") only creates the
 * segment (`store.createSegment`) and chooses it. The form gets one entry per
 * chosen id. The button's accessible name starts with the field's label: a
 * `<label for>`, or `aria-label` / `aria-labelledby` on the host.
 *
 * State attributes (set by the element): `open`, `loading` (segments not
 * loaded yet), `empty` (no stored segments), `offline`, `error`, and
 * `no-selection` (action mode with no members to act on).
 *
 * Keyboard: on the button, Enter, Space or ArrowDown opens. In the search box,
 * typing filters, ArrowDown/ArrowUp move the active option, Enter or Space
 * toggles it (Space types a space when no option is active), Escape closes
 * and returns focus to the button, Tab moves on (and closes when focus leaves).
 *
 * @slot label - The button's label (default "Add to segment"; in field mode the chosen segments).
 * @slot empty - Shown in the popover when there are no segments yet.
 * @slot error - Replaces the error message (the store's message by default).
 * @slot loading - Shown while segments load for the first time.
 * @slot offline - Shown in the popover while the store is offline.
 *
 * @csspart base - The wrapper around everything.
 * @csspart button - The button that opens the popover.
 * @csspart hint - Why the button is disabled ("Select members first").
 * @csspart popover - The popover (a non-modal dialog).
 * @csspart search - The search / new-name input (the combobox).
 * @csspart name-error - The inline message about a typed name.
 * @csspart listbox - The list of segments.
 * @csspart option - A segment option (also `option-active`, `option-selected` while so).
 * @csspart option-dot - The segment's colour dot.
 * @csspart option-count - The segment's member count.
 * @csspart create-option - The "Create segment “…”" option (also `option-active` while active).
 * @csspart empty - The no-segments / no-match message.
 * @csspart loading - The loading message.
 * @csspart offline - The offline message.
 * @csspart footer - The row with the chosen count and the action buttons.
 * @csspart summary - How many segments are chosen.
 * @csspart add-button - "Add".
 * @csspart remove-button - "Remove".
 * @csspart done-button - "Done" (field mode).
 * @csspart preview - What a bulk-by-query change will do, with Confirm / Back.
 * @csspart confirm-button - "Confirm" in the preview.
 * @csspart cancel-button - "Back" in the preview.
 * @csspart result - The polite live region with the last result.
 * @csspart undo-button - "Undo" in the result line.
 * @csspart error - The error message (a rolled-back write, a failed preview or load).
 * @csspart retry-button - Retries loading segments.
 * @csspart dismiss-button - Hides the error.
 *
 * @cssprop --segkit-segment-picker-popover-width - Width of the popover (default 20rem).
 * @cssprop --segkit-segment-picker-list-max-height - Height of the list before it scrolls (default 16rem).
 * @cssprop --segkit-segment-picker-z-index - Stacking of the popover (default 20).
 * @cssprop --segkit-segment-picker-button-background - The button's background (default --segkit-color-background).
 * @cssprop --segkit-segment-picker-active-background - The active option's background (default --segkit-color-selected).
 * @cssprop --segkit-segment-picker-check-color - The tick box of a chosen option (default --segkit-color-accent).
 * @cssprop --segkit-segment-picker-dot-size - Size of the colour dot (default 10px).
 *
 * @fires input - The chosen segments changed by the user (bubbles, composed), like a native control.
 * @fires change - The chosen segments changed by the user (bubbles), like a native control.
 * @fires segkit-membership-change - (from the store, once per store) members were added or removed.
 * @fires segkit-segment-create - (from the store, once per store) a segment was created.
 * @fires segkit-error - (from the store, once per store) a write was refused and rolled back.
 */
export class SegkitSegmentPicker extends SegkitFormElement {

  static override locales = pickerStrings;

  static override properties = {
    ...SegkitFormElement.properties,
    mode: { reflect: true },
    memberIds: { attribute: 'member-ids', converter: idListConverter },
    name: { reflect: true },
    value: { converter: valueConverter },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    open: { type: Boolean, reflect: true },
    _search: { state: true },
    _active: { state: true },
    _formDisabled: { state: true },
  };

  /** `action` (default): adds / removes members. `field`: only chooses segments, as a form field. */
  declare mode: 'action' | 'field';
  /** Members to act on; when unset, the store's current selection. Attribute: space or comma separated. */
  declare memberIds: string[] | undefined;
  /** Form field name; the form gets one entry per chosen segment id. */
  declare name: string;
  /** The chosen segment ids. Attribute (the default value, used on form reset): a comma list. */
  declare value: string[];
  /** The form is invalid (`valueMissing`) while no segment is chosen. */
  declare required: boolean;
  declare disabled: boolean;
  /** The popover is open. */
  declare open: boolean;
  declare _search: string;
  declare _active: number;
  declare _formDisabled: boolean;

  readonly #controller = new SegmentPickerController(() => this.requestUpdate());
  #focusNext: string | null = null;
  #searchInput: HTMLInputElement | undefined;
  #onDocumentPointer = (event: Event) => {
    if (!event.composedPath().includes(this)) this.#close(false);
  };

  constructor() {
    super();
    this.mode = 'action';
    this.memberIds = undefined;
    this.name = '';
    this.value = [];
    this.required = false;
    this.disabled = false;
    this.open = false;
    this._search = '';
    this._active = -1;
    this._formDisabled = false;
  }

  static override styles = [
    tokens,
    controls,
    popoverPlacement,
    css`
      :host {
        display: inline-block;
        vertical-align: middle;
      }
      .base {
        position: relative;
        display: inline-block;
        cursor: auto;
      }
      .row {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: var(--_space);
      }
      .trigger {
        background: var(--segkit-segment-picker-button-background, var(--_bg));
        max-width: 28em;
      }
      .trigger[aria-disabled='true'] {
        opacity: 0.55;
        cursor: not-allowed;
      }
      .trigger .label {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .caret {
        width: 0;
        height: 0;
        border-inline: 4px solid transparent;
        border-block-start: 5px solid currentColor;
      }
      .popover {
        position: absolute;
        inset-block-start: calc(100% + 4px);
        inset-inline-start: 0;
        z-index: var(--segkit-segment-picker-z-index, 20);
        width: var(--segkit-segment-picker-popover-width, 20rem);
        max-width: min(90vw, 32rem);
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        padding: var(--_space);
        background: var(--_bg);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        box-shadow: var(--_shadow);
      }
      .listbox {
        max-height: var(--segkit-segment-picker-list-max-height, 16rem);
        overflow-y: auto;
        margin: 0;
        padding: 0;
      }
      .option {
        display: flex;
        align-items: center;
        gap: var(--_space);
        padding: calc(var(--_space) * 0.75) var(--_space);
        border-radius: calc(var(--_radius) - 2px);
        cursor: pointer;
        user-select: none;
      }
      .option:hover {
        background: var(--_surface);
      }
      .option.active {
        background: var(--segkit-segment-picker-active-background, var(--_selected));
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
      .check {
        flex: none;
        width: 16px;
        height: 16px;
        border: 1.5px solid var(--_muted);
        border-radius: 4px;
        display: inline-grid;
        place-items: center;
      }
      .option[aria-selected='true'] .check {
        background: var(--segkit-segment-picker-check-color, var(--_accent));
        border-color: var(--segkit-segment-picker-check-color, var(--_accent));
      }
      .option[aria-selected='true'] .check::after {
        content: '';
        width: 4px;
        height: 8px;
        margin-block-end: 2px;
        border: solid var(--_accent-text);
        border-width: 0 2px 2px 0;
        transform: rotate(45deg);
      }
      .check.dashed {
        border-style: dashed;
      }
      .dot {
        flex: none;
        width: var(--segkit-segment-picker-dot-size, 10px);
        height: var(--segkit-segment-picker-dot-size, 10px);
        border-radius: 50%;
        background: var(--_dot, var(--_border));
      }
      .name {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .count {
        color: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .create {
        font-weight: 500;
        color: var(--_accent);
      }
      :host([theme='dark']) .create {
        color: var(--_text);
      }
      .footer {
        display: flex;
        align-items: center;
        gap: var(--_space);
        flex-wrap: wrap;
      }
      .footer .summary {
        flex: 1;
        font-size: 0.9em;
      }
      .preview ul {
        margin: calc(var(--_space) / 2) 0;
        padding-inline-start: calc(var(--_space) * 2.5);
      }
      .preview p {
        margin: 0;
      }
      .result:empty {
        margin: 0;
      }
      .result,
      .error {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: var(--_space);
        margin-block-start: calc(var(--_space) / 2);
      }
      .error {
        color: var(--_danger);
      }
      .note {
        font-size: 0.9em;
      }
      .hint {
        font-size: 0.9em;
      }
    `,
  ];

  protected override watch(store: SegmentStore) {
    return [store.$segments, store.$status, store.$selection, store.$selectedCount, store.$lastAction];
  }

  protected override storeChanged(store: SegmentStore | undefined): void {
    this.#controller.store = store;
  }

  // ---- form-associated API ----------------------------------------------------------------

  /** Always `segkit-segment-picker`, like `select-multiple` for a native select. */
  get type(): string {
    return 'segkit-segment-picker';
  }

  /** Called by the form on reset: back to the `value` attribute. */
  formResetCallback(): void {
    this.value = parseIdList(this.getAttribute('value'));
    this.#setSearch('');
  }

  /** Called by the browser to restore the value (back/forward navigation, autofill). */
  formStateRestoreCallback(state: unknown): void {
    if (typeof state === 'string') this.value = parseIdList(state);
  }

  /** Called when an ancestor fieldset or the form is disabled. */
  formDisabledCallback(disabled: boolean): void {
    // Called while Lit reflects `disabled` (after render): update again once this update is done.
    this._formDisabled = disabled;
    queueMicrotask(() => this.requestUpdate());
    if (disabled) this.#close(false);
  }

  /** Moves focus to the button. */
  override focus(options?: FocusOptions): void {
    this.#button()?.focus(options);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onDocumentPointer, true);
    this.#controller.cancel();
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('open')) {
      if (this.open) document.addEventListener('pointerdown', this.#onDocumentPointer, true);
      else document.removeEventListener('pointerdown', this.#onDocumentPointer, true);
    }
    const store = this.activeStore;
    const status = store?.$status.get();
    const hasSegments = store ? store.$segments.get().some((s) => !s.system) : false;
    this.toggleAttribute('loading', Boolean(store && status && !status.ready && !status.error));
    this.toggleAttribute('empty', Boolean(status?.ready) && !hasSegments);
    this.toggleAttribute('offline', Boolean(status?.offline));
    this.toggleAttribute('error', Boolean(this.#controller.state.error || (status?.error && !status.ready)));
    this.toggleAttribute('no-selection', this.mode !== 'field' && this.#size() === 0);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncForm();
    // The search box's text belongs to the user while typing (binding it would race fast typing):
    // a new box gets the current search; clearing goes through #setSearch.
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part~="search"]');
    if (input && input !== this.#searchInput) input.value = this._search;
    this.#searchInput = input ?? undefined;
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      this.#focusNext = null;
      target?.focus();
    }
    if (changed.has('open') && this.open) {
      const popover = this.renderRoot.querySelector<HTMLElement>('[part~="popover"]');
      if (popover) placePopover(popover);
    }
    if (changed.has('_active') && this._active >= 0) {
      this.renderRoot.querySelector(`#${this.#optionId(this._active)}`)?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  #syncForm(): void {
    const ids = this.value ?? [];
    if (this.name && ids.length > 0) {
      const data = new FormData();
      for (const id of ids) data.append(this.name, id);
      this.internals.setFormValue(data, ids.join(','));
    } else {
      this.internals.setFormValue(null, ids.join(','));
    }
    if (this.required && ids.length === 0 && !this.#disabled) {
      this.internals.setValidity({ valueMissing: true }, this.t('field.required'), this.#button() ?? undefined);
    } else {
      this.internals.setValidity({});
    }
  }

  // ---- derived state -------------------------------------------------------------------------

  get #disabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  get #field(): boolean {
    return this.mode === 'field';
  }

  #size(): number {
    const store = this.activeStore;
    return store ? targetSize(store, this.memberIds) : 0;
  }

  /** The button does nothing (and says why): no store, or no members to act on. */
  get #unavailable(): 'no-store' | 'no-selection' | null {
    if (!this.activeStore) return 'no-store';
    if (!this.#field && this.#size() === 0) return 'no-selection';
    return null;
  }

  #button(): HTMLButtonElement | null {
    return this.renderRoot?.querySelector<HTMLButtonElement>('[part~="button"]') ?? null;
  }

  #items(): ListItem[] {
    const store = this.activeStore;
    if (!store) return [];
    const items: ListItem[] = filterSegments(store.$segments.get(), this._search).map((segment) => ({
      kind: 'segment',
      id: segment.id,
      segment,
      name: segment.name,
    }));
    const name = creatableName(store, this._search);
    if (name !== null) items.push({ kind: 'create', id: '', name });
    return items;
  }

  #optionId(index: number): string {
    return `option-${index}`;
  }

  // ---- actions --------------------------------------------------------------------------------

  #openPopover(): void {
    if (this.#disabled || this.#unavailable) return;
    this.open = true;
    this._active = -1;
    this.#focusNext = '[part~="search"]';
  }

  #setSearch(text: string): void {
    this._search = text;
    if (this.#searchInput) this.#searchInput.value = text;
  }

  #close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this._active = -1;
    this.#setSearch('');
    this.#controller.cancel();
    if (returnFocus) this.#focusNext = '[part~="button"]';
  }

  #setValue(next: string[]): void {
    this.value = next;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #toggle(id: string): void {
    const chosen = this.value ?? [];
    this.#setValue(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  }

  #activate(item: ListItem): void {
    if (item.kind === 'segment') this.#toggle(item.id);
    else void this.#create(item.name);
  }

  async #create(name: string): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    this.#setSearch('');
    this._active = -1;
    if (this.#field) {
      const id = createId('seg_');
      const done = store.createSegment({ id, name });
      this.#setValue([...(this.value ?? []), id]);
      this.#focusNext = '[part~="search"]';
      try {
        await done;
      } catch (error) {
        if ((this.value ?? []).includes(id)) this.#setValue(this.value.filter((v) => v !== id));
        this.#fieldError = toSegkitError(error);
        this.requestUpdate();
      }
      return;
    }
    const target = resolveTarget(store, this.memberIds);
    const done = this.#controller.requestCreate(name, target, this.#size());
    if (target.kind === 'ids') this.#finish();
    else this.#focusNext = '[part~="confirm-button"]';
    await done;
  }

  #fieldError: SegkitError | null = null;

  async #request(op: MembershipOp): Promise<void> {
    const store = this.activeStore;
    const chosen = this.value ?? [];
    if (!store || chosen.length === 0) return;
    const target = resolveTarget(store, this.memberIds);
    const done = this.#controller.request(op, chosen, target);
    if (target.kind === 'ids') this.#finish();
    else this.#focusNext = '[part~="cancel-button"]';
    await done;
    if (this.#controller.state.step.kind === 'confirm') {
      this.#focusNext = '[part~="confirm-button"]';
      this.requestUpdate();
    }
  }

  async #confirm(): Promise<void> {
    const done = this.#controller.confirm();
    this.#finish();
    await done;
  }

  #back(): void {
    this.#controller.cancel();
    this.#focusNext = '[part~="search"]';
  }

  /** After an action: close, forget the picks, focus the button (the result line is announced). */
  #finish(): void {
    this.value = [];
    this.#close(true);
  }

  // ---- events ---------------------------------------------------------------------------------

  #onTriggerClick(): void {
    if (this.open) this.#close(true);
    else this.#openPopover();
  }

  #onTriggerKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#openPopover();
    }
  }

  #onSearchInput(event: Event): void {
    this._search = (event.target as HTMLInputElement).value;
    this._active = -1;
    this.#fieldError = null;
  }

  #onSearchKeydown(event: KeyboardEvent): void {
    const items = this.#items();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (items.length) this._active = this._active < 0 ? 0 : Math.min(this._active + 1, items.length - 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (items.length) this._active = this._active < 0 ? items.length - 1 : Math.max(this._active - 1, 0);
        break;
      case 'Enter': {
        event.preventDefault();
        const item = items[this._active];
        if (item) this.#activate(item);
        break;
      }
      case ' ': {
        const item = items[this._active];
        if (item) {
          event.preventDefault();
          this.#activate(item);
        }
        break;
      }
      default:
    }
  }

  #onPopoverKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#close(true);
    }
  }

  #onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.open) return;
    if (this.renderRoot.contains(next) || this.contains(next)) return;
    this.#close(false);
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const unavailable = this.#unavailable;
    const hint = unavailable ? this.t(unavailable === 'no-store' ? 'hint.no-store' : 'hint.no-selection') : '';
    const error = this.#controller.state.error ?? this.#fieldError;
    return html`
      <div part="base" class="base" @focusout=${this.#onFocusOut}>
        <div class="row">
          <button
            part="button"
            class="btn trigger"
            type="button"
            aria-haspopup="dialog"
            aria-expanded=${this.open ? 'true' : 'false'}
            aria-controls="popover"
            aria-disabled=${unavailable ? 'true' : nothing}
            aria-describedby=${hint ? 'hint' : nothing}
            ?disabled=${this.#disabled}
            @click=${this.#onTriggerClick}
            @keydown=${this.#onTriggerKeydown}
          >
            ${this.#renderLabel()}
            <span class="caret" aria-hidden="true"></span>
          </button>
          ${hint ? html`<span part="hint" id="hint" class="hint muted">${hint}</span>` : nothing}
        </div>
        ${this.open ? this.#renderPopover() : nothing}
        <div part="result" class="result" role="status" aria-live="polite">${this.#renderOutcome()}</div>
        ${error && !this.open ? this.#renderError(error) : nothing}
      </div>
    `;
  }

  #renderLabel(): TemplateResult {
    if (!this.#field) return html`<span class="label"><slot name="label">${this.t('button')}</slot></span>`;
    const store = this.activeStore;
    const names = (this.value ?? []).map((id) => store?.segmentById(id)?.name ?? id);
    const fieldLabel = this.#hostLabel();
    return html`${fieldLabel ? html`<span class="visually-hidden">${fieldLabel}: </span>` : nothing}<span class="label"
        ><slot name="label">${names.length ? listNames(names, this.language) : this.t('field.placeholder')}</slot></span
      >`;
  }

  /**
   * The field's label from outside the shadow root: its `<label>`s, else the
   * host's `aria-label`, else the text of the host's `aria-labelledby` ids
   * (read in the host's own tree). Spoken as part of the button's name.
   */
  #hostLabel(): string {
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const fromLabels = [...(this.labels ?? [])].map((l) => clean(l.textContent)).filter(Boolean).join(' ');
    if (fromLabels) return fromLabels;
    const label = clean(this.getAttribute('aria-label'));
    if (label) return label;
    const root = this.getRootNode() as Document | ShadowRoot;
    return (this.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => clean(root.getElementById?.(id)?.textContent))
      .filter(Boolean)
      .join(' ');
  }

  #renderPopover(): TemplateResult {
    const store = this.activeStore!;
    const status = store.$status.get();
    const step = this.#controller.state.step;
    const label = this.t(this.#field ? 'field.dialog-label' : 'dialog.label');
    let body: TemplateResult;
    if (!status.ready && status.error) {
      body = this.#renderError(status.error, () => void store.refresh().catch(() => undefined));
    } else if (!status.ready) {
      body = html`<div part="loading" class="muted"><slot name="loading">${this.t('loading')}</slot></div>`;
    } else if (step.kind !== 'idle') {
      body = this.#renderPreview();
    } else {
      body = this.#renderChooser(store);
    }
    return html`
      <div part="popover" class="popover" id="popover" role="dialog" aria-label=${label} @keydown=${this.#onPopoverKeydown}>
        ${body}
        ${status.offline ? html`<div part="offline" class="note muted"><slot name="offline">${this.t('offline')}</slot></div>` : nothing}
      </div>
    `;
  }

  #renderChooser(store: SegmentStore): TemplateResult {
    const items = this.#items();
    const problem: NameProblem | null = nameProblem(store, this._search);
    const active = items[this._active] ? this.#optionId(this._active) : undefined;
    const chosen = new Set(this.value ?? []);
    const hasSegments = store.$segments.get().some((s) => !s.system);
    const fieldError = this.#fieldError;
    return html`
      <input
        part="search"
        class="input"
        id="search"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-label=${this.t('search.label')}
        placeholder=${this.t('search.placeholder')}
        aria-expanded="true"
        aria-controls="listbox"
        aria-autocomplete="list"
        aria-activedescendant=${active ?? nothing}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? 'name-error' : nothing}
        @input=${this.#onSearchInput}
        @keydown=${this.#onSearchKeydown}
      />
      ${problem ? html`<div part="name-error" id="name-error" class="error-text">${this.t(problem.key, problem.params)}</div>` : nothing}
      ${items.length
        ? html`<div part="listbox" class="listbox" id="listbox" role="listbox" aria-multiselectable="true" aria-label=${this.t('listbox.label')}>
            ${items.map((item, index) => this.#renderOption(item, index, chosen.has(item.id)))}
          </div>`
        : html`<div part="listbox" class="listbox" id="listbox" role="listbox" aria-multiselectable="true" aria-label=${this.t('listbox.label')} hidden></div>`}
      ${!hasSegments && !items.length
        ? html`<div part="empty" class="muted"><slot name="empty">${this.t('empty')}</slot></div>`
        : !items.length
          ? html`<div part="empty" class="muted">${this.t('no-match')}</div>`
          : nothing}
      ${fieldError ? this.#renderError(fieldError) : nothing}
      ${this.#field ? this.#renderFieldFooter() : this.#renderFooter(chosen.size)}
    `;
  }

  #renderOption(item: ListItem, index: number, selected: boolean): TemplateResult {
    const active = index === this._active;
    if (item.kind === 'create') {
      return html`<div
        part=${active ? 'create-option option-active' : 'create-option'}
        class=${active ? 'option create active' : 'option create'}
        id=${this.#optionId(index)}
        role="option"
        aria-selected="false"
        @pointerdown=${(e: Event) => e.preventDefault()}
        @mousedown=${(e: Event) => e.preventDefault()}
        @click=${() => this.#activate(item)}
      >
        <span class="check dashed" aria-hidden="true"></span>
        <span class="name">${this.t(this.#field ? 'field.create.option' : 'create.option', { name: item.name })}</span>
      </div>`;
    }
    const segment = item.segment!;
    const color = safeColor(segment.color);
    const parts = ['option', active ? 'option-active' : '', selected ? 'option-selected' : ''].filter(Boolean).join(' ');
    return html`<div
      part=${parts}
      class=${active ? 'option active' : 'option'}
      id=${this.#optionId(index)}
      role="option"
      aria-selected=${selected ? 'true' : 'false'}
      @pointerdown=${(e: Event) => e.preventDefault()}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${() => this.#activate(item)}
    >
      <span class="check" aria-hidden="true"></span>
      <span part="option-dot" class="dot" aria-hidden="true" ${cssProps(color ? { '--_dot': color } : {})}></span>
      <span class="name">${segment.name}</span>
      <span part="option-count" class="count">${formatNumber(segment.memberCount, this.language)}</span>
    </div>`;
  }

  #renderFooter(chosen: number): TemplateResult {
    return html`<div part="footer" class="footer">
      <span part="summary" class="summary muted" id="summary">${chosen ? this.t('chosen', { count: chosen }) : this.t('chosen.none')}</span>
      <button part="remove-button" class="btn" type="button" ?disabled=${chosen === 0} @click=${() => void this.#request('unassign')}>
        ${this.t('remove')}
      </button>
      <button part="add-button" class="btn primary" type="button" ?disabled=${chosen === 0} @click=${() => void this.#request('assign')}>
        ${this.t('add')}
      </button>
    </div>`;
  }

  #renderFieldFooter(): TemplateResult {
    return html`<div part="footer" class="footer">
      <span part="summary" class="summary muted">${this.value.length ? this.t('chosen', { count: this.value.length }) : this.t('chosen.none')}</span>
      <button part="done-button" class="btn" type="button" @click=${() => this.#close(true)}>${this.t('field.done')}</button>
    </div>`;
  }

  #renderPreview(): TemplateResult {
    const store = this.activeStore!;
    const step = this.#controller.state.step;
    let content: TemplateResult;
    if (step.kind === 'previewing') {
      content = html`<p class="muted">${this.t('preview.loading')}</p>`;
    } else if (step.kind === 'confirm') {
      content = html`<p>${this.t('preview.members', { count: step.preview.members })}</p>
        <ul>
          ${step.preview.segments.map(
            (effect) =>
              html`<li>
                ${this.t('preview.segment', {
                  segment: store.segmentById(effect.segmentId)?.name ?? effect.segmentId,
                  effect: this.t(`preview.${step.op}`, { changed: effect.changed, skipped: effect.skipped }),
                })}
              </li>`,
          )}
        </ul>`;
    } else if (step.kind === 'confirm-create') {
      content = html`<p>${this.t('confirm.create', { name: step.name, count: step.count })}</p>`;
    } else {
      content = html``;
    }
    return html`<div part="preview" class="preview" role="group" aria-label=${this.t('confirm')}>
      ${content}
      <div class="footer">
        <span class="summary"></span>
        <button part="cancel-button" class="btn" type="button" @click=${() => this.#back()}>${this.t('back')}</button>
        <button
          part="confirm-button"
          class="btn primary"
          type="button"
          ?disabled=${step.kind === 'previewing'}
          @click=${() => void this.#confirm()}
        >
          ${this.t('confirm')}
        </button>
      </div>
    </div>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const outcome = this.#controller.state.outcome;
    if (!outcome) return nothing;
    const undo = this.#controller.canUndo && outcome.kind !== 'undoing';
    return html`<span part="result-text">${this.#outcomeText(outcome)}</span>
      ${undo
        ? html`<button part="undo-button" class="btn quiet" type="button" @click=${() => void this.#controller.undo()}>${this.t('undo')}</button>`
        : nothing}`;
  }

  #outcomeText(outcome: PickerOutcome): string {
    if (outcome.kind === 'undoing') return this.t('result.undoing');
    if (outcome.kind === 'undone') return this.t('result.undone');
    const segments = listNames(outcome.names, this.language);
    const verb = outcome.created ? 'created' : outcome.op === 'assign' ? 'assigned' : 'unassigned';
    if (outcome.kind === 'pending') {
      const doing = outcome.created ? 'creating' : outcome.op === 'assign' ? 'assigning' : 'unassigning';
      return this.t(`result.${doing}`, { count: outcome.count, segments });
    }
    const main = this.t(`result.${verb}`, { count: outcome.count, segments });
    return outcome.skipped > 0 ? `${main} · ${this.t(`result.skipped.${outcome.op}`, { count: outcome.skipped })}` : main;
  }

  #renderError(error: SegkitError, retry?: () => void): TemplateResult {
    return html`<div part="error" class="error" role="alert">
      <span><slot name="error">${error.message}</slot></span>
      ${retry
        ? html`<button part="retry-button" class="btn" type="button" @click=${retry}>${this.t('retry')}</button>`
        : html`<button
            part="dismiss-button"
            class="btn quiet"
            type="button"
            @click=${() => {
              this.#fieldError = null;
              this.#controller.dismiss();
            }}
          >
            ${this.t('dismiss')}
          </button>`}
    </div>`;
  }
}
