/**
 * The member window through its own interface: a fake `queryMembers`, a fake
 * cache, a queue atom set by hand.
 */
import { atom, cleanStores, keepMount } from 'nanostores';
import { SegkitError } from '../../packages/core/src/errors.js';
import type { Member, MemberPage, MemberQuery, PageRequest } from '../../packages/core/src/model.js';
import { emptyQuery } from '../../packages/core/src/model.js';
import type { MemberWindowOptions } from '../../packages/core/src/store/member-window.js';
import { createMemberWindow } from '../../packages/core/src/store/member-window.js';
import type { MutationRecord } from '../../packages/core/src/store/mutation.js';
import { expect } from '../setup/expect.js';
import { until } from './fixtures.js';

const member = (i: number): Member => ({
  id: `m${i}`,
  name: `Member ${i}`,
  attributes: {},
  segmentIds: i % 2 ? [] : ['vips'],
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** `n` members; a search for "few" matches the first 3. Answers wait for `hold` when set. */
function backend(n: number) {
  const all = Array.from({ length: n }, (_, i) => member(i));
  const reads: Array<{ search: string; offset: number }> = [];
  const state = { hold: null as Promise<void> | null, fail: false };
  return {
    reads,
    state,
    async queryMembers(query: MemberQuery, page: PageRequest): Promise<MemberPage> {
      reads.push({ search: query.search, offset: page.offset });
      const hold = state.hold;
      if (hold) await hold;
      if (state.fail) throw new SegkitError('network', 'down');
      const matching = query.search === 'few' ? all.slice(0, 3) : all;
      return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length, offset: page.offset };
    },
  };
}

function setup(n: number, options: Partial<MemberWindowOptions> = {}) {
  const api = backend(n);
  const $writes = atom<MutationRecord[]>([]);
  const failures: string[] = [];
  let refreshes = 0;
  const written = new Map<string, unknown>();
  const model = createMemberWindow({
    adapter: api,
    $writes,
    query: emptyQuery(),
    pageSize: 10,
    maxPages: 60,
    cache: { usable: () => false, read: async () => undefined, write: (key, value) => written.set(key, value) },
    ready: () => Promise.resolve(),
    signal: new AbortController().signal,
    readFailed: (error, action) => failures.push(`${action}:${(error as SegkitError).code}`),
    refreshWhenIdle: () => (refreshes += 1),
    flags: { cached: () => undefined, fresh: () => undefined },
    now: () => 0,
    ...options,
  });
  return { model, api, $writes, failures, written, refreshes: () => refreshes };
}

describe('member window', () => {
  const mounted: Array<ReturnType<typeof setup>['model']['$members']> = [];
  const mount = (model: ReturnType<typeof setup>['model']) => {
    keepMount(model.$members);
    mounted.push(model.$members);
  };
  afterEach(() => cleanStores(...mounted.splice(0)));

  it('loads only the pages a range covers and gives random access to their rows', async () => {
    const { model, api } = setup(1000);
    await model.loadRange(495, 512);
    const window = model.$members.get();
    expect(api.reads.map((r) => r.offset)).to.deep.equal([490, 500, 510]);
    expect(window.pages).to.deep.equal([49, 50, 51]);
    expect(window.total).to.equal(1000);
    expect(window.at(500)!.id).to.equal('m500');
    expect(window.at(0)).to.equal(undefined);
    await model.loadRange(500, 505);
    expect(api.reads, 'a loaded page is not read again').to.have.length(3);
  });

  it('loads the first rows when first mounted', async () => {
    const { model, api } = setup(25);
    mount(model);
    await until(() => model.$members.get().at(0));
    expect(api.reads.map((r) => r.offset)).to.deep.equal([0]);
  });

  it('keeps at most maxPages, dropping those farthest from the page just loaded', async () => {
    const { model } = setup(1000, { maxPages: 3 });
    for (const page of [0, 1, 2, 50, 51]) await model.loadRange(page * 10, page * 10 + 1);
    expect(model.$members.get().pages).to.deep.equal([2, 50, 51]);
    expect(model.$members.get().at(5)).to.equal(undefined);
  });

  it('shows a cached page at once, then the answer, and caches the answer', async () => {
    let release!: () => void;
    const cachedRow = { ...member(0), name: 'From the cache' };
    const { model, api, written } = setup(25, {
      cache: {
        usable: () => true,
        read: async <T>() => ({ total: 25, items: [cachedRow] }) as T,
        write: (key, value) => void written.set(key, value),
      },
    });
    api.state.hold = new Promise((r) => (release = r));
    const loading = model.loadRange(0, 10);
    await until(() => model.$members.get().at(0)?.name === 'From the cache');
    expect(model.$members.get().loading).to.equal(true);
    release();
    await loading;
    expect(model.$members.get().at(0)!.name).to.equal('Member 0');
    expect(model.$members.get().loading).to.equal(false);
    expect([...written.keys()]).to.have.length(1);
    expect([...written.values()][0]).to.deep.include({ total: 25 });
  });

  it('shows another query from scratch; a late answer for the old one is dropped', async () => {
    const { model, api } = setup(100);
    mount(model);
    await until(() => model.$members.get().total === 100);
    let release!: () => void;
    api.state.hold = new Promise((r) => (release = r));
    const old = model.loadRange(50, 60);
    await until(() => api.reads.length === 2);
    model.show({ ...emptyQuery(), search: 'few' });
    expect(model.$members.get()).to.include({ total: null });
    expect(model.$members.get().pages).to.deep.equal([]);
    api.state.hold = null;
    release();
    await old;
    await until(() => model.$members.get().total === 3);
    expect(model.$members.get().pages, 'page 5 of the old query is not shown').to.deep.equal([0]);
    expect(model.query().search).to.equal('few');
  });

  it('revalidates the pages of the last range asked for and drops the others', async () => {
    const { model, api } = setup(1000);
    await model.loadRange(0, 10);
    await model.loadRange(300, 315);
    api.reads.length = 0;
    await model.revalidate();
    expect(api.reads.map((r) => r.offset)).to.deep.equal([300, 310]);
    expect(model.$members.get().pages).to.deep.equal([30, 31]);
  });

  it('shows queued writes on the rows, and folds confirmed answers into the loaded members', async () => {
    const { model, $writes, refreshes } = setup(20);
    await model.loadRange(0, 10);
    const change = { op: 'assign' as const, segmentIds: ['new'], target: { kind: 'ids' as const, ids: ['m1'] }, source: 'manual' as const };
    $writes.set([{ id: 'w1', kind: 'membership', change }]);
    expect(model.$members.get().at(1)!.segmentIds).to.deep.equal(['new']);
    expect(model.member('m1')!.segmentIds, 'the confirmed member is unchanged').to.deep.equal([]);
    const result = { members: 1, segments: [{ segmentId: 'new', changed: 1, skipped: 0, memberIds: ['m1'] }], unassignedDelta: -1 };
    model.applyConfirmed({ id: 'w1', kind: 'membership', change }, result);
    $writes.set([]);
    expect(model.$members.get().at(1)!.segmentIds).to.deep.equal(['new']);
    expect(refreshes(), 'unfiltered rows cannot leave the window').to.equal(0);
    model.show({ ...emptyQuery(), include: ['vips'] });
    model.applyConfirmed({ id: 'w2', kind: 'membership', change }, result);
    expect(refreshes(), 'filtered by segment: re-read when the queue is idle').to.equal(1);
  });

  it('reports a failed read and keeps the rows it had', async () => {
    const { model, api, failures } = setup(100);
    await model.loadRange(0, 10);
    api.state.fail = true;
    await model.loadRange(50, 60);
    expect(model.$members.get().error?.code).to.equal('network');
    expect(model.$members.get().at(3)).to.not.equal(undefined);
    expect(failures).to.deep.equal(['load-members:network']);
    api.state.fail = false;
    await model.loadRange(50, 60);
    expect(model.$members.get().error).to.equal(null);
  });
});
