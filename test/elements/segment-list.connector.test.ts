/**
 * `createSegmentListConnector` driven headless, as a React or Vue app would:
 * read `$state`, call the actions, never touch the DOM.
 */
import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createSegmentListConnector } from '../../packages/elements/src/headless.js';
import type { SegmentListConnector, SegmentListState } from '../../packages/elements/src/headless.js';
import { cleanup, faulty, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { gatedAdapter } from './segment-filter.harness.js';

const connectors: SegmentListConnector[] = [];
const listeners: Array<() => void> = [];

/** A loaded store and a connector over it, subscribed like a UI would be. */
async function setup(adapter: SegmentsAdapter = makeAdapter()) {
  const { store, connectivity } = makeStore(adapter);
  const list = createSegmentListConnector(store);
  connectors.push(list);
  listeners.push(list.$state.listen(() => undefined));
  await allTasks();
  return { store, connectivity, list, state: (): SegmentListState => list.$state.get() };
}

/** "Name (count)" per row, as a renderer would show them. */
const rows = (state: SegmentListState) => state.items.map((i) => `${i.segment.name} (${i.segment.memberCount})`);

const storeNames = (store: SegmentStore) => store.$segments.get().map((s) => s.name);

describe('createSegmentListConnector', () => {
  afterEach(() => {
    for (const off of listeners.splice(0)) off();
    for (const list of connectors.splice(0)) list.destroy();
    cleanup();
  });

  it('lists every segment with its count, Unassigned first and not editable; loading until the first load', async () => {
    const gated = gatedAdapter(makeAdapter());
    const { store } = makeStore(gated.adapter);
    const list = createSegmentListConnector(store);
    connectors.push(list);
    expect(list.$state.get()).to.deep.include({ loading: true, canCreate: false, empty: false, loadError: null });
    gated.release();
    await until(() => !list.$state.get().loading);
    const state = list.$state.get();
    expect(rows(state)).to.deep.equal(['Unassigned (12)', 'Content Creators (6)', 'VIPs (8)']);
    expect(state.items.map((i) => i.editable)).to.deep.equal([false, true, true]);
    expect(state.canCreate).to.equal(true);
  });

  it('checks the name as it is typed and creates the segment at once, with its colour and description', async () => {
    const { store, list, state } = await setup();
    list.startCreate();
    expect(state().create).to.deep.equal({ name: '', description: '', color: '', error: null });
    list.editCreate({ name: ' vips ' });
    expect(state().create!.error?.code).to.equal('name-taken');
    expect(list.submitCreate()).to.equal(null);
    expect(state().create).to.not.equal(null);
    expect(storeNames(store)).to.have.length(3); // never a duplicate

    list.editCreate({ name: 'Customers', description: ' Bought once ', color: '#0d9488' });
    expect(state().create!.error).to.equal(null);
    const before = state();
    const id = list.submitCreate();
    expect(id).to.be.a('string');
    expect(state()).to.not.equal(before); // a new object on change
    const created = state().items.find((i) => i.segment.id === id)!;
    expect(created.segment).to.include({ name: 'Customers', pending: true, memberCount: 0 });
    expect(state().create).to.equal(null);
    expect(state().feedback).to.deep.equal({ kind: 'created', name: 'Customers' });
    await store.settled();
    expect(state().items.find((i) => i.segment.id === id)!.segment).to.include({ pending: false, description: 'Bought once', color: '#0d9488' });
  });

  it('reopens the form with the attempted values and reports the failure when the backend refuses a create', async () => {
    const f = faulty(makeAdapter());
    const { store, list, state } = await setup(f.adapter);
    f.fail('refuse');
    list.startCreate();
    list.editCreate({ name: 'Customers', color: '#dc2626' });
    list.submitCreate();
    expect(state().create).to.equal(null);
    await until(() => state().failure !== null);
    expect(state().failure).to.deep.include({ action: 'create', name: 'Customers' });
    expect(state().failure!.error.code).to.equal('invalid-input');
    expect(state().create).to.deep.include({ name: 'Customers', color: '#dc2626' });
    expect(state().create!.error!.code).to.equal('invalid-input');
    expect(storeNames(store)).to.not.include('Customers'); // rolled back
    list.dismissError();
    expect(state().failure).to.equal(null);
  });

  it('renames: checks the name, refuses Unassigned, saves a valid name', async () => {
    const { store, list, state } = await setup();
    list.startRename('unassigned');
    expect(state().rename).to.equal(null);
    list.startRename('vips');
    expect(state().rename).to.deep.equal({ id: 'vips', name: 'VIPs', error: null });
    list.editRename('content creators');
    expect(state().rename!.error?.code).to.equal('name-taken');
    expect(list.submitRename()).to.equal(false);
    expect(store.segmentById('vips')!.name).to.equal('VIPs');
    list.editRename('VIP Club');
    expect(list.submitRename()).to.equal(true);
    expect(state().rename).to.equal(null);
    expect(state().feedback).to.deep.equal({ kind: 'renamed', name: 'VIP Club' });
    expect(rows(state())).to.include('VIP Club (8)');
  });

  it('deletes after a confirm step, offers Undo while that delete is the last action, and restores on undo', async () => {
    const { store, list, state } = await setup();
    list.askDelete('unassigned');
    expect(state().confirming).to.equal(null);
    list.askDelete('vips');
    expect(state().confirming).to.equal('vips');
    list.confirmDelete();
    expect(state().confirming).to.equal(null);
    expect(rows(state())).to.deep.equal(['Unassigned (12)', 'Content Creators (6)']); // gone at once
    expect(state().feedback).to.deep.equal({ kind: 'deleted', id: 'vips', name: 'VIPs', undoable: true });
    await store.settled();
    expect(rows(state())).to.deep.equal(['Unassigned (18)', 'Content Creators (6)']); // its members are kept
    expect(state().feedback).to.deep.include({ undoable: true });

    const restored = await list.undo();
    expect(restored).to.equal('vips');
    expect(state().feedback).to.deep.equal({ kind: 'restored', name: 'VIPs' });
    await store.settled();
    expect(rows(state())).to.deep.equal(['Unassigned (12)', 'Content Creators (6)', 'VIPs (8)']);
    expect(await list.undo()).to.equal(null); // nothing left to undo
  });

  it('stops offering Undo once another action is the last one', async () => {
    const { store, list, state } = await setup();
    list.askDelete('vips');
    list.confirmDelete();
    await store.assign(['creators'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(state().feedback).to.deep.include({ kind: 'deleted', undoable: false });
    expect(await list.undo()).to.equal(null);
    expect(store.segmentById('vips')).to.equal(undefined);
  });

  it('resolves undo when the segment is back on the list, even while the delete itself is still unconfirmed', async () => {
    const gated = gatedAdapter(makeAdapter(), 'deleteSegment');
    const { store, list, state } = await setup(gated.adapter);
    list.askDelete('vips');
    list.confirmDelete();
    let resolved: string | null | undefined;
    const undone = list.undo().then((id) => (resolved = id));
    await undone;
    // The store queues the re-creation behind the delete at once: back on the list before the delete is confirmed.
    expect(resolved).to.equal('vips');
    expect(state().items.some((i) => i.segment.id === 'vips')).to.equal(true);
    gated.release();
    await store.settled();
    expect(state().items.some((i) => i.segment.id === 'vips')).to.equal(true);
  });

  it('opens a segment: applies it as the filter, marks it current, returns it as plain data', async () => {
    const { store, list, state } = await setup();
    const opened = list.open('vips');
    expect(opened).to.include({ id: 'vips', name: 'VIPs', memberCount: 8 });
    expect('pending' in opened!).to.equal(false);
    expect(store.$query.get().include).to.deep.equal(['vips']);
    expect(state().items.filter((i) => i.current).map((i) => i.segment.id)).to.deep.equal(['vips']);
    store.setSearch('ana');
    expect(state().items.some((i) => i.current)).to.equal(false); // a search narrows it: no longer just the segment
    expect(list.open('missing')).to.equal(null);
  });

  it('reports a failed first load and retries', async () => {
    const f = faulty(makeAdapter());
    f.reads = 'network';
    const { list, state } = await setup(f.adapter);
    await until(() => state().loadError !== null);
    expect(state()).to.deep.include({ loading: false, canCreate: false });
    expect(state().loadError!.code).to.equal('network');
    f.reads = 'ok';
    await list.retry();
    await until(() => state().items.length === 3);
    expect(state().loadError).to.equal(null);
  });

  it('says empty and offline', async () => {
    const { store, connectivity } = makeStore(makeAdapter(4));
    const list = createSegmentListConnector(store);
    connectors.push(list);
    await allTasks();
    for (const s of store.$segments.get().filter((s) => s.id !== 'unassigned')) await store.deleteSegment(s.id);
    expect(list.$state.get().empty).to.equal(true);
    connectivity.set(false);
    await allTasks();
    expect(list.$state.get().offline).to.equal(true);
  });
});
