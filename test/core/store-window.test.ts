import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, faulty, makeAdapter, makeStore } from './fixtures.js';

describe('store: member window, filter and selection', () => {
  afterEach(cleanup);

  it('loads the first page on mount, then jumps to any row without loading the pages between', async () => {
    const f = faulty(makeAdapter(1000));
    const { store } = makeStore(f.adapter, { pageSize: 50 });
    await allTasks();
    expect(store.$members.get().total).to.equal(1000);
    expect(store.$members.get().at(0)).to.not.equal(undefined);
    expect(store.$members.get().at(950)).to.equal(undefined);
    await store.loadRange(940, 960);
    const window = store.$members.get();
    expect(window.at(950)).to.not.equal(undefined);
    expect(window.pages).to.deep.equal([0, 18, 19]);
    const reads = f.calls.filter((c) => c.method === 'queryMembers').map((c) => (c.args[1] as { offset: number }).offset);
    expect(reads).to.deep.equal([0, 900, 950]);
  });

  it('keeps a bounded number of pages while scrolling far', async () => {
    const { store } = makeStore(makeAdapter(1000), { pageSize: 10, maxPages: 5 });
    await allTasks();
    for (let start = 0; start < 300; start += 10) await store.loadRange(start, start + 10);
    expect(store.$members.get().pages.length).to.be.at.most(5);
    expect(store.$members.get().at(295)).to.not.equal(undefined);
  });

  it('sorts and searches: the window follows the applied query', async () => {
    const { store } = makeStore(makeAdapter(24));
    await allTasks();
    store.setSort({ key: 'attributes.followers', dir: 'desc' });
    await store.loadRange(0, 24);
    const followers = Array.from({ length: 24 }, (_, i) => store.$members.get().at(i)!.attributes.followers as number);
    expect(followers).to.deep.equal([...followers].sort((a, b) => b - a));
    store.setSearch('EMILE');
    await allTasks();
    const window = store.$members.get();
    expect(window.total).to.equal(2, 'Émile 4 and Émile 16, accents ignored');
    expect(window.at(0)!.name).to.match(/^Émile/);
    expect(store.$draft.get().search).to.equal('EMILE');
  });

  it('keeps the draft apart from the applied query until Apply; Reset clears both', async () => {
    const { store } = makeStore(makeAdapter(24));
    await allTasks();
    store.setDraft({ include: ['vips'], exclude: ['creators'] });
    expect(store.$query.get().include).to.deep.equal([]);
    expect(store.$members.get().total).to.equal(24);
    store.apply();
    await allTasks();
    expect(store.$query.get()).to.deep.include({ include: ['vips'], exclude: ['creators'] });
    expect(store.$members.get().total).to.equal(6);
    store.setDraft({ match: 'all', include: ['vips', 'creators'], exclude: [] });
    store.apply();
    await allTasks();
    expect(store.$members.get().total).to.equal(2);
    store.setSort({ key: 'name', dir: 'desc' });
    store.reset();
    await allTasks();
    expect(store.$draft.get()).to.deep.include({ include: [], exclude: [], search: '' });
    expect(store.$members.get().total).to.equal(24);
    expect(store.$query.get().sort).to.deep.equal({ key: 'name', dir: 'desc' }, 'reset keeps the sort');
  });

  it('moves a segment from exclude to include when the user includes it', async () => {
    const { store } = makeStore(makeAdapter(24));
    store.setDraft({ exclude: ['vips'] });
    store.setDraft({ include: ['vips'] });
    expect(store.$draft.get()).to.deep.include({ include: ['vips'], exclude: [] });
  });

  it('filters by Unassigned', async () => {
    const { store } = makeStore(makeAdapter(24));
    store.applyFilter({ include: [UNASSIGNED_ID] });
    await allTasks();
    expect(store.$members.get().total).to.equal(12);
  });

  it('re-reads a list filtered by Unassigned once a delete is confirmed: the deleted segment\'s own members join it', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    store.applyFilter({ include: [UNASSIGNED_ID] });
    await allTasks();
    expect(store.$members.get().total).to.equal(12);
    await store.deleteSegment('vips');
    await store.settled();
    await allTasks();
    // vips had 8 members, 2 of them also in creators: 6 more in Unassigned.
    const window = store.$members.get();
    expect(window.total).to.equal(18);
    const rows = Array.from({ length: 10 }, (_, i) => window.at(i));
    expect(rows.every((row) => row && row.segmentIds.length === 0)).to.equal(true);
    expect(rows.some((row) => row!.id === 'm003'), 'm003 was only in vips').to.equal(true);
  });

  it('empties an "all matching" selection whose filter named a deleted segment, and says why', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    store.applyFilter({ include: ['vips'] });
    await allTasks();
    store.selectAllMatching();
    store.select('m000', false);
    expect(store.$selectedCount.get()).to.equal(7);
    await store.deleteSegment('vips');
    expect(store.$query.get().include).to.deep.equal([]);
    expect(store.$selectedCount.get(), 'not widened to every member').to.equal(0);
    expect(store.$selection.get()).to.deep.include({
      mode: 'ids',
      cleared: { reason: 'segment-deleted', segmentId: 'vips', name: 'VIPs', count: 7 },
    });
    store.select('m001');
    expect(store.$selection.get()).to.not.have.property('cleared');
    expect(store.$selectedCount.get()).to.equal(1);
  });

  it('drops from the filter a segment whose create the backend refused', async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter);
    await allTasks();
    f.fail('refuse');
    const made = store.createSegment({ name: 'Ghost' });
    const ghost = store.$segments.get().find((s) => s.name === 'Ghost')!;
    store.applyFilter({ include: [ghost.id, 'vips'] });
    await expectReject(made, 'invalid-input');
    expect(store.$query.get().include).to.deep.equal(['vips']);
    expect(store.$draft.get().include).to.deep.equal(['vips']);
  });

  it('selects one, toggles, and selects a Shift range from the anchor', async () => {
    const { store } = makeStore(makeAdapter(24));
    await allTasks();
    const window = store.$members.get();
    const id = (i: number) => window.at(i)!.id;
    store.toggle(id(2), 2);
    expect(store.isSelected(id(2))).to.equal(true);
    await store.selectRange(6);
    expect(store.$selectedCount.get()).to.equal(5);
    for (let i = 2; i <= 6; i += 1) expect(store.isSelected(id(i))).to.equal(true);
    store.toggle(id(4), 4);
    expect(store.$selectedCount.get()).to.equal(4);
    store.clearSelection();
    expect(store.$selectedCount.get()).to.equal(0);
  });

  it('selects a range that reaches rows not loaded yet', async () => {
    const { store } = makeStore(makeAdapter(100), { pageSize: 10 });
    await allTasks();
    const first = store.$members.get().at(0)!.id;
    store.toggle(first, 0);
    await store.selectRange(55);
    expect(store.$selectedCount.get()).to.equal(56);
  });

  it('refuses a Shift range over 10,000 rows and points to "all matching"', async () => {
    const { store } = makeStore(makeAdapter(24));
    await allTasks();
    store.toggle(store.$members.get().at(0)!.id, 0);
    await expectReject(store.selectRange(20_000), 'invalid-input');
  });

  it('selects "all N matching" minus exceptions, and drops it when the query changes', async () => {
    const { store } = makeStore(makeAdapter(24));
    store.applyFilter({ include: ['vips'] });
    await allTasks();
    store.selectAllMatching();
    expect(store.$selectedCount.get()).to.equal(8);
    store.toggle('m003');
    expect(store.$selectedCount.get()).to.equal(7);
    expect(store.isSelected('m003')).to.equal(false);
    expect(store.selectionTarget()).to.deep.equal({
      kind: 'query',
      filter: { include: ['vips'], exclude: [], match: 'any', search: '', attributes: [] },
      except: ['m003'],
    });
    store.applyFilter({ include: ['creators'] });
    expect(store.$selection.get().mode).to.equal('ids');
    expect(store.$selectedCount.get()).to.equal(0);
  });

  it('keeps an id selection across filters', async () => {
    const { store } = makeStore(makeAdapter(24));
    store.select(['m001', 'm002']);
    store.applyFilter({ include: ['vips'] });
    expect(store.$selectedCount.get()).to.equal(2);
  });

  it('shows a read failure as an error without losing loaded rows', async () => {
    const f = faulty(makeAdapter(100));
    const { store } = makeStore(f.adapter, { pageSize: 10 });
    await allTasks();
    f.reads = 'network';
    await store.loadRange(50, 60);
    const window = store.$members.get();
    expect(window.error?.code).to.equal('network');
    expect(window.at(0)).to.not.equal(undefined);
    expect(store.$status.get().offline).to.equal(true);
    f.reads = 'ok';
    await store.loadRange(50, 60);
    expect(store.$members.get().error).to.equal(null);
    expect(store.$members.get().at(55)).to.not.equal(undefined);
  });

  it('turns malformed data into a bad-response error and keeps what it had', async () => {
    const f = faulty(makeAdapter(24));
    const { store } = makeStore(f.adapter);
    await allTasks();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    f.reads = 'malformed';
    await store.refresh();
    expect(errors).to.include('load-segments:bad-response');
    expect(errors).to.include('load-members:bad-response');
    expect(store.$status.get().error?.code).to.equal('bad-response');
    expect(store.$segments.get()).to.have.length(3, 'segments kept');
    expect(store.$members.get().at(0)).to.not.equal(undefined, 'rows kept');
  });
});
