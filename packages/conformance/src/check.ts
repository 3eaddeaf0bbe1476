/**
 * What a check is and what it is given. A check holds on any backend's data:
 * it reads what is there and computes what to expect from it; what it needs
 * it creates under a unique name (`segkit conformance <run id> …`) and
 * deletes in a `finally`.
 */
import type { Member, MemberQuery, Segment, SegmentDraft, SegmentsAdapter } from '@segkit/core';
import { emptyQuery } from '@segkit/core';
import { skip } from './assert.js';

/**
 * What a check needs beyond reading:
 * - `write`: creates, changes and deletes segments (cleaned up; members are
 *   assigned only to segments the check created, so deleting them restores
 *   the data); skipped by `--read-only`;
 * - `add-members`: redeems invite links, the one way the API adds members,
 *   and so leaves new members behind; runs only with `--add-members`;
 * - `invites`: the backend declares `capabilities.invites`;
 * - `wire`: speaks HTTP directly (status codes, error bodies, replays); only
 *   against a base URL.
 */
export type CheckNeed = 'write' | 'add-members' | 'invites' | 'wire';

/** Raw HTTP access to the backend under test, for checks of the wire itself. */
export interface Wire {
  /** `fetch(baseUrl + path)` with the `Authorization` header of the run. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

export interface CheckContext {
  adapter: SegmentsAdapter;
  wire?: Wire;
  /** Short unique id of this run: in every name and request id the run creates. */
  runId: string;
  /** `segkit conformance <run id> <label>`: the name of something the check creates. */
  name(label: string): string;
  /** Checks that read every member skip above this many (default 5,000). */
  maxMembers: number;
  /**
   * Facts about the data known beforehand (the test wrappers know their
   * seeded dataset); a check asserts them when given.
   */
  known?: { totalMembers?: number };
}

export interface Check {
  /** Group, shown before the name: `segments`, `members`, `membership`, `audience`, `invites`, `semantics`, `wire`, `errors`. */
  group: string;
  name: string;
  needs: readonly CheckNeed[];
  run(ctx: CheckContext): Promise<void>;
}

/** Every member matching `query`, in the server's order; skips the check when there are more than `ctx.maxMembers`. */
export async function allMembers(ctx: CheckContext, query: Partial<MemberQuery> = {}, pageSize = 25): Promise<Member[]> {
  const q = { ...emptyQuery(), ...query };
  const out: Member[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await ctx.adapter.queryMembers(q, { offset, limit: pageSize });
    if (offset === 0 && page.total > ctx.maxMembers) {
      skip(`the backend has ${page.total} members matching, more than the ${ctx.maxMembers} this check reads (--max-members)`);
    }
    out.push(...page.items);
    if (offset + pageSize >= page.total) return out;
  }
}

export async function totalOf(ctx: CheckContext, query: Partial<MemberQuery>): Promise<number> {
  return (await ctx.adapter.queryMembers({ ...emptyQuery(), ...query }, { offset: 0, limit: 1 })).total;
}

export async function counts(ctx: CheckContext) {
  const list = await ctx.adapter.listSegments();
  return {
    unassigned: list.unassignedCount,
    total: list.totalMembers,
    of: (id: string) => list.items.find((s) => s.id === id)?.memberCount,
    list,
  };
}

/** Deletes segments a check created, ignoring those already gone; never throws (the check's own outcome wins). */
/** Runs `body` with a segment made from `draft`, deleted afterwards whatever happens. */
export async function withSegment<T>(ctx: CheckContext, draft: SegmentDraft, body: (segment: Segment) => Promise<T>): Promise<T> {
  const segment = await ctx.adapter.createSegment(draft);
  try {
    return await body(segment);
  } finally {
    await cleanUp(ctx, [segment.id]);
  }
}

export async function cleanUp(ctx: CheckContext, ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    try {
      await ctx.adapter.deleteSegment(id);
    } catch {
      // already deleted by the check, or the backend refused: nothing more to do here
    }
  }
}
