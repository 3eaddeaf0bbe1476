/**
 * Name folding and name search, the Lit-free part of `segments.ts` (which
 * re-exports them): connectors filter segments by name with these, so a
 * widget and a React or Vue UI over the same connector match names alike.
 */
import { foldText } from '@segkit/core';

/** The comparison form of a name or a search: accents and case folded, trimmed ("Zoë " matches "zoe"). */
export function foldName(text: string): string {
  return foldText(text).trim();
}

/** True when `name` contains `search` (folded); an empty search matches everything. */
export function nameMatches(name: string, search: string): boolean {
  const needle = foldName(search);
  return needle === '' || foldName(name).includes(needle);
}
