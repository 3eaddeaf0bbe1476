import type { SegmentStore, SegmentView } from '@segkit/core';
import { css, html, nothing, svg } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { cssProps } from '../internal/css-props.js';
import { SegkitSegmentOpenEvent } from '../events/segment-open.js';
import { SegkitElement } from '../internal/segkit-element.js';
import type { LocaleTable } from '../internal/strings.js';
import { controls, tokens } from '../internal/theme.js';
import { isUnassigned, safeColor, segmentName } from '../internal/segments.js';
import { stateSlot, stateStyles } from '../internal/status.js';
import { errorText } from '../internal/strings.js';
import { ruleStyles } from '../rules/rule-rows.js';
import { SegmentListModel } from './list-model.js';

/** The colours offered when creating a segment: value and string key of its name. */
export const SEGMENT_PALETTE: ReadonlyArray<{ value: string; key: string }> = [
  { value: '#4f46e5', key: 'colorIndigo' },
  { value: '#7c3aed', key: 'colorViolet' },
  { value: '#db2777', key: 'colorPink' },
  { value: '#dc2626', key: 'colorRed' },
  { value: '#ea580c', key: 'colorOrange' },
  { value: '#16a34a', key: 'colorGreen' },
  { value: '#0d9488', key: 'colorTeal' },
  { value: '#2563eb', key: 'colorBlue' },
];

type FocusTarget = { kind: 'open' | 'rename' | 'confirm'; id: string } | { kind: 'create-name' | 'create-button' | 'undo' };

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
 * delete is the store's last action. A write the backend refuses is rolled
 * back by the store; the list reopens the form or field with the store's message.
 *
 * Keyboard: a list with one tab stop (roving focus). Up / Down / Home / End
 * move between segments, Enter opens, F2 renames, Delete asks to delete; Tab
 * reaches the focused segment's "Rename" and "Delete" buttons.
 *
 * The behaviour lives in `SegmentListModel` (list-model.ts) for hosts drawing their own UI.
 *
 * @slot loading - Shown while the segments load.
 * @slot error - Shown when the segments could not be loaded (default: the store's message and "Retry").
 * @slot empty - Shown when there is no segment besides Unassigned.
 * @slot offline - Shown while the store is offline (writes wait and replay).
 *
 * @csspart base - The root wrapper.
 * @csspart header - The title row.
 * @csspart title - The "Segments" heading.
 * @csspart create-button - "Create segment".
 * @csspart create-form - The inline create form.
 * @csspart input - A text input of the create form.
 * @csspart field-error - The message under an invalid name.
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
 * @csspart confirm - The delete confirmation.
 * @csspart confirm-button - "Delete" in the confirmation.
 * @csspart result - The status region ("Deleted VIPs").
 * @csspart undo-button - "Undo".
 * @csspart error - A refused write (the store's message), or the load error state.
 * @csspart dismiss-button - Closes the error message.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart offline - The offline notice.
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
 */
export class SegkitSegmentList extends SegkitElement {
  static override properties = {
    ...SegkitElement.properties,
    loading: { type: Boolean, reflect: true },
    empty: { type: Boolean, reflect: true },
    error: { type: Boolean, reflect: true },
    offline: { type: Boolean, reflect: true },
  };

  static override locales: LocaleTable = {
    en: {
      title: 'Segments',
      create: 'Create segment',
      name: 'Name',
      description: 'Description (optional)',
      color: 'Colour',
      noColor: 'No colour',
      colorIndigo: 'Indigo',
      colorViolet: 'Violet',
      colorPink: 'Pink',
      colorRed: 'Red',
      colorOrange: 'Orange',
      colorGreen: 'Green',
      colorTeal: 'Teal',
      colorBlue: 'Blue',
      cancel: 'Cancel',
      save: 'Save',
      rename: 'Rename',
      renameSegment: 'Rename {name}',
      renameLabel: 'New name for {name}',
      delete: 'Delete',
      deleteSegment: 'Delete {name}',
      confirmDelete_one: 'Delete “{name}”? Its {count} member is kept; only the segment goes away.',
      confirmDelete_other: 'Delete “{name}”? Its {count} members are kept; only the segment goes away.',
      created: 'Created {name}',
      renamed: 'Renamed to {name}',
      deleted: 'Deleted {name}',
      restored: 'Restored {name}',
      undo: 'Undo',
      dismiss: 'Dismiss',
      failedCreate: 'Could not create “{name}”: {message}',
      failedRename: 'Could not rename “{name}”: {message}',
      failedDelete: 'Could not delete “{name}”: {message}',
      failedUndo: 'Could not restore “{name}”: {message}',
      pending: 'Saving…',
      loading: 'Loading segments…',
      loadError: 'Segments could not be loaded.',
      empty: 'No segments yet. Create one to group members.',
      offline: 'You are offline. Changes are saved when you reconnect.',
      hint: 'Arrow keys move between segments. Enter opens one, F2 renames it, Delete deletes it.',
    },
    es: {
      title: 'Segmentos',
      create: 'Crear segmento',
      name: 'Nombre',
      description: 'Descripción (opcional)',
      color: 'Color',
      noColor: 'Sin color',
      colorIndigo: 'Índigo',
      colorViolet: 'Violeta',
      colorPink: 'Rosa',
      colorRed: 'Rojo',
      colorOrange: 'Naranja',
      colorGreen: 'Verde',
      colorTeal: 'Verde azulado',
      colorBlue: 'Azul',
      cancel: 'Cancelar',
      save: 'Guardar',
      rename: 'Renombrar',
      renameSegment: 'Renombrar {name}',
      renameLabel: 'Nuevo nombre para {name}',
      delete: 'Eliminar',
      deleteSegment: 'Eliminar {name}',
      confirmDelete_one: '¿Eliminar «{name}»? Su {count} miembro se conserva; solo se quita el segmento.',
      confirmDelete_other: '¿Eliminar «{name}»? Sus {count} miembros se conservan; solo se quita el segmento.',
      created: 'Se creó {name}',
      renamed: 'Renombrado a {name}',
      deleted: 'Se eliminó {name}',
      restored: 'Se restauró {name}',
      undo: 'Deshacer',
      dismiss: 'Cerrar',
      failedCreate: 'No se pudo crear «{name}»: {message}',
      failedRename: 'No se pudo renombrar «{name}»: {message}',
      failedDelete: 'No se pudo eliminar «{name}»: {message}',
      failedUndo: 'No se pudo restaurar «{name}»: {message}',
      pending: 'Guardando…',
      loading: 'Cargando segmentos…',
      loadError: 'No se pudieron cargar los segmentos.',
      empty: 'Aún no hay segmentos. Crea uno para agrupar miembros.',
      offline: 'Sin conexión. Los cambios se guardan al reconectar.',
      hint: 'Las flechas mueven entre segmentos. Intro abre uno, F2 lo renombra y Supr lo elimina.',
    },
  };

  static override styles = [
    tokens,
    controls,
    ruleStyles,
    stateStyles,
    css`
      :host {
        display: block;
      }
      .root {
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        background: var(--segkit-segment-list-background, var(--_bg));
      }
      .header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--_space);
      }
      .title {
        margin: 0;
        font-size: 1.1em;
        font-weight: 600;
      }
      .create {
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        padding: calc(var(--_space) * 1.5);
        border: 1px solid var(--segkit-segment-list-border-color, var(--_border));
        border-radius: var(--segkit-segment-list-radius, var(--_radius));
        background: var(--_surface);
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .field-error:empty {
        display: none;
      }
      .colors {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .colors legend {
        margin-block-end: 4px;
        inline-size: 100%;
      }
      .swatch-option {
        position: relative;
        display: inline-flex;
        cursor: pointer;
      }
      .swatch-option input {
        position: absolute;
        inset: 0;
        margin: 0;
        opacity: 0;
        cursor: pointer;
      }
      .dot {
        display: inline-block;
        inline-size: 24px;
        block-size: 24px;
        border-radius: 50%;
        border: 2px solid var(--_bg);
        box-shadow: 0 0 0 1px var(--_border);
        background: var(--_dot, repeating-linear-gradient(45deg, var(--_bg) 0 4px, var(--_border) 4px 6px));
      }
      .swatch-option input:checked + .dot {
        box-shadow: 0 0 0 2px var(--_text);
      }
      .swatch-option input:focus-visible + .dot {
        outline: 2px solid var(--_focus);
        outline-offset: 2px;
      }
      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
      }
      ul.list {
        list-style: none;
        margin: 0;
        padding: 0;
        background: var(--segkit-segment-list-background, var(--_bg));
        border: 1px solid var(--segkit-segment-list-border-color, var(--_border));
        border-radius: var(--segkit-segment-list-radius, var(--_radius));
        overflow: hidden;
      }
      .item {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        padding: var(--segkit-segment-list-item-padding, var(--_space));
        border-block-start: 1px solid var(--segkit-segment-list-border-color, var(--_border));
      }
      .item:first-child {
        border-block-start: 0;
      }
      .item:hover {
        background: var(--segkit-segment-list-hover-background, var(--_surface));
      }
      .item[data-current] {
        background: var(--segkit-segment-list-current-background, var(--_selected));
      }
      .open {
        flex: 1 1 12em;
        min-inline-size: 0;
        display: flex;
        align-items: center;
        gap: var(--_space);
        margin: 0;
        padding: 4px;
        border: 0;
        border-radius: calc(var(--_radius) - 2px);
        background: transparent;
        color: inherit;
        text-align: start;
        cursor: pointer;
      }
      .icon {
        flex: none;
        inline-size: var(--segkit-segment-list-icon-size, 20px);
        block-size: var(--segkit-segment-list-icon-size, 20px);
        color: var(--_icon, var(--segkit-segment-list-icon-color, var(--_muted)));
      }
      .text {
        flex: 1 1 auto;
        min-inline-size: 0;
        display: flex;
        flex-direction: column;
      }
      .item .name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .item .description {
        font-size: 0.9em;
        overflow-wrap: anywhere;
      }
      .item .count {
        flex: none;
        font-variant-numeric: tabular-nums;
      }
      .pending {
        font-size: 0.85em;
        font-style: italic;
      }
      .item[data-pending] .name {
        opacity: 0.75;
      }
      .actions {
        display: inline-flex;
        gap: 4px;
      }
      .inline-form {
        flex: 1 1 100%;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      .inline-form .input {
        flex: 1 1 12em;
        inline-size: auto;
      }
      .inline-form .field-error {
        flex: 1 1 100%;
      }
      .confirm {
        flex: 1 1 100%;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      .confirm .question {
        flex: 1 1 14em;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      .bar:empty {
        display: none;
      }
      .result:not(:empty) {
        padding: 4px var(--_space);
        border-radius: calc(var(--_radius) - 2px);
        background: var(--_surface);
      }
      .failure:not(:empty) {
        padding: 4px var(--_space);
        border-radius: calc(var(--_radius) - 2px);
        border: 1px solid var(--_danger);
        color: var(--_danger);
      }
      .failure .message {
        flex: 1 1 auto;
      }
      .offline {
        padding: 0;
        color: var(--_muted);
        font-size: 0.9em;
      }
    `,
  ];

  /** Reflected: the segments are loading. */
  declare loading: boolean;
  /** Reflected: there is no segment besides Unassigned. */
  declare empty: boolean;
  /** Reflected: the segments could not be loaded. */
  declare error: boolean;
  /** Reflected: the store is offline (writes wait and replay). */
  declare offline: boolean;

  /** The headless behaviour this element renders. */
  readonly model = new SegmentListModel(
    () => this.activeStore,
    () => this.requestUpdate(),
  );

  #active: string | null = null;
  #focus: FocusTarget | null = null;

  constructor() {
    super();
    this.loading = false;
    this.empty = false;
    this.error = false;
    this.offline = false;
  }

  protected override watch(store: SegmentStore) {
    return [store.$segments, store.$status, store.$query, store.$lastAction];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const store = this.activeStore;
    const status = store?.$status.get();
    this.loading = Boolean(store && status && !status.ready && !status.error);
    this.error = Boolean(status && !status.ready && status.error);
    this.offline = Boolean(status?.offline);
    this.empty = Boolean(status?.ready && store!.$segments.get().every(isUnassigned));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const target = this.#focus;
    if (!target) return;
    const root = this.renderRoot;
    let el: HTMLElement | null = null;
    if (target.kind === 'open') el = root.querySelector(`[data-id="${CSS.escape(target.id)}"] .open`);
    else if (target.kind === 'rename') el = root.querySelector('#rename-input');
    else if (target.kind === 'confirm') el = root.querySelector('.confirm [part~="cancel-button"]');
    else if (target.kind === 'create-name') el = root.querySelector('#create-name');
    else if (target.kind === 'create-button') el = root.querySelector('[part~="create-button"]');
    else if (target.kind === 'undo') el = root.querySelector('[part~="undo-button"]');
    if (!el) {
      // A row that is not there yet (a segment restored by "Undo" appears once
      // the store replays it): try again on a later render, unless focus moved on.
      if (target.kind !== 'open') this.#focus = null;
      return;
    }
    this.#focus = null;
    const current = document.activeElement;
    const focusHere = this.matches(':focus-within') || current === null || current === document.body;
    if (target.kind === 'open' && !focusHere) return;
    el.focus();
    if (target.kind === 'rename') (el as HTMLInputElement).select();
  }

  #focusNext(target: FocusTarget): void {
    this.#focus = target;
    if (target.kind === 'open') this.#active = target.id;
    this.requestUpdate();
  }

  // ---- actions (also for keyboard) --------------------------------------------
  #open(segment: SegmentView): void {
    const opened = this.model.open(segment.id);
    this.#active = segment.id;
    if (opened) this.dispatchEvent(new SegkitSegmentOpenEvent({ segment: opened }));
  }

  #startCreate = (): void => {
    this.model.startCreate();
    this.#focusNext({ kind: 'create-name' });
  };

  #cancelCreate = (): void => {
    this.model.cancelCreate();
    this.#focusNext({ kind: 'create-button' });
  };

  #submitCreate = (event: Event): void => {
    event.preventDefault();
    const id = this.model.submitCreate();
    if (id) this.#focusNext({ kind: 'open', id });
    else this.#focusNext({ kind: 'create-name' });
  };

  #startRename(id: string): void {
    this.model.startRename(id);
    if (this.model.renaming) this.#focusNext({ kind: 'rename', id });
  }

  #submitRename = (event: Event): void => {
    event.preventDefault();
    const id = this.model.renaming?.id;
    if (!id) return;
    if (this.model.submitRename()) this.#focusNext({ kind: 'open', id });
    else this.#focusNext({ kind: 'rename', id });
  };

  #cancelRename(id: string): void {
    this.model.cancelRename();
    this.#focusNext({ kind: 'open', id });
  }

  #askDelete(id: string): void {
    this.model.askDelete(id);
    if (this.model.confirming === id) this.#focusNext({ kind: 'confirm', id });
  }

  #cancelDelete(id: string): void {
    this.model.cancelDelete();
    this.#focusNext({ kind: 'open', id });
  }

  #confirmDelete(id: string): void {
    const ids = this.#segments().map((s) => s.id);
    const index = ids.indexOf(id);
    const neighbour = ids[index + 1] ?? ids[index - 1];
    this.model.confirmDelete();
    if (neighbour) this.#focusNext({ kind: 'open', id: neighbour });
  }

  #undo = (): void => {
    const id = this.model.undo();
    if (id) this.#focusNext({ kind: 'open', id });
  };

  #activate(id: string): void {
    if (this.#active === id) return;
    this.#active = id;
    this.requestUpdate();
  }

  #segments(): SegmentView[] {
    return this.activeStore?.$segments.get() ?? [];
  }

  #onListKeydown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0] as HTMLElement;
    if (!target.classList?.contains('open')) return;
    const id = target.closest<HTMLElement>('[data-id]')?.dataset.id;
    if (!id) return;
    const ids = this.#segments().map((s) => s.id);
    const index = ids.indexOf(id);
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = ids[Math.min(ids.length - 1, index + 1)];
        break;
      case 'ArrowUp':
        next = ids[Math.max(0, index - 1)];
        break;
      case 'Home':
        next = ids[0];
        break;
      case 'End':
        next = ids[ids.length - 1];
        break;
      case 'F2':
        event.preventDefault();
        this.#startRename(id);
        return;
      case 'Delete':
        event.preventDefault();
        this.#askDelete(id);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.#focusNext({ kind: 'open', id: next });
  };

  // ---- rendering ---------------------------------------------------------------
  protected override render() {
    const store = this.activeStore;
    const t = this.t.bind(this);
    const status = store?.$status.get();
    const segments = this.#segments();
    if (this.#active === null || !segments.some((s) => s.id === this.#active)) this.#active = segments[0]?.id ?? null;
    const creating = this.model.creating;
    return html`<div part="base" class="root">
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">${this.t('title')}</h2>
        ${creating
          ? nothing
          : html`<button type="button" part="create-button" class="btn primary" ?disabled=${!status?.ready} @click=${this.#startCreate}>
              ${this.t('create')}
            </button>`}
      </div>
      ${creating ? this.#renderCreate() : nothing}
      <div part="result" class="bar result" role="status" aria-live="polite">${this.#renderFeedback()}</div>
      <div part="error" class="bar failure" role="alert">${this.#renderFailure()}</div>
      ${this.offline ? stateSlot('offline', this.t('offline')) : nothing}
      ${!store || this.loading
        ? stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`)
        : this.error && status?.error
          ? stateSlot(
              'error',
              html`<span class="error-text">${this.t('loadError')} ${errorText(t, status.error)}</span>
                <button type="button" class="btn" @click=${() => void store.refresh()}>${this.t('retry')}</button>`,
            )
          : html`<ul part="list" class="list" role="list" aria-labelledby="title" @keydown=${this.#onListKeydown}>
                ${segments.map((segment) => this.#renderItem(segment, store))}
              </ul>
              <p id="hint" class="visually-hidden">${this.t('hint')}</p>
              ${this.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}`}
    </div>`;
  }

  #renderFeedback(): TemplateResult | typeof nothing {
    const undoable = this.model.undoable;
    if (undoable) {
      return html`<span>${this.t('deleted', { name: undoable.name })}</span>
        <button type="button" part="undo-button" class="btn" @click=${this.#undo}>${this.t('undo')}</button>`;
    }
    const feedback = this.model.feedback;
    if (!feedback) return nothing;
    const name = feedback.name;
    const text =
      feedback.kind === 'created'
        ? this.t('created', { name })
        : feedback.kind === 'renamed'
          ? this.t('renamed', { name })
          : feedback.kind === 'restored'
            ? this.t('restored', { name })
            : this.t('deleted', { name });
    return html`<span>${text}</span>`;
  }

  #renderFailure(): TemplateResult | typeof nothing {
    const failure = this.model.error;
    if (!failure) return nothing;
    const params = { name: failure.name, message: errorText(this.t.bind(this), failure.error) };
    const text =
      failure.action === 'create'
        ? this.t('failedCreate', params)
        : failure.action === 'rename'
          ? this.t('failedRename', params)
          : failure.action === 'delete'
            ? this.t('failedDelete', params)
            : this.t('failedUndo', params);
    return html`<span class="message">${text}</span>
      <button type="button" part="dismiss-button" class="btn quiet" @click=${() => this.model.dismissError()}>${this.t('dismiss')}</button>`;
  }

  #renderCreate(): TemplateResult {
    const form = this.model.creating!;
    const invalid = form.error !== null;
    return html`<form id="create-form" part="create-form" class="create" aria-label=${this.t('create')} novalidate
      @submit=${this.#submitCreate}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          this.#cancelCreate();
        }
      }}
    >
      <div class="field">
        <label for="create-name">${this.t('name')}</label>
        <input
          id="create-name"
          part="input"
          class="input"
          autocomplete="off"
          .value=${live(form.name)}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="create-name-error"
          @input=${(e: Event) => this.model.editCreate({ name: (e.target as HTMLInputElement).value })}
        />
        <span id="create-name-error" part="field-error" class="field-error error-text">${form.error ? errorText(this.t.bind(this), form.error) : ''}</span>
      </div>
      <div class="field">
        <label for="create-description">${this.t('description')}</label>
        <input
          id="create-description"
          part="input"
          class="input"
          autocomplete="off"
          .value=${live(form.description)}
          @input=${(e: Event) => this.model.editCreate({ description: (e.target as HTMLInputElement).value })}
        />
      </div>
      <fieldset part="colors" class="colors">
        <legend>${this.t('color')}</legend>
        ${[{ value: '', key: 'noColor' }, ...SEGMENT_PALETTE].map(
          (option) => html`<label class="swatch-option" title=${this.t(option.key)}>
            <input
              type="radio"
              name="color"
              value=${option.value}
              aria-label=${this.t(option.key)}
              .checked=${form.color === option.value}
              @change=${() => this.model.editCreate({ color: option.value })}
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

  #renderItem(segment: SegmentView, store: SegmentStore): TemplateResult {
    const t = this.t.bind(this);
    const name = segmentName(t, segment);
    const query = store.$query.get();
    const current = query.include.length === 1 && query.include[0] === segment.id && query.exclude.length === 0 && !query.search.trim();
    const tabindex = segment.id === this.#active ? '0' : '-1';
    const renaming = this.model.renaming?.id === segment.id ? this.model.renaming : null;
    const confirming = this.model.confirming === segment.id;
    const editable = this.model.editable(segment);
    const color = safeColor(segment.color);
    const descriptionId = segment.description ? `desc-${segment.id}` : '';

    let body: TemplateResult;
    if (renaming) {
      body = html`<form class="inline-form" @submit=${this.#submitRename}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            this.#cancelRename(segment.id);
          }
        }}
      >
        <label class="visually-hidden" for="rename-input">${this.t('renameLabel', { name })}</label>
        <input
          id="rename-input"
          part="rename-input"
          class="input"
          autocomplete="off"
          .value=${live(renaming.name)}
          aria-invalid=${renaming.error ? 'true' : 'false'}
          aria-describedby="rename-error"
          @input=${(e: Event) => this.model.editRename((e.target as HTMLInputElement).value)}
        />
        <button type="submit" part="save-button" class="btn primary">${this.t('save')}</button>
        <button type="button" part="cancel-button" class="btn" @click=${() => this.#cancelRename(segment.id)}>${this.t('cancel')}</button>
        <span id="rename-error" part="field-error" class="field-error error-text">${renaming.error ? errorText(t, renaming.error) : ''}</span>
      </form>`;
    } else if (confirming) {
      body = html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            this.#cancelDelete(segment.id);
          }
        }}
      >
        <span id="confirm-question" class="question">${this.t('confirmDelete', { name, count: segment.memberCount })}</span>
        <button type="button" part="confirm-button" class="btn primary" @click=${() => this.#confirmDelete(segment.id)}>${this.t('delete')}</button>
        <button type="button" part="cancel-button" class="btn" @click=${() => this.#cancelDelete(segment.id)}>${this.t('cancel')}</button>
      </div>`;
    } else {
      body = html`<button
          type="button"
          part="open"
          class="open"
          tabindex=${tabindex}
          aria-current=${current ? 'true' : nothing}
          aria-describedby=${descriptionId ? `${descriptionId} hint` : 'hint'}
          @click=${() => this.#open(segment)}
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
              <button type="button" part="rename-button" class="btn quiet" tabindex=${tabindex} aria-label=${this.t('renameSegment', { name })}
                @click=${() => this.#startRename(segment.id)}>${this.t('rename')}</button>
              <button type="button" part="delete-button" class="btn quiet danger" tabindex=${tabindex} aria-label=${this.t('deleteSegment', { name })}
                @click=${() => this.#askDelete(segment.id)}>${this.t('delete')}</button>
            </span>`
          : nothing}`;
    }
    return html`<li part="item" class="item" data-id=${segment.id} ?data-pending=${segment.pending} ?data-current=${current}>${body}</li>`;
  }
}
