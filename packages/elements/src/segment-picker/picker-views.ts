/**
 * The pieces `segkit-segment-picker` renders inside its popover and below its
 * button, as functions of the connector's state: the chooser (search box,
 * listbox, footer), a preview or confirm step, the result line and an error.
 * They hold no state; the element passes its strings and its handlers.
 */
import { segmentFieldValue } from '@segkit/core';
import type { MembershipOp, SegkitError, SegmentField, SegmentView } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldValueText } from '../internal/segment-fields.js';
import { listNames, renderSwatch, segmentName } from '../internal/segments.js';
import { stateSlot } from '../internal/status.js';
import { errorText, formatNumber } from '../internal/strings.js';
import type { Translate } from '../internal/strings.js';
import type { PickerOption, PickerOutcome, PickerStep, SegmentPickerState } from './segment-picker.types.js';

/** What every piece needs: the element's strings, its language, and its mode. */
export interface PickerView {
  t: Translate;
  lang: string;
  field: boolean;
  /** The declared segment field shown after each option's name (`option-field`), if any. */
  optionField?: SegmentField | undefined;
}

export interface ChooserHandlers {
  search(text: string): void;
  keydown(event: KeyboardEvent): void;
  activate(index: number): void;
  submit(op: MembershipOp): void;
  /** "Move from …" (while the table shows one segment). */
  move(): void;
  /** Field mode's "Done". */
  done(): void;
  dismiss(): void;
}

/** The id of the option at `index` (for `aria-activedescendant`). */
export const optionId = (index: number): string => `option-${index}`;

const PREVIEW_KEYS = { assign: 'preview.assign', unassign: 'preview.unassign' } as const;
const PENDING_KEYS = {
  assign: 'result.assigning',
  unassign: 'result.unassigning',
  create: 'result.creating',
  move: 'result.moving',
  'create-move': 'result.creating-move',
} as const;
const DONE_KEYS = {
  assign: 'result.assigned',
  unassign: 'result.unassigned',
  create: 'result.created',
  move: 'result.moved',
  'create-move': 'result.created-move',
} as const;
const SKIPPED_KEYS = { assign: 'result.skipped.assign', unassign: 'result.skipped.unassign', move: 'result.skipped.assign' } as const;

/** The search box (a combobox), the name problem, the listbox, the empty state, the last error, the footer. */
export function renderChooser(view: PickerView, state: SegmentPickerState, on: ChooserHandlers): TemplateResult {
  const { t } = view;
  const problem = state.nameProblem;
  const options = state.options;
  const chosen = state.value.length;
  return html`
    <input
      part="search"
      class="input"
      id="search"
      type="text"
      role="combobox"
      autocomplete="off"
      spellcheck="false"
      aria-label=${t('search.label')}
      placeholder=${t('search.placeholder')}
      aria-expanded="true"
      aria-controls="listbox"
      aria-autocomplete="list"
      aria-activedescendant=${state.active >= 0 ? optionId(state.active) : nothing}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${problem ? 'name-error' : nothing}
      .value=${live(state.search)}
      @input=${(event: Event) => on.search((event.target as HTMLInputElement).value)}
      @keydown=${on.keydown}
    />
    ${problem ? html`<div part="name-error" id="name-error" class="error-text">${t(problem.key, { ...problem.params })}</div>` : nothing}
    <div part="listbox" class="listbox" id="listbox" role="listbox" aria-multiselectable="true" aria-label=${t('listbox.label')} ?hidden=${!options.length}>
      ${options.map((option, index) => renderOption(view, option, index, index === state.active, on.activate))}
    </div>
    ${options.length > 0 ? nothing : state.empty ? stateSlot('empty', t('empty')) : html`<div part="empty" class="muted">${t('no-match')}</div>`}
    ${state.error ? renderError(view, state.error, { dismiss: on.dismiss }) : nothing}
    <div part="footer" class=${state.moveFrom && !view.field ? 'footer with-move' : 'footer'}>
      <span part="summary" class="summary muted">${chosen ? t('chosen', { count: chosen }) : t('chosen.none')}</span>
      ${view.field
        ? html`<button part="done-button" class="btn" type="button" @click=${on.done}>${t('field.done')}</button>`
        : html`<button part="remove-button" class="btn" type="button" ?disabled=${!chosen} @click=${() => on.submit('unassign')}>
              ${t('remove')}
            </button>
            ${state.moveFrom
              ? html`<button part="move-button" class="btn" type="button" ?disabled=${!state.canMove} @click=${on.move}>
                  ${t('move', { from: segmentName(t, state.moveFrom) })}
                </button>`
              : nothing}
            <button part="add-button" class="btn primary" type="button" ?disabled=${!chosen} @click=${() => on.submit('assign')}>${t('add')}</button>`}
    </div>
  `;
}

function renderOption(view: PickerView, option: PickerOption, index: number, active: boolean, activate: (index: number) => void): TemplateResult {
  const { t } = view;
  const create = option.kind !== 'segment';
  const selected = !create && option.selected;
  const part = option.kind === 'segment' ? 'option' : option.kind === 'create' ? 'create-option' : 'create-move-option';
  const parts = [part, active ? 'option-active' : '', selected ? 'option-selected' : ''];
  // Pointer presses must not take focus from the search box (the combobox keeps it).
  return html`<div
    part=${parts.filter(Boolean).join(' ')}
    class=${['option', create ? 'create' : '', active ? 'active' : ''].filter(Boolean).join(' ')}
    id=${optionId(index)}
    role="option"
    aria-selected=${selected ? 'true' : 'false'}
    @pointerdown=${(e: Event) => e.preventDefault()}
    @mousedown=${(e: Event) => e.preventDefault()}
    @click=${() => activate(index)}
  >
    ${option.kind !== 'segment'
      ? html`<span class="check dashed" aria-hidden="true"></span>
          <span class="name"
            >${t(option.kind === 'create-move' ? 'create-move.option' : view.field ? 'field.create.option' : 'create.option', { name: option.name })}</span
          >`
      : html`<span class="check" aria-hidden="true"></span>
          ${renderSwatch(option.segment, 'option-dot')}
          <span class="name">${segmentName(t, option.segment)}${renderOptionField(view, option.segment)}</span>
          <span part="option-count" class="count">${formatNumber(option.segment.memberCount, view.lang)}</span>`}
  </div>`;
}

/** " · VIP20" after an option's name: the `option-field` value (a true boolean reads as the field's label), or nothing. */
function renderOptionField(view: PickerView, segment: SegmentView): TemplateResult | typeof nothing {
  const field = view.optionField;
  const text = field ? fieldValueText(field, segmentFieldValue(segment, field.key), view.lang, { yes: field.label, no: '' }) : null;
  return text === null ? nothing : html`<span part="option-field" class="option-field"> · ${text}</span>`;
}

/** A preview loading, the preview per segment, or "Create segment “X” and add N members?", with Back / Confirm. */
export function renderStep(view: PickerView, step: Exclude<PickerStep, { kind: 'idle' }>, on: { back(): void; confirm(): void }): TemplateResult {
  const { t } = view;
  let content: TemplateResult;
  if (step.kind === 'previewing') {
    content = html`<p class="muted">${t('preview.loading')}</p>`;
  } else if (step.kind === 'confirm') {
    content = html`<p>${t('preview.members', { count: step.preview.members })}</p>
      <ul>
        ${step.effects.map(
          (effect) =>
            html`<li>
              ${t('preview.segment', {
                segment: segmentName(t, effect.segment, effect.segmentId),
                effect: t(PREVIEW_KEYS[step.op], { changed: effect.changed, skipped: effect.skipped }),
              })}
            </li>`,
        )}
      </ul>`;
  } else if (step.kind === 'confirm-move') {
    const { added, removed } = step.preview;
    const skipped = added.segments[0]?.skipped ?? 0;
    const params = { from: segmentName(t, step.fromSegment, step.from), to: segmentName(t, step.toSegment, step.to) };
    content = html`<p>${t('preview.members', { count: removed.members })}</p>
      <ul>
        <li>${t('preview.move', { count: removed.segments[0]?.changed ?? 0, ...params })}</li>
        ${skipped > 0 ? html`<li>${t('preview.move.skipped', { count: skipped, ...params })}</li>` : nothing}
      </ul>`;
  } else if (step.from !== undefined) {
    content = html`<p>${t('confirm.create-move', { name: step.name, count: step.count, from: step.fromName ?? step.from })}</p>`;
  } else {
    content = html`<p>${t('confirm.create', { name: step.name, count: step.count })}</p>`;
  }
  return html`<div part="preview" class="preview" role="group" aria-label=${t('confirm')}>
    ${content}
    <div class="footer">
      <span class="summary"></span>
      <button part="cancel-button" class="btn" type="button" @click=${on.back}>${t('back')}</button>
      <button part="confirm-button" class="btn primary" type="button" ?disabled=${step.kind === 'previewing'} @click=${on.confirm}>
        ${t('confirm')}
      </button>
    </div>
  </div>`;
}

/** The result line's text: "Adding 3 members to VIPs…", "Added 3 members to VIPs · 1 already in", "Undone". */
export function outcomeText(view: PickerView, outcome: PickerOutcome): string {
  const { t } = view;
  if (outcome.kind === 'undoing') return t('result.undoing');
  if (outcome.kind === 'undone') return t('result.undone');
  const what = outcome.op === 'move' ? (outcome.created ? 'create-move' : 'move') : outcome.created ? 'create' : outcome.op;
  const params = { count: outcome.count, segments: listNames(outcome.names, view.lang), from: outcome.from ?? '' };
  if (outcome.kind === 'pending') return t(PENDING_KEYS[what], params);
  const main = t(DONE_KEYS[what], params);
  return outcome.skipped > 0 ? `${main} · ${t(SKIPPED_KEYS[outcome.op], { count: outcome.skipped })}` : main;
}

/** The result line, with "Undo" while it applies. */
export function renderOutcome(view: PickerView, state: SegmentPickerState, undo: () => void): TemplateResult | typeof nothing {
  if (!state.outcome) return nothing;
  return html`<span part="result-text">${outcomeText(view, state.outcome)}</span>
    ${state.canUndo ? html`<button part="undo-button" class="btn quiet" type="button" @click=${undo}>${view.t('undo')}</button>` : nothing}`;
}

/** An error in the page's language (`errorText`), with Retry (a failed load) or Dismiss. */
export function renderError(view: PickerView, error: SegkitError, on: { retry?(): void; dismiss?(): void }): TemplateResult {
  const { t } = view;
  return html`<div part="error" class="error" role="alert">
    <span><slot name="error">${errorText(t, error)}</slot></span>
    ${on.retry
      ? html`<button part="retry-button" class="btn" type="button" @click=${on.retry}>${t('retry')}</button>`
      : html`<button part="dismiss-button" class="btn quiet" type="button" @click=${on.dismiss}>${t('dismiss')}</button>`}
  </div>`;
}
