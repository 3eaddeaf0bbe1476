/**
 * The memory adapter: the full segments semantics in memory. It is the
 * embedded default when there is no backend, the engine of the mock backend,
 * and the reference the other adapters are tested against.
 */
import type { AdapterChangeEvent, CallOptions, SegmentsAdapter, WriteOptions } from './adapter.js';
import { SegkitError, isSegkitError, throwIfAborted } from './errors.js';
import { createId } from './ids.js';
import { compareSortValues, compileFilter, memberSearchText, sortValueOf } from './query.js';
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
  /** The current data (live references: do not mutate). */
  snapshot(): MemoryData;
  subscribe(listener: (event: AdapterChangeEvent) => void): () => void;
}

type StoredSegment = Omit<Segment, 'memberCount'>;

const MAX_PAGE = 500;
const REMEMBERED_REQUESTS = 5_000;

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = options.now ?? Date.now;
  const latency = options.latencyMs ?? 0;
  const iso = () => new Date(now()).toISOString();

  const segments = new Map<string, StoredSegment>();
  /** Members of each stored segment. */
  const rosters = new Map<string, Set<string>>();
  const members = new Map<string, Member>();
  const searchText = new Map<string, string>();
  const invites = new Map<string, InviteLink>();
  let unassigned = 0;
  /** Bumped on any change that can alter query results. */
  let version = 0;
  /** Bumped when members are added (sorted orders stay valid across membership changes). */
  let rosterVersion = 0;
  const sortedCache = new Map<string, { version: number; order: Member[] }>();
  const resultCache = new Map<string, { version: number; items: Member[] }>();
  const requests = new Map<string, { ok: true; value: unknown } | { ok: false; error: unknown }>();
  const listeners = new Set<(event: AdapterChangeEvent) => void>();
  let currentRequestId: string | undefined;

  for (const seed of options.segments ?? []) {
    const { memberCount: _ignored, ...segment } = seed;
    segments.set(segment.id, structuredClone(segment));
    rosters.set(segment.id, new Set());
  }
  for (const seed of options.members ?? []) addMember(seed);
  // Links saved before `reveal` existed reveal nothing.
  for (const invite of options.invites ?? []) invites.set(invite.id, { ...invite, reveal: [...(invite.reveal ?? [])] });

  function addMember(seed: Member): Member {
    const segmentIds = [...new Set(seed.segmentIds)].filter((id) => rosters.has(id));
    const member: Member = { ...seed, attributes: { ...seed.attributes }, segmentIds };
    members.set(member.id, member);
    searchText.set(member.id, memberSearchText(member));
    for (const id of segmentIds) rosters.get(id)!.add(member.id);
    if (segmentIds.length === 0) unassigned += 1;
    version += 1;
    rosterVersion += 1;
    return member;
  }

  function toSegment(stored: StoredSegment): Segment {
    return { ...structuredClone(stored), memberCount: rosters.get(stored.id)!.size };
  }

  function copyMember(member: Member): Member {
    return { ...member, attributes: { ...member.attributes }, segmentIds: [...member.segmentIds] };
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

  async function call<T>(options: CallOptions | undefined, run: () => T): Promise<T> {
    throwIfAborted(options?.signal);
    await (latency > 0 ? new Promise((resolve) => setTimeout(resolve, latency)) : Promise.resolve());
    throwIfAborted(options?.signal);
    return structuredClone(run());
  }

  /** Runs a write at most once per request id; a replay answers the first outcome. */
  async function write<T>(kind: string, options: WriteOptions | undefined, run: () => T): Promise<T> {
    const key = options?.requestId === undefined ? undefined : `${kind}:${options.requestId}`;
    return call(options, () => {
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
        remember(key, { ok: true, value: structuredClone(value) });
        return value;
      } catch (error) {
        if (isSegkitError(error)) remember(key, { ok: false, error });
        throw error;
      } finally {
        currentRequestId = undefined;
      }
    });
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

  function sorted(query: MemberQuery): Member[] {
    const key = `${query.sort.key}:${query.sort.dir}`;
    // Sorting by segment count depends on memberships, the others only on the roster.
    const v = query.sort.key === 'segments' ? version : rosterVersion;
    const hit = sortedCache.get(key);
    if (hit && hit.version === v) return hit.order;
    // Each member's sort value is computed once (a date is parsed once, not at every comparison).
    const { key: sortKey, dir } = query.sort;
    const keyed = [...members.values()].map((m) => ({ m, v: sortValueOf(m, sortKey) }));
    keyed.sort((a, b) => compareSortValues(a.v, a.m.id, b.v, b.m.id, dir));
    const order = keyed.map((k) => k.m);
    sortedCache.set(key, { version: v, order });
    return order;
  }

  function matching(query: MemberQuery): Member[] {
    const key = JSON.stringify([query.include, query.exclude, query.match, query.search, query.attributes, query.sort]);
    const hit = resultCache.get(key);
    if (hit && hit.version === version) return hit.items;
    const test = compileFilter(query, searchText);
    const items = sorted(query).filter(test);
    if (resultCache.size > 32) resultCache.clear();
    resultCache.set(key, { version, items });
    return items;
  }

  function resolveTarget(change: MembershipChange): Member[] {
    const target = change.target;
    if (target?.kind === 'ids' && Array.isArray(target.ids)) {
      const out: Member[] = [];
      const seen = new Set<string>();
      for (const id of target.ids) {
        const member = members.get(id);
        if (member && !seen.has(id)) {
          seen.add(id);
          out.push(member);
        }
      }
      return out;
    }
    if (target?.kind === 'query' && typeof target.filter === 'object' && target.filter !== null) {
      checkRules(target.filter);
      const except = new Set(target.except ?? []);
      const test = compileFilter(normalizeFilter(target.filter), searchText);
      const out: Member[] = [];
      for (const member of members.values()) if (!except.has(member.id) && test(member)) out.push(member);
      return out;
    }
    throw new SegkitError('invalid-input', 'A membership target is { kind: "ids", ids } or { kind: "query", filter, except }.');
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

  function plan(change: MembershipChange) {
    const segmentIds = checkChange(change);
    const targets = resolveTarget(change);
    const assign = change.op === 'assign';
    const effects = segmentIds.map((segmentId) => {
      const roster = rosters.get(segmentId)!;
      const memberIds: string[] = [];
      for (const member of targets) if (roster.has(member.id) !== assign) memberIds.push(member.id);
      return { segmentId, changed: memberIds.length, skipped: targets.length - memberIds.length, memberIds };
    });
    let unassignedDelta = 0;
    const removing = new Set(segmentIds);
    for (const member of targets) {
      if (assign && member.segmentIds.length === 0) unassignedDelta -= 1;
      if (!assign && member.segmentIds.length > 0 && member.segmentIds.every((id) => removing.has(id))) {
        unassignedDelta += 1;
      }
    }
    return { members: targets.length, segments: effects, unassignedDelta };
  }

  function applyPlan(change: MembershipChange, result: MembershipResult): void {
    const assign = change.op === 'assign';
    for (const effect of result.segments) {
      const roster = rosters.get(effect.segmentId)!;
      for (const id of effect.memberIds) {
        const member = members.get(id)!;
        if (assign) {
          roster.add(id);
          member.segmentIds.push(effect.segmentId);
        } else {
          roster.delete(id);
          member.segmentIds = member.segmentIds.filter((s) => s !== effect.segmentId);
        }
      }
    }
    unassigned += result.unassignedDelta;
    if (result.segments.some((s) => s.changed > 0)) {
      version += 1;
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
        rosters.set(id, new Set());
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
      return write('deleteSegment', options, (): DeleteResult => {
        const stored = requireSegment(id);
        const segment = toSegment(stored);
        const roster = rosters.get(id)!;
        let unassignedDelta = 0;
        for (const memberId of roster) {
          const member = members.get(memberId)!;
          member.segmentIds = member.segmentIds.filter((s) => s !== id);
          if (member.segmentIds.length === 0) unassignedDelta += 1;
        }
        segments.delete(id);
        rosters.delete(id);
        unassigned += unassignedDelta;
        version += 1;
        const stamp = iso();
        for (const invite of invites.values()) if (invite.segmentId === id && !invite.revokedAt) invite.revokedAt = stamp;
        emit({ type: 'segments' });
        return { segment, memberIds: [...roster], unassignedDelta };
      });
    },

    queryMembers(query: MemberQuery, page: PageRequest, options) {
      return call(options, (): MemberPage => {
        checkRules(query);
        const offset = page?.offset;
        const limit = page?.limit;
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
          throw new SegkitError('invalid-input', `A page has an offset >= 0 and a limit from 1 to ${MAX_PAGE}.`);
        }
        const items = matching(normalizeQuery(query));
        return { items: items.slice(offset, offset + limit).map(copyMember), total: items.length, offset };
      });
    },

    previewMembership(change, options) {
      return call(options, (): MembershipPreview => {
        const { members: count, segments: effects, unassignedDelta } = plan(change);
        return {
          members: count,
          segments: effects.map(({ segmentId, changed, skipped }) => ({ segmentId, changed, skipped })),
          unassignedDelta,
        };
      });
    },

    changeMembership(change, options) {
      return write('changeMembership', options, (): MembershipResult => {
        const result = plan(change);
        applyPlan(change, result);
        if (result.segments.some((s) => s.changed > 0)) {
          emit({
            type: 'membership',
            change: structuredClone(change),
            result: structuredClone(result),
          });
        }
        return result;
      });
    },

    countAudience(rules, options) {
      return call(options, (): AudienceCount => {
        checkRules(rules);
        const test = compileFilter(normalizeFilter({ ...rules, search: '', attributes: [] }), searchText);
        let count = 0;
        for (const member of members.values()) if (test(member)) count += 1;
        return { count };
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
        const result = plan(change);
        applyPlan(change, result);
        invite.uses += 1;
        emit({ type: 'members' });
        emit({ type: 'membership', change, result: structuredClone(result) });
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

    snapshot() {
      return {
        members: [...members.values()],
        segments: [...segments.values()].map(toSegment),
        invites: [...invites.values()],
      };
    },
  };
  return adapter;
}
