/**
 * The rows every grid of the side-by-side run shows (bench/grids): the same
 * seeded members (@segkit/mock's generator, in memory), in the order segkit's
 * memory adapter shows them by default (by name), so row `i` is the same
 * member in every grid. Sorting happens before any clock starts.
 */
import type { GridData } from './shared.js';
import { compareMembers, emptyQuery } from '@segkit/core';
import { generateDataset } from '@segkit/mock';

export function gridData(size: number, seed = 9): GridData {
  const { members, segments } = generateDataset({ seed, size });
  const sort = emptyQuery().sort;
  members.sort((a, b) => compareMembers(a, b, sort));
  return { members, segments, segmentNames: new Map(segments.map((s) => [s.id, s.name])) };
}

