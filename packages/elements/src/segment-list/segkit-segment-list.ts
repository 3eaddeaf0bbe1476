import type { SegkitError } from '@segkit/core';
import { html, nothing, svg } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SegkitSegmentOpenEvent } from '../events/segment-open.js';
import { cssProps } from '../internal/css-props.js';
import { inDataId } from '../internal/data-id.js';
import { FocusController, firstFocusable } from '../internal/focus.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { safeColor, segmentName } from '../internal/segments.js';
import { stateSlot, stateStyles } from '../internal/status.js';
import { errorText } from '../internal/strings.js';
import { renderSyncNotice, syncNoticeStyles, syncStates } from '../internal/sync-notice.js';
import type { SyncNotice } from '../internal/sync-status.connector.js';
import { createSyncStatusConnector } from '../internal/sync-status.connector.js';
import { controls, tokens } from '../internal/theme.js';
import { SegmentFieldsView } from './segment-fields-view.js';
import { SEGMENT_COLORS, createSegmentListConnector } from './segment-list.connector.js';
import type {
  SegmentCreateForm,
  SegmentListConnector,
  SegmentListFailure,
  SegmentListFeedback,
  SegmentListItem,
  SegmentListState,
  SegmentRenameForm,
} from './segment-list.connector.js';
import { segmentListStrings } from './segment-list.strings.js';
import { segmentListStyles } from './segment-list.styles.js';

const FAILURE_KEYS: Record<SegmentListFailure['action'], string> = {
  create: 'failed.create',
  rename: 'failed.rename',
  delete: 'failed.delete',
  undo: 'failed.undo',
  field: 'failed.field',
};

/** The row a navigation key moves to from `id` (roving focus), or undefined for other keys. */
function rowAfterKey(ids: readonly string[], id: string, key: string): string | undefined {
  const index = ids.indexOf(id);
  if (key === 'ArrowDown') return ids[Math.min(ids.length - 1, index + 1)];
  if (key === 'ArrowUp') return ids[Math.max(0, index - 1)];
  if (key === 'Home') return ids[0];
  if (key === 'End') return ids[ids.length - 1];
  return undefined;
}

/**
 * @summary The "Segments" tab: every segment like a folder with its member count; create, rename, delete (with undo), open.
 * @tag segkit-segment-list
 *
 * @description Unassigned comes first and has no rename or delete. Opening a
 * segment (click, or Enter) applies it as the filter
 * (`store.applyFilter({ include: [id] })`) and fires `segkit-segment-open`.
 * "Create segment" opens an inline form (name, optional description and
 * colour) that checks the name as you type (`store.checkName`). Rename is
 * inline (Enter saves, Escape cancels). Delete asks first (the members are
 * kept), then shows "Deleted VIPs" with "Undo" (`store.undo()`) while that
 * delete is the store's last action. Segment fields the store declares
 * (`segmentFields`, e.g. a discount code) show on a line under each name
 * ("Not set" when missing; metadata keys no field declares are never shown)
 * and are edited in place like rename: checked as typed with the field's
 * message, shown at once, "Discount code of VIPs set to VIP30" with "Undo".
 * A write the backend refuses is rolled
 * back by the store; the list reopens the form or field with the error, in
 * the page's language.
 *
 * Keyboard: a list with one tab stop (roving focus). Up / Down / Home / End
 * move between segments, Enter opens, F2 renames, Delete asks to delete; Tab
 * reaches the focused segment's "Rename", "Delete" and fields' "Edit"
 * buttons. In a field editor Enter saves and Escape cancels.
 *
 * State attributes (set by the element): `loading` (the segments are
 * loading), `empty` (no segment besides Unassigned), `error` (the segments
 * could not be loaded), `offline` (writes wait and replay), `stale` (the
 * segments came from the cache and are not revalidated yet) and `paused`
 * (changes wait until the host signs in again).
 *
 * Where the data stands is said quietly: "Updating…" beside the title while
 * cached segments revalidate (the cache's age in its title), and under the
 * header "Offline: 3 changes waiting" or "Sign in again to save 3 changes".
 *
 * The behaviour lives in `createSegmentListConnector` (`@segkit/elements/headless`)
 * for hosts drawing their own UI.
 *
 * @slot loading - Shown while the segments load.
 * @slot error - Shown when the segments could not be loaded (default: the store's message and "Retry").
 * @slot empty - Shown when there is no segment besides Unassigned.
 * @slot offline - Shown while the store is offline with no change waiting (writes wait and replay).
 * @slot sync - Replaces the sync notice in every state (read the `stale`, `offline` and `paused` attributes).
 *
 * @csspart base - The root wrapper.
 * @csspart header - The title row.
 * @csspart title - The "Segments" heading.
 * @csspart create-button - "Create segment".
 * @csspart create-form - The inline create form.
 * @csspart input - A text input of the create form.
 * @csspart field-error - The message under an invalid name or field value.
 * @csspart colors - The colour choice of the create form.
 * @csspart swatch - One colour choice.
 * @csspart save-button - The button that saves a form.
 * @csspart cancel-button - The button that closes a form or the confirm step.
 * @csspart list - The list of segments.
 * @csspart item - A segment row.
 * @csspart open - The button that opens a segment (its name, description and count).
 * @csspart color - A segment's folder icon, in its colour.
 * @csspart name - A segment's name.
 * @csspart description - A segment's description.
 * @csspart count - A segment's member count.
 * @csspart pending - "Saving…" on a segment whose change is not confirmed yet.
 * @csspart rename-button - A segment's "Rename" button.
 * @csspart delete-button - A segment's "Delete" button.
 * @csspart rename-input - The inline rename field.
 * @csspart fields - A segment's line of declared fields, under its name.
 * @csspart field - One field on that line: its label, value and "Edit".
 * @csspart field-label - A field's label ("Discount code").
 * @csspart field-value - A field's value (`field-missing` too when the segment has none: "Not set").
 * @csspart field-missing - The "Not set" of a missing value.
 * @csspart field-edit-button - "Edit" of a field (its name says which: "Edit Discount code for VIPs").
 * @csspart field-form - The inline field editor (with `save-button`, `cancel-button`, `field-error`).
 * @csspart field-input - The editor's input: a text input (`inputmode` for numbers and URLs), a select or a checkbox.
 * @csspart confirm - The delete confirmation.
 * @csspart confirm-button - "Delete" in the confirmation.
 * @csspart result - The status region ("Deleted VIPs").
 * @csspart undo-button - "Undo".
 * @csspart error - A refused write (its message), or the load error state.
 * @csspart dismiss-button - Closes the error message.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart sync - The sync notice ("Updating…", "Offline: 3 changes waiting", "Sign in again to save 3 changes").
 * @csspart updating - The sync notice while cached segments are being revalidated.
 * @csspart stale - The sync notice when cached segments could not be revalidated ("Saved 5 minutes ago").
 * @csspart offline - The sync notice while offline.
 * @csspart paused - The sync notice while the backend refuses the credentials and changes wait.
 *
 * @cssprop --segkit-segment-list-background - Background of the element (default: the background token).
 * @cssprop --segkit-segment-list-border-color - Border around and between rows (default: the border token).
 * @cssprop --segkit-segment-list-radius - Corner radius (default: the radius token).
 * @cssprop --segkit-segment-list-item-padding - Padding of a row (default: the space token).
 * @cssprop --segkit-segment-list-hover-background - Background of a hovered row (default: the surface token).
 * @cssprop --segkit-segment-list-current-background - Background of the open segment (default: the selected token).
 * @cssprop --segkit-segment-list-icon-color - Folder icon of a segment without colour (default: the muted token).
 * @cssprop --segkit-segment-list-icon-size - Size of the folder icon (default 20px).
 *
 * @fires segkit-segment-open - {SegkitSegmentOpenEvent} A segment was opened (and applied as the filter); `detail.segment`.
 * @fires segkit-segment-create - A segment was created with this list ("Create segment", or the Undo of a delete), once saved; dispatched from this list, once per change.
 * @fires segkit-segment-rename - A segment was renamed with this list, once saved.
 * @fires segkit-segment-update - A segment was changed with this list (name, or a segment field), once saved.
 * @fires segkit-segment-delete - A segment was deleted with this list, once saved.
 * @fires segkit-membership-change - The members of a segment deleted with this list were put back by its Undo, once saved.
 * @fires segkit-error - A write started with this list was refused and rolled back.
 */
export class SegkitSegmentList extends SegkitElement {
  static override locales = segmentListStrings;

  static override styles = [tokens, controls, stateStyles, syncNoticeStyles, segmentListStyles];

  readonly #list = this.connector((store) => createSegmentListConnector(store, { origin: this }));
  readonly #sync = this.connector((store) => createSyncStatusConnector(store));
  /** The row with the list's one tab stop (roving focus). */
  #active: string | null = null;
  readonly #focus = new FocusController(this, { fallback: () => this.#rowButton(this.#active) ?? firstFocusable(this.shadowRoot) });
  readonly #fields = new SegmentFieldsView({
    t: (key, params) => this.t(key, params),
    language: () => this.language,
    list: () => this.#list.value,
    focus: this.#focus,
    root: () => this.renderRoot,
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const state = this.#list.value?.$state.get();
    this.reflectStates({
      loading: Boolean(state?.loading),
      error: Boolean(state?.loadError),
      empty: Boolean(state?.empty),
      ...syncStates(this.#sync.value?.$state.get()),
    });
  }

  #rowButton(id: string | null): HTMLElement | null {
    return id ? inDataId(this.renderRoot, id, '.open') : null;
  }

  /** Makes `id` the list's tab stop and focuses it after the next render. */
  #focusRow(id: string): void {
    this.#active = id;
    this.#focus.focusAfterUpdate(() => this.#rowButton(id));
  }

  // ---- actions (also for keyboard) --------------------------------------------
  #open(id: string): void {
    const opened = this.#list.value?.open(id);
    this.#active = id;
    if (opened) this.dispatchEvent(new SegkitSegmentOpenEvent({ segment: opened }));
  }

  #startCreate = (): void => {
    this.#list.value?.startCreate();
    this.#focus.focusAfterUpdate('#create-name');
  };

  #cancelCreate = (): void => {
    this.#list.value?.cancelCreate();
    this.#focus.focusAfterUpdate('[part~="create-button"]');
  };

  #submitCreate = (event: Event): void => {
    event.preventDefault();
    const id = this.#list.value?.submitCreate();
    if (id) this.#focusRow(id);
    else this.#focus.focusAfterUpdate('#create-name');
  };

  #startRename(id: string): void {
    const list = this.#list.value;
    list?.startRename(id);
    if (list?.$state.get().rename?.id !== id) return;
    this.#focus.focusAfterUpdate(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#rename-input');
      input?.select();
      return input;
    });
  }

  #submitRename = (event: Event): void => {
    event.preventDefault();
    const list = this.#list.value;
    const id = list?.$state.get().rename?.id;
    if (!list || !id) return;
    if (list.submitRename()) this.#focusRow(id);
    else this.#focus.focusAfterUpdate('#rename-input');
  };

  #cancelRename(id: string): void {
    this.#list.value?.cancelRename();
    this.#focusRow(id);
  }

  #askDelete(id: string): void {
    const list = this.#list.value;
    list?.askDelete(id);
    if (list?.$state.get().confirming === id) this.#focus.focusAfterUpdate('.confirm [part~="cancel-button"]');
  }

  #cancelDelete(id: string): void {
    this.#list.value?.cancelDelete();
    this.#focusRow(id);
  }

  #confirmDelete(id: string): void {
    const ids = this.#ids();
    const index = ids.indexOf(id);
    const neighbour = ids[index + 1] ?? ids[index - 1];
    this.#list.value?.confirmDelete();
    if (neighbour) this.#focusRow(neighbour);
  }

  #undo = async (): Promise<void> => {
    const feedback = this.#list.value?.$state.get().feedback;
    // A field's old value is back at once: focus stays with that field.
    if (feedback?.kind === 'field-set') this.#fields.focusEdit(feedback.id, feedback.key);
    const id = await this.#list.value?.undo();
    if (feedback?.kind === 'field-set') return;
    // The restored row appears once the store replays the segment: focus it, unless the user has moved on.
    const here = this.matches(':focus-within') || document.activeElement === null || document.activeElement === document.body;
    if (id && here) this.#focusRow(id);
  };

  #activate(id: string): void {
    if (this.#active === id) return;
    this.#active = id;
    this.requestUpdate();
  }

  #ids(): string[] {
    return (this.#list.value?.$state.get().items ?? []).map((item) => item.segment.id);
  }

  #onListKeydown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0] as HTMLElement;
    if (!target.classList?.contains('open')) return;
    const id = target.closest<HTMLElement>('[data-id]')?.dataset.id;
    if (!id) return;
    if (event.key === 'F2' || event.key === 'Delete') {
      event.preventDefault();
      if (event.key === 'F2') this.#startRename(id);
      else this.#askDelete(id);
      return;
    }
    const next = rowAfterKey(this.#ids(), id, event.key);
    if (next === undefined) return;
    event.preventDefault();
    this.#focusRow(next);
  };

  #onEscape(close: () => void, stop = false) {
    return (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      if (stop) event.stopPropagation();
      close();
    };
  }

  // ---- rendering ---------------------------------------------------------------
  protected override render() {
    const list = this.#list.value;
    const state = list?.$state.get();
    const items = state?.items ?? [];
    if (this.#active === null || !items.some((item) => item.segment.id === this.#active)) this.#active = items[0]?.segment.id ?? null;
    return html`<div part="base" class="root">
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">${this.t('title')}</h2>
        ${this.#renderSync(['updating', 'stale'])}
        ${state?.create
          ? nothing
          : html`<button type="button" part="create-button" class="btn primary" ?disabled=${!state?.canCreate} @click=${this.#startCreate}>
              ${this.t('create')}
            </button>`}
      </div>
      ${list && state?.create ? this.#renderCreate(list, state.create) : nothing}
      <div part="result" class="bar result" role="status" aria-live="polite">${this.#renderFeedback(state?.feedback ?? null)}</div>
      <div part="error" class="bar failure" role="alert">${this.#renderFailure(state?.failure ?? null)}</div>
      ${this.#renderSync(['offline', 'paused'])}
      ${!list || !state || state.loading
        ? stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`)
        : state.loadError
          ? stateSlot(
              'error',
              html`<span class="error-text">${this.t('load-error')} ${errorText(this.t.bind(this), state.loadError)}</span>
                <button type="button" class="btn" @click=${() => void list.retry()}>${this.t('retry')}</button>`,
            )
          : html`<ul part="list" class="list" role="list" aria-labelledby="title" @keydown=${this.#onListKeydown}>
                ${items.map((item) => this.#renderItem(list, item, state))}
              </ul>
              <p id="hint" class="visually-hidden">${this.t('hint')}</p>
              ${state.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}`}
    </div>`;
  }

  #renderSync(show: SyncNotice[]): TemplateResult {
    return renderSyncNotice(this.t.bind(this), this.language, this.#sync.value?.$state.get(), { show, offlineText: this.t('offline') });
  }

  #renderFeedback(feedback: SegmentListFeedback | null): TemplateResult | typeof nothing {
    if (!feedback) return nothing;
    // The other feedback kinds are the string keys: created, renamed, deleted, restored.
    const words = SegmentFieldsView.isFieldFeedback(feedback) ? this.#fields.feedbackText(feedback) : this.t(feedback.kind, { name: feedback.name });
    const text = html`<span>${words}</span>`;
    if (!('undoable' in feedback) || !feedback.undoable) return text;
    return html`${text} <button type="button" part="undo-button" class="btn" @click=${this.#undo}>${this.t('undo')}</button>`;
  }

  #renderFailure(failure: SegmentListFailure | null): TemplateResult | typeof nothing {
    if (!failure) return nothing;
    const text = this.t(FAILURE_KEYS[failure.action], { name: failure.name, label: failure.label ?? '', message: errorText(this.t.bind(this), failure.error) });
    return html`<span class="message">${text}</span>
      <button type="button" part="dismiss-button" class="btn quiet" @click=${() => this.#list.value?.dismissError()}>${this.t('dismiss')}</button>`;
  }

  /** A segment-name input (create form, rename field), checked as it is typed; its message is `#nameError`. */
  #nameInput(id: string, part: string, form: { name: string; error: SegkitError | null }, edit: (name: string) => void): TemplateResult {
    return html`<input
      id=${id}
      part=${part}
      class="input"
      autocomplete="off"
      .value=${live(form.name)}
      aria-invalid=${form.error ? 'true' : 'false'}
      aria-describedby="${id}-error"
      @input=${(e: Event) => edit((e.target as HTMLInputElement).value)}
    />`;
  }

  #nameError(id: string, form: { error: SegkitError | null }): TemplateResult {
    return html`<span id="${id}-error" part="field-error" class="field-error error-text">${form.error ? errorText(this.t.bind(this), form.error) : ''}</span>`;
  }

  #renderCreate(list: SegmentListConnector, form: SegmentCreateForm): TemplateResult {
    return html`<form id="create-form" part="create-form" class="create" aria-label=${this.t('create')} novalidate
      @submit=${this.#submitCreate}
      @keydown=${this.#onEscape(this.#cancelCreate)}
    >
      <div class="field">
        <label for="create-name">${this.t('name')}</label>
        ${this.#nameInput('create-name', 'input', form, (name) => list.editCreate({ name }))} ${this.#nameError('create-name', form)}
      </div>
      <div class="field">
        <label for="create-description">${this.t('description')}</label>
        <input
          id="create-description"
          part="input"
          class="input"
          autocomplete="off"
          .value=${live(form.description)}
          @input=${(e: Event) => list.editCreate({ description: (e.target as HTMLInputElement).value })}
        />
      </div>
      <fieldset part="colors" class="colors">
        <legend>${this.t('color')}</legend>
        ${SEGMENT_COLORS.map(
          (option) => html`<label class="swatch-option" title=${this.t(option.key)}>
            <input
              type="radio"
              name="color"
              value=${option.value}
              aria-label=${this.t(option.key)}
              .checked=${form.color === option.value}
              @change=${() => list.editCreate({ color: option.value })}
            />
            <span part="swatch" class="dot" ${cssProps(option.value ? { '--_dot': option.value } : {})}></span>
          </label>`,
        )}
      </fieldset>
      <div class="row-actions">
        <button type="submit" part="save-button" class="btn primary">${this.t('create')}</button>
        <button type="button" part="cancel-button" class="btn" @click=${this.#cancelCreate}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderRename(list: SegmentListConnector, form: SegmentRenameForm, name: string): TemplateResult {
    return html`<form class="inline-form" @submit=${this.#submitRename} @keydown=${this.#onEscape(() => this.#cancelRename(form.id), true)}>
      <label class="visually-hidden" for="rename-input">${this.t('rename.label', { name })}</label>
      ${this.#nameInput('rename-input', 'rename-input', form, (name) => list.editRename(name))}
      <button type="submit" part="save-button" class="btn primary">${this.t('save')}</button>
      <button type="button" part="cancel-button" class="btn" @click=${() => this.#cancelRename(form.id)}>${this.t('cancel')}</button>
      ${this.#nameError('rename-input', form)}
    </form>`;
  }

  #renderConfirm(item: SegmentListItem, name: string): TemplateResult {
    const id = item.segment.id;
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question" @keydown=${this.#onEscape(() => this.#cancelDelete(id))}>
      <span id="confirm-question" class="question">${this.t('delete.confirm', { name, count: item.segment.memberCount })}</span>
      <button type="button" part="confirm-button" class="btn primary" @click=${() => this.#confirmDelete(id)}>${this.t('delete')}</button>
      <button type="button" part="cancel-button" class="btn" @click=${() => this.#cancelDelete(id)}>${this.t('cancel')}</button>
    </div>`;
  }

  #renderItem(list: SegmentListConnector, item: SegmentListItem, state: SegmentListState): TemplateResult {
    const { rename, confirming } = state;
    const { segment, current, editable } = item;
    const name = segmentName(this.t.bind(this), segment);
    let body: TemplateResult;
    if (rename?.id === segment.id) body = this.#renderRename(list, rename, name);
    else if (confirming === segment.id) body = this.#renderConfirm(item, name);
    else {
      const tabindex = segment.id === this.#active ? '0' : '-1';
      const color = safeColor(segment.color);
      const descriptionId = segment.description ? `desc-${segment.id}` : '';
      body = html`<button
          type="button"
          part="open"
          class="open"
          tabindex=${tabindex}
          aria-current=${current ? 'true' : nothing}
          aria-describedby=${descriptionId ? `${descriptionId} hint` : 'hint'}
          @click=${() => this.#open(segment.id)}
          @focus=${() => this.#activate(segment.id)}
        >
          <svg part="color" class="icon" viewBox="0 0 24 24" aria-hidden="true" ${cssProps(color ? { '--_icon': color } : {})}>
            ${svg`<path fill="currentColor" d="M3 6.5A2.5 2.5 0 0 1 5.5 4h4.17a2 2 0 0 1 1.42.59L12.5 6h6A2.5 2.5 0 0 1 21 8.5v9a2.5 2.5 0 0 1-2.5 2.5h-13A2.5 2.5 0 0 1 3 17.5z"/>`}
          </svg>
          <span class="text">
            <span part="name" class="name">${name}</span>
            ${segment.description
              ? html`<span part="description" class="description muted" id=${descriptionId} aria-hidden="true">${segment.description}</span>`
              : nothing}
          </span>
          ${segment.pending ? html`<span part="pending" class="pending muted">${this.t('pending')}</span>` : nothing}
          <span part="count" class="count muted">${this.t('members', { count: segment.memberCount })}</span>
        </button>
        ${editable
          ? html`<span class="actions">
              <button type="button" part="rename-button" class="btn quiet" tabindex=${tabindex} aria-label=${this.t('rename-segment', { name })}
                @click=${() => this.#startRename(segment.id)}>${this.t('rename')}</button>
              <button type="button" part="delete-button" class="btn quiet danger" tabindex=${tabindex} aria-label=${this.t('delete-segment', { name })}
                @click=${() => this.#askDelete(segment.id)}>${this.t('delete')}</button>
            </span>`
          : nothing}
        ${this.#fields.render(item, name, tabindex, state.fieldEdit)}`;
    }
    return html`<li part="item" class="item" data-id=${segment.id} ?data-pending=${segment.pending} ?data-current=${current}>${body}</li>`;
  }
}
