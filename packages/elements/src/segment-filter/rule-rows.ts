/**
 * Rendering shared by `segkit-segment-filter`, `segkit-audience` and
 * `segkit-segment-list`: the include / exclude row of a segment, the "match
 * any / all" radio group, segment names and counts, error texts, and the
 * styles that go with them. Plain functions over plain data; the elements own
 * the state and pass callbacks.
 */
import type { SegkitError, SegkitErrorCode, SegmentRules, SegmentView } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { cssProps } from '../internal/css-props.js';
import type { LocaleTable } from '../internal/i18n.js';
import { isUnassigned, ruleStateOf, safeColor, toggledState } from './rules.js';
import type { RuleState } from './rules.js';

/** An element's `t()`: a visible string by key. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Strings used by the helpers below; each element merges them into its own `locales`. */
export const sharedStrings: LocaleTable = {
  en: {
    unassigned: 'Unassigned',
    members_one: '{count} member',
    members_other: '{count} members',
    include: 'Include',
    exclude: 'Exclude',
    includeSegment: 'Include {name}',
    excludeSegment: 'Exclude {name}',
    ruleIncluded: 'included',
    ruleExcluded: 'excluded',
    match: 'Match included segments',
    matchAny: 'Any',
    matchAll: 'All',
    retry: 'Retry',
    offline: 'Offline: counts may be out of date.',
  },
  es: {
    unassigned: 'Sin asignar',
    members_one: '{count} miembro',
    members_other: '{count} miembros',
    include: 'Incluir',
    exclude: 'Excluir',
    includeSegment: 'Incluir {name}',
    excludeSegment: 'Excluir {name}',
    ruleIncluded: 'incluido',
    ruleExcluded: 'excluido',
    match: 'Coincidencia con los segmentos incluidos',
    matchAny: 'Cualquiera',
    matchAll: 'Todos',
    retry: 'Reintentar',
    offline: 'Sin conexión: los recuentos pueden no estar al día.',
    'error.name-taken': 'Ya existe un segmento con ese nombre.',
    'error.name-invalid': 'Escribe un nombre de 1 a 80 caracteres, sin saltos de línea.',
    'error.reserved-segment': '«Sin asignar» es un segmento integrado: elige otro nombre.',
    'error.invalid-input': 'Algún dato no es válido.',
    'error.not-found': 'Ese segmento ya no existe.',
    'error.unauthorized': 'No tienes permiso para hacerlo. Vuelve a iniciar sesión.',
    'error.network': 'No se pudo conectar con el servidor.',
    'error.offline': 'Sin conexión.',
    'error.server': 'El servidor falló. Inténtalo de nuevo.',
    'error.bad-response': 'El servidor respondió algo inesperado.',
    'error.quota': 'El almacenamiento local está lleno; se sigue en memoria.',
  },
};

/** String keys of error codes. English has none of them, so English shows the store's own message. */
const ERROR_KEYS: Partial<Record<SegkitErrorCode, string>> = {
  'name-taken': 'error.name-taken',
  'name-invalid': 'error.name-invalid',
  'reserved-segment': 'error.reserved-segment',
  'invalid-input': 'error.invalid-input',
  'not-found': 'error.not-found',
  unauthorized: 'error.unauthorized',
  network: 'error.network',
  offline: 'error.offline',
  server: 'error.server',
  'bad-response': 'error.bad-response',
  quota: 'error.quota',
};

/**
 * The text of a store error: a translation of its code when the language has
 * one (hosts add them with `strings` or `registerStrings`, keys `error.<code>`),
 * else the store's message.
 */
export function errorText(t: Translate, error: Pick<SegkitError, 'code' | 'message'>): string {
  const key = ERROR_KEYS[error.code];
  if (!key) return error.message;
  const text = t(key);
  return text === key ? error.message : text;
}

/** A segment's display name ("Unassigned" is translated). */
export function segmentName(t: Translate, segment: Pick<SegmentView, 'id' | 'name'> | undefined, fallbackId = ''): string {
  if (!segment) return fallbackId;
  return isUnassigned(segment) ? t('unassigned') : segment.name;
}

/** The colour swatch of a segment (decorative). */
export function renderSwatch(segment: Pick<SegmentView, 'color'>): TemplateResult {
  const color = safeColor(segment.color);
  return html`<span part="color" class="swatch" aria-hidden="true" ${cssProps(color ? { '--_swatch': color } : {})}></span>`;
}

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
            aria-label=${t('includeSegment', { name })}
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
            aria-label=${t('excludeSegment', { name })}
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
    ${radio('any', t('matchAny'))} ${radio('all', t('matchAll'))}
  </fieldset>`;
}

/** A slot with default content (a state: loading, empty, error, offline). */
export function stateSlot(name: string, content: unknown, part = name): TemplateResult {
  return html`<div part=${part} class="state ${name}"><slot name=${name}>${content ?? nothing}</slot></div>`;
}

/**
 * Styles for the pieces above, plus a reset on the element's root so that page
 * CSS that reaches the host (e.g. `* { all: unset }`) does not leak inside.
 * Elements set `--_include` / `--_exclude` (toggle colours) from their own
 * custom properties.
 */
export const sharedStyles = css`
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
  .state {
    padding: var(--_space);
  }
  .state.error,
  .error-text {
    color: var(--_danger);
  }
`;
