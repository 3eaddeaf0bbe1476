/**
 * A bulk change at 100,000 members through the store, on the page (decision
 * 031): "all matching" into a new segment, then Undo. Exactly one write per
 * change reaches the backend, the results are exact, and the answer naming
 * 100,000 members is folded in a task of its own, after the page had a turn.
 */
import type { MembershipEvent, SegmentsAdapter } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import { expect } from '../setup/expect.js';
import { SEGMENTS, cleanup, makeMembers, makeStore } from './fixtures.js';

const N = 100_000;

/** Runs `probe` in a task posted the moment `promise` resolves (before what awaits it runs on). */
function onAnswer<T>(promise: Promise<T>, probe: () => void): Promise<T> {
  return promise.then((answer) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      probe();
    };
    channel.port2.postMessage(null);
    return answer;
  });
}

describe('store: a bulk change at 100,000 members (decision 031)', () => {
  afterEach(cleanup);

  it('Confirm and Undo of all 100,000 matching into a new segment: one write each, exact results, each answer folded after the page had a turn', async () => {
    const memory = createMemoryAdapter({ members: makeMembers(N), segments: SEGMENTS });
    const calls: string[] = [];
    /** Writes still queued (not folded yet) in the first task after each write's answer arrived. */
    const queuedAtAnswer: Record<string, number> = {};
    let store!: ReturnType<typeof makeStore>['store'];
    const adapter = new Proxy(memory, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || !['createSegment', 'changeMembership', 'deleteSegment'].includes(String(key))) return value;
        return (...args: unknown[]) => {
          calls.push(String(key));
          return onAnswer(value.apply(target, args) as Promise<unknown>, () => (queuedAtAnswer[String(key)] = store.$pending.get().length));
        };
      },
    }) as SegmentsAdapter;
    store = makeStore(adapter, { pageSize: 100 }).store;
    const confirmed: MembershipEvent[] = [];
    store.on('membership', (e) => e.phase === 'confirmed' && confirmed.push(e));
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
    expect(queuedAtAnswer.changeMembership, 'the answer naming 100,000 was folded after the page had a turn').to.equal(1);

    await store.undo();
    await store.settled();

    expect(calls.slice(2), 'Undo: one delete').to.deep.equal(['deleteSegment']);
    expect(store.$segments.get().some((s) => s.id === segment.id)).to.equal(false);
    expect(memory.snapshot().members.some((m) => m.segmentIds.includes(segment.id)), 'nobody is left in it on the backend').to.equal(false);
    expect(queuedAtAnswer.deleteSegment, 'so was the delete\'s').to.equal(1);
    expect(store.$members.get().at(0)!.segmentIds, 'the rows lost its chip').to.not.include(segment.id);
  });
});
