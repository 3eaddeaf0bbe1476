/**
 * Plain functions behind `segkit-segment-picker`: which options to show for a
 * search, whether a typed name can become a new segment, how member ids are
 * read from an attribute. No DOM, no Lit: a React or Vue picker can use them
 * as they are.
 */
import { NAME_MAX_LENGTH, SegkitError, nameKey } from '@segkit/core';
import type { MemberTarget, SegmentStore, SegmentView } from '@segkit/core';

/** Splits a `member-ids` / `value` attribute (space or comma separated) into ids. */
export function parseIdList(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

/** Case- and accent-insensitive comparison form of a search or a name. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').trim();
}

/** The stored segments (never Unassigned) whose name contains `search`, in the store's order. */
export function filterSegments(segments: readonly SegmentView[], search: string): SegmentView[] {
  const needle = foldText(search);
  return segments.filter((s) => !s.system && (needle === '' || foldText(s.name).includes(needle)));
}

/** Why a typed name cannot become a segment; `key` is a strings key, `params` its parameters. */
export interface NameProblem {
  code: SegkitError['code'];
  key: 'name.empty' | 'name.taken' | 'name.reserved' | 'name.too-long' | 'name.invalid';
  params: Record<string, string | number>;
  /** The store's own (English) message. */
  message: string;
}

/**
 * Checks a typed name with `store.checkName`. Returns `null` when nothing was
 * typed or the name is free, else the problem (as a translatable key).
 */
export function nameProblem(store: SegmentStore, text: string): NameProblem | null {
  if (text === '') return null;
  try {
    store.checkName(text);
    return null;
  } catch (error) {
    const err = error instanceof SegkitError ? error : new SegkitError('name-invalid', String(error));
    const trimmed = text.trim();
    if (err.code === 'name-taken') {
      const key = nameKey(trimmed);
      const existing = store.$segments.get().find((s) => nameKey(s.name) === key);
      return { code: err.code, key: 'name.taken', params: { name: existing?.name ?? trimmed }, message: err.message };
    }
    if (err.code === 'reserved-segment') return { code: err.code, key: 'name.reserved', params: { name: trimmed }, message: err.message };
    if (trimmed === '') return { code: err.code, key: 'name.empty', params: {}, message: err.message };
    if ([...trimmed.normalize('NFC')].length > NAME_MAX_LENGTH) {
      return { code: err.code, key: 'name.too-long', params: { max: NAME_MAX_LENGTH }, message: err.message };
    }
    return { code: err.code, key: 'name.invalid', params: {}, message: err.message };
  }
}

/** The name a "Create segment" option would create, or null when none should be offered. */
export function creatableName(store: SegmentStore, text: string): string | null {
  if (text.trim() === '' || nameProblem(store, text)) return null;
  return text.trim();
}

/** The members an action applies to: explicit ids, else the store's selection. */
export function resolveTarget(store: SegmentStore, memberIds: readonly string[] | undefined): MemberTarget {
  return memberIds ? { kind: 'ids', ids: [...memberIds] } : store.selectionTarget();
}

/** How many members a target holds (for a query target, the store's selected count). */
export function targetSize(store: SegmentStore, memberIds: readonly string[] | undefined): number {
  return memberIds ? memberIds.length : store.$selectedCount.get();
}

/** Accepts only `#rgb` / `#rrggbb` colours for the dot (anything else: no colour). */
export function safeColor(color: string | undefined): string | undefined {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : undefined;
}

/** Joins names as the language does ("VIPs and Customers", "VIPs y Customers"). */
export function listNames(names: readonly string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
