import type { AudienceState, SegmentRules } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { SegkitFormElement } from '../internal/form-element.js';
import { stateSlot } from '../internal/status.js';
import { errorText, mergeLocales } from '../internal/strings.js';
import type { Translate } from '../internal/strings.js';
import { renderMatch, renderRuleRows } from '../rules/rule-rows.js';
import { ruleStrings } from '../rules/rules.strings.js';
import { emptyRules, normalizeRules } from '../rules/rules.js';
import type { RuleState } from '../rules/rules.js';
import { createAudienceConnector, requiredMissing } from './audience.connector.js';
import type { AudienceConnectorState } from './audience.connector.js';
import { audienceStrings } from './audience.strings.js';
import { audienceStyles } from './audience.styles.js';

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
 * The logic is `createAudienceConnector(store, rules)`
 * (`@segkit/elements/headless`); this element renders it.
 *
 * State attributes (read-only, set by the element): `loading` (segments
 * loading), `error` (the segments could not be loaded, or the count failed),
 * `empty` (no segment besides Unassigned), `offline` (the store is offline).
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
 * @fires segkit-membership-change - Members were added to or removed from segments (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-create - A segment was created (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-rename - A segment was renamed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-delete - A segment was deleted (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable. Without a provider, from the first connected segkit element, when no widget started it (decision 030).
 */
export class SegkitAudience extends SegkitFormElement {
  static override properties = {
    ...SegkitFormElement.properties,
    value: { attribute: false, noAccessor: true },
    defaultValue: { attribute: 'value', converter: rulesConverter },
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
  };

  static override locales = mergeLocales(ruleStrings, audienceStrings);
  static override styles = audienceStyles;

  /** The name the rules are submitted under in a form. */
  declare name: string | undefined;
  /** At least one included segment is needed (`valueMissing` otherwise). */
  declare required: boolean;
  /** The rules cannot be changed and are not submitted. */
  declare disabled: boolean;
  /** The rules a form reset returns to (the `value` attribute, JSON). */
  declare defaultValue: SegmentRules;

  /** The form value: kept here too, so a field without a store still submits and validates. */
  #value: SegmentRules = emptyRules();
  #valueSet = false;
  #formDisabled = false;
  #showValidity = false;
  #audience = this.connector((store) => {
    const audience = createAudienceConnector(store, this.#value);
    audience.setRequired(this.required);
    return audience;
  });
  #t: Translate = (key, params) => this.t(key, params);

  constructor() {
    super();
    this.required = false;
    this.disabled = false;
    this.defaultValue = emptyRules();
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
    this.#audience.value?.setRules(this.#value);
    this.requestUpdate('value', old);
  }

  /** `segkit-audience`, like `input.type`. */
  get type(): string {
    return this.localName;
  }

  /** The live count state (`count`, `loading`, `error`), or undefined without a store. */
  get audience(): AudienceState | undefined {
    const state = this.#audience.value?.$state.get();
    return state && { rules: state.rules, count: state.count, loading: state.counting, error: state.countError };
  }

  formResetCallback(): void {
    this.#value = normalizeRules(this.defaultValue);
    this.#showValidity = false;
    this.#audience.value?.setRules(this.#value);
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const audience = this.#audience.value;
    if (changed.has('defaultValue') && !this.#valueSet) {
      this.#value = normalizeRules(this.defaultValue);
      audience?.setRules(this.#value);
    }
    audience?.setRequired(this.required);
    const state = audience?.$state.get();
    this.reflectStates({
      loading: Boolean(state?.loading),
      error: Boolean(state?.loadError || state?.countError),
      empty: Boolean(state?.empty),
      offline: Boolean(state?.offline),
    });
    this.#syncForm();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncForm(this.renderRoot.querySelector<HTMLElement>('[part~="include-toggle"]') ?? undefined);
  }

  #syncForm(anchor?: HTMLElement): void {
    this.internals.setFormValue(JSON.stringify(this.#value));
    if (requiredMissing(this.#value, this.required)) this.internals.setValidity({ valueMissing: true }, this.t('required'), anchor);
    else this.internals.setValidity({});
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /** After a user edit the connector took (`changed`): the new value, then `input` and `change` as native fields fire them. */
  #commit(changed: boolean | undefined): void {
    const rules = this.#audience.value?.$state.get().rules;
    if (!changed || !rules) return;
    const old = this.#value;
    this.#value = normalizeRules(rules);
    this.#valueSet = true;
    this.#showValidity = true;
    this.requestUpdate('value', old);
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #setRule = (id: string, state: RuleState): void => this.#commit(this.#audience.value?.setRule(id, state));
  #setMatch = (match: SegmentRules['match']): void => this.#commit(this.#audience.value?.setMatch(match));

  /** The native `input` / `change` events of the inner radios stay inside: the element fires its own. */
  #contain = (event: Event): void => {
    event.stopPropagation();
  };

  #label(): string {
    const labels = [...this.internals.labels].map((label) => (label.textContent ?? '').trim()).filter(Boolean);
    return labels.length ? labels.join(' ') : this.t('label');
  }

  protected override render() {
    const audience = this.#audience.value;
    const state = audience?.$state.get();
    const missing = requiredMissing(this.#value, this.required);
    const hint = missing ? (this.#showValidity ? this.t('required') : '') : this.#value.include.length === 0 ? this.t('everyone') : '';
    return html`<div part="base" class="root" role="group" aria-labelledby="label" @input=${this.#contain} @change=${this.#contain}>
      <div part="header" class="header">
        <span part="label" class="label" id="label">${this.#label()}</span>
        <span part="total" class="total" role="status" aria-busy=${state?.counting ? 'true' : 'false'}>
          ${state?.count === null || state?.count === undefined
            ? html`<span class="muted">${state?.countError ? '' : this.t('counting')}</span>`
            : this.t('members', { count: state.count })}
        </span>
      </div>
      ${hint ? html`<p part="hint" class="hint muted ${missing ? 'invalid' : ''}">${hint}</p>` : nothing}
      ${state?.countError
        ? html`<div part="error" class="count-error" role="alert">
            <span>${this.t('count-error')} ${errorText(this.#t, state.countError)}</span>
            <button type="button" part="retry-button" class="btn" @click=${() => audience?.recount()}>${this.t('retry')}</button>
          </div>`
        : nothing}
      ${state?.offline ? stateSlot('offline', this.t('offline')) : nothing}
      ${this.#renderBody(state)}
    </div>`;
  }

  #renderBody(state: AudienceConnectorState | undefined) {
    const audience = this.#audience.value;
    if (!audience || !state || state.loading) return stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`);
    if (state.loadError) {
      return stateSlot(
        'error',
        html`<span class="error-text">${this.t('load-error')} ${errorText(this.#t, state.loadError)}</span>
          <button type="button" class="btn" @click=${() => void audience.reload()}>${this.t('retry')}</button>`,
      );
    }
    const disabled = this.#isDisabled;
    return html`<div class="scroll">
        ${renderRuleRows({ segments: state.segments, rules: this.#value, t: this.#t, disabled, onChange: this.#setRule, label: this.t('segments') })}
      </div>
      ${state.empty ? stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`) : nothing}
      ${renderMatch({ match: this.#value.match, t: this.#t, name: 'match', disabled, onChange: this.#setMatch })}`;
  }
}
