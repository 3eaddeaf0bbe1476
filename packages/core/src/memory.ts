/**
 * The memory adapter: the full segments semantics in memory. It is the
 * embedded default when there is no backend, the engine of the mock backend,
 * and the reference the other adapters are tested against.
 */
import type { AdapterChangeEvent, CallOptions, SegmentsAdapter, WriteOptions } from './adapter.js';
import { SegkitError, isSegkitError, throwIfAborted } from './errors.js';
import { createId } from './ids.js';
import { createMemberIndex } from './memory-index.js';
import type { DeletePlan, MembershipPlan } from './memory-write.js';
import { copyChange, copyResult, createWriteLock, deleteSteps, planSteps } from './memory-write.js';
import { runNow } from './memory-sort.js';
import { inSlices } from './yield.js';
import type {
  AudienceCount,
  DeleteResult,
  InviteDraft,
  InviteLink,
  InviteProfile,
  Member,
  MemberPage,
  MemberQuery,
  MembershipChange,
  MembershipPreview,
  MembershipResult,
  PageRequest,
  RedeemResult,
  Segment,
  SegmentDraft,
  SegmentList,
  SegmentPatch,
} from './model.js';
import { UNASSIGNED_ID } from './model.js';
import { checkProfile, checkRules, normalizeFilter, normalizeQuery } from './memory-checks.js';
import { revealedValues } from './reveal.js';
import { checkInviteDraft, checkSegmentDraft, checkSegmentPatch } from './rules.js';

export interface MemoryData {
  members: Member[];
  segments: Segment[];
  invites: InviteLink[];
}

export interface MemoryAdapterOptions {
  /**
   * Seed members. The adapter keeps these objects as they are (no copy) and
   * never changes them: a write replaces a member with a changed copy. Do not
   * change them after handing them over (decision 027).
   */
  members?: Member[];
  /** Seed segments; `memberCount` is ignored (derived from the members). */
  segments?: Array<Omit<Segment, 'memberCount'> & { memberCount?: number }>;
  /** Seed links; one without `reveal` (saved before it existed) reveals nothing. */
  invites?: Array<Omit<InviteLink, 'reveal'> & { reveal?: string[] }>;
  /** Clock, for timestamps and invite expiry. */
  now?: () => number;
  /** Artificial latency of every call, in ms (default 0; calls are always async). */
  latencyMs?: number;
}

export interface MemoryAdapter extends SegmentsAdapter {
  /**
   * The current data (live references: do not mutate). Members are replaced,
   * never changed in place: a member object from an earlier snapshot shows
   * that member as it was then.
   */
  snapshot(): MemoryData;
  subscribe(listener: (event: AdapterChangeEvent) => void): () => void;
  /** One member as it is now (a live reference: do not mutate), or `undefined`. */
  member(id: string): Member | undefined;
}

type StoredSegment = Omit<Segment, 'memberCount'>;

const MAX_PAGE = 500;

const REMEMBERED_REQUESTS = 5_000;

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = options.now ?? Date.now;
  const latency = options.latencyMs ?? 0;
  const iso = () => new Date(now()).toISOString();

  const segments = new Map<string, StoredSegment>();
  /** How many members each stored segment has. */
  const counts = new Map<string, number>();
  const members = createMemberIndex();
  const invites = new Map<string, InviteLink>();
  let unassigned = 0;
  const requests = new Map<string, { ok: true; value: unknown } | { ok: false; error: unknown }>();
  const listeners = new Set<(event: AdapterChangeEvent) => void>();
  let currentRequestId: string | undefined;
  /** Writes one at a time: a bulk write plans in slices, then commits in one step (decision 031). */
  const lock = createWriteLock();
  /** Bumped by every commit of a write: a read prepared across one prepares again. */
  let commits = 0;

  for (const seed of options.segments ?? []) {
    const { memberCount: _ignored, ...segment } = seed;
    segments.set(segment.id, structuredClone(segment));
    counts.set(segment.id, 0);
  }
  members.reserve(options.members?.length ?? 0);
  for (const seed of options.members ?? []) addMember(seed);
  // Links saved before `reveal` existed reveal nothing.
  for (const invite of options.invites ?? []) invites.set(invite.id, { ...invite, reveal: [...(invite.reveal ?? [])] });

  /** Adds `seed` as it is, or a copy when its segment list names an unknown segment or one twice. */
  function addMember(seed: Member): Member {
    const ids = seed.segmentIds;
    let clean = true;
    for (let i = 0; i < ids.length && clean; i += 1) clean = counts.has(ids[i]!) && ids.indexOf(ids[i]!) === i;
    const member = clean ? seed : { ...seed, segmentIds: [...new Set(ids)].filter((id) => counts.has(id)) };
    const before = members.put(member);
    if (before) count(before.segmentIds, -1);
    count(member.segmentIds, 1);
    return member;
  }

  function count(segmentIds: readonly string[], delta: number): void {
    for (const id of segmentIds) counts.set(id, counts.get(id)! + delta);
    if (segmentIds.length === 0) unassigned += delta;
  }

  function toSegment(stored: StoredSegment): Segment {
    return { ...structuredClone(stored), memberCount: counts.get(stored.id)! };
  }

  function emit(event: AdapterChangeEvent): void {
    if (currentRequestId !== undefined) event.requestId = currentRequestId;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's fault must not break the write that already happened.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /**
   * Runs `run` after `latencyMs`. A call that will filter or sort many
   * members first has `prepare` compute that in slices, with the event loop
   * let in between (search texts, the order, who matches; cached), so `run`,
   * one task, stays short at 100,000 members. `prepare` sees the input
   * unchecked: where it fails, `run` checks and says why.
   */
  async function call<T>(options: CallOptions | undefined, run: () => T, prepare?: () => Promise<void>, copy: (value: T) => T = structuredClone): Promise<T> {
    throwIfAborted(options?.signal);
    await (latency > 0 ? new Promise((resolve) => setTimeout(resolve, latency)) : Promise.resolve());
    throwIfAborted(options?.signal);
    // Bad input fails `prepare`: `run` refuses it with the right error. A write committed
    // meanwhile made what it computed stale: once more (then `run` computes what is missing).
    for (let tries = 0; prepare && tries < 3; tries += 1) {
      const at = commits;
      await prepare().catch(() => undefined);
      if (at === commits) break;
    }
    throwIfAborted(options?.signal);
    return copy(run());
  }

  /**
   * Runs a write at most once per request id (a replay answers the first
   * outcome), after every write called before it (`lock`); `prepare` plans
   * it in slices, `run` checks and commits it in one step.
   */
  function write<T>(
    kind: string,
    options: WriteOptions | undefined,
    run: () => T,
    prepare?: () => Promise<void>,
    copy?: (value: T) => T,
  ): Promise<T> {
    const key = options?.requestId === undefined ? undefined : `${kind}:${options.requestId}`;
    return lock.run(() => call(options, () => {
      if (key !== undefined) {
        const seen = requests.get(key);
        if (seen) {
          if (seen.ok) return seen.value as T;
          throw seen.error;
        }
      }
      currentRequestId = options?.requestId;
      try {
        const value = run();
        commits += 1;
        // Kept as is: `call` hands the caller a copy, and a replay is copied again.
        remember(key, { ok: true, value });
        return value;
      } catch (error) {
        if (isSegkitError(error)) remember(key, { ok: false, error });
        throw error;
      } finally {
        currentRequestId = undefined;
      }
    }, prepare, copy));
  }

  function remember(key: string | undefined, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) {
    if (key === undefined) return;
    requests.set(key, outcome);
    if (requests.size > REMEMBERED_REQUESTS) requests.delete(requests.keys().next().value!);
  }

  function requireSegment(id: string): StoredSegment {
    if (id === UNASSIGNED_ID) {
      throw new SegkitError('reserved-segment', 'Members cannot be assigned to or removed from Unassigned directly.');
    }
    const segment = segments.get(id);
    if (!segment) throw new SegkitError('not-found', `There is no segment "${id}".`);
    return segment;
  }

  function checkChange(change: MembershipChange): string[] {
    if (typeof change !== 'object' || change === null || (change.op !== 'assign' && change.op !== 'unassign')) {
      throw new SegkitError('invalid-input', 'A membership change has op "assign" or "unassign".');
    }
    if (!Array.isArray(change.segmentIds) || change.segmentIds.length === 0) {
      throw new SegkitError('invalid-input', 'A membership change names at least one segment.', { field: 'segmentIds' });
    }
    const ids = [...new Set(change.segmentIds)];
    for (const id of ids) requireSegment(id);
    return ids;
  }

  /** Who a query target selects, computed in slices before the change runs (see `call`). */
  async function prepareTarget(change: MembershipChange): Promise<void> {
    const target = change.target;
    if (target?.kind !== 'query') return;
    checkRules(target.filter);
    await members.prepareMatching(normalizeFilter(target.filter));
  }

  /** Steps to the plan of `change` (checked first: throws what is wrong with it); `copies`: with the changed members. */
  function plan(change: MembershipChange, copies: boolean): Generator<void, MembershipPlan, void> {
    return planSteps(members, change, checkChange(change), copies);
  }

  /**
   * A plan computed in slices by `prepare` (see `call`), which `get` answers
   * when no write committed since; else `get` computes it at once.
   */
  function sliced<T>(steps: () => Generator<void, T, void>): { prepare(): Promise<void>; get(): T } {
    let done: { at: number; value: T } | undefined;
    return {
      async prepare() {
        const at = commits;
        done = { at, value: await inSlices(steps()) };
      },
      get: () => (done !== undefined && done.at === commits ? done.value : runNow(steps())),
    };
  }

  /** Commits a planned membership change in one step. */
  function applyPlan(change: MembershipChange, { result, changed }: MembershipPlan): void {
    const assign = change.op === 'assign';
    members.install(changed);
    for (const effect of result.segments) {
      counts.set(effect.segmentId, counts.get(effect.segmentId)! + (assign ? 1 : -1) * effect.memberIds.length);
    }
    unassigned += result.unassignedDelta;
    if (result.segments.some((s) => s.changed > 0)) {
      const stamp = iso();
      for (const effect of result.segments) if (effect.changed > 0) segments.get(effect.segmentId)!.updatedAt = stamp;
    }
  }

  const adapter: MemoryAdapter = {
    capabilities: { live: true, invites: true },

    listSegments(options) {
      return call(options, (): SegmentList => ({
        items: [...segments.values()].map(toSegment),
        unassignedCount: unassigned,
        totalMembers: members.size,
      }));
    },

    createSegment(draft: SegmentDraft, options) {
      return write('createSegment', options, () => {
        const clean = checkSegmentDraft(draft, segments.values());
        if (clean.id !== undefined && segments.has(clean.id)) {
          throw new SegkitError('invalid-input', `The segment id "${clean.id}" is in use.`, { field: 'id' });
        }
        const stamp = iso();
        const { id = createId('seg_'), ...fields } = clean;
        const segment: StoredSegment = { ...fields, id, createdAt: stamp, updatedAt: stamp };
        segments.set(id, segment);
        counts.set(id, 0);
        emit({ type: 'segments' });
        return toSegment(segment);
      });
    },

    updateSegment(id, patch: SegmentPatch, options) {
      return write('updateSegment', options, () => {
        const clean = checkSegmentPatch(id, patch, segments.values());
        const segment = segments.get(id);
        if (!segment) throw new SegkitError('not-found', `There is no segment "${id}".`);
        if (clean.name !== undefined) segment.name = clean.name;
        for (const field of ['description', 'color', 'metadata'] as const) {
          const value = clean[field];
          if (value === null) delete segment[field];
          else if (value !== undefined) (segment as Record<string, unknown>)[field] = value;
        }
        segment.updatedAt = iso();
        emit({ type: 'segments' });
        return toSegment(segment);
      });
    },

    deleteSegment(id, options) {
      const planned = sliced((): Generator<void, DeletePlan, void> => deleteSteps(members, id));
      return write('deleteSegment', options, (): DeleteResult => {
        const stored = requireSegment(id);
        const segment = toSegment(stored);
        const { memberIds, unassignedDelta, changed } = planned.get();
        members.install(changed);
        segments.delete(id);
        counts.delete(id);
        unassigned += unassignedDelta;
        const stamp = iso();
        for (const invite of invites.values()) if (invite.segmentId === id && !invite.revokedAt) invite.revokedAt = stamp;
        emit({ type: 'segments' });
        return { segment, memberIds, unassignedDelta };
      }, async () => {
        requireSegment(id);
        await planned.prepare();
      }, ({ segment, memberIds, unassignedDelta }) => ({ segment: structuredClone(segment), memberIds: memberIds.slice(), unassignedDelta }));
    },

    queryMembers(query: MemberQuery, page: PageRequest, options) {
      return call(options, (): MemberPage => {
        checkRules(query);
        const offset = page?.offset;
        const limit = page?.limit;
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
          throw new SegkitError('invalid-input', `A page has an offset >= 0 and a limit from 1 to ${MAX_PAGE}.`);
        }
        const { positions, total } = members.page(normalizeQuery(query), offset, limit);
        const items = Array.from(positions, (at) => members.members[at]!);
        return { items, total, offset };
      }, async () => {
        checkRules(query);
        const clean = normalizeQuery(query);
        // A page near either end needs only the members up to it in order (the rest follows in the background).
        const { offset, limit } = page ?? {};
        if (Number.isSafeInteger(offset) && Number.isSafeInteger(limit) && offset >= 0 && limit > 0 && (await members.prepareEnds(clean, offset, limit))) return;
        await members.prepareMatching(clean, clean.sort);
      });
    },

    previewMembership(change, options) {
      const planned = sliced(() => plan(change, false));
      return call(options, (): MembershipPreview => {
        const { members: count, segments: effects, unassignedDelta } = planned.get().result;
        return {
          members: count,
          segments: effects.map(({ segmentId, changed, skipped }) => ({ segmentId, changed, skipped })),
          unassignedDelta,
        };
      }, async () => {
        await prepareTarget(change);
        await planned.prepare();
      });
    },

    changeMembership(change, options) {
      const planned = sliced(() => plan(change, true));
      return write('changeMembership', options, (): MembershipResult => {
        const next = planned.get();
        applyPlan(change, next);
        const { result } = next;
        if (result.segments.some((s) => s.changed > 0)) {
          emit({ type: 'membership', change: copyChange(change), result: copyResult(result) });
        }
        return result;
      }, async () => {
        await prepareTarget(change);
        await planned.prepare();
      }, copyResult);
    },

    countAudience(rules, options) {
      return call(options, (): AudienceCount => {
        checkRules(rules);
        const test = members.compile(normalizeFilter({ ...rules, search: '', attributes: [] }));
        let found = 0;
        for (let at = 0; at < members.size; at += 1) if (test(at)) found += 1;
        return { count: found };
      });
    },

    createInvite(draft: InviteDraft, options) {
      return write('createInvite', options, (): InviteLink => {
        const clean = checkInviteDraft(draft, now());
        requireSegment(clean.segmentId);
        const invite: InviteLink = {
          id: createId('inv_'),
          token: createId(),
          createdAt: iso(),
          uses: 0,
          ...clean,
          reveal: clean.reveal ?? [],
        };
        invites.set(invite.id, invite);
        emit({ type: 'invites' });
        return { ...invite, reveal: [...invite.reveal] };
      });
    },

    listInvites(segmentId, options) {
      return call(options, () =>
        [...invites.values()]
          .filter((invite) => segmentId === undefined || invite.segmentId === segmentId)
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
          .map((invite) => ({ ...invite, reveal: [...invite.reveal] })),
      );
    },

    revokeInvite(id, options) {
      return write('revokeInvite', options, () => {
        const invite = invites.get(id);
        if (!invite) throw new SegkitError('not-found', `There is no invite "${id}".`);
        if (!invite.revokedAt) {
          invite.revokedAt = iso();
          emit({ type: 'invites' });
        }
        return { ...invite, reveal: [...invite.reveal] };
      });
    },

    redeemInvite(token, profile: InviteProfile, options) {
      return write('redeemInvite', options, (): RedeemResult => {
        const invite = [...invites.values()].find((i) => i.token === token);
        if (typeof token !== 'string' || !invite) throw new SegkitError('not-found', 'This invitation link is not valid.');
        if (invite.revokedAt) throw new SegkitError('invite-unusable', 'This invitation link was revoked.');
        if (invite.expiresAt && Date.parse(invite.expiresAt) <= now()) {
          throw new SegkitError('invite-unusable', 'This invitation link has expired.');
        }
        if (invite.maxUses !== undefined && invite.uses >= invite.maxUses) {
          throw new SegkitError('invite-unusable', 'This invitation link has no uses left.');
        }
        if (!segments.has(invite.segmentId)) throw new SegkitError('invite-unusable', 'This invitation link is closed.');
        const clean = checkProfile(profile);
        // Never found by email: the email is unverified, and finding the member
        // would enrol them and disclose that they exist (decision 015).
        const member = addMember({ id: createId('mem_'), ...clean, attributes: {}, segmentIds: [], createdAt: iso() });
        const change: MembershipChange = {
          op: 'assign',
          target: { kind: 'ids', ids: [member.id] },
          segmentIds: [invite.segmentId],
          source: 'link',
        };
        const next = runNow(plan(change, true));
        applyPlan(change, next);
        invite.uses += 1;
        emit({ type: 'members' });
        emit({ type: 'membership', change, result: copyResult(next.result) });
        emit({ type: 'invites' });
        const segment = segments.get(invite.segmentId)!;
        return {
          segmentId: invite.segmentId,
          segmentName: segment.name,
          joined: true,
          member: { id: member.id, ...clean },
          // The link's chosen keys, read now: a code changed since the link was made shows its new value.
          revealed: revealedValues(segment.metadata, invite.reveal),
        };
      });
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    member: (id) => members.get(id),

    snapshot() {
      return {
        members: [...members.members],
        segments: [...segments.values()].map(toSegment),
        invites: [...invites.values()],
      };
    },
  };
  return adapter;
}
