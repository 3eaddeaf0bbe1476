/**
 * Catching up with another tab's save without rebuilding the data. A rebuild
 * indexes every member again (0.6 to 1 s at 100,000 members); the changes a
 * tab usually makes (segments created or edited, memberships changed) are
 * instead replayed on this tab's data through the memory adapter, with its
 * clock set to the saved timestamps. Anything else (a segment deleted,
 * invites, members who joined, a name conflict on the way) answers false and
 * the caller rebuilds; so does a result that differs from what was saved.
 */
import type { MemoryAdapter, Member, MembershipChange, Segment, SegmentDraft, SegmentPatch } from '@segkit/core';
import { sameSet } from './diff.js';
import type { Baseline } from './diff.js';
import type { PersistedState } from './persist.js';

type StoredSegment = Omit<Segment, 'memberCount'>;

/** The clock the memory adapter stamps with: `at` while replaying, else the backend's. */
export interface ReplayClock {
  at: number | undefined;
}

export interface PatchInput {
  adapter: MemoryAdapter;
  clock: ReplayClock;
  baseline: Baseline;
  /** This tab's membership diff (seeded members whose segments differ from the seed). */
  current: Map<string, string[]>;
  /** The saved one. */
  target: Map<string, string[]>;
  state: PersistedState;
}

const FIELDS = ['name', 'description', 'color', 'metadata'] as const;

/** JSON with object keys sorted, to compare data whatever order its keys were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const stored = (segments: readonly Segment[]): StoredSegment[] => segments.map(({ memberCount: _derived, ...segment }) => segment);

function draftOf(segment: StoredSegment): SegmentDraft {
  const draft: SegmentDraft = { id: segment.id, name: segment.name };
  if (segment.description !== undefined) draft.description = segment.description;
  if (segment.color !== undefined) draft.color = segment.color;
  if (segment.metadata !== undefined) draft.metadata = segment.metadata;
  return draft;
}

function patchOf(have: StoredSegment, want: StoredSegment): SegmentPatch | undefined {
  const patch: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (canonical(have[field]) !== canonical(want[field])) patch[field] = want[field] ?? null;
  }
  return Object.keys(patch).length === 0 ? undefined : (patch as SegmentPatch);
}

/** Brings `adapter` to the saved state; false when it could not (the caller rebuilds). */
export async function patchTo({ adapter, clock, baseline, current, target, state }: PatchInput): Promise<boolean> {
  const data = adapter.snapshot();
  if (canonical(data.invites) !== canonical(state.invites)) return false;
  const joined = data.members.slice(baseline.size);
  if (joined.length !== state.members.length || joined.some((member, i) => member.id !== state.members[i]!.id)) return false;
  const have = stored(data.segments);
  const want = state.segments;
  // Segments are listed in the order they were created: the saved list starts with this tab's.
  if (want.length < have.length || have.some((segment, i) => segment.id !== want[i]!.id)) return false;
  const stamp = new Map(want.map((segment) => [segment.id, Date.parse(segment.updatedAt)]));

  for (const segment of want.slice(have.length)) {
    clock.at = Date.parse(segment.createdAt);
    await adapter.createSegment(draftOf(segment));
  }
  for (const [i, segment] of have.entries()) {
    const patch = patchOf(segment, want[i]!);
    if (!patch) continue;
    clock.at = stamp.get(segment.id);
    await adapter.updateSegment(segment.id, patch);
  }

  // Who is to join or leave which segment.
  const moves = new Map<string, { assign: string[]; unassign: string[] }>();
  const move = (id: string, from: readonly string[], to: readonly string[]) => {
    if (sameSet(from, to)) return;
    for (const segmentId of new Set([...from, ...to])) {
      if (from.includes(segmentId) === to.includes(segmentId)) continue;
      let entry = moves.get(segmentId);
      if (!entry) moves.set(segmentId, (entry = { assign: [], unassign: [] }));
      (to.includes(segmentId) ? entry.assign : entry.unassign).push(id);
    }
  };
  for (const id of new Set([...current.keys(), ...target.keys()])) {
    const seeded = baseline.get(id);
    if (seeded === undefined) return false;
    move(id, current.get(id) ?? seeded, target.get(id) ?? seeded);
  }
  joined.forEach((member: Member, i) => move(member.id, member.segmentIds, state.members[i]!.segmentIds));
  for (const [segmentId, { assign, unassign }] of moves) {
    if (!stamp.has(segmentId)) return false;
    clock.at = stamp.get(segmentId);
    for (const [op, ids] of [['assign', assign], ['unassign', unassign]] as const) {
      if (ids.length === 0) continue;
      const change: MembershipChange = { op, target: { kind: 'ids', ids }, segmentIds: [segmentId], source: 'manual' };
      await adapter.changeMembership(change);
    }
  }

  return true;
}
