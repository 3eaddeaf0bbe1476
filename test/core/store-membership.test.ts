import type { MembershipChange, MembershipEvent } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, rowById, until } from './fixtures.js';

describe('store: membership', () => {
  afterEach(cleanup);

  it('assigns the selection: counts, Unassigned and chips change at once, then confirm', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    // m001 and m002 are in no segment; m003 is in vips.
    store.select(['m001', 'm002', 'm003']);
    expect(store.$selectedCount.get()).to.equal(3);
    const done = store.assign(['vips']);
    expect(countOf(store, 'vips'), 'optimistic count').to.equal(10);
    expect(countOf(store, UNASSIGNED_ID), 'optimistic Unassigned').to.equal(10);
    expect(rowById(store, 'm001')!.segmentIds).to.deep.equal(['vips'], 'chip shown at once');
    const result = await done;
    expect(result.segments[0]).to.deep.include({ segmentId: 'vips', changed: 2, skipped: 1 });
    expect(countOf(store, 'vips')).to.equal(10);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(10);
    expect(store.segmentById('vips')!.pending).to.equal(false);
    expect(events.map((e) => [e.phase, e.source, e.op])).to.deep.equal([
      ['optimistic', 'manual', 'assign'],
      ['confirmed', 'manual', 'assign'],
    ]);
    expect(events[1]!.result!.segments[0]!.memberIds.sort()).to.deep.equal(['m001', 'm002']);
  });

  it('puts a member back in Unassigned when their last segment is removed', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    // m003 is only in vips; m000 is in vips and creators.
    await store.unassign(['vips'], { target: { kind: 'ids', ids: ['m003', 'm000'] } });
    expect(countOf(store, UNASSIGNED_ID)).to.equal(13);
    expect(countOf(store, 'vips')).to.equal(6);
    expect(rowById(store, 'm000')!.segmentIds).to.deep.equal(['creators']);
  });

  it('never adds a member twice to one segment and records the source', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m000', 'm000', 'm003'] }, source: 'automation' });
    expect(countOf(store, 'vips')).to.equal(8);
    expect(rowById(store, 'm000')!.segmentIds.filter((s) => s === 'vips')).to.have.length(1);
    expect(events.every((e) => e.source === 'automation')).to.equal(true);
  });

  it('refuses Unassigned, unknown segments, no segments and an empty selection', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    await expectReject(store.assign([UNASSIGNED_ID], { target: { kind: 'ids', ids: ['m001'] } }), 'reserved-segment');
    await expectReject(store.assign(['missing'], { target: { kind: 'ids', ids: ['m001'] } }), 'not-found');
    await expectReject(store.assign([], { target: { kind: 'ids', ids: ['m001'] } }), 'invalid-input');
    await expectReject(store.assign(['vips']), 'invalid-input');
    expect(store.$status.get().pending).to.equal(0);
  });

  it('acts on "all N matching" as a query, never as a list of ids, with a preview first', async () => {
    const f = faulty(makeAdapter(100));
    const { store } = makeStore(f.adapter);
    await allTasks();
    store.applyFilter({ include: [UNASSIGNED_ID] });
    await allTasks();
    // 100 members: vips 34, creators 25, both 9 => unassigned 50.
    expect(store.$members.get().total).to.equal(50);
    store.selectAllMatching();
    store.select('m001', false);
    expect(store.$selectedCount.get()).to.equal(49);
    const preview = await store.preview('assign', ['creators']);
    expect(preview).to.deep.include({ members: 49, unassignedDelta: -49 });
    expect(preview.segments[0]).to.deep.include({ segmentId: 'creators', changed: 49, skipped: 0 });
    const done = store.assign(['creators']);
    expect(countOf(store, 'creators'), 'optimistic from the preview').to.equal(74);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(1);
    await done;
    const change = f.writes().at(-1)!.args[0] as MembershipChange;
    expect(change.target.kind).to.equal('query');
    expect(change.target).to.deep.include({ except: ['m001'] });
    expect(JSON.stringify(change).length).to.be.lessThan(400);
    expect(countOf(store, 'creators')).to.equal(74);
    await store.settled();
    await allTasks();
    expect(store.$members.get().total, 'the Unassigned view re-reads after the change').to.equal(1);
  });

  it('creates a segment and adds the selection in one step', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    store.select(['m001', 'm002']);
    const done = store.createAndAssign({ name: 'Holiday Campaign' });
    const shown = store.$segments.get().find((s) => s.name === 'Holiday Campaign');
    expect(shown).to.include({ memberCount: 2, pending: true });
    const { segment, result } = await done;
    expect(result.segments[0]!.changed).to.equal(2);
    expect(countOf(store, segment.id)).to.equal(2);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(10);
  });

  it('drops the assignment when the new segment is refused, leaving nothing behind', async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter);
    await allTasks();
    store.select(['m001']);
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    f.fail('refuse');
    await expectReject(store.createAndAssign({ name: 'Refused' }), 'invalid-input');
    expect(errors, 'reported once, not again for the dropped assignment').to.deep.equal(['create-segment:invalid-input']);
    expect(store.$segments.get().some((s) => s.name === 'Refused')).to.equal(false);
    expect(store.$status.get().pending).to.equal(0);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
    expect(f.writes().map((w) => w.method)).to.deep.equal(['createSegment'], 'the dependent assign never ran');
  });

  it('undoes the last bulk add exactly: members who were already in stay in', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => {
      if (e.phase === 'confirmed') events.push(e);
    });
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001', 'm002', 'm003'] } });
    expect(store.$lastAction.get()).to.include({ kind: 'membership', op: 'assign', count: 2, status: 'done' });
    await store.undo();
    await store.settled();
    expect(events.map((e) => [e.op, e.undo === true])).to.deep.equal([
      ['assign', false],
      ['unassign', true],
    ], 'the reversal says it is an Undo');
    expect(countOf(store, 'vips')).to.equal(8);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
    const page = await adapter.queryMembers({ include: ['vips'], exclude: [], match: 'any', search: '', attributes: [], sort: { key: 'name', dir: 'asc' } }, { offset: 0, limit: 50 });
    expect(page.items.map((m) => m.id)).to.include('m003');
    expect(store.$lastAction.get()).to.equal(null);
    await expectReject(store.undo(), 'nothing-to-undo');
  });

  it('undoes create-and-assign by removing the new segment', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const { segment } = await store.createAndAssign({ name: 'Oops' }, { target: { kind: 'ids', ids: ['m001'] } });
    await store.undo();
    await store.settled();
    expect(store.segmentById(segment.id)).to.equal(undefined);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
  });

  it('resolves an audience to a live count that follows membership changes', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    expect(await store.countAudience({ include: ['vips', 'creators'], exclude: [], match: 'all' })).to.equal(2);
    const audience = store.createAudience({ include: ['vips'], exclude: ['creators'], match: 'any' });
    const off = audience.$state.listen(() => undefined);
    await until(() => audience.$state.get().count === 6);
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    await until(() => audience.$state.get().count === 7);
    audience.setRules({ include: [UNASSIGNED_ID], exclude: [], match: 'any' });
    await until(() => audience.$state.get().count === 11);
    off();
    audience.destroy();
  });
});
