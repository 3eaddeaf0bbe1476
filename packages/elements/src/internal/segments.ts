/**
 * How every element shows a segment: its colour (only a safe `#rgb` /
 * `#rrggbb`), its name (Unassigned in the page's language), name search, and
 * lists of names. Written once; no element has its own copy.
 */
import { UNASSIGNED_ID } from '@segkit/core';
import type { SegmentView } from '@segkit/core';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { cssProps } from './css-props.js';
import type { Translate } from './strings.js';

export { foldName, nameMatches } from './name-search.js';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A segment colour when it is a safe `#rgb` / `#rrggbb`, else undefined (never raw text into CSS). */
export function safeColor(color: string | null | undefined): string | undefined {
  return typeof color === 'string' && HEX_COLOR.test(color) ? color : undefined;
}

/** True for the built-in Unassigned segment. */
export function isUnassigned(segment: Pick<SegmentView, 'id'>): boolean {
  return segment.id === UNASSIGNED_ID;
}

/** A segment's display name: "Unassigned" is translated; an unknown segment shows `fallbackId`. */
export function segmentName(t: Translate, segment: Pick<SegmentView, 'id' | 'name'> | undefined, fallbackId = ''): string {
  if (!segment) return fallbackId;
  return isUnassigned(segment) ? t('unassigned') : segment.name;
}

/** Joins names as the language does ("VIPs and Customers", "VIPs y Customers"). */
export function listNames(names: readonly string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/**
 * The colour swatch of a segment (decorative). Its colour is the `--_swatch`
 * custom property, set through the CSSOM (strict-CSP safe).
 */
export function renderSwatch(segment: Pick<SegmentView, 'color'>, part = 'color'): TemplateResult {
  const color = safeColor(segment.color);
  return html`<span part=${part} class="swatch" aria-hidden="true" ${cssProps(color ? { '--_swatch': color } : {})}></span>`;
}
