/**
 * What every grid page of the side-by-side run shares (bench/grids): the
 * columns, the cell texts, and the interface the harness drives. No imports
 * but types, so a grid's own size (its page without the harness) counts only
 * the grid and its glue.
 */
import type { Member, Segment } from '@segkit/core';

export interface GridData {
  members: Member[];
  segments: Segment[];
  /** Segment names by id (the grids other than segkit show them joined by commas). */
  segmentNames: ReadonlyMap<string, string>;
}

/** The five data columns every grid shows (after its checkbox column). */
export const COLUMNS = [
  { key: 'name', label: 'Name' },
  { key: 'email', label: 'Email' },
  { key: 'segments', label: 'Segments' },
  { key: 'country', label: 'Country' },
  { key: 'followers', label: 'Followers' },
] as const;

export const followersOf = (m: Member) => Number(m.attributes.followers ?? 0);
export const countryOf = (m: Member) => String(m.attributes.country ?? '');
export const segmentsOf = (m: Member, names: ReadonlyMap<string, string>) => m.segmentIds.map((id) => names.get(id) ?? id).join(', ');
const number = new Intl.NumberFormat('en');
export const followersText = (m: Member) => number.format(followersOf(m));

/** Each column's text for a member, by column key (the grids that take a value per cell). */
export function columnTexts(segmentNames: ReadonlyMap<string, string>): Record<(typeof COLUMNS)[number]['key'], (m: Member) => string> {
  return {
    name: (m) => m.name,
    email: (m) => m.email ?? '',
    segments: (m) => segmentsOf(m, segmentNames),
    country: countryOf,
    followers: followersText,
  };
}

/** What the harness drives: each grid's page implements it over the grid's own API. */
export interface GridUnderTest {
  /** The element that scrolls the rows. */
  scroller(): HTMLElement;
  /** The row at the top of the view (just below the header), when it shows a member: its index and name; else null. */
  topRow(): { index: number; name: string } | null;
  /** The grid's own select-all (what its header checkbox or Ctrl+A does). */
  selectAll(): void;
  /** Whether the row at the top of the view shows as selected. */
  topRowSelected(): boolean;
}

export type MountGrid = (host: HTMLElement, data: GridData) => GridUnderTest;

/** The element at a point, looking into open shadow roots. */
export function deepHit(x: number, y: number): Element | null {
  let root: Document | ShadowRoot = document;
  let hit: Element | null = null;
  for (;;) {
    const next: Element | null = root.elementFromPoint(x, y);
    if (!next || next === hit) return hit;
    hit = next;
    if (!next.shadowRoot) return hit;
    root = next.shadowRoot;
  }
}
