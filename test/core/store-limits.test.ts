/** The store bounds its work: options, row ranges and id selections out of bounds are refused with `invalid-input`. */
import type { SegkitError, SegmentStoreOptions } from '@segkit/core';
import { MAX_SELECTED_IDS, createSegmentStore } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, faulty, makeAdapter, makeStore } from './fixtures.js';

const refusal = (options: Partial<SegmentStoreOptions>): SegkitError | null => {
  try {
    createSegmentStore({ adapter: makeAdapter(), ...options }).destroy();
    return null;
  } catch (error) {
    return error as SegkitError;
  }
};

const idsOf = (n: number, prefix = 'x') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('store: bounded work', () => {
  afterEach(cleanup);

  it('refuses non-finite, fractional and out-of-range options at creation, naming the option', () => {
    const cases: Array<[Partial<SegmentStoreOptions>, string]> = [
      [{ pageSize: Number.NaN }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ pageSize: 501 }, 'pageSize'],
      [{ pageSize: 10.5 }, 'pageSize'],
      [{ maxPages: Number.POSITIVE_INFINITY }, 'maxPages'],
      [{ retry: { maxMs: Number.NaN } }, 'retry.maxMs'],
      [{ retry: { baseMs: 100, maxMs: 50 } }, 'retry.maxMs'],
      [{ retry: { maxMs: 2 ** 31 } }, 'retry.maxMs'],
      [{ retry: { baseMs: -1 } }, 'retry.baseMs'],
      [{ retry: { maxAttempts: Number.NaN } }, 'retry.maxAttempts'],
      [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
      [{ pageSize: '100' as unknown as number }, 'pageSize'],
    ];
    for (const [options, field] of cases) {
      const error = refusal(options);
      expect(error, JSON.stringify(options)).to.not.equal(null);
      expect(error, JSON.stringify(options)).to.include({ code: 'invalid-input', field });
      expect(error!.message).to.contain(field);
    }
    expect(refusal({ pageSize: 500, maxPages: 1, retry: { baseMs: 1, maxMs: 1, maxAttempts: 1000 } })).to.equal(null);
    expect(refusal({})).to.equal(null, 'the defaults');
  });

  it('refuses a non-finite or negative row range before asking the backend', async () => {
    const f = faulty(makeAdapter(100));
    const { store } = makeStore(f.adapter, { pageSize: 10 });
    // Before the first page answers, the total is unknown.
    await expectReject(store.loadRange(0, Number.POSITIVE_INFINITY), 'invalid-input');
    await expectReject(store.loadRange(Number.NaN, 10), 'invalid-input');
    await expectReject(store.loadRange(-10, 10), 'invalid-input');
    await expectReject(store.selectRange(Number.NaN), 'invalid-input');
    await allTasks();
    const reads = f.calls.filter((c) => c.method === 'queryMembers').map((c) => (c.args[1] as { offset: number }).offset);
    expect(reads).to.deep.equal([0], 'only the first page, loaded on mount');
  });

  it('loads at most the pages the window keeps for a huge range, total unknown or known', async () => {
    const f = faulty(makeAdapter(1000));
    const { store } = makeStore(f.adapter, { pageSize: 10, maxPages: 5 });
    const reads = () => f.calls.filter((c) => c.method === 'queryMembers').length;
    await store.loadRange(0, 1e7); // before any total
    expect(reads()).to.be.at.most(5);
    expect(store.$members.get().at(49)).to.not.equal(undefined);
    expect(store.$members.get().at(50)).to.equal(undefined);
    const before = reads();
    await store.loadRange(600, 1e7);
    expect(reads() - before).to.equal(5);
    expect(store.$members.get().pages).to.deep.equal([60, 61, 62, 63, 64]);
    await store.loadRange(990, 1e7);
    expect(store.$members.get().at(999)).to.not.equal(undefined);
    expect(reads() - before).to.equal(6, 'one page, the last: nothing past the total');
  });

  it(`refuses a selection of more than ${MAX_SELECTED_IDS} ids, and an action naming more, and keeps what was selected`, async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter);
    await allTasks();
    store.select(['m001', 'm002']);
    expect(() => store.select(idsOf(MAX_SELECTED_IDS + 1))).to.throw().with.property('code', 'invalid-input');
    expect(store.$selectedCount.get()).to.equal(2);
    // Ten million ids are refused before one is read (reading them blocked the page for seconds).
    let read = 0;
    const huge = new Proxy(new Array<string>(10_000_000), {
      get: (target, key) => (key === 'length' ? target.length : (read += 1, 'm001')),
    });
    expect(() => store.select(huge)).to.throw().with.property('code', 'invalid-input');
    expect(read).to.equal(0);
    store.select(idsOf(MAX_SELECTED_IDS - 2));
    expect(store.$selectedCount.get()).to.equal(MAX_SELECTED_IDS);
    expect(() => store.toggle('m003')).to.throw().with.property('code', 'invalid-input');
    expect(store.$selectedCount.get()).to.equal(MAX_SELECTED_IDS);

    store.selectAllMatching();
    expect(() => store.select(idsOf(MAX_SELECTED_IDS + 1), false)).to.throw().with.property('code', 'invalid-input');
    expect(store.$selectedCount.get()).to.equal(24, 'still all matching, no exception taken');

    await expectReject(store.assign(['vips'], { target: { kind: 'ids', ids: idsOf(MAX_SELECTED_IDS + 1) } }), 'invalid-input');
    const all = store.selectionTarget();
    if (all.kind !== 'query') expect.fail('"all matching" is sent as a query');
    await expectReject(store.unassign(['vips'], { target: { ...all, except: idsOf(MAX_SELECTED_IDS + 1) } }), 'invalid-input');
    await store.settled();
    expect(f.writes()).to.have.length(0, 'nothing sent');
    expect(store.$pending.get()).to.have.length(0);
  });
});
