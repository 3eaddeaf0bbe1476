/**
 * The membership diff of the mock's data against its seed, kept up to date as
 * writes happen, so a save writes only the buckets that changed (decision 007).
 */
import type { Member } from '@segkit/core';
import { bucketOf } from './persist.js';

/** Same segments, in any order (member segment lists are short and free of repeats). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** Seed member id -> its segment ids in the seed. */
export type Baseline = Map<string, readonly string[]>;

export function baselineOf(members: readonly Member[]): Baseline {
  return new Map(members.map((member) => [member.id, member.segmentIds]));
}

export interface DiffTracker {
  /** Starts over from what was loaded (nothing dirty). */
  load(buckets: Map<number, Map<string, string[]>>): void;
  /** Notes where `member` stands now. */
  touch(member: Member): void;
  /** The buckets changed since the last `take()` (copies), and forgets that they changed. */
  take(): Map<number, Map<string, string[]>>;
  /** Marks every non-empty bucket changed (to rewrite them all). */
  dirtyAll(): void;
  /** Every diff entry, to rebuild the members from the seed. */
  entries(): Map<string, string[]>;
}

export function createDiffTracker(baseline: Baseline): DiffTracker {
  let buckets = new Map<number, Map<string, string[]>>();
  const dirty = new Set<number>();
  return {
    load(loaded) {
      buckets = loaded;
      dirty.clear();
    },
    touch(member) {
      const seeded = baseline.get(member.id);
      // Members who joined through invites are saved whole, with the state.
      if (seeded === undefined) return;
      const bucket = bucketOf(member.id);
      let entries = buckets.get(bucket);
      const before = entries?.get(member.id);
      if (sameSet(seeded, member.segmentIds)) {
        if (before === undefined) return;
        entries!.delete(member.id);
      } else {
        if (before !== undefined && sameSet(before, member.segmentIds)) return;
        if (!entries) buckets.set(bucket, (entries = new Map()));
        entries.set(member.id, [...member.segmentIds]);
      }
      dirty.add(bucket);
    },
    take() {
      const out = new Map<number, Map<string, string[]>>();
      for (const bucket of dirty) out.set(bucket, new Map(buckets.get(bucket)));
      dirty.clear();
      return out;
    },
    dirtyAll() {
      for (const bucket of buckets.keys()) dirty.add(bucket);
    },
    entries() {
      const all = new Map<string, string[]>();
      for (const entries of buckets.values()) for (const [id, segmentIds] of entries) all.set(id, segmentIds);
      return all;
    },
  };
}

/** The members of the seed with the diff applied, then those who joined (the seed's objects are not changed). */
export function applyDiff(seedMembers: readonly Member[], changed: Map<string, string[]>, joined: readonly Member[]): Member[] {
  const members = seedMembers.map((member) => {
    const segmentIds = changed.get(member.id);
    return segmentIds === undefined ? member : { ...member, segmentIds: [...segmentIds] };
  });
  for (const member of joined) members.push(structuredClone(member));
  return members;
}
