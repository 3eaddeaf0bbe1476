/**
 * Plain functions behind the segment picker's connector: reading an id list
 * attribute, why a typed name cannot become a segment, whom an action applies
 * to, and what a membership result amounts to. No DOM, no Lit.
 */
import { NAME_MAX_LENGTH, isSegkitError, nameKey } from '@segkit/core';
import type { SegkitError } from '@segkit/core';
import type { MemberTarget, MembershipResult, SegmentStore } from '@segkit/core';

/** Splits a `member-ids` / `value` attribute (space or comma separated) into ids, without repeats. */
export function parseIdList(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

/** Why a typed name cannot become a segment: `key` is a strings key of the picker, `params` its parameters. */
export interface NameProblem {
  code: SegkitError['code'];
  key: 'name.empty' | 'name.taken' | 'name.reserved' | 'name.too-long' | 'name.invalid';
  params: Readonly<Record<string, string | number>>;
}

/**
 * Checks a typed name with `store.checkName`. Returns `null` when nothing was
 * typed or the name is free, else the problem (a key, never a sentence).
 */
export function nameProblem(store: SegmentStore, text: string): NameProblem | null {
  if (text === '') return null;
  try {
    store.checkName(text);
    return null;
  } catch (error) {
    // By its code, not `instanceof`: the store may come from another copy of segkit.
    const code = isSegkitError(error) ? error.code : 'name-invalid';
    const trimmed = text.trim();
    if (code === 'name-taken') {
      const key = nameKey(trimmed);
      const existing = store.$segments.get().find((s) => nameKey(s.name) === key);
      return { code, key: 'name.taken', params: { name: existing?.name ?? trimmed } };
    }
    if (code === 'reserved-segment') return { code, key: 'name.reserved', params: { name: trimmed } };
    if (trimmed === '') return { code, key: 'name.empty', params: {} };
    if ([...trimmed.normalize('NFC')].length > NAME_MAX_LENGTH) return { code, key: 'name.too-long', params: { max: NAME_MAX_LENGTH } };
    return { code, key: 'name.invalid', params: {} };
  }
}

/** The members an action applies to: explicit ids, else the store's selection. */
export function resolveTarget(store: SegmentStore, memberIds: readonly string[] | undefined): MemberTarget {
  return memberIds ? { kind: 'ids', ids: [...memberIds] } : store.selectionTarget();
}

/** Members that changed (deduplicated across segments), and those skipped in a single-segment change. */
export function summarize(result: MembershipResult): { count: number; skipped: number } {
  // One segment: its count as is. A set of 100,000 ids took ~20 ms in the Confirm task (decision 031).
  if (result.segments.length === 1) {
    const [effect] = result.segments as [MembershipResult['segments'][number]];
    return { count: Math.max(effect.memberIds.length, effect.changed), skipped: effect.skipped };
  }
  const changed = new Set<string>();
  for (const effect of result.segments) for (const id of effect.memberIds) changed.add(id);
  const count = Math.max(changed.size, result.segments.length === 1 ? result.segments[0]!.changed : 0);
  const skipped = result.segments.length === 1 ? result.segments[0]!.skipped : 0;
  return { count, skipped };
}
