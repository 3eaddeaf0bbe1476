/**
 * The headless segment store: atoms for the UI to read, actions for it to
 * call. Every write is optimistic, carries a client-generated id, waits in an
 * ordered queue, is retried on transient faults and rolled back on a refusal
 * (see docs/decisions/002-mutation-queue.md).
 *
 * This file only reads the options and wires the parts together; each part
 * owns its state behind a small interface:
 * - `queue.ts`: the write queue (order, retries, outbox, outcomes);
 * - `segments.ts`: confirmed segments and `$segments`; `projection.ts`: the optimistic view, pure;
 * - `member-window.ts`: pages of the applied query; `filter.ts`, `selection.ts`;
 * - `writes.ts`: the write actions; `undo.ts`: the last bulk action;
 * - `announce.ts`: writes to events; `persistence.ts`: the cache; `status.ts`;
 * - `revalidate.ts` and `live.ts`: re-reads, live updates, connectivity;
 * - `audience.ts`, `invites.ts`.
 */
import { computed } from 'nanostores';
import type { DeleteResult } from '../model.js';
import { validatedAdapter } from '../validated.js';
import { checkSegmentName } from '../rules.js';
import { checkSegmentFields } from '../segment-fields.js';
import { announceWrite, originOf } from './announce.js';
import { countAudience, createAudienceController } from './audience.js';
import { browserConnectivity } from './connectivity.js';
import { Emitter } from './emitter.js';
import { createFilter } from './filter.js';
import { createInvites } from './invites.js';
import { checkStoreOptions } from './limits.js';
import { followChanges } from './live.js';
import { createMemberWindow } from './member-window.js';
import type { MutationRecord } from './mutation.js';
import { sendWrite } from './mutation.js';
import { createOutbox } from './outbox.js';
import { QUERY_KEY, createStoreCache } from './persistence.js';
import { createWriteQueue } from './queue.js';
import { createRevalidator } from './revalidate.js';
import { inverseOf, resolveReversal } from './reverse.js';
import { createSegments } from './segments.js';
import { createSelection } from './selection.js';
import { createStatusFlags, statusView } from './status.js';
import { createShared } from './tabs.js';
import type { PendingMutation, SegmentStore, SegmentStoreOptions, StoreEvents } from './types.js';
import { createUndoLog } from './undo.js';
import { createWriteActions } from './writes.js';

export type { MutationRecord } from './mutation.js';

export function createSegmentStore(options: SegmentStoreOptions): SegmentStore {
  // Refused here, named, before anything starts: a NaN or Infinity option would become a request or timer storm.
  const limits = checkStoreOptions(options);
  const adapter = validatedAdapter(options.adapter);
  const { pageSize } = limits;
  const now = options.now ?? Date.now;
  const connectivity = options.connectivity ?? browserConnectivity();
  const events = new Emitter<StoreEvents>();
  /** Aborted by `destroy()`: every request listens to it, and every part reads "destroyed" from it. */
  const lifetime = new AbortController();
  const { signal } = lifetime;
  // Assigned below, once the parts it restores into exist; the parts only await it later.
  let ready: Promise<void>;
  const whenReady = () => ready;

  const flags = createStatusFlags({
    offline: !connectivity.isOnline(),
    cache: options.cache ? 'ready' : 'none',
    events,
    signal,
  });
  const cache = createStoreCache(options.cache, flags, events);
  const outbox = createOutbox({ cache, ...(options.tabs ? { tabs: options.tabs } : {}), signal });
  const revalidator = createRevalidator({ refresh: () => refresh(), isIdle: () => queue.isIdle(), signal });
  const undo = createUndoLog();

  const queue = createWriteQueue({
    execute: (write) => sendWrite(adapter, write, signal),
    connectivity,
    retry: limits.retry,
    ready: whenReady,
    // With a cache, a write is saved in the outbox before it is shown (decision 011).
    ...(options.cache ? { persist: (records: MutationRecord[]) => outbox.save(records) } : {}),
    apply(write, result) {
      if (write.cancelled) return;
      members.applyConfirmed(write, result);
      if (write.kind === 'delete-segment') {
        selection.segmentDeleted((result as DeleteResult).segment);
        filter.dropSegment(write.segmentId!);
      }
      segments.confirm(write, result);
    },
    shown: (write) => announceWrite(events, write, 'optimistic'),
    settled(write, outcome) {
      members.touch();
      undo.track(write, outcome.status);
      if (outcome.status === 'confirmed') {
        if (write.cancelled) return announceWrite(events, write, 'reverted');
        announceWrite(events, write, 'confirmed', outcome.result);
        shared.confirmed(write);
        return;
      }
      announceWrite(events, write, 'reverted', undefined, outcome.error);
      // A segment that never came to be leaves the filter, as a deleted one does.
      if (write.kind === 'create-segment') filter.dropSegment(write.draft!.id!);
      // Reported once: a write dropped with the one refused (`by`) is not a second error.
      if (!outcome.by) events.emit('error', { error: outcome.error, action: write.kind, mutationId: write.id, ...originOf(write) });
      revalidator.whenIdle();
    },
    paused(error, write) {
      flags.set({ paused: error ? 'unauthorized' : null });
      if (error) events.emit('error', { error, action: write!.kind, mutationId: write!.id, ...originOf(write!) });
    },
    resolve: resolveReversal,
    inverse: (write, result) => inverseOf(write, result, {}, 'fix_'),
    reachable(reachable) {
      if (!reachable) flags.set({ offline: true });
      else if (flags.get().offline) flags.set({ offline: false });
    },
    idle: () => revalidator.idle(),
  });

  const segments = createSegments({
    adapter,
    queue,
    flags,
    cache,
    connectivity,
    now,
    signal,
    ready: whenReady,
    refreshWhenIdle: () => revalidator.whenIdle(),
  });

  const filter = createFilter({
    onQuery(query) {
      cache.write(QUERY_KEY, query);
      selection.queryChanged();
      members.show(query);
    },
  });

  const members = createMemberWindow({
    adapter,
    $writes: queue.$writes,
    query: filter.$query.get(),
    pageSize,
    maxPages: limits.maxPages,
    cache,
    ready: whenReady,
    signal,
    readFailed: flags.readFailed,
    refreshWhenIdle: () => revalidator.whenIdle(),
    flags,
    now,
  });

  const selection = createSelection(members);

  const segmentFields = checkSegmentFields(options.segmentFields);
  const writes = createWriteActions({
    fields: segmentFields,
    enqueue: queue.enqueueAll,
    segments,
    $writes: queue.$queued,
    member: members.member,
    defaultTarget: selection.target,
    undo,
    adapter,
  });

  const invites = createInvites({
    adapter,
    events,
    signal,
    now,
    fields: segmentFields,
    checkSegment: (segmentId) => void segments.require(segmentId),
    redeemed: () => revalidator.soon(),
    changed: (scope) => shared.post(scope),
  });

  const shared = createShared({
    tabs: options.tabs,
    outbox,
    take: (records) => queue.restore(records),
    changed: (scope) => (scope === 'invites' ? invites.changedElsewhere() : revalidator.soon()),
    signal,
  });

  // Open from the cache: the segments and the last view at once (stale until re-read), then this
  // tab's outbox and those of tabs that are gone, before anything is sent.
  ready = (async () => {
    const saved = await cache.open();
    if (saved.segments) segments.restore(saved.segments);
    if (saved.query) filter.restore(saved.query);
    const own = await outbox.open();
    if (own.length) await queue.restore(own);
    await shared.adopt();
  })().catch(() => undefined); // every step degrades on its own (the cache goes on in memory)

  async function refresh(): Promise<void> {
    await ready;
    await Promise.all([segments.load(), members.revalidate()]);
  }

  const stopFollowing = followChanges({
    adapter,
    connectivity,
    events,
    isOwn: (requestId) => queue.owns(requestId) || invites.owns(requestId),
    invitesChanged: () => invites.changedElsewhere(),
    dataChanged: () => revalidator.soon(),
    connectivityChanged(online) {
      flags.set({ offline: !online });
      if (!online) return;
      queue.wake();
      void ready.then(shared.adopt);
      if (segments.$segments.lc > 0) revalidator.soon();
    },
  });

  const $status = computed([flags.$flags, queue.$queued, segments.$base], (f, queued, base) =>
    statusView(f, queued.length, base),
  );
  const $pending = computed(queue.$queued, (queued): readonly PendingMutation[] =>
    queued.map((w) => ({ id: w.id, kind: w.kind, attempts: w.attempts, lastError: w.lastError })),
  );

  return {
    adapter,
    $segments: segments.$segments,
    $status,
    $totalMembers: computed(segments.$base, (base) => base.total),
    $draft: filter.$draft,
    $query: filter.$query,
    $members: members.$members,
    $selection: selection.$selection,
    $selectedCount: selection.$selectedCount,
    $pending,
    $lastAction: undo.$lastAction,
    $invites: invites.$invites,
    ready,
    on: (type, listener) => events.on(type, listener),
    refresh,
    settled: queue.settled,
    resume: () => queue.resume(),
    createSegment: writes.createSegment,
    updateSegment: writes.updateSegment,
    renameSegment: (id, name, opts) => writes.updateSegment(id, { name }, opts),
    deleteSegment: writes.deleteSegment,
    checkName: (name, selfId) => checkSegmentName(name, segments.stored(), selfId),
    segmentById: segments.byId,
    setDraft: filter.setDraft,
    apply: filter.apply,
    reset: filter.reset,
    setSearch: filter.setSearch,
    setSort: filter.setSort,
    applyFilter: filter.applyFilter,
    loadRange: members.loadRange,
    select: selection.select,
    toggle: selection.toggle,
    selectRange: selection.selectRange,
    selectAllMatching: selection.selectAllMatching,
    clearSelection: selection.clear,
    isSelected: selection.isSelected,
    selectionTarget: selection.target,
    preview: writes.preview,
    assign: (segmentIds, opts) => writes.changeMembership('assign', segmentIds, opts),
    unassign: (segmentIds, opts) => writes.changeMembership('unassign', segmentIds, opts),
    createAndAssign: writes.createAndAssign,
    segmentFields,
    setSegmentField: writes.setSegmentField,
    move: writes.move,
    createAndMove: writes.createAndMove,
    previewMove: writes.previewMove,
    undo: (opts) => writes.withOrigin(opts?.origin, undo.undo),
    countAudience: (rules, opts) => countAudience(adapter, rules, opts),
    createAudience: (rules = { include: [], exclude: [], match: 'any' }) =>
      createAudienceController(rules, (r, o) => countAudience(adapter, r, o), events),
    loadInvites: invites.load,
    createInvite: invites.create,
    revokeInvite: invites.revoke,
    redeemInvite: invites.redeem,
    destroy() {
      lifetime.abort();
      queue.stop();
      // Let another tab adopt what is left only once the outbox holds it.
      void queue.flushed().then(() => shared.stop(queue.$queued.get().length));
      stopFollowing();
      revalidator.stop();
      events.clear();
    },
  };
}
