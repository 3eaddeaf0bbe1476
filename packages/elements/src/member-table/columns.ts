/**
 * Columns of the member table: the definition a host passes in `columns`,
 * the default columns, and the built-in cell renderers (name with avatar,
 * segment chips, attributes). Everything a member carries is rendered as text.
 */
import type { Member, SegmentView, SortKey } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { cssProps } from '../internal/css-props.js';
import { isUnassigned, safeColor } from '../internal/segments.js';

/** What a cell renderer gets besides the member. */
export interface CellContext {
  /** Row index in the query's order (0-based). */
  index: number;
  selected: boolean;
  /** The element's language (for `Intl` formats). */
  lang: string;
  /** Segments by id (names and colours for chips). */
  segments: ReadonlyMap<string, SegmentView>;
  /** A number in the element's language: `12,400` (en), `12.400` (es). */
  formatNumber(value: number): string;
  /** The table's strings (e.g. `t('unassigned')`). */
  t(key: string, params?: Record<string, string | number>): string;
  /**
   * True while the view jumps (a fling, the scrollbar dragged, Ctrl+End), until about 100 ms after the last
   * jump; the row is drawn again then. The built-in cells draw their text only meanwhile (no avatar, no chips:
   * decision 038); a renderer may draw less too.
   */
  jumping?: boolean;
}

/**
 * A column of the member table.
 *
 * `render` returns a Lit template or a string (a string is shown as text,
 * never parsed as HTML). Without `render`, the cell shows the value named by
 * `key`: `name` (avatar, name and handle), `email`, `segments` (chips),
 * `createdAt` (a date), `attributes.<key>` (a number in the element's
 * language, or the text), or any other member field as text.
 */
export interface MemberTableColumn<M extends Member = Member> {
  key: string;
  /** The header text. */
  label: string;
  /** Clicking the header (or Enter/Space on it) sorts by `sortKey` (default: `key`). */
  sortable?: boolean;
  /** `name`, `email`, `createdAt`, `segments` or `attributes.<key>`. */
  sortKey?: SortKey;
  /** A CSS grid track: `160px`, `minmax(200px, 2fr)`, `1fr` (default `minmax(120px, 1fr)`). */
  width?: string;
  /** Text alignment in the cell (default `start`; numbers read best at `end`). */
  align?: 'start' | 'center' | 'end';
  render?: (member: M, ctx: CellContext) => unknown;
}

export const DEFAULT_WIDTH = 'minmax(120px, 1fr)';
/** The checkbox column's track. */
export const SELECT_WIDTH = '48px';

const SORT_KEYS = new Set(['name', 'email', 'createdAt', 'segments']);

/** The key a sortable column sorts by, or undefined when it cannot sort. */
export function sortKeyOf(column: MemberTableColumn<never>): SortKey | undefined {
  if (!column.sortable) return undefined;
  const key = column.sortKey ?? column.key;
  return SORT_KEYS.has(key) || key.startsWith('attributes.') ? (key as SortKey) : undefined;
}

/** The smallest width in px a track can take (for the table's minimum width). */
export function minTrackWidth(track: string): number {
  const px = /^\s*(?:minmax\(\s*)?(\d+(?:\.\d+)?)px/i.exec(track);
  if (px) return Number(px[1]);
  const rem = /^\s*(?:minmax\(\s*)?(\d+(?:\.\d+)?)r?em/i.exec(track);
  if (rem) return Number(rem[1]) * 16;
  return 100;
}

/** "Ana Silva" -> "AS"; "Zoë" -> "Z"; empty -> "?". */
export function initials(name: string): string {
  const all = name.trim().split(/\s+/u).filter(Boolean);
  const lettered = all.filter((word) => /^\p{L}/u.test(word));
  const words = lettered.length > 0 ? lettered : all;
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** A stable hue (0-359) for a member's avatar. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

const SAFE_URL = /^https?:\/\//i;

export function renderAvatar(member: Member): TemplateResult {
  const style = cssProps({ '--_hue': String(avatarHue(member.id)) });
  if (member.avatarUrl && SAFE_URL.test(member.avatarUrl)) {
    return html`<img part="avatar" class="avatar" src=${member.avatarUrl} alt="" loading="lazy" referrerpolicy="no-referrer" ${style} />`;
  }
  return html`<span part="avatar" class="avatar" aria-hidden="true" ${style}>${initials(member.name)}</span>`;
}

/**
 * How a built-in cell lays out what it shows: its class on the cell itself, so a
 * row holds as few elements as it can (decision 037). `text-cell`: one line
 * of text, cut with an ellipsis; `name-cell`: avatar, name and handle;
 * `chips-cell`: the segment chips (in a box of their own, which fades them out
 * at its end without fading the cell's focus ring).
 */
export type CellKind = 'text-cell' | 'name-cell' | 'chips-cell';

/**
 * A built-in cell: the cell's layout, what goes in it, and `dir: 'auto'` when
 * it is text a member wrote (its direction is its own, decision 037).
 */
export interface BuiltInCell {
  kind: CellKind;
  content: unknown;
  dir?: 'auto';
}

/** A cell a host renders (`renderCell`, a column's `render`): centred in the cell, in a block that cuts its text with an ellipsis. */
export interface HostCell {
  kind: 'host-cell';
  content: TemplateResult;
  dir?: undefined;
}
export const hostCell = (content: unknown): HostCell => ({ kind: 'host-cell', content: html`<span class="content">${content}</span>` });
/** A loading row's cell: a placeholder bar. */
export const LOADING_CELL: HostCell = { kind: 'host-cell', content: html`<span part="skeleton" class="skeleton" aria-hidden="true"></span>` };

/**
 * Avatar, name, and the `handle` attribute below it: the cell's own items.
 * The name and the handle each take their direction from their text
 * (`dir="auto"`), so "@handle" and an Arabic name read right in any table.
 */
export function renderName(member: Member, plain = false): TemplateResult {
  const handle = ownValue(member.attributes, 'handle');
  // The spaces are not laid out (a grid has no text of its own); they part the words when the row is read or copied.
  return html`${plain ? nothing : renderAvatar(member)} <span class="name" dir="auto">${member.name}</span> ${handle === undefined || handle === ''
      ? nothing
      : html`<span class="handle" dir="auto">${String(handle)}</span>`}`;
}

/** Chips a cell shows before "+N" (the rest are named in the "+N" chip's tooltip and to screen readers). */
const MAX_CHIPS = 3;

/** The member's segments as chips (name and colour from the store); a muted "Unassigned" when none. */
export function renderSegments(member: Member, ctx: CellContext): TemplateResult {
  const chips = member.segmentIds.map((id) => ctx.segments.get(id)).filter((s): s is SegmentView => s !== undefined && !isUnassigned(s));
  if (chips.length === 0) return html`<span class="unassigned" part="unassigned">${ctx.t('unassigned')}</span>`;
  const shown = chips.length > MAX_CHIPS ? chips.slice(0, MAX_CHIPS - 1) : chips;
  const more = chips.slice(shown.length);
  return html`<span class="chips">${shown.map(
    (segment) =>
      html`<span part="chip" class="chip" title=${segment.name} ${cssProps({ '--_chip': safeColor(segment.color) })}
        >${segment.name}</span
      >`,
  )}${more.length
    ? html`<span part="chip-more" class="chip more" title=${more.map((s) => s.name).join(', ')}
        ><span aria-hidden="true">+${ctx.formatNumber(more.length)}</span
        ><span class="visually-hidden">${more.map((s) => s.name).join(', ')}</span></span
      >`
    : nothing}</span>`;
}

/**
 * `record[key]` when `record` has it as its own key, else undefined: a column
 * `attributes.constructor` (or `toString`, `__proto__`) of a member without
 * such an attribute shows an empty cell, not the inherited function's source.
 */
function ownValue(record: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** A value as a cell: numbers in the element's language; text with its own direction (`dir="auto"`), so "@handle" reads right in RTL. */
function valueCell(value: unknown, ctx: CellContext): BuiltInCell {
  if (value === undefined || value === null || value === '') return { kind: 'text-cell', content: '' };
  if (typeof value === 'number') return { kind: 'text-cell', content: ctx.formatNumber(value) };
  if (typeof value === 'boolean') return { kind: 'text-cell', content: ctx.t(value ? 'yes' : 'no') };
  return { kind: 'text-cell', content: String(value), dir: 'auto' };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    } catch {
      format = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
    }
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

/**
 * The cell of `column` when it has no `render`: by key. While the view jumps (`ctx.jumping`) the name
 * has no avatar and the segments no chips: a fling's frames build text only, and the row is drawn
 * whole once the scroll rests (decision 038).
 */
export function renderByKey(member: Member, key: string, ctx: CellContext): BuiltInCell {
  switch (key) {
    case 'name':
      return { kind: 'name-cell', content: renderName(member, ctx.jumping === true) };
    case 'segments':
      return { kind: 'chips-cell', content: ctx.jumping ? nothing : renderSegments(member, ctx) };
    case 'createdAt':
      return { kind: 'text-cell', content: formatDate(member.createdAt, ctx.lang) };
    default:
      return valueCell(key.startsWith('attributes.') ? ownValue(member.attributes, key.slice('attributes.'.length)) : ownValue(member, key), ctx);
  }
}

/**
 * The default columns: name (avatar and handle), email, segments, niche,
 * country and followers; labels from the table's strings.
 */
export function defaultColumns(t: (key: string) => string): MemberTableColumn[] {
  return [
    { key: 'name', label: t('column.name'), sortable: true, width: 'minmax(220px, 2fr)' },
    { key: 'email', label: t('column.email'), sortable: true, width: 'minmax(200px, 2fr)' },
    { key: 'segments', label: t('column.segments'), sortable: true, width: 'minmax(200px, 2fr)' },
    { key: 'attributes.niche', label: t('column.niche'), sortable: true, width: 'minmax(110px, 1fr)' },
    { key: 'attributes.country', label: t('column.country'), sortable: true, width: 'minmax(100px, 1fr)' },
    { key: 'attributes.followers', label: t('column.followers'), sortable: true, width: 'minmax(110px, 1fr)', align: 'end' },
  ];
}
