import type { SegmentEvent } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, until } from './fixtures.js';

describe('store: segments', () => {
  afterEach(cleanup);

  it('loads segments with counts, Unassigned first, then by name', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const segments = store.$segments.get();
    expect(segments.map((s) => s.name)).to.deep.equal(['Unassigned', 'Content Creators', 'VIPs']);
    expect(segments.map((s) => s.memberCount)).to.deep.equal([12, 6, 8]);
    expect(segments[0]).to.include({ id: UNASSIGNED_ID, system: true });
    expect(store.$status.get()).to.include({ ready: true, loading: false, pending: 0 });
    expect(store.$totalMembers.get()).to.equal(24);
  });

  it('shows a new segment at once, then confirms it', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: SegmentEvent[] = [];
    store.on('segment', (e) => events.push(e));
    const done = store.createSegment({ name: '  Customers ', description: 'Bought at least once' });
    const shown = store.$segments.get().find((s) => s.name === 'Customers');
    expect(shown, 'visible before the backend answers').to.include({ pending: true, memberCount: 0 });
    expect(store.$status.get().pending).to.equal(1);
    const segment = await done;
    expect(segment.name).to.equal('Customers');
    expect(store.$segments.get().find((s) => s.id === segment.id)).to.include({ pending: false, description: 'Bought at least once' });
    expect(events.map((e) => e.phase)).to.deep.equal(['optimistic', 'confirmed']);
    expect(events[0]!.segment.id).to.equal(segment.id, 'the client chose the id');
  });

  it('refuses empty, taken (even pending) and reserved names at once and adds nothing', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    void store.createSegment({ name: 'Partners' });
    const before = store.$segments.get().length;
    await expectReject(store.createSegment({ name: '' }), 'name-invalid');
    await expectReject(store.createSegment({ name: 'vips' }), 'name-taken');
    await expectReject(store.createSegment({ name: 'PARTNERS' }), 'name-taken');
    await expectReject(store.createSegment({ name: 'Unassigned' }), 'reserved-segment');
    expect(store.$segments.get().length).to.equal(before);
    await store.settled();
    expect((await store.adapter.listSegments()).items.filter((s) => s.name === 'Partners')).to.have.length(1);
  });

  it('refuses invisible and direction-changing names in every action, queueing and sending nothing', async () => {
    const { adapter, writes } = faulty(makeAdapter());
    const { store } = makeStore(adapter);
    await allTasks();
    const before = store.$segments.get().map((s) => s.name);
    for (const name of ['VIP\u200bs', 'Unassigned\u200b', '\u200b\u200d', '\u202eSPIV', 'Top\u2069Fans']) {
      await expectReject(store.createSegment({ name }), 'name-invalid');
      await expectReject(store.renameSegment('vips', name), 'name-invalid');
      await expectReject(store.updateSegment('creators', { name, color: '#000000' }), 'name-invalid');
      await expectReject(store.createAndAssign({ name }, { target: { kind: 'ids', ids: ['m001'] } }), 'name-invalid');
      expect(() => store.checkName(name)).to.throw().with.property('code', 'name-invalid');
    }
    expect(store.$segments.get().map((s) => s.name)).to.deep.equal(before);
    expect(store.$pending.get()).to.have.length(0);
    await store.settled();
    expect(writes()).to.have.length(0);
  });

  it('saves a name with its spaces folded, and takes names case- and accent-insensitively', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const segment = await store.createSegment({ name: '  Summer   Sale ' });
    expect(segment.name).to.equal('Summer Sale');
    expect((await store.adapter.listSegments()).items.find((s) => s.id === segment.id)!.name).to.equal('Summer Sale');
    await store.createSegment({ name: 'Café' });
    await expectReject(store.createSegment({ name: 'CAFE' }), 'name-taken');
    await expectReject(store.renameSegment('vips', 'summer sale'), 'name-taken');
  });

  it('checkName explains a name problem before any write', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    expect(store.checkName('  New one ')).to.equal('New one');
    expect(() => store.checkName('VIPS')).to.throw().with.property('code', 'name-taken');
    expect(store.checkName('VIPS', 'vips')).to.equal('VIPS', 'renaming a segment to its own name in new case');
  });

  it('renames optimistically and rolls back with a typed error when the backend refuses', async () => {
    const adapter = makeAdapter();
    const { store: s2 } = makeStore(adapter);
    await allTasks();
    // Another user takes the name on the backend before this store has heard of it.
    await adapter.createSegment({ name: 'Top Fans' });
    const errors: string[] = [];
    s2.on('error', (e) => errors.push(e.error.code));
    const rename = s2.renameSegment('vips', 'Top Fans');
    expect(s2.segmentById('vips')!.name).to.equal('Top Fans', 'shown at once');
    await expectReject(rename, 'name-taken');
    expect(s2.segmentById('vips')!.name).to.equal('VIPs', 'rolled back');
    expect(errors).to.deep.equal(['name-taken']);
  });

  it('keeps HTML in a name as text and stores per-segment data', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const segment = await store.createSegment({
      name: '<b>Bold</b> & "quoted"',
      color: '#F0A',
      metadata: { discountCode: 'VIP20' },
    });
    expect(segment).to.deep.include({ name: '<b>Bold</b> & "quoted"', color: '#f0a', metadata: { discountCode: 'VIP20' } });
    const updated = await store.updateSegment(segment.id, { description: 'Top tier', metadata: null });
    expect(updated.description).to.equal('Top tier');
    expect(updated.metadata).to.equal(undefined);
  });

  it('refuses to rename or delete Unassigned and unknown segments', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    await expectReject(store.renameSegment(UNASSIGNED_ID, 'Nobody'), 'reserved-segment');
    await expectReject(store.deleteSegment(UNASSIGNED_ID), 'reserved-segment');
    await expectReject(store.deleteSegment('nope'), 'not-found');
    await expectReject(store.updateSegment('vips', { color: 'blue' }), 'invalid-input');
  });

  it('deletes a segment without deleting members, and undo brings it back with its members', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    const done = store.deleteSegment('vips');
    expect(store.segmentById('vips'), 'gone at once').to.equal(undefined);
    const result = await done;
    expect(result.memberIds).to.have.length(8);
    // vips members not in creators (i % 3 == 0, i % 4 != 0): 6 of them return to Unassigned.
    expect(countOf(store, UNASSIGNED_ID)).to.equal(18);
    expect(store.$totalMembers.get()).to.equal(24);
    expect(store.$lastAction.get()).to.include({ kind: 'delete-segment', count: 8, status: 'done' });

    const restored: string[] = [];
    store.on('segment', (e) => {
      if (e.phase === 'confirmed') restored.push(`${e.action}:${e.segment.id}:${e.undo === true}`);
    });
    store.on('membership', (e) => {
      if (e.phase === 'confirmed') restored.push(`${e.op}:${e.segmentIds.join()}:${e.undo === true}`);
    });
    await store.undo();
    await store.settled();
    expect(restored).to.deep.equal(['create:vips:true', 'assign:vips:true'], 'events mark the restore as an Undo');
    expect(store.segmentById('vips')).to.include({ name: 'VIPs', memberCount: 8 });
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
    const server = await adapter.listSegments();
    expect(server.items.find((s) => s.id === 'vips')?.memberCount).to.equal(8);
  });

  it('drops a deleted segment from the draft and applied filter', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    store.applyFilter({ include: ['vips', 'creators'] });
    await store.deleteSegment('vips');
    expect(store.$query.get().include).to.deep.equal(['creators']);
    expect(store.$draft.get().include).to.deep.equal(['creators']);
  });

  it('follows changes made by another client of the same backend', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    await adapter.createSegment({ name: 'Made elsewhere' });
    await until(() => store.$segments.get().some((s) => s.name === 'Made elsewhere'));
  });
});
