/**
 * The segment list's host-declared fields, rendered: a detail line under a
 * segment's name ("Discount code VIP20 · Edit"), the inline editor in its
 * place (an input of the field's kind, checked as it is typed; Enter or Save
 * saves, Escape cancels and gives focus back to "Edit"), and the result
 * line's words. `segkit-segment-list` holds one and calls it; the logic is
 * the connector's (`startFieldEdit`, `editField`, `submitField`).
 */
import type { SegkitError, SegmentField } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { byDataId } from '../internal/data-id.js';
import type { FocusController } from '../internal/focus.js';
import { fieldValueText } from '../internal/segment-fields.js';
import { errorText } from '../internal/strings.js';
import type { Translate } from '../internal/strings.js';
import type { SegmentFieldForm, SegmentFieldItem, SegmentListConnector, SegmentListFeedback, SegmentListItem } from './segment-list.connector.js';

/** What the view needs from the element. */
export interface SegmentFieldsHost {
  t: Translate;
  language(): string;
  list(): SegmentListConnector | undefined;
  focus: FocusController;
  root(): ParentNode | null;
}

type FieldFeedback = Extract<SegmentListFeedback, { kind: 'field-set' | 'field-restored' }>;

export class SegmentFieldsView {
  constructor(private readonly host: SegmentFieldsHost) {}

  /** True for the feedback kinds this view words. */
  static isFieldFeedback(feedback: SegmentListFeedback): feedback is FieldFeedback {
    return feedback.kind === 'field-set' || feedback.kind === 'field-restored';
  }

  /** "Edit" of field `key` on segment `id`. */
  #editButton(id: string, key: string): HTMLElement | null {
    const row = byDataId(this.host.root(), id);
    const line = [...(row?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].find((el) => el.dataset.field === key);
    return line?.querySelector<HTMLElement>('.field-edit') ?? null;
  }

  /** Moves focus to "Edit" of field `key` on segment `id` after the next render. */
  focusEdit(id: string, key: string): void {
    this.host.focus.focusAfterUpdate(() => this.#editButton(id, key));
  }

  #start(id: string, key: string): void {
    const list = this.host.list();
    list?.startFieldEdit(id, key);
    const form = list?.$state.get().fieldEdit;
    if (form?.id !== id || form.key !== key) return;
    this.host.focus.focusAfterUpdate(() => {
      const input = this.host.root()?.querySelector<HTMLInputElement>('#field-input');
      if (input?.type === 'text') input.select();
      return input ?? null;
    });
  }

  #submit = (event: Event): void => {
    event.preventDefault();
    const list = this.host.list();
    const form = list?.$state.get().fieldEdit;
    if (!list || !form) return;
    if (list.submitField()) this.focusEdit(form.id, form.key);
    else this.host.focus.focusAfterUpdate('#field-input');
  };

  #cancel(id: string, key: string): void {
    this.host.list()?.cancelFieldEdit();
    this.focusEdit(id, key);
  }

  #onKeydown(form: SegmentFieldForm) {
    return (event: KeyboardEvent): void => {
      const target = event.composedPath()[0] as HTMLElement;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.#cancel(form.id, form.key);
      } else if (event.key === 'Enter' && (target.localName === 'select' || (target as HTMLInputElement).type === 'checkbox')) {
        // A select or a checkbox does not submit its form on Enter by itself.
        event.preventDefault();
        (event.currentTarget as HTMLFormElement).requestSubmit();
      }
    };
  }

  /** The value as shown, or null when missing. */
  #text(field: SegmentField, value: SegmentFieldItem['value']): string | null {
    const { t } = this.host;
    return fieldValueText(field, value, this.host.language(), { yes: t('field.yes'), no: t('field.no') });
  }

  /** The field's own message for a value it refuses; a backend's refusal in the page's language. */
  #errorText(field: SegmentField, error: SegkitError | null): string {
    if (!error) return '';
    const { t } = this.host;
    if (error.code !== 'invalid-input' || error.field !== field.key) return errorText(t, error);
    if (field.message) return field.message;
    const text = t('error.field-invalid', { label: field.label });
    return text === 'error.field-invalid' ? error.message : text;
  }

  /** The result line: "Discount code of VIPs set to VIP30", "… cleared", "… back to VIP20". */
  feedbackText(feedback: FieldFeedback): string {
    const field = this.host.list()?.$state.get().fields.find((f) => f.key === feedback.key);
    const value = field ? this.#text(field, feedback.value) : feedback.value === null ? null : String(feedback.value);
    const params = { label: feedback.label, name: feedback.name };
    if (value === null) return this.host.t('field-cleared', params);
    return this.host.t(feedback.kind, { ...params, value });
  }

  /** The row's detail line (nothing for a segment without fields), with the editor in place of the field being edited. */
  render(item: SegmentListItem, name: string, tabindex: string, edit: SegmentFieldForm | null): TemplateResult | typeof nothing {
    if (!item.fields.length) return nothing;
    const id = item.segment.id;
    return html`<div part="fields" class="fields">
      ${item.fields.map((entry) =>
        edit?.id === id && edit.key === entry.field.key ? this.#editor(entry.field, edit, name) : this.#line(id, entry, name, tabindex),
      )}
    </div>`;
  }

  #line(id: string, { field, value }: SegmentFieldItem, name: string, tabindex: string): TemplateResult {
    const { t } = this.host;
    const text = this.#text(field, value);
    return html`<span part="field" class="field-line" data-field=${field.key}>
      <span part="field-label" class="field-label muted">${field.label}</span>
      ${text === null
        ? html`<span part="field-value field-missing" class="field-value missing muted">${t('field.none')}</span>`
        : html`<span part="field-value" class="field-value">${text}</span>`}
      <button type="button" part="field-edit-button" class="btn quiet field-edit" tabindex=${tabindex}
        aria-label=${t('field.edit-label', { label: field.label, name })} @click=${() => this.#start(id, field.key)}>${t('field.edit')}</button>
    </span>`;
  }

  #control(field: SegmentField, form: SegmentFieldForm): TemplateResult {
    const list = this.host.list();
    const common = { invalid: form.error ? 'true' : 'false' };
    if (field.type === 'boolean') {
      return html`<input id="field-input" part="field-input" type="checkbox" class="check" .checked=${live(form.input === true)}
        aria-invalid=${common.invalid} aria-describedby="field-input-error"
        @change=${(e: Event) => list?.editField((e.target as HTMLInputElement).checked)} />`;
    }
    if (field.type === 'select') {
      return html`<select id="field-input" part="field-input" class="input" aria-invalid=${common.invalid} aria-describedby="field-input-error"
        @change=${(e: Event) => list?.editField((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${form.input === ''}>${this.host.t('field.none')}</option>
        ${(field.options ?? []).map((o) => html`<option value=${o.value} ?selected=${form.input === o.value}>${o.label}</option>`)}
      </select>`;
    }
    const mode = field.type === 'number' ? 'decimal' : field.type === 'url' ? 'url' : nothing;
    return html`<input id="field-input" part="field-input" class="input" type="text" inputmode=${mode} autocomplete="off" spellcheck="false"
      .value=${live(String(form.input))} aria-invalid=${common.invalid} aria-describedby="field-input-error"
      @input=${(e: Event) => list?.editField((e.target as HTMLInputElement).value)} />`;
  }

  #editor(field: SegmentField, form: SegmentFieldForm, name: string): TemplateResult {
    const { t } = this.host;
    return html`<form part="field-form" class="field-form" data-field=${field.key} novalidate @submit=${this.#submit} @keydown=${this.#onKeydown(form)}>
      <label for="field-input" class="field-label">${t('field.input-label', { label: field.label, name })}</label>
      ${this.#control(field, form)}
      <button type="submit" part="save-button" class="btn primary">${t('save')}</button>
      <button type="button" part="cancel-button" class="btn" @click=${() => this.#cancel(form.id, form.key)}>${t('cancel')}</button>
      <span id="field-input-error" part="field-error" class="field-error error-text">${this.#errorText(field, form.error)}</span>
    </form>`;
  }
}
