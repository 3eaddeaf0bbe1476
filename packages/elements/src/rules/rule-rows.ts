/**
 * Rendering of include / exclude rules, shared by `segkit-segment-filter`
 * and `segkit-audience`: the include / exclude row of a segment, the "match
 * any / all" radio group, and the styles that go with them. Plain functions
 * over plain data; the elements own the state and pass callbacks.
 */
import type { SegmentRules, SegmentView } from '@segkit/core';
import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import { renderSwatch, segmentName } from '../internal/segments.js';
import type { Translate } from '../internal/strings.js';
import { ruleStateOf, toggledState } from './rules.js';
import type { RuleState } from './rules.js';

export interface RuleRowsOptions {
  segments: readonly SegmentView[];
  rules: Pick<SegmentRules, 'include' | 'exclude'>;
  t: Translate;
  disabled?: boolean;
  /** Called with the segment's new state when a toggle is pressed. */
  onChange: (id: string, state: RuleState) => void;
  /** Accessible name of the list. */
  label: string;
}

/**
 * The list of segments, each with "Include" and "Exclude" toggle buttons
 * (`aria-pressed`; pressing the pressed one clears it). Parts: `list`,
 * `segment`, `color`, `name`, `count`, `include-toggle`, `exclude-toggle`,
 * and `pressed` on the pressed toggle.
 */
export function renderRuleRows(options: RuleRowsOptions): TemplateResult {
  const { segments, rules, t, disabled = false, onChange, label } = options;
  return html`<ul part="list" class="rules" role="list" aria-label=${label}>
    ${segments.map((segment) => {
      const state = ruleStateOf(rules, segment.id);
      const name = segmentName(t, segment);
      const toggle = (pressed: 'include' | 'exclude') => () => onChange(segment.id, toggledState(state, pressed));
      return html`<li part="segment" class="rule" data-state=${state} data-id=${segment.id}>
        ${renderSwatch(segment)}
        <span part="name" class="name">${name}</span>
        <span part="count" class="count muted">${t('members', { count: segment.memberCount })}</span>
        <span class="toggles">
          <button
            type="button"
            part=${state === 'include' ? 'include-toggle pressed' : 'include-toggle'}
            class="toggle include"
            aria-pressed=${state === 'include' ? 'true' : 'false'}
            aria-label=${t('include-segment', { name })}
            ?disabled=${disabled}
            @click=${toggle('include')}
          >
            ${t('include')}
          </button>
          <button
            type="button"
            part=${state === 'exclude' ? 'exclude-toggle pressed' : 'exclude-toggle'}
            class="toggle exclude"
            aria-pressed=${state === 'exclude' ? 'true' : 'false'}
            aria-label=${t('exclude-segment', { name })}
            ?disabled=${disabled}
            @click=${toggle('exclude')}
          >
            ${t('exclude')}
          </button>
        </span>
      </li>`;
    })}
  </ul>`;
}

export interface MatchOptions {
  match: SegmentRules['match'];
  t: Translate;
  /** Unique within the shadow root: names the radio group. */
  name: string;
  disabled?: boolean;
  onChange: (match: SegmentRules['match']) => void;
}

/** "Match included segments: Any / All" as a native radio group (arrow keys move the choice). Part: `match`. */
export function renderMatch(options: MatchOptions): TemplateResult {
  const { match, t, name, disabled = false, onChange } = options;
  const radio = (value: 'any' | 'all', label: string) =>
    html`<label class="radio">
      <input
        type="radio"
        name=${name}
        value=${value}
        .checked=${match === value}
        ?disabled=${disabled}
        @change=${() => onChange(value)}
      />
      <span>${label}</span>
    </label>`;
  return html`<fieldset part="match" class="match">
    <legend>${t('match')}</legend>
    ${radio('any', t('match.any'))} ${radio('all', t('match.all'))}
  </fieldset>`;
}

/**
 * Styles for the pieces above, plus a reset on the element's root so that page
 * CSS that reaches the host (e.g. `* { all: unset }`) does not leak inside.
 * Elements set `--_include` / `--_exclude` (toggle colours) from their own
 * custom properties.
 */
export const ruleStyles = css`
  .root {
    display: block;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
  }
  ul.rules {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .rule {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-radius: calc(var(--_radius) - 2px);
  }
  .rule[data-state='include'] {
    background: color-mix(in srgb, var(--_include) 10%, transparent);
  }
  .rule[data-state='exclude'] {
    background: color-mix(in srgb, var(--_exclude) 10%, transparent);
  }
  .swatch {
    flex: none;
    inline-size: 10px;
    block-size: 10px;
    border-radius: 3px;
    background: var(--_swatch, var(--_border));
  }
  .rule .name {
    flex: 1 1 8em;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .rule .count {
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .toggles {
    display: inline-flex;
    gap: 4px;
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    min-block-size: 28px;
    padding: 0 calc(var(--_space) * 1);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_text);
    font-size: 0.9em;
    cursor: pointer;
  }
  .toggle:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .toggle[aria-pressed='true'].include {
    background: var(--_include);
    border-color: var(--_include);
    color: var(--_accent-text);
  }
  .toggle[aria-pressed='true'].exclude {
    background: var(--_exclude);
    border-color: var(--_exclude);
    color: var(--_bg);
  }
  .toggle[aria-pressed='true']::before {
    content: '✓';
    margin-inline-end: 4px;
  }
  .match {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .match legend {
    float: inline-start;
    margin-inline-end: var(--_space);
    color: var(--_muted);
  }
  .radio {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    cursor: pointer;
  }
  .radio input {
    margin: 0;
    accent-color: var(--_accent);
  }
  .error-text {
    color: var(--_danger);
  }
`;
