/**
 * The segments part through its own interface: a fake listSegments, a fake
 * write clock (decision 004), a fake cache.
 */
import { atom, cleanStores, keepMount } from 'nanostores';
import { SegkitError } from '../../packages/core/src/errors.js';
import type { SegmentList } from '../../packages/core/src/model.js';
import { manualConnectivity } from '../../packages/core/src/store/connectivity.js';
import { Emitter } from '../../packages/core/src/store/emitter.js';
import type { MutationRecord } from '../../packages/core/src/store/mutation.js';
import { createSegments } from '../../packages/core/src/store/segments.js';
import { createStatusFlags } from '../../packages/core/src/store/status.js';
import type { StoreEvents } from '../../packages/core/src/store/types.js';
import { expect } from '../setup/expect.js';
import { until } from './fixtures.js';

const T = '2026-01-01T00:00:00.000Z';
const list = (vips: number, unassigned = 4): SegmentList => ({
  items: [{ id: 'vips', name: 'VIPs', memberCount: vips, createdAt: T, updatedAt: T }],
  unassignedCount: unassigned,
  totalMembers: 10,
});

function setup() {
  const events = new Emitter<StoreEvents>();
  const errors: string[] = [];
  events.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
  const flags = createStatusFlags({ offline: false, cache: 'ready', events, signal: new AbortController().signal });
  const clock = { epoch: 0, inflight: false };
  const answers: Array<SegmentList | SegkitError | (() => SegmentList)> = [];
  let reads = 0;
  let reReads = 0;
  const cached: unknown[] = [];
  const segments = createSegments({
    adapter: {
      async listSegments() {
        reads += 1;
        await new Promise((r) => setTimeout(r, 1));
        const answer = answers.shift() ?? list(1);
        if (answer instanceof SegkitError) throw answer;
        return typeof answer === 'function' ? answer() : answer;
      },
    },
    queue: {
      $writes: atom<MutationRecord[]>([]),
      $queued: atom<MutationRecord[]>([]),
      mark: () => (clock.inflight ? null : clock.epoch),
      quietSince: (mark) => mark !== null && !clock.inflight && mark === clock.epoch,
    },
    flags,
    cache: { write: (key, value) => cached.push([key, value]) },
    connectivity: manualConnectivity(true),
    now: () => Date.parse(T),
    signal: new AbortController().signal,
    ready: () => Promise.resolve(),
    refreshWhenIdle: () => (reReads += 1),
  });
  return { segments, flags, clock, answers, cached, errors, reads: () => reads, reReads: () => reReads };
}

const count = (segments: ReturnType<typeof setup>['segments'], id: string) => segments.byId(id)?.memberCount;

describe('segments', () => {
  it('loads on first mount, shows Unassigned first and caches the list', async () => {
    const { segments, cached } = setup();
    keepMount(segments.$segments);
    await until(() => segments.$segments.get().length === 2);
    expect(segments.$segments.get().map((s) => s.id)).to.deep.equal(['unassigned', 'vips']);
    expect(cached, 'with when it was saved').to.deep.equal([['segments', { ...list(1), savedAt: Date.parse(T) }]]);
    cleanStores(segments.$segments);
  });

  it('reads one list at a time', async () => {
    const { segments, reads } = setup();
    await Promise.all([segments.load(), segments.load()]);
    expect(reads()).to.equal(1);
  });

  it('always takes the first read; later, a read that overlapped a write is dropped and re-read after the queue', async () => {
    const { segments, clock, answers, reReads } = setup();
    answers.push(() => {
      clock.epoch += 2; // a write started and settled while this read was out
      return list(5);
    });
    await segments.load();
    expect(count(segments, 'vips'), 'nothing shown yet: the first read is taken').to.equal(5);
    expect(reReads()).to.equal(1);
    answers.push(() => {
      clock.epoch += 2;
      return list(7);
    });
    await segments.load();
    expect(count(segments, 'vips'), 'counts not replaced by an overlapping read').to.equal(5);
    expect(reReads()).to.equal(2);
    clock.inflight = true;
    answers.push(list(8));
    await segments.load();
    expect(count(segments, 'vips'), 'a read started during a write is not trusted either').to.equal(5);
    clock.inflight = false;
    answers.push(list(9));
    await segments.load();
    expect(count(segments, 'vips')).to.equal(9);
    expect(reReads()).to.equal(3);
  });

  it('folds a confirmed answer into the list and the cache', async () => {
    const { segments, cached } = setup();
    await segments.load();
    cached.length = 0;
    const change = { op: 'assign' as const, segmentIds: ['vips'], target: { kind: 'ids' as const, ids: ['a', 'b'] }, source: 'manual' as const };
    segments.confirm(
      { id: 'w', kind: 'membership', change },
      { members: 2, segments: [{ segmentId: 'vips', changed: 2, skipped: 0, memberIds: ['a', 'b'] }], unassignedDelta: -2 },
    );
    expect(count(segments, 'vips')).to.equal(3);
    expect(count(segments, 'unassigned')).to.equal(2);
    expect(cached).to.deep.equal([['segments', { items: [{ ...list(3).items[0] }], unassignedCount: 2, totalMembers: 10, savedAt: Date.parse(T) }]]);
  });

  it('shows a failed read in the status and as an error event, keeping the list', async () => {
    const { segments, flags, answers, errors } = setup();
    await segments.load();
    answers.push(new SegkitError('network', 'down'));
    await segments.load();
    expect(flags.get()).to.deep.include({ offline: true, loading: false });
    expect(flags.get().error?.code).to.equal('network');
    expect(errors).to.deep.equal(['load-segments:network']);
    expect(count(segments, 'vips')).to.equal(1);
    await segments.load();
    expect(flags.get()).to.deep.include({ offline: false, error: null });
  });

  it('finds segments by id and refuses Unassigned and unknown ids', async () => {
    const { segments } = setup();
    await segments.load();
    expect(segments.require('vips').name).to.equal('VIPs');
    expect(segments.stored().map((s) => s.id)).to.deep.equal(['vips']);
    expect(() => segments.require('unassigned')).to.throw().with.property('code', 'reserved-segment');
    expect(() => segments.require('nope')).to.throw().with.property('code', 'not-found');
  });
});
