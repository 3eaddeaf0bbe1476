import type { AudienceController, AudienceState, SegmentRules, SegmentStore } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { SegkitFormElement } from '../internal/form-element.js';
import type { LocaleTable } from '../internal/strings.js';
import { controls, tokens } from '../internal/theme.js';
import { isUnassigned } from '../internal/segments.js';
import { stateSlot, stateStyles } from '../internal/status.js';
import { errorText } from '../internal/strings.js';
import { renderMatch, renderRuleRows, ruleStyles } from '../rules/rule-rows.js';
import { ruleStrings } from '../rules/rules.strings.js';
import { emptyRules, normalizeRules, sameRules, withRuleState } from '../rules/rules.js';
import type { RuleState } from '../rules/rules.js';

/** Reads the `value` attribute (JSON rules) into rules; anything malformed becomes empty rules. */
const rulesConverter = {
  fromAttribute: (value: string | null): SegmentRules => normalizeRules(value ?? ''),
  toAttribute: (value: SegmentRules): string => JSON.stringify(value),
};

/**
 * @summary Who a mission or campaign targets: include / exclude segment rules with a live member count; a form field.
 * @tag segkit-audience
 *
 * @description The same rules as the segment filter (`SegmentRules`:
 * `include`, `exclude`, `match`), resolved to a live count through
 * `store.createAudience(rules)`: "1,240 members", updated as the rules change
 * and as memberships change.
 *
 * A form-associated custom element: inside a `<form>` it submits `name` with
 * the rules as a JSON string (`{"include":["vips"],"exclude":[],"match":"any"}`),
 * takes part in validation (`required`: at least one included segment, else
 * `valueMissing`), follows `disabled` (its own or a `<fieldset disabled>`),
 * form reset (back to the `value` attribute) and browser state restore.
 * `value` (property) reads and sets the rules; the `value` attribute is the
 * default value, as with `<input>`. A `<label for>` pointing at it names it.
 *
 * @slot loading - Shown while the segments load.
 * @slot error - Shown when the segments could not be loaded.
 * @slot empty - Shown when there is no segment besides Unassigned.
 * @slot offline - Shown while the store is offline (the count may be out of date).
 *
 * @csspart base - The root wrapper (a labelled group).
 * @csspart header - The row with the label and the count.
 * @csspart label - The "Audience" label.
 * @csspart total - The live member count ("1,240 members").
 * @csspart hint - The note under the count (who matches with no included segment, or what is missing).
 * @csspart list - The list of segments.
 * @csspart segment - A segment row.
 * @csspart color - A segment's colour swatch.
 * @csspart name - A segment's name.
 * @csspart count - A segment's member count.
 * @csspart include-toggle - A segment's "Include" toggle button.
 * @csspart exclude-toggle - A segment's "Exclude" toggle button.
 * @csspart pressed - The pressed include or exclude toggle.
 * @csspart match - The "Match any / all" radio group.
 * @csspart retry-button - "Retry" after the count failed.
 * @csspart error - The count error, or the load error state.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart offline - The offline notice.
 *
 * @cssprop --segkit-audience-background - Background (default: the background token).
 * @cssprop --segkit-audience-border-color - Border (default: the border token).
 * @cssprop --segkit-audience-radius - Corner radius (default: the radius token).
 * @cssprop --segkit-audience-padding - Padding (default: 1.5 × the space token).
 * @cssprop --segkit-audience-include-color - Pressed "Include" toggles (default: the accent token).
 * @cssprop --segkit-audience-exclude-color - Pressed "Exclude" toggles (default: the danger token).
 * @cssprop --segkit-audience-count-color - The member count (default: the text token).
 * @cssprop --segkit-audience-count-font-size - The member count (default 1.25em).
 * @cssprop --segkit-audience-list-max-height - Height after which the segment list scrolls (default 24em).
 *
 * @fires input - The user changed the rules (bubbles, composed).
 * @fires change - The user changed the rules (bubbles).
 */
export class SegkitAudience extends SegkitFormElement {

  static override properties = {
    ...SegkitFormElement.properties,
    value: { attribute: false, noAccessor: true },
    defaultValue: { attribute: 'value', converter: rulesConverter },
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    loading: { type: Boolean, reflect: true },
    empty: { type: Boolean, reflect: true },
    error: { type: Boolean, reflect: true },
    offline: { type: Boolean, reflect: true },
  };

  static override locales: LocaleTable = {
    en: {
      ...ruleStrings.en,
      label: 'Audience',
      segments: 'Segments',
      counting: 'Counting members…',
      countError: 'The audience could not be counted.',
      required: 'Include at least one segment.',
      everyone: 'No segment included: every member matches.',
      loading: 'Loading segments…',
      loadError: 'Segments could not be loaded.',
      empty: 'No segments to target yet.',
    },
    es: {
      ...ruleStrings.es,
      label: 'Audiencia',
      segments: 'Segmentos',
      counting: 'Contando miembros…',
      countError: 'No se pudo contar la audiencia.',
      required: 'Incluye al menos un segmento.',
      everyone: 'Ningún segmento incluido: coinciden todos los miembros.',
      loading: 'Cargando segmentos…',
      loadError: 'No se pudieron cargar los segmentos.',
      empty: 'Aún no hay segmentos a los que dirigirse.',
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
        --_include: var(--segkit-audience-include-color, var(--_accent));
        --_exclude: var(--segkit-audience-exclude-color, var(--_danger));
      }
      .root {
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        padding: var(--segkit-audience-padding, calc(var(--_space) * 1.5));
        background: var(--segkit-audience-background, var(--_bg));
        border: 1px solid var(--segkit-audience-border-color, var(--_border));
        border-radius: var(--segkit-audience-radius, var(--_radius));
      }
      :host([disabled]) .root {
        opacity: 0.7;
      }
      .header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--_space);
      }
      .label {
        font-weight: 600;
      }
      .total {
        color: var(--segkit-audience-count-color, var(--_text));
        font-size: var(--segkit-audience-count-font-size, 1.25em);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .total[aria-busy='true'] {
        opacity: 0.7;
      }
      .hint {
        margin: 0;
        font-size: 0.9em;
      }
      .hint.invalid {
        color: var(--_danger);
      }
      .scroll {
        max-block-size: var(--segkit-audience-list-max-height, 24em);
        overflow: auto;
      }
      .count-error {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        color: var(--_danger);
      }
      .offline {
        padding: 0;
        font-size: 0.9em;
        color: var(--_muted);
      }
    `,
  ];

  /** The name the rules are submitted under in a form. */
  declare name: string | undefined;
  /** At least one included segment is needed (`valueMissing` otherwise). */
  declare required: boolean;
  /** The rules cannot be changed and are not submitted. */
  declare disabled: boolean;
  /** The rules a form reset returns to (the `value` attribute, JSON). */
  declare defaultValue: SegmentRules;
  /** Reflected: the segments are loading. */
  declare loading: boolean;
  /** Reflected: there is no segment besides Unassigned. */
  declare empty: boolean;
  /** Reflected: the segments could not be loaded, or the count failed. */
  declare error: boolean;
  /** Reflected: the store is offline. */
  declare offline: boolean;

  #value: SegmentRules = emptyRules();
  #valueSet = false;
  #formDisabled = false;
  #showValidity = false;
  #audience: AudienceController | undefined;
  #offAudience: (() => void) | undefined;

  constructor() {
    super();
    this.required = false;
    this.disabled = false;
    this.defaultValue = emptyRules();
    this.loading = false;
    this.empty = false;
    this.error = false;
    this.offline = false;
    this.addEventListener('invalid', () => {
      this.#showValidity = true;
      this.requestUpdate();
    });
  }

  /** The rules (a copy). Setting it normalises the value (unknown shapes become empty rules) and updates the count. */
  get value(): SegmentRules {
    return { include: [...this.#value.include], exclude: [...this.#value.exclude], match: this.#value.match };
  }

  set value(next: SegmentRules) {
    const old = this.#value;
    this.#value = normalizeRules(next);
    this.#valueSet = true;
    this.#audience?.setRules(this.#value);
    this.requestUpdate('value', old);
  }

  /** `segkit-audience`, like `input.type`. */
  get type(): string {
    return this.localName;
  }

  /** The live count state (`count`, `loading`, `error`), or undefined without a store. */
  get audience(): AudienceState | undefined {
    return this.#audience?.$state.get();
  }

  formResetCallback(): void {
    this.#value = normalizeRules(this.defaultValue);
    this.#showValidity = false;
    this.#audience?.setRules(this.#value);
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    this.value = normalizeRules(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    // Called while Lit reflects `disabled` (after render): render again once this update is done.
    if (this.isUpdatePending) void this.updateComplete.then(() => this.requestUpdate());
    else this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detachAudience();
  }

  protected override storeChanged(store: SegmentStore | undefined): void {
    this.#detachAudience();
    if (!store) return;
    const audience = store.createAudience(this.#value);
    this.#audience = audience;
    this.#offAudience = audience.$state.listen(() => this.requestUpdate());
  }

  #detachAudience(): void {
    this.#offAudience?.();
    this.#offAudience = undefined;
    this.#audience?.destroy();
    this.#audience = undefined;
  }

  protected override watch(store: SegmentStore) {
    return [store.$segments, store.$status];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('defaultValue') && !this.#valueSet) {
      this.#value = normalizeRules(this.defaultValue);
      this.#audience?.setRules(this.#value);
    }
    const store = this.activeStore;
    const status = store?.$status.get();
    const state = this.#audience?.$state.get();
    this.loading = Boolean(store && status && !status.ready && !status.error);
    this.error = Boolean((status && !status.ready && status.error) || state?.error);
    this.offline = Boolean(status?.offline);
    this.empty = Boolean(status?.ready && store!.$segments.get().every(isUnassigned));
    this.#syncForm();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncForm(this.renderRoot.querySelector<HTMLElement>('[part~="include-toggle"]') ?? undefined);
  }

  #missing(): boolean {
    return this.required && this.#value.include.length === 0;
  }

  #syncForm(anchor?: HTMLElement): void {
    this.internals.setFormValue(JSON.stringify(this.#value));
    if (this.#missing()) this.internals.setValidity({ valueMissing: true }, this.t('required'), anchor);
    else this.internals.setValidity({});
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /** A user edit: new value, then `input` and `change` as native fields fire them. */
  #commit(next: SegmentRules): void {
    if (sameRules(next, this.#value)) return;
    this.value = next;
    this.#showValidity = true;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #setRule = (id: string, state: RuleState): void => {
    this.#commit({ ...this.#value, ...withRuleState(this.#value, id, state) });
  };

  /** The native `input` / `change` events of the inner radios stay inside: the element fires its own. */
  #contain = (event: Event): void => {
    event.stopPropagation();
  };

  #label(): string {
    const labels = [...this.internals.labels].map((label) => (label.textContent ?? '').trim()).filter(Boolean);
    return labels.length ? labels.join(' ') : this.t('label');
  }

  protected override render() {
    const store = this.activeStore;
    const t = this.t.bind(this);
    const status = store?.$status.get();
    const state = this.#audience?.$state.get();
    let body: unknown;
    if (!store || this.loading) {
      body = stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`);
    } else if (status && !status.ready && status.error) {
      body = stateSlot(
        'error',
        html`<span class="error-text">${this.t('loadError')} ${errorText(t, status.error)}</span>
          <button type="button" class="btn" @click=${() => void store.refresh()}>${this.t('retry')}</button>`,
      );
    } else {
      body = html`<div class="scroll">
          ${renderRuleRows({
            segments: store.$segments.get(),
            rules: this.#value,
            t,
            disabled: this.#isDisabled,
            onChange: this.#setRule,
            label: this.t('segments'),
          })}
        </div>
        ${this.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}
        ${renderMatch({
          match: this.#value.match,
          t,
          name: 'match',
          disabled: this.#isDisabled,
          onChange: (match) => this.#commit({ ...this.#value, match }),
        })}`;
    }
    const missing = this.#missing();
    const hint = missing ? (this.#showValidity ? this.t('required') : '') : this.#value.include.length === 0 ? this.t('everyone') : '';
    return html`<div part="base" class="root" role="group" aria-labelledby="label" @input=${this.#contain} @change=${this.#contain}>
      <div part="header" class="header">
        <span part="label" class="label" id="label">${this.#label()}</span>
        <span part="total" class="total" role="status" aria-busy=${state?.loading ? 'true' : 'false'}>
          ${state?.count === null || state?.count === undefined
            ? html`<span class="muted">${state?.error ? '' : this.t('counting')}</span>`
            : this.t('members', { count: state.count })}
        </span>
      </div>
      ${hint ? html`<p part="hint" class="hint muted ${missing ? 'invalid' : ''}">${hint}</p>` : nothing}
      ${state?.error
        ? html`<div part="error" class="count-error" role="alert">
            <span>${this.t('countError')} ${errorText(t, state.error)}</span>
            <button type="button" part="retry-button" class="btn" @click=${() => this.#audience?.setRules(this.#value)}>${this.t('retry')}</button>
          </div>`
        : nothing}
      ${this.offline ? stateSlot('offline', this.t('offline')) : nothing}
      ${body}
    </div>`;
  }
}
