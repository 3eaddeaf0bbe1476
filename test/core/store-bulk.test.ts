/**
 * A bulk change at 100,000 members through the store, on the page (decision
 * 031): "all matching" into a new segment, then Undo. Exactly one write per
 * change reaches the backend, the results are exact, and the answer naming
 * 100,000 members is folded in a task of its own, not the one it arrived in.
 */
import type { MembershipEvent, SegmentsAdapter } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import { keepMount } from 'nanostores';
import { waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { SEGMENTS, cleanup, makeMembers, makeStore } from './fixtures.js';

const N = 100_000;

/**
 * Marks `name` "in the task its answer arrived in" until that task ends: the
 * mark is cleared by a chain of 1,000 microtasks, all of which run before
 * the task ends (and long after a fold made in the same task would have run).
 */
function markAnswerTask<T>(promise: Promise<T>, open: Set<string>, name: string): Promise<T> {
  return promise.then((answer) => {
    open.add(name);
    void (async () => {
      for (let i = 0; i < 1000; i += 1) await null;
      open.delete(name);
    })();
    return answer;
  });
}

describe('store: a bulk change at 100,000 members (decision 031)', () => {
  afterEach(cleanup);

  it('Confirm and Undo of all 100,000 matching into a new segment: one write each, exact results, each bulk answer folded in a task of its own', async () => {
    const memory = createMemoryAdapter({ members: makeMembers(N), segments: SEGMENTS });
    const calls: string[] = [];
    /** Writes whose answer arrived in the task running now. */
    const answering = new Set<string>();
    /** For each write, whether it was folded in the task its answer arrived in. */
    const foldedInAnswerTask: Record<string, boolean> = {};
    let store!: ReturnType<typeof makeStore>['store'];
    const adapter = new Proxy(memory, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || !['createSegment', 'changeMembership', 'deleteSegment'].includes(String(key))) return value;
        return (...args: unknown[]) => {
          calls.push(String(key));
          return markAnswerTask(value.apply(target, args) as Promise<unknown>, answering, String(key));
        };
      },
    }) as SegmentsAdapter;
    store = makeStore(adapter, { pageSize: 100 }).store;
    // Watched, as a table watches its rows: pages a revalidation drops are loaded again.
    keepMount(store.$members);
    const confirmed: MembershipEvent[] = [];
    store.on('membership', (e) => {
      if (e.phase !== 'confirmed') return;
      confirmed.push(e);
      foldedInAnswerTask.changeMembership = answering.has('changeMembership');
    });
    store.on('segment', (e) => {
      if (e.phase === 'confirmed' && e.action === 'delete') foldedInAnswerTask.deleteSegment = answering.has('deleteSegment');
    });
    await store.loadRange(0, 100);
    store.selectAllMatching();
    await store.preview('assign', ['vips']);

    const { segment, result } = await store.createAndAssign({ name: 'Everyone' });
    await store.settled();

    expect(calls, 'one create and one assign reached the backend').to.deep.equal(['createSegment', 'changeMembership']);
    expect(result.segments[0]!.memberIds.length).to.equal(N);
    expect(confirmed.map((e) => e.result!.segments[0]!.memberIds.length), 'the confirmed event names all of them').to.deep.equal([N]);
    expect(store.$segments.get().find((s) => s.id === segment.id)!.memberCount).to.equal(N);
    expect(store.$lastAction.get(), 'Undo offers the exact count').to.include({ status: 'done', count: N });
    expect(foldedInAnswerTask.changeMembership, 'the answer naming 100,000 was folded in a later task than the one it arrived in').to.equal(false);

    await store.undo();
    await store.settled();

    expect(calls.slice(2), 'Undo: one delete').to.deep.equal(['deleteSegment']);
    expect(store.$segments.get().some((s) => s.id === segment.id)).to.equal(false);
    expect(memory.snapshot().members.some((m) => m.segmentIds.includes(segment.id)), 'nobody is left in it on the backend').to.equal(false);
    expect(foldedInAnswerTask.deleteSegment, 'so was the delete\'s').to.equal(false);
    // A revalidation after the delete may be re-reading row 0's page: the row, once it is there.
    const row = await waitFor(() => store.$members.get().at(0));
    expect(row!.segmentIds, 'the rows lost its chip').to.not.include(segment.id);
  });
});
