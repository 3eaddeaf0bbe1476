import type { MembershipOp } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { FocusController, firstFocusable } from '../internal/focus.js';
import { SegkitFormElement } from '../internal/form-element.js';
import { PopoverController } from '../internal/popover.js';
import { listNames, segmentName } from '../internal/segments.js';
import { stateSlot } from '../internal/status.js';
import type { Translate } from '../internal/strings.js';
import { renderSyncNotice, syncStates } from '../internal/sync-notice.js';
import { createSyncStatusConnector } from '../internal/sync-status.connector.js';
import { parseIdList } from './picker-model.js';
import { optionId, renderChooser, renderError, renderOutcome, renderStep } from './picker-views.js';
import type { PickerView } from './picker-views.js';
import { createSegmentPickerConnector } from './segment-picker.connector.js';
import type { PickerValueChange, SegmentPickerConnector, SegmentPickerMode, SegmentPickerState } from './segment-picker.types.js';
import { segmentPickerStrings } from './segment-picker.strings.js';
import { segmentPickerStyles } from './segment-picker.styles.js';

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

/**
 * @summary "Add to segment": pick one or more segments for the selected
 * members (or create one), then "Add" or "Remove"; or, with `mode="field"`, a
 * form field whose value is the chosen segment ids.
 * @tag segkit-segment-picker
 *
 * @description In the default `mode="action"`, the picker acts on the store's
 * current selection (`store.selectionTarget()`), or on `member-ids` when set.
 * A button opens a popover (in the top layer: no ancestor's `overflow` or
 * `transform` clips it) with a search box (WAI-ARIA combobox) over a
 * multi-select listbox of the stored segments (never Unassigned) with their
 * counts and colours. Picking segments then "Add" calls `store.assign`,
 * "Remove" calls `store.unassign`. When the typed text names no segment,
 * the last option is "Create segment “text”", which creates the segment and
 * adds the members in one step (`store.createAndAssign`). For a bulk-by-query
 * selection ("all N matching") the picker shows `store.preview` first ("Add
 * 1,240 · skip 37 already in") and waits for "Confirm". While the table
 * shows one segment (the store's applied filter includes exactly one, as when
 * opened from the segment list), "Move from VIPs" moves the members out of it
 * and into the one chosen segment (`store.move`), and "Move to new segment
 * “text”" into a new one (`store.createAndMove`): one action, one Undo. The result line
 * ("Added 1,240 members to VIPs") offers "Undo" (`store.undo()`) while it is
 * the store's last action, and is announced politely. With `option-field`
 * naming a declared segment field, each option reads "VIPs · VIP20".
 *
 * With `mode="field"` the picker never touches members: it is a
 * form-associated control (`name`, `value`, `required`, `disabled`, form
 * reset and restore) for a host's own forms, e.g. an automation step "Assign
 * to Segment"; its create option ("Add Segment “text”") only creates the
 * segment (`store.createSegment`) and chooses it. The form gets one entry per
 * chosen id. The button's accessible name starts with the field's label: a
 * `<label for>`, or `aria-label` / `aria-labelledby` on the host.
 *
 * The logic is `createSegmentPickerConnector` (from
 * `@segkit/elements/headless`); this element renders it.
 *
 * State attributes (set by the element, read-only): `open` (the popover is
 * open; `show()` and `hide()` open and close it), `loading` (segments not loaded yet), `empty` (no stored segments),
 * `offline`, `stale` (segments from the cache, not revalidated yet), `paused` (changes wait until the host signs in
 * again), `error` (a failed first load, or the last action failed), and
 * `no-selection` (action mode with no members to act on). While offline or paused the popover says how many changes
 * wait ("Offline: 3 changes waiting", "Sign in again to save 3 changes"): that is where the user makes more.
 *
 * Keyboard: on the button, Enter, Space or ArrowDown opens. In the search box,
 * typing filters, ArrowDown/ArrowUp move the active option, Enter or Space
 * toggles it (Space types a space when no option is active), Escape closes
 * and returns focus to the button, Tab moves on (and closes when focus leaves).
 *
 * @slot label - The button's label (default "Add to segment"; in field mode the chosen segments).
 * @slot empty - Shown in the popover when there are no segments yet.
 * @slot error - Replaces the error message (by default the error in the page's language: `error.<code>`, else the store's message).
 * @slot loading - Shown while segments load for the first time.
 * @slot offline - Shown in the popover while the store is offline with no change waiting.
 * @slot sync - Replaces the popover's offline or paused notice (read the `offline` and `paused` attributes).
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
 * @csspart option-field - With `option-field="discountCode"`: " · VIP20" after the name (muted; absent when the segment has none).
 * @csspart create-option - The "Create segment “…”" option (also `option-active` while active).
 * @csspart create-move-option - "Move to new segment “…”", offered while the table shows one segment (also `option-active`).
 * @csspart empty - The no-segments / no-match message.
 * @csspart loading - The loading message.
 * @csspart sync - The popover's offline or paused notice.
 * @csspart offline - The sync notice while offline.
 * @csspart paused - The sync notice while the backend refuses the credentials and changes wait.
 * @csspart footer - The row with the chosen count and the action buttons.
 * @csspart summary - How many segments are chosen.
 * @csspart add-button - "Add".
 * @csspart remove-button - "Remove".
 * @csspart move-button - "Move from …", shown while the table shows one segment (the store's applied filter includes exactly it).
 * @csspart done-button - "Done" (field mode).
 * @csspart preview - What a bulk-by-query change will do, with Confirm / Back.
 * @csspart confirm-button - "Confirm" in the preview.
 * @csspart cancel-button - "Back" in the preview.
 * @csspart result - The polite live region with the last result.
 * @csspart result-text - The result's text.
 * @csspart undo-button - "Undo" in the result line.
 * @csspart error - The error message (a rolled-back write, a failed preview or load).
 * @csspart retry-button - Retries loading segments.
 * @csspart dismiss-button - Hides the error.
 *
 * @cssprop --segkit-segment-picker-popover-width - Width of the popover (default 20rem).
 * @cssprop --segkit-segment-picker-list-max-height - Height of the list before it scrolls (default 16rem).
 * @cssprop --segkit-segment-picker-z-index - Stacking of the popover where the Popover API is missing (default 20).
 * @cssprop --segkit-segment-picker-button-background - The button's background (default --segkit-color-background).
 * @cssprop --segkit-segment-picker-active-background - The active option's background (default --segkit-color-selected).
 * @cssprop --segkit-segment-picker-check-color - The tick box of a chosen option (default --segkit-color-accent).
 * @cssprop --segkit-segment-picker-dot-size - Size of the colour dot (default 10px).
 *
 * @fires input - The chosen segments changed by the user (bubbles, composed), like a native control.
 * @fires change - The chosen segments changed by the user (bubbles), like a native control.
 * @fires segkit-membership-change - Members were added or removed with this picker ("Add", "Remove", move, create-and-add, its Undo), once saved; dispatched from this picker, once per change.
 * @fires segkit-segment-create - A segment was created with this picker (its create option), once saved.
 * @fires segkit-segment-delete - A segment this picker created was deleted again by its Undo, once saved.
 * @fires segkit-error - A write started with this picker was refused and rolled back.
 * @fires segkit-segment-rename - A segment was renamed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 */
export class SegkitSegmentPicker extends SegkitFormElement {
  static override locales = segmentPickerStrings;
  static override styles = segmentPickerStyles;

  static override properties = {
    ...SegkitFormElement.properties,
    mode: { reflect: true },
    memberIds: { attribute: 'member-ids', converter: idListConverter },
    name: { reflect: true },
    value: { converter: valueConverter },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    optionField: { attribute: 'option-field' },
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
  /** The key of a declared segment field (`segmentFields`) to show after each option's name: "VIPs · VIP20". */
  declare optionField: string;

  readonly #picker = this.connector((store) =>
    createSegmentPickerConnector(store, {
      mode: this.#mode,
      memberIds: this.memberIds,
      value: this.value,
      disabled: this.#disabled,
      onValueChange: (value, cause) => this.#onValueChange(value, cause),
      origin: this,
    }),
  );
  readonly #sync = this.connector((store) => createSyncStatusConnector(store));
  // Before the focus controller: the panel is shown (top layer) before focus moves into it.
  readonly #popover = new PopoverController(this, {
    trigger: () => this.#button(),
    panel: () => this.renderRoot?.querySelector<HTMLElement>('[part~="popover"]'),
    isOpen: () => this.open,
    close: (returnFocus) => this.#close(returnFocus),
  });
  // Focus lost to a render goes to the first control, except when a light dismiss closed the
  // popover: then focus stays where the user put it.
  readonly #focus = new FocusController(this, { fallback: () => (this.#dismissed ? null : firstFocusable(this.renderRoot)) });
  #dismissed = false;
  #scrolledTo = -1;
  /** A disabled ancestor fieldset or form (`formDisabledCallback`). */
  #formDisabled = false;

  constructor() {
    super();
    this.mode = 'action';
    this.memberIds = undefined;
    this.name = '';
    this.value = [];
    this.required = false;
    this.disabled = false;
    this.optionField = '';
  }

  /** The popover is open (read-only; the `open` state attribute says the same). Open and close it with `show()` and `hide()`. */
  get open(): boolean {
    return this.#state?.open ?? false;
  }

  /** Always `segkit-segment-picker`, like `select-multiple` for a native select. */
  get type(): string {
    return 'segkit-segment-picker';
  }

  /** Called by the form on reset: back to the `value` attribute. */
  formResetCallback(): void {
    this.value = parseIdList(this.getAttribute('value'));
    this.#picker.value?.setSearch('');
  }

  /** Called by the browser to restore the value (back/forward navigation, autofill). */
  formStateRestoreCallback(state: unknown): void {
    if (typeof state === 'string') this.value = parseIdList(state);
  }

  /** Called when an ancestor fieldset or the form is disabled. */
  formDisabledCallback(disabled: boolean): void {
    // Called while Lit reflects `disabled` (after render): update again once this update is done.
    this.#formDisabled = disabled;
    queueMicrotask(() => this.requestUpdate());
  }

  /** Moves focus to the button. */
  override focus(options?: FocusOptions): void {
    this.#button()?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const picker = this.#picker.value;
    picker?.setMode(this.#mode);
    picker?.setMemberIds(this.memberIds);
    picker?.setValue(this.value ?? []);
    picker?.setDisabled(this.#disabled);
    const state = picker?.$state.get();
    this.reflectStates({
      open: Boolean(state?.open),
      loading: Boolean(state?.loading),
      empty: Boolean(state?.empty),
      ...syncStates(this.#sync.value?.$state.get()),
      error: Boolean(state?.error || state?.loadError),
      'no-selection': state ? state.noSelection : this.#mode === 'action',
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#dismissed = false;
    this.#syncForm();
    const active = this.#state?.active ?? -1;
    if (active !== this.#scrolledTo) {
      this.#scrolledTo = active;
      if (active >= 0) this.renderRoot.querySelector(`#${optionId(active)}`)?.scrollIntoView?.({ block: 'nearest' });
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

  /** `this.t` as a function value (for the shared helpers). */
  readonly #t: Translate = (key, params) => this.t(key, params);

  get #view(): PickerView {
    const optionField = this.optionField ? this.activeStore?.segmentFields.find((f) => f.key === this.optionField) : undefined;
    return { t: this.#t, lang: this.language, field: this.#mode === 'field', optionField };
  }

  get #state(): SegmentPickerState | undefined {
    return this.#picker.value?.$state.get();
  }

  get #mode(): SegmentPickerMode {
    return this.mode === 'field' ? 'field' : 'action';
  }

  get #disabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  #button(): HTMLButtonElement | null {
    return this.renderRoot?.querySelector<HTMLButtonElement>('[part~="button"]') ?? null;
  }

  // ---- actions: the connector decides, the element moves focus --------------------------------

  #onValueChange(value: readonly string[], cause: PickerValueChange): void {
    this.value = [...value];
    if (cause === 'cleared') return;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Opens the popover and moves focus to its search box (nothing happens while disabled or with no members to act on). */
  show(): void {
    this.#open();
  }

  /** Closes the popover; with `returnFocus`, focus goes back to the button. */
  hide(returnFocus = true): void {
    if (this.open) this.#close(returnFocus);
  }

  #open(): void {
    if (this.#picker.value?.open()) this.#focus.focusAfterUpdate('[part~="search"]');
  }

  #close(returnFocus: boolean): void {
    this.#dismissed = !returnFocus;
    this.#picker.value?.close();
    if (returnFocus) this.#popover.returnFocus();
  }

  /** After an action or a step: focus follows what is shown next. */
  #focusStep(): void {
    const state = this.#state;
    if (!state) return;
    if (!state.open) this.#popover.returnFocus();
    else if (state.step.kind === 'idle') this.#focus.focusAfterUpdate('[part~="search"]');
    else if (state.step.kind === 'previewing') this.#focus.focusAfterUpdate('[part~="cancel-button"]');
    else this.#focus.focusAfterUpdate('[part~="confirm-button"]');
  }

  #activate(index: number): void {
    const picker = this.#picker.value;
    const option = picker?.$state.get().options[index];
    if (!picker || !option) return;
    void picker.activate(index);
    if (option.kind !== 'segment') this.#focusStep();
  }

  async #submit(op: MembershipOp): Promise<void> {
    const picker = this.#picker.value;
    if (!picker) return;
    const done = picker.submit(op);
    this.#focusStep();
    await done;
    if (picker.$state.get().step.kind === 'confirm') this.#focusStep();
  }

  async #move(): Promise<void> {
    const picker = this.#picker.value;
    if (!picker) return;
    const done = picker.move();
    this.#focusStep();
    await done;
    if (picker.$state.get().step.kind === 'confirm-move') this.#focusStep();
  }

  #confirm(): void {
    void this.#picker.value?.confirm();
    this.#focusStep();
  }

  #back(): void {
    this.#picker.value?.back();
    this.#focusStep();
  }

  #onTriggerClick(): void {
    if (this.open) this.#close(true);
    else this.#open();
  }

  #onTriggerKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#open();
    }
  }

  #onSearchKeydown(event: KeyboardEvent): void {
    const picker = this.#picker.value;
    if (!picker) return;
    const active = picker.$state.get().active;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      picker.moveActive(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' || (event.key === ' ' && active >= 0)) {
      // Space types a space while no option is active.
      event.preventDefault();
      this.#activate(active);
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const picker = this.#picker.value;
    const state = picker?.$state.get();
    const unavailable = !state ? 'hint.no-store' : state.noSelection ? 'hint.no-selection' : null;
    const hint = unavailable ? this.t(unavailable) : '';
    return html`
      <div part="base" class="base">
        <div class="row">
          <button
            part="button"
            class="btn trigger"
            type="button"
            aria-haspopup="dialog"
            aria-expanded=${state?.open ? 'true' : 'false'}
            aria-controls="popover"
            aria-disabled=${unavailable ? 'true' : nothing}
            aria-describedby=${hint ? 'hint' : nothing}
            ?disabled=${this.#disabled}
            @click=${this.#onTriggerClick}
            @keydown=${this.#onTriggerKeydown}
          >
            ${this.#renderLabel(state)}
            <span class="caret" aria-hidden="true"></span>
          </button>
          ${hint ? html`<span part="hint" id="hint" class="hint muted">${hint}</span>` : nothing}
        </div>
        ${picker && state?.open ? this.#renderPopover(picker, state) : nothing}
        <div part="result" class="result" role="status" aria-live="polite">
          ${picker && state ? renderOutcome(this.#view, state, () => void picker.undo()) : nothing}
        </div>
        ${picker && state?.error && !state.open ? renderError(this.#view, state.error, { dismiss: () => picker.dismiss() }) : nothing}
      </div>
    `;
  }

  #renderLabel(state: SegmentPickerState | undefined): TemplateResult {
    if (this.#mode === 'action') return html`<span class="label"><slot name="label">${this.t('button')}</slot></span>`;
    const names = state ? state.chosen.map((c) => segmentName(this.#t, c.segment, c.id)) : (this.value ?? []);
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

  #renderPopover(picker: SegmentPickerConnector, state: SegmentPickerState): TemplateResult {
    const view = this.#view;
    let body: TemplateResult;
    if (state.loadError) body = renderError(view, state.loadError, { retry: () => void picker.retry() });
    else if (state.loading) body = stateSlot('loading', this.t('loading'));
    else if (state.step.kind !== 'idle') body = renderStep(view, state.step, { back: () => this.#back(), confirm: () => this.#confirm() });
    else {
      body = renderChooser(view, state, {
        search: (text) => picker.setSearch(text),
        keydown: (event) => this.#onSearchKeydown(event),
        activate: (index) => this.#activate(index),
        submit: (op) => void this.#submit(op),
        move: () => void this.#move(),
        done: () => this.#close(true),
        dismiss: () => picker.dismiss(),
      });
    }
    return html`
      <div part="popover" class="popover" id="popover" popover="manual" role="dialog" aria-label=${this.t(this.#mode === 'field' ? 'field.dialog-label' : 'dialog.label')}>
        ${body}
        ${renderSyncNotice(this.#t, this.language, this.#sync.value?.$state.get(), { show: ['offline', 'paused'], offlineText: this.t('offline') })}
      </div>
    `;
  }
}
