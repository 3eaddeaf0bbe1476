/**
 * The headless segment store: atoms for the UI to read, actions for it to
 * call. Every write is optimistic, carries a client-generated id, waits in an
 * ordered queue, is retried on transient faults and rolled back on a refusal
 * (see docs/decisions/002-mutation-queue.md).
 */
import { atom, computed, onMount, task } from 'nanostores';
import type { AdapterChangeEvent, SegmentsAdapter } from '../adapter.js';
import type { SegmentCache } from '../cache.js';
import { SegkitError, isTransient, toSegkitError } from '../errors.js';
import { createId } from '../ids.js';
import type {
  DeleteResult,
  InviteDraft,
  InviteLink,
  Member,
  MemberFilter,
  MemberQuery,
  MemberSort,
  MemberTarget,
  MembershipChange,
  MembershipOp,
  MembershipPreview,
  MembershipResult,
  Segment,
  SegmentDraft,
  SegmentList,
  SegmentPatch,
  SegmentRules,
} from '../model.js';
import { UNASSIGNED_ID, emptyFilter, emptyQuery, filterKey, toFilter } from '../model.js';
import { compileFilter } from '../query.js';
import { UNASSIGNED_NAME, checkSegmentDraft, checkSegmentName, checkSegmentPatch } from '../rules.js';
import { validatedAdapter } from '../validated.js';
import { browserConnectivity } from './connectivity.js';
import { Emitter } from './emitter.js';
import type {
  AudienceController,
  AudienceState,
  BulkOptions,
  InvitesState,
  MemberWindow,
  MutationKind,
  PendingMutation,
  Selection,
  SegmentStore,
  SegmentStoreOptions,
  SegmentView,
  StoreEvents,
  StoreStatus,
  UndoableAction,
} from './types.js';

/** A queued write as persisted in the outbox: plain data. */
export interface MutationRecord {
  id: string;
  kind: MutationKind;
  draft?: SegmentDraft;
  segmentId?: string;
  patch?: SegmentPatch;
  change?: MembershipChange;
  /** Predicted count changes, shown until the backend answers. */
  estimate?: { segments: Record<string, number>; unassigned: number } | null;
  /** Dropped with the same error when that mutation is refused. */
  dependsOn?: string;
  /** The segment before an update or delete (for events on rollback). */
  before?: Segment;
  /** Made by `undo()`: events say so. */
  undo?: true;
}

interface Mutation extends MutationRecord {
  /** The backend's answer, once confirmed. */
  result?: unknown;
  attempts: number;
  lastError: SegkitError | null;
  settle?: { resolve(value: unknown): void; reject(error: SegkitError): void };
  done: Promise<unknown>;
}

interface Base {
  loaded: boolean;
  segments: Map<string, Segment>;
  unassigned: number;
  total: number | null;
}

interface WindowState {
  query: MemberQuery;
  key: string;
  total: number | null;
  pages: Map<number, string[]>;
  loading: Map<number, AbortController>;
  error: SegkitError | null;
  generation: number;
  /** The last range the UI asked for, [start, end). */
  range: [number, number];
}

interface LastAction {
  view: UndoableAction;
  ops: Mutation[];
  undo: () => Promise<void>;
}

const OUTBOX_KEY = 'outbox';
const SEGMENTS_KEY = 'segments';
const MAX_RANGE = 10_000;
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function pageKey(key: string, page: number): string {
  return `members:${key}:${page}`;
}

function unassignedSegment(count: number): SegmentView {
  return {
    id: UNASSIGNED_ID,
    name: UNASSIGNED_NAME,
    memberCount: Math.max(0, count),
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    system: true,
    pending: false,
  };
}

function patchSegment<T extends Segment>(segment: T, patch: SegmentPatch): T {
  const next = { ...segment };
  if (patch.name !== undefined) next.name = patch.name;
  for (const field of ['description', 'color', 'metadata'] as const) {
    const value = patch[field];
    if (value === null) delete next[field];
    else if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  }
  return next;
}

export function createSegmentStore(options: SegmentStoreOptions): SegmentStore {
  const adapter: SegmentsAdapter = validatedAdapter(options.adapter);
  const cache: SegmentCache | undefined = options.cache;
  const pageSize = Math.min(500, Math.max(1, Math.floor(options.pageSize ?? 100)));
  const now = options.now ?? Date.now;
  const baseMs = options.retry?.baseMs ?? 500;
  const maxMs = options.retry?.maxMs ?? 30_000;
  const maxAttempts = options.retry?.maxAttempts ?? 8;
  const maxPages = options.maxPages ?? 60;
  const connectivity = options.connectivity ?? browserConnectivity();
  const events = new Emitter<StoreEvents>();
  const lifetime = new AbortController();
  let destroyed = false;

  // ---- state ---------------------------------------------------------------
  const $base = atom<Base>({ loaded: false, segments: new Map(), unassigned: 0, total: null });
  const $queue = atom<Mutation[]>([]);
  const $flags = atom({
    loading: false,
    offline: !connectivity.isOnline(),
    stale: false,
    error: null as SegkitError | null,
    cache: (cache ? 'ready' : 'none') as StoreStatus['cache'],
  });
  const $draft = atom<MemberFilter>(emptyFilter());
  const $query = atom<MemberQuery>(emptyQuery());
  const $rows = atom(0); // bumped when window pages or known members change
  const $selection = atom<Selection>({ mode: 'ids', ids: new Set(), anchor: null });
  const $lastActionView = atom<UndoableAction | null>(null);
  const $invites = atom<InvitesState>({ segmentId: undefined, items: [], loading: false, error: null });
  const known = new Map<string, Member>();
  const ownRequests = new Set<string>();
  let lastAction: LastAction | null = null;
  let lastPreview: { key: string; preview: MembershipPreview } | null = null;
  /** Changes when a write starts or settles: a read spanning a change may be inconsistent. */
  let writeEpoch = 0;
  let inflight: Mutation | null = null;
  let revalidateWhenIdle = false;

  const win: WindowState = {
    query: $query.get(),
    key: filterKey($query.get()),
    total: null,
    pages: new Map(),
    loading: new Map(),
    error: null,
    generation: 0,
    range: [0, pageSize],
  };

  const setFlags = (patch: Partial<ReturnType<typeof $flags.get>>) => $flags.set({ ...$flags.get(), ...patch });
  const bumpRows = () => $rows.set($rows.get() + 1);

  // ---- projections ---------------------------------------------------------
  type Predicate = (member: Member) => boolean;
  const targetTests = new WeakMap<MembershipChange, Predicate>();

  function targets(change: MembershipChange): Predicate {
    let test = targetTests.get(change);
    if (!test) {
      const target = change.target;
      if (target.kind === 'ids') {
        const ids = new Set(target.ids);
        test = (m) => ids.has(m.id);
      } else {
        const except = new Set(target.except);
        const matches = compileFilter(target.filter);
        test = (m) => !except.has(m.id) && matches(m);
      }
      targetTests.set(change, test);
    }
    return test;
  }

  /** A member with the queued changes applied, in order (as the backend will apply them). */
  function project(member: Member, queue: readonly Mutation[]): Member {
    let ids = member.segmentIds;
    for (const op of queue) {
      if (op.kind === 'membership' && op.change) {
        const current = ids === member.segmentIds ? member : { ...member, segmentIds: ids };
        if (!targets(op.change)(current)) continue;
        if (op.change.op === 'assign') {
          const add = op.change.segmentIds.filter((id) => !ids.includes(id));
          if (add.length) ids = [...ids, ...add];
        } else if (op.change.segmentIds.some((id) => ids.includes(id))) {
          ids = ids.filter((id) => !op.change!.segmentIds.includes(id));
        }
      } else if (op.kind === 'delete-segment' && ids.includes(op.segmentId!)) {
        ids = ids.filter((id) => id !== op.segmentId);
      }
    }
    return ids === member.segmentIds ? member : { ...member, segmentIds: ids };
  }

  const $segments = computed([$base, $queue], (base, queue): SegmentView[] => {
    const map = new Map<string, SegmentView>();
    for (const segment of base.segments.values()) map.set(segment.id, { ...segment, pending: false });
    let unassigned = base.unassigned;
    const stamp = new Date(now()).toISOString();
    for (const op of queue) {
      if (op.kind === 'create-segment' && op.draft) {
        const { id, ...fields } = op.draft;
        map.set(id!, { ...fields, id: id!, memberCount: 0, createdAt: stamp, updatedAt: stamp, pending: true });
      } else if (op.kind === 'update-segment') {
        const segment = map.get(op.segmentId!);
        if (segment) map.set(segment.id, { ...patchSegment(segment, op.patch!), pending: true });
      } else if (op.kind === 'delete-segment') {
        if (map.delete(op.segmentId!)) unassigned += op.estimate?.unassigned ?? 0;
      } else if (op.estimate) {
        for (const [id, delta] of Object.entries(op.estimate.segments)) {
          const segment = map.get(id);
          if (segment) map.set(id, { ...segment, memberCount: Math.max(0, segment.memberCount + delta), pending: true });
        }
        unassigned += op.estimate.unassigned;
      }
    }
    const list = [...map.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    return base.loaded || queue.length ? [unassignedSegment(unassigned), ...list] : [];
  });

  const $totalMembers = computed($base, (base) => base.total);

  const $status = computed([$flags, $queue, $base], (flags, queue, base): StoreStatus => ({
    ready: base.loaded,
    loading: flags.loading,
    offline: flags.offline,
    pending: queue.length,
    stale: flags.stale,
    error: flags.error,
    cache: flags.cache,
  }));

  const $pending = computed($queue, (queue): readonly PendingMutation[] =>
    queue.map((op) => ({ id: op.id, kind: op.kind, attempts: op.attempts, lastError: op.lastError })),
  );

  const $members = computed([$rows, $queue], (_rows, queue): MemberWindow => {
    const memo = new Map<number, Member | undefined>();
    const { pages, total, key, error } = win;
    return {
      key,
      total,
      pageSize,
      loading: win.loading.size > 0,
      error,
      pages: [...pages.keys()].sort((a, b) => a - b),
      at(index) {
        if (memo.has(index)) return memo.get(index);
        const id = pages.get(Math.floor(index / pageSize))?.[index % pageSize];
        const member = id === undefined ? undefined : known.get(id);
        const row = member && project(member, queue);
        memo.set(index, row);
        return row;
      },
    };
  });

  const $selectedCount = computed([$selection, $members], (selection, window): number => {
    if (selection.mode === 'ids') return selection.ids.size;
    const total = filterKey(selection.filter) === filterKey(toFilter(win.query)) ? window.total : null;
    return Math.max(0, (total ?? selectionTotal) - selection.except.size);
  });
  let selectionTotal = 0;

  // ---- cache ---------------------------------------------------------------
  function cacheFailed(error: unknown): void {
    const err = toSegkitError(error);
    if ($flags.get().cache !== 'unavailable') {
      setFlags({ cache: 'unavailable' });
      events.emit('error', {
        error: err.code === 'quota' ? err : new SegkitError('quota', 'Local storage is unavailable; working in memory.', { cause: err }),
        action: 'cache',
      });
    }
  }

  function cacheWrite(key: string, value: unknown): void {
    if (!cache || $flags.get().cache === 'unavailable') return;
    cache.set(key, value).catch(cacheFailed);
  }

  function persistQueue(): void {
    cacheWrite(OUTBOX_KEY, $queue.get().map(toRecord));
  }

  function toRecord(op: Mutation): MutationRecord {
    const { attempts: _a, lastError: _l, settle: _s, done: _d, result: _r, ...record } = op;
    return record;
  }

  const ready: Promise<void> = (async () => {
    if (!cache) return;
    try {
      const [outbox, segments] = await Promise.all([
        cache.get<MutationRecord[]>(OUTBOX_KEY),
        cache.get<SegmentList>(SEGMENTS_KEY),
      ]);
      if (segments && !$base.get().loaded) {
        applySegmentList(segments);
        setFlags({ stale: true });
      }
      if (Array.isArray(outbox) && outbox.length) {
        const present = new Set($queue.get().map((op) => op.id));
        const restored = outbox.filter((r) => r && !present.has(r.id)).map((r) => makeMutation(r, false));
        $queue.set([...restored, ...$queue.get()]);
        void pump();
      }
    } catch (error) {
      cacheFailed(error);
    }
  })();

  // ---- reads ---------------------------------------------------------------
  function applySegmentList(list: SegmentList): void {
    $base.set({
      loaded: true,
      segments: new Map(list.items.map((s) => [s.id, s])),
      unassigned: list.unassignedCount,
      total: list.totalMembers,
    });
  }

  let segmentsLoad: Promise<void> | null = null;
  function loadSegments(): Promise<void> {
    if (segmentsLoad) return segmentsLoad;
    segmentsLoad = task(async () => {
      const epoch = writeEpoch;
      const idle = inflight === null;
      setFlags({ loading: true });
      try {
        const list = await adapter.listSegments({ signal: lifetime.signal });
        if (destroyed) return;
        const consistent = idle && inflight === null && epoch === writeEpoch;
        if (consistent || !$base.get().loaded) {
          applySegmentList(list);
          cacheWrite(SEGMENTS_KEY, list);
          setFlags({ stale: false, error: null });
        }
        if (!consistent) revalidateWhenIdle = true;
        if (connectivity.isOnline() && $flags.get().offline) setFlags({ offline: false });
      } catch (error) {
        readFailed(error, 'load-segments');
      } finally {
        setFlags({ loading: false });
        segmentsLoad = null;
      }
    });
    return segmentsLoad;
  }

  function readFailed(error: unknown, action: string): void {
    const err = toSegkitError(error);
    if (err.code === 'aborted' || destroyed) return;
    setFlags({ error: err, ...(err.code === 'network' || err.code === 'offline' ? { offline: true } : {}) });
    events.emit('error', { error: err, action });
  }

  onMount($segments, () => {
    if (!$base.get().loaded || $flags.get().stale) void task(() => ready.then(loadSegments));
  });

  function resetWindow(query: MemberQuery): void {
    for (const controller of win.loading.values()) controller.abort();
    win.loading.clear();
    win.query = query;
    win.key = filterKey(query);
    win.total = null;
    win.pages.clear();
    win.error = null;
    win.generation += 1;
    known.clear();
    bumpRows();
  }

  function fetchPage(page: number, force = false): Promise<void> {
    if (win.loading.has(page) || (!force && win.pages.has(page))) return Promise.resolve();
    return task(() => fetchPageNow(page));
  }

  async function fetchPageNow(page: number): Promise<void> {
    const generation = win.generation;
    const query = win.query;
    const key = win.key;
    const controller = new AbortController();
    const signal = AbortSignal.any ? AbortSignal.any([controller.signal, lifetime.signal]) : controller.signal;
    win.loading.set(page, controller);
    bumpRows();
    if (cache && !win.pages.has(page) && $flags.get().cache === 'ready') {
      const cached = await cache.get<{ total: number; items: Member[] }>(pageKey(key, page)).catch(() => undefined);
      if (cached && generation === win.generation && !win.pages.has(page)) storePage(page, cached.items, cached.total);
    }
    try {
      const result = await adapter.queryMembers(query, { offset: page * pageSize, limit: pageSize }, { signal });
      if (generation !== win.generation) return;
      storePage(page, result.items, result.total);
      win.error = null;
      cacheWrite(pageKey(key, page), { total: result.total, items: result.items });
    } catch (error) {
      if (generation !== win.generation) return;
      const err = toSegkitError(error);
      if (err.code !== 'aborted') win.error = err;
      readFailed(err, 'load-members');
    } finally {
      if (generation === win.generation) {
        win.loading.delete(page);
        bumpRows();
      }
    }
  }

  function storePage(page: number, items: Member[], total: number): void {
    for (const member of items) known.set(member.id, member);
    win.pages.set(page, items.map((m) => m.id));
    win.total = total;
    // Keep memory bounded while scrolling through 100k rows: drop the pages farthest from this one.
    if (win.pages.size > maxPages) {
      const far = [...win.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
      for (const p of far.slice(0, win.pages.size - maxPages)) win.pages.delete(p);
    }
    bumpRows();
  }

  function loadRange(start: number, end: number): Promise<void> {
    return task(() => loadRangeNow(start, end));
  }

  async function loadRangeNow(start: number, end: number): Promise<void> {
    await ready;
    const from = Math.max(0, Math.floor(start));
    let to = Math.max(from + 1, Math.ceil(end));
    if (win.total !== null) to = Math.min(to, Math.max(win.total, 1));
    win.range = [from, to];
    const first = Math.floor(from / pageSize);
    const last = Math.floor((to - 1) / pageSize);
    const loads: Promise<void>[] = [];
    for (let p = first; p <= last; p += 1) loads.push(fetchPage(p));
    await Promise.all(loads);
  }

  onMount($members, () => {
    if (win.pages.size === 0) void loadRange(win.range[0], win.range[1]);
  });

  async function revalidateWindow(): Promise<void> {
    const [from, to] = win.range;
    const first = Math.floor(from / pageSize);
    const last = Math.floor((Math.max(from + 1, to) - 1) / pageSize);
    for (const p of [...win.pages.keys()]) if (p < first || p > last) win.pages.delete(p);
    const loads: Promise<void>[] = [];
    for (let p = first; p <= last; p += 1) loads.push(fetchPage(p, true));
    await Promise.all(loads);
  }

  async function refresh(): Promise<void> {
    await ready;
    await Promise.all([loadSegments(), revalidateWindow()]);
  }

  // ---- the write queue -----------------------------------------------------
  function makeMutation(record: MutationRecord, withPromise = true): Mutation {
    let settle: Mutation['settle'];
    const done = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Restored outbox entries have no caller; their outcome is reported by events.
    if (!withPromise) done.catch(() => undefined);
    ownRequests.add(record.id);
    return { ...record, attempts: 0, lastError: null, settle: settle!, done };
  }

  function enqueue(record: MutationRecord): Mutation {
    const op = makeMutation(record);
    $queue.set([...$queue.get(), op]);
    persistQueue();
    announce(op, 'optimistic');
    void pump();
    return op;
  }

  function announce(op: Mutation, phase: 'optimistic' | 'confirmed' | 'reverted', result?: unknown, error?: SegkitError) {
    if (op.kind === 'membership' && op.change) {
      events.emit('membership', {
        mutationId: op.id,
        op: op.change.op,
        segmentIds: [...op.change.segmentIds],
        target: op.change.target,
        source: op.change.source,
        phase,
        ...(result ? { result: result as MembershipResult } : {}),
        ...(error ? { error } : {}),
        ...(op.undo ? { undo: true } : {}),
      });
      return;
    }
    const action = op.kind === 'create-segment' ? 'create' : op.kind === 'update-segment' ? 'update' : 'delete';
    let segment: Segment | undefined;
    if (result) segment = op.kind === 'delete-segment' ? (result as DeleteResult).segment : (result as Segment);
    else if (op.kind === 'create-segment') {
      const { id, ...fields } = op.draft!;
      segment = { ...fields, id: id!, memberCount: 0, createdAt: '', updatedAt: '' };
    } else if (op.before) segment = op.kind === 'update-segment' ? patchSegment(op.before, op.patch!) : op.before;
    if (segment) {
      events.emit('segment', {
        mutationId: op.id,
        action,
        segment,
        phase,
        ...(op.before ? { previous: op.before } : {}),
        ...(error ? { error } : {}),
        ...(op.undo ? { undo: true } : {}),
      });
    }
  }

  let pumping: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const idleWaiters: Array<() => void> = [];

  function pump(): Promise<void> {
    pumping ??= (async () => {
      await ready;
      try {
        while (!destroyed && $queue.get().length > 0) {
          const op = $queue.get()[0]!;
          if (!connectivity.isOnline()) {
            setFlags({ offline: true });
            await sleep(maxMs);
            continue;
          }
          inflight = op;
          writeEpoch += 1;
          try {
            const result = await execute(op);
            writeEpoch += 1;
            inflight = null;
            if (destroyed) return;
            confirm(op, result);
            if ($flags.get().offline && connectivity.isOnline()) setFlags({ offline: false });
          } catch (error) {
            writeEpoch += 1;
            inflight = null;
            if (destroyed) return;
            const err = toSegkitError(error);
            if (err.code === 'aborted') return;
            op.attempts += 1;
            const serverGaveUp = err.code === 'server' && op.attempts >= maxAttempts;
            if (isTransient(err) && !serverGaveUp) {
              op.lastError = err;
              $queue.set([...$queue.get()]);
              if (err.code !== 'server') setFlags({ offline: true });
              await sleep(err.retryAfterMs ?? backoff(op.attempts));
              continue;
            }
            rollback(op, err);
          }
        }
      } finally {
        pumping = null;
      }
      if ($queue.get().length === 0) onIdle();
    })();
    return pumping;
  }

  function backoff(attempt: number): number {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 20));
    return exp / 2 + Math.random() * (exp / 2);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  function onIdle(): void {
    if (revalidateWhenIdle && !destroyed) {
      revalidateWhenIdle = false;
      void refresh();
    }
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function settled(): Promise<void> {
    if ($queue.get().length === 0 && !pumping) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function execute(op: Mutation): Promise<unknown> {
    const call = { requestId: op.id, signal: lifetime.signal };
    switch (op.kind) {
      case 'create-segment':
        return adapter.createSegment(op.draft!, call);
      case 'update-segment':
        return adapter.updateSegment(op.segmentId!, op.patch!, call);
      case 'delete-segment':
        return adapter.deleteSegment(op.segmentId!, call);
      case 'membership':
        return adapter.changeMembership(op.change!, call);
    }
  }

  function removeFromQueue(ids: Set<string>): void {
    $queue.set($queue.get().filter((op) => !ids.has(op.id)));
    persistQueue();
  }

  function confirm(op: Mutation, result: unknown): void {
    const base = $base.get();
    const segments = new Map(base.segments);
    let { unassigned, total } = base;
    if (op.kind === 'create-segment' || op.kind === 'update-segment') {
      const segment = result as Segment;
      segments.set(segment.id, segment);
    } else if (op.kind === 'delete-segment') {
      const deleted = result as DeleteResult;
      segments.delete(op.segmentId!);
      unassigned += deleted.unassignedDelta;
      for (const id of deleted.memberIds) {
        const member = known.get(id);
        if (member) known.set(id, { ...member, segmentIds: member.segmentIds.filter((s) => s !== op.segmentId) });
      }
      dropFromFilters(op.segmentId!);
    } else {
      const change = op.change!;
      const res = result as MembershipResult;
      const sign = change.op === 'assign' ? 1 : -1;
      for (const effect of res.segments) {
        const segment = segments.get(effect.segmentId);
        if (segment) segments.set(segment.id, { ...segment, memberCount: Math.max(0, segment.memberCount + sign * effect.changed) });
        for (const id of effect.memberIds) {
          const member = known.get(id);
          if (!member) continue;
          const ids =
            sign > 0
              ? member.segmentIds.includes(effect.segmentId)
                ? member.segmentIds
                : [...member.segmentIds, effect.segmentId]
              : member.segmentIds.filter((s) => s !== effect.segmentId);
          known.set(id, { ...member, segmentIds: ids });
        }
      }
      unassigned += res.unassignedDelta;
      // Rows may now enter or leave the applied filter: re-read the visible pages when the queue is idle.
      if (win.query.include.length || win.query.exclude.length || win.query.sort.key === 'segments') {
        revalidateWhenIdle = true;
      }
    }
    $base.set({ loaded: base.loaded, segments, unassigned, total });
    if (base.loaded) cacheWrite(SEGMENTS_KEY, { items: [...segments.values()], unassignedCount: unassigned, totalMembers: total ?? 0 });
    removeFromQueue(new Set([op.id]));
    bumpRows();
    op.result = result;
    trackLastAction(op, 'confirmed');
    op.settle?.resolve(result);
    announce(op, 'confirmed', result);
  }

  function rollback(op: Mutation, error: SegkitError): void {
    const dropped = [op];
    for (const other of $queue.get()) if (other.dependsOn && dropped.some((d) => d.id === other.dependsOn)) dropped.push(other);
    removeFromQueue(new Set(dropped.map((d) => d.id)));
    bumpRows();
    for (const d of dropped) {
      trackLastAction(d, 'reverted');
      d.settle?.reject(error);
      announce(d, 'reverted', undefined, error);
      events.emit('error', { error, action: d.kind, mutationId: d.id });
    }
    revalidateWhenIdle = true;
  }

  function dropFromFilters(segmentId: string): void {
    const strip = <T extends MemberFilter>(f: T): T => ({
      ...f,
      include: f.include.filter((id) => id !== segmentId),
      exclude: f.exclude.filter((id) => id !== segmentId),
    });
    const draft = $draft.get();
    if (draft.include.includes(segmentId) || draft.exclude.includes(segmentId)) $draft.set(strip(draft));
    const query = $query.get();
    if (query.include.includes(segmentId) || query.exclude.includes(segmentId)) setQuery(strip(query));
  }

  // ---- segments ------------------------------------------------------------
  function viewSegments(): SegmentView[] {
    return $segments.get().filter((s) => !s.system);
  }

  function segmentById(id: string): SegmentView | undefined {
    return $segments.get().find((s) => s.id === id);
  }

  function requireStored(id: string): SegmentView {
    if (id === UNASSIGNED_ID) {
      throw new SegkitError('reserved-segment', `The ${UNASSIGNED_NAME} segment is built in and cannot be changed.`);
    }
    const segment = segmentById(id);
    if (!segment) throw new SegkitError('not-found', `There is no segment "${id}".`);
    return segment;
  }

  /** Runs a synchronous check and turns a throw into a rejected promise. */
  function attempt<T>(run: () => Promise<T>): Promise<T> {
    try {
      return run();
    } catch (error) {
      return Promise.reject(toSegkitError(error));
    }
  }

  function createSegment(draft: SegmentDraft): Promise<Segment> {
    return attempt(() => {
      const clean = checkSegmentDraft(draft, viewSegments());
      if (clean.id !== undefined && segmentById(clean.id)) {
        throw new SegkitError('invalid-input', `The segment id "${clean.id}" is in use.`, { field: 'id' });
      }
      clean.id ??= createId('seg_');
      return enqueue({ id: createId('mut_'), kind: 'create-segment', draft: clean }).done as Promise<Segment>;
    });
  }

  function updateSegment(id: string, patch: SegmentPatch): Promise<Segment> {
    return attempt(() => {
      const before = requireStored(id);
      const clean = checkSegmentPatch(id, patch, viewSegments());
      const { pending: _p, ...segment } = before;
      return enqueue({ id: createId('mut_'), kind: 'update-segment', segmentId: id, patch: clean, before: segment })
        .done as Promise<Segment>;
    });
  }

  function deleteSegment(id: string): Promise<DeleteResult> {
    return attempt(() => {
      const { pending: _p, ...before } = requireStored(id);
      const op = enqueue({ id: createId('mut_'), kind: 'delete-segment', segmentId: id, before, estimate: null });
      setLastAction({ id: op.id, kind: 'delete-segment', segmentIds: [id], count: before.memberCount, status: 'pending' }, [op], async () => {
        const deleted = (await op.done) as DeleteResult;
        const { memberCount: _c, createdAt: _a, updatedAt: _u, system: _s, ...draft } = deleted.segment;
        const restore = enqueue({ id: createId('mut_'), kind: 'create-segment', draft: checkSegmentDraft(draft, viewSegments()), undo: true });
        const waits: Promise<unknown>[] = [restore.done];
        if (deleted.memberIds.length) {
          waits.push(
            enqueueMembership(
              { op: 'assign', target: { kind: 'ids', ids: deleted.memberIds }, segmentIds: [deleted.segment.id], source: 'manual' },
              restore.id,
              true,
            ).done,
          );
        }
        await Promise.all(waits);
      });
      return op.done as Promise<DeleteResult>;
    });
  }

  // ---- membership ----------------------------------------------------------
  function checkMembership(segmentIds: readonly string[], target: MemberTarget): string[] {
    const ids = [...new Set(segmentIds)];
    if (ids.length === 0) {
      throw new SegkitError('invalid-input', 'Choose at least one segment.', { field: 'segmentIds' });
    }
    for (const id of ids) {
      if (id === UNASSIGNED_ID) {
        throw new SegkitError('reserved-segment', `Members cannot be added to or removed from ${UNASSIGNED_NAME} directly.`);
      }
      if (!segmentById(id)) throw new SegkitError('not-found', `There is no segment "${id}".`);
    }
    if (target.kind === 'ids' && target.ids.length === 0) {
      throw new SegkitError('invalid-input', 'Select at least one member.', { field: 'target' });
    }
    return ids;
  }

  function changeKey(change: MembershipChange): string {
    const target = change.target.kind === 'ids' ? [...change.target.ids].sort() : [filterKey(change.target.filter), [...change.target.except].sort()];
    return JSON.stringify([change.op, [...change.segmentIds].sort(), change.target.kind, target]);
  }

  /** Predicted count changes: exact for loaded members, from the last preview for query targets. */
  function estimate(change: MembershipChange): MutationRecord['estimate'] {
    if (change.target.kind === 'query') {
      if (lastPreview?.key !== changeKey(change)) return null;
      const sign = change.op === 'assign' ? 1 : -1;
      const segments: Record<string, number> = {};
      for (const effect of lastPreview.preview.segments) segments[effect.segmentId] = sign * effect.changed;
      return { segments, unassigned: lastPreview.preview.unassignedDelta };
    }
    const queue = $queue.get();
    const segments: Record<string, number> = Object.fromEntries(change.segmentIds.map((id) => [id, 0]));
    let unassigned = 0;
    const assign = change.op === 'assign';
    for (const id of new Set(change.target.ids)) {
      const member = known.get(id);
      if (!member) {
        if (assign) for (const s of change.segmentIds) segments[s]! += 1;
        continue;
      }
      const current = project(member, queue).segmentIds;
      for (const s of change.segmentIds) if (current.includes(s) !== assign) segments[s]! += assign ? 1 : -1;
      if (assign && current.length === 0) unassigned -= 1;
      if (!assign && current.length > 0 && current.every((s) => change.segmentIds.includes(s))) unassigned += 1;
    }
    return { segments, unassigned };
  }

  function enqueueMembership(change: MembershipChange, dependsOn?: string, undo = false): Mutation {
    return enqueue({
      id: createId('mut_'),
      kind: 'membership',
      change,
      estimate: estimate(change),
      ...(dependsOn ? { dependsOn } : {}),
      ...(undo ? { undo: true as const } : {}),
    });
  }

  function selectionTarget(): MemberTarget {
    const selection = $selection.get();
    return selection.mode === 'ids'
      ? { kind: 'ids', ids: [...selection.ids] }
      : { kind: 'query', filter: toFilter(selection.filter), except: [...selection.except] };
  }

  function membership(op: MembershipOp, segmentIds: readonly string[], options: BulkOptions = {}): Promise<MembershipResult> {
    return attempt(() => {
      const target = options.target ?? selectionTarget();
      const ids = checkMembership(segmentIds, target);
      const mutation = enqueueMembership({ op, target, segmentIds: ids, source: options.source ?? 'manual' });
      setLastAction(
        { id: mutation.id, kind: 'membership', op, segmentIds: ids, count: null, status: 'pending' },
        [mutation],
        () => undoMembership(mutation),
      );
      return mutation.done as Promise<MembershipResult>;
    });
  }

  async function undoMembership(mutation: Mutation): Promise<void> {
    const result = (await mutation.done) as MembershipResult;
    const inverse: MembershipOp = mutation.change!.op === 'assign' ? 'unassign' : 'assign';
    const waits = result.segments
      .filter((effect) => effect.memberIds.length > 0)
      .map(
        (effect) =>
          enqueueMembership(
            {
              op: inverse,
              target: { kind: 'ids', ids: effect.memberIds },
              segmentIds: [effect.segmentId],
              source: mutation.change!.source,
            },
            undefined,
            true,
          ).done,
      );
    await Promise.all(waits);
  }

  function createAndAssign(draft: SegmentDraft, options: BulkOptions = {}): Promise<{ segment: Segment; result: MembershipResult }> {
    return attempt(() => {
      const target = options.target ?? selectionTarget();
      if (target.kind === 'ids' && target.ids.length === 0) {
        throw new SegkitError('invalid-input', 'Select at least one member.', { field: 'target' });
      }
      const clean = checkSegmentDraft(draft, viewSegments());
      clean.id ??= createId('seg_');
      const create = enqueue({ id: createId('mut_'), kind: 'create-segment', draft: clean });
      const assign = enqueueMembership({ op: 'assign', target, segmentIds: [clean.id], source: options.source ?? 'manual' }, create.id);
      setLastAction(
        { id: assign.id, kind: 'create-and-assign', op: 'assign', segmentIds: [clean.id], count: null, status: 'pending' },
        [create, assign],
        async () => {
          await Promise.all([create.done, assign.done]);
          await deleteSegmentForUndo(clean.id!);
        },
      );
      return Promise.all([create.done, assign.done]).then(([segment, result]) => ({
        segment: segment as Segment,
        result: result as MembershipResult,
      }));
    });
  }

  function deleteSegmentForUndo(id: string): Promise<unknown> {
    const { pending: _p, ...before } = requireStored(id);
    return enqueue({ id: createId('mut_'), kind: 'delete-segment', segmentId: id, before, estimate: null, undo: true }).done;
  }

  function setLastAction(view: UndoableAction, ops: Mutation[], undo: () => Promise<void>): void {
    lastAction = { view, ops, undo };
    $lastActionView.set(view);
  }

  /** Keeps `$lastAction` in step with its mutations (called as each one settles). */
  function trackLastAction(op: Mutation, outcome: 'confirmed' | 'reverted'): void {
    const action = lastAction;
    if (!action || !action.ops.includes(op)) return;
    if (outcome === 'reverted') {
      lastAction = null;
      $lastActionView.set(null);
      return;
    }
    if (action.ops.some((o) => o.result === undefined)) return;
    const last = action.ops[action.ops.length - 1]!.result;
    const count =
      action.view.kind === 'delete-segment'
        ? (last as DeleteResult).memberIds.length
        : (last as MembershipResult).segments.reduce((sum, s) => sum + s.changed, 0);
    action.view = { ...action.view, count, status: 'done' };
    $lastActionView.set(action.view);
  }

  async function undo(): Promise<void> {
    const action = lastAction;
    if (!action) throw new SegkitError('not-found', 'There is nothing to undo.');
    lastAction = null;
    $lastActionView.set(null);
    await action.undo();
  }

  async function preview(
    op: MembershipOp,
    segmentIds: readonly string[],
    options: BulkOptions & { signal?: AbortSignal } = {},
  ): Promise<MembershipPreview> {
    const target = options.target ?? selectionTarget();
    const ids = checkMembership(segmentIds, target);
    const change: MembershipChange = { op, target, segmentIds: ids, source: options.source ?? 'manual' };
    const result = await adapter.previewMembership(change, options.signal ? { signal: options.signal } : {});
    lastPreview = { key: changeKey(change), preview: result };
    return result;
  }

  // ---- filter, sort, search ------------------------------------------------
  function setQuery(query: MemberQuery): void {
    if (filterKey(query) === filterKey($query.get())) return;
    $query.set(query);
    const selection = $selection.get();
    if (selection.mode === 'query') $selection.set({ mode: 'ids', ids: new Set(), anchor: null });
    else if (selection.anchor !== null) $selection.set({ ...selection, anchor: null });
    resetWindow(query);
    win.range = [0, Math.max(pageSize, win.range[1] - win.range[0])];
    if ($members.lc > 0) void loadRange(win.range[0], win.range[1]);
  }

  function cleanFilter(patch: Partial<MemberFilter>, base: MemberFilter): MemberFilter {
    const next = { ...base, ...patch };
    if (next.match !== 'any' && next.match !== 'all') {
      throw new SegkitError('invalid-input', 'Match is "any" or "all".', { field: 'match' });
    }
    return {
      include: [...new Set(next.include)],
      // A segment cannot be both included and excluded: the latest choice wins.
      exclude: [...new Set(next.exclude)].filter((id) => !(patch.include ?? []).includes(id) || (patch.exclude ?? []).includes(id)),
      match: next.match,
      search: String(next.search ?? ''),
      attributes: [...(next.attributes ?? [])],
    };
  }

  // ---- selection -----------------------------------------------------------
  function select(ids: string | readonly string[], selected = true): void {
    const list = typeof ids === 'string' ? [ids] : ids;
    const selection = $selection.get();
    if (selection.mode === 'ids') {
      const next = new Set(selection.ids);
      for (const id of list) if (selected) next.add(id);
      else next.delete(id);
      $selection.set({ ...selection, ids: next });
    } else {
      const except = new Set(selection.except);
      for (const id of list) if (selected) except.delete(id);
      else except.add(id);
      $selection.set({ ...selection, except });
    }
  }

  function isSelected(id: string): boolean {
    const selection = $selection.get();
    return selection.mode === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
  }

  function toggle(id: string, index?: number): void {
    select(id, !isSelected(id));
    if (index !== undefined) $selection.set({ ...$selection.get(), anchor: index });
  }

  async function selectRange(index: number, selected = true): Promise<void> {
    const anchor = $selection.get().anchor ?? index;
    const from = Math.min(anchor, index);
    const to = Math.max(anchor, index);
    if (to - from + 1 > MAX_RANGE) {
      throw new SegkitError('invalid-input', `A range can cover at most ${MAX_RANGE.toLocaleString('en-US')} rows; use "Select all matching" instead.`);
    }
    const key = win.key;
    await loadRange(from, to + 1);
    if (key !== win.key) return;
    const window = $members.get();
    const ids: string[] = [];
    for (let i = from; i <= to; i += 1) {
      const member = window.at(i);
      if (member) ids.push(member.id);
    }
    select(ids, selected);
    $selection.set({ ...$selection.get(), anchor });
  }

  function selectAllMatching(): void {
    selectionTotal = win.total ?? 0;
    $selection.set({ mode: 'query', filter: toFilter(win.query), except: new Set(), anchor: null });
  }

  // ---- audience ------------------------------------------------------------
  function countAudience(rules: SegmentRules, opts: { signal?: AbortSignal } = {}): Promise<number> {
    return adapter.countAudience({ include: [...rules.include], exclude: [...rules.exclude], match: rules.match }, opts).then((r) => r.count);
  }

  function createAudience(rules: SegmentRules = { include: [], exclude: [], match: 'any' }): AudienceController {
    const $state = atom<AudienceState>({ rules, count: null, loading: false, error: null });
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      controller?.abort();
      const current = (controller = new AbortController());
      const state = $state.get();
      $state.set({ ...state, loading: true });
      countAudience(state.rules, { signal: current.signal }).then(
        (count) => {
          if (current === controller) $state.set({ ...$state.get(), count, loading: false, error: null });
        },
        (error) => {
          const err = toSegkitError(error);
          if (current === controller && err.code !== 'aborted') $state.set({ ...$state.get(), loading: false, error: err });
        },
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    };
    const offs: Array<() => void> = [];
    onMount($state, () => {
      run();
      offs.push(
        events.on('membership', (e) => {
          if (e.phase !== 'optimistic') schedule();
        }),
        events.on('segment', (e) => {
          if (e.action === 'delete' && e.phase === 'confirmed') schedule();
        }),
      );
      return () => {
        for (const off of offs.splice(0)) off();
        controller?.abort();
        clearTimeout(timer);
      };
    });
    return {
      $state,
      setRules(next) {
        $state.set({ ...$state.get(), rules: { include: [...next.include], exclude: [...next.exclude], match: next.match } });
        if ($state.lc > 0) schedule();
      },
      destroy() {
        for (const off of offs.splice(0)) off();
        controller?.abort();
        clearTimeout(timer);
      },
    };
  }

  // ---- invites -------------------------------------------------------------
  async function loadInvites(segmentId?: string): Promise<InviteLink[]> {
    $invites.set({ ...$invites.get(), segmentId, loading: true, error: null });
    try {
      const items = await adapter.listInvites(segmentId, { signal: lifetime.signal });
      if ($invites.get().segmentId === segmentId) $invites.set({ segmentId, items, loading: false, error: null });
      return items;
    } catch (error) {
      const err = toSegkitError(error);
      $invites.set({ ...$invites.get(), loading: false, error: err });
      events.emit('error', { error: err, action: 'load-invites' });
      throw err;
    }
  }

  function upsertInvite(invite: InviteLink): void {
    const state = $invites.get();
    if (state.segmentId !== undefined && state.segmentId !== invite.segmentId) return;
    const items = state.items.some((i) => i.id === invite.id)
      ? state.items.map((i) => (i.id === invite.id ? invite : i))
      : [invite, ...state.items];
    $invites.set({ ...state, items });
  }

  async function createInvite(draft: InviteDraft): Promise<InviteLink> {
    requireStored(draft.segmentId);
    const invite = await adapter.createInvite(draft, { requestId: createId('req_'), signal: lifetime.signal });
    upsertInvite(invite);
    return invite;
  }

  async function revokeInvite(id: string): Promise<InviteLink> {
    const invite = await adapter.revokeInvite(id, { requestId: createId('req_'), signal: lifetime.signal });
    upsertInvite(invite);
    return invite;
  }

  async function redeemInvite(token: string, profile: Parameters<SegmentStore['redeemInvite']>[1]) {
    const requestId = createId('req_');
    ownRequests.add(requestId);
    const result = await adapter.redeemInvite(token, profile, { requestId, signal: lifetime.signal });
    if (result.joined) {
      events.emit('membership', {
        mutationId: requestId,
        op: 'assign',
        segmentIds: [result.segmentId],
        target: { kind: 'ids', ids: [result.member.id] },
        source: 'link',
        phase: 'confirmed',
        result: {
          members: 1,
          segments: [{ segmentId: result.segmentId, changed: 1, skipped: 0, memberIds: [result.member.id] }],
          unassignedDelta: 0,
        },
      });
    }
    scheduleRefresh();
    return result;
  }

  // ---- live updates and connectivity --------------------------------------
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      if (destroyed) return;
      if ($queue.get().length || pumping) revalidateWhenIdle = true;
      else void refresh();
    }, 30);
  }

  const offAdapter = adapter.subscribe?.((event: AdapterChangeEvent) => {
    if (event.requestId !== undefined && ownRequests.has(event.requestId)) return;
    if (event.type === 'membership') {
      events.emit('membership', {
        mutationId: event.requestId ?? createId('remote_'),
        op: event.change.op,
        segmentIds: [...event.change.segmentIds],
        target: event.change.target,
        source: event.change.source,
        phase: 'remote',
        result: event.result,
      });
    }
    if (event.type === 'invites') {
      if ($invites.get().items.length || $invites.get().segmentId !== undefined) void loadInvites($invites.get().segmentId).catch(() => undefined);
      return;
    }
    scheduleRefresh();
  });

  const offConnectivity = connectivity.subscribe((online) => {
    setFlags({ offline: !online });
    if (online) {
      wake?.();
      void pump();
      if ($segments.lc > 0) scheduleRefresh();
    }
  });

  // ---- the public object ---------------------------------------------------
  const store: SegmentStore = {
    adapter,
    $segments,
    $status,
    $totalMembers,
    $draft,
    $query,
    $members,
    $selection,
    $selectedCount,
    $pending,
    $lastAction: $lastActionView,
    $invites,
    ready,
    on: (type, listener) => events.on(type, listener),
    refresh,
    settled,
    createSegment,
    updateSegment,
    renameSegment: (id, name) => updateSegment(id, { name }),
    deleteSegment,
    checkName: (name, selfId) => checkSegmentName(name, viewSegments(), selfId),
    segmentById,
    setDraft(patch) {
      $draft.set(cleanFilter(patch, $draft.get()));
    },
    apply() {
      setQuery({ ...$draft.get(), sort: $query.get().sort });
    },
    reset() {
      $draft.set(emptyFilter());
      setQuery({ ...emptyFilter(), sort: $query.get().sort });
    },
    setSearch(search) {
      $draft.set({ ...$draft.get(), search });
      setQuery({ ...$query.get(), search });
    },
    setSort(sort: MemberSort) {
      setQuery({ ...$query.get(), sort: { key: sort.key, dir: sort.dir === 'desc' ? 'desc' : 'asc' } });
    },
    applyFilter(patch) {
      const filter = cleanFilter(patch, emptyFilter());
      $draft.set(filter);
      setQuery({ ...filter, sort: $query.get().sort });
    },
    loadRange,
    select,
    toggle,
    selectRange,
    selectAllMatching,
    clearSelection() {
      $selection.set({ mode: 'ids', ids: new Set(), anchor: null });
    },
    isSelected,
    selectionTarget,
    preview,
    assign: (segmentIds, opts) => membership('assign', segmentIds, opts),
    unassign: (segmentIds, opts) => membership('unassign', segmentIds, opts),
    createAndAssign,
    undo,
    countAudience,
    createAudience,
    loadInvites,
    createInvite: (draft) => attempt(() => createInvite(draft)),
    revokeInvite,
    redeemInvite,
    destroy() {
      destroyed = true;
      lifetime.abort();
      wake?.();
      offAdapter?.();
      offConnectivity();
      clearTimeout(refreshTimer);
      events.clear();
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
  };
  return store;
}
