/**
 * Actions hand back what they started: the promise of every write action
 * carries `actionId`, the `$lastAction` id for undoable bulk actions and the
 * write's id otherwise, so no caller reads `$lastAction` right after calling.
 */
import type { MembershipEvent, SegmentEvent } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, makeAdapter, makeStore } from './fixtures.js';

describe('store: actions hand back what they started', () => {
  afterEach(cleanup);

  it('assign and unassign: actionId is the $lastAction id and the mutationId of their events', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    const added = store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(added.actionId).to.be.a('string').and.not.equal('');
    expect(store.$lastAction.get()?.id).to.equal(added.actionId);
    await added;
    expect(store.$lastAction.get()).to.include({ id: added.actionId, status: 'done' });
    const removed = store.unassign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(removed.actionId).to.not.equal(added.actionId);
    expect(store.$lastAction.get()?.id).to.equal(removed.actionId, 'the newer action is the one Undo reverses');
    await removed;
    expect(events.map((e) => e.mutationId)).to.deep.equal([added.actionId, added.actionId, removed.actionId, removed.actionId]);
  });

  it('createAndAssign and deleteSegment: actionId is the $lastAction id', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const created = store.createAndAssign({ name: 'Holiday Campaign' }, { target: { kind: 'ids', ids: ['m001'] } });
    expect(store.$lastAction.get()).to.include({ id: created.actionId, kind: 'create-and-assign' });
    const { segment } = await created;
    const deleted = store.deleteSegment(segment.id);
    expect(store.$lastAction.get()).to.include({ id: deleted.actionId, kind: 'delete-segment' });
    await deleted;
    expect(store.$lastAction.get()).to.include({ id: deleted.actionId, status: 'done' });
  });

  it('createSegment, updateSegment and renameSegment: actionId is the queued write (not an undoable action)', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: SegmentEvent[] = [];
    store.on('segment', (e) => events.push(e));
    const created = store.createSegment({ name: 'Partners' });
    const renamed = store.renameSegment('vips', 'Top Fans');
    const updated = store.updateSegment('creators', { color: '#00f' });
    expect(store.$pending.get().map((p) => p.id)).to.deep.equal([created.actionId, renamed.actionId, updated.actionId]);
    expect(store.$lastAction.get()).to.equal(null, 'single writes are not undoable');
    await Promise.all([created, renamed, updated]);
    const confirmed = events.filter((e) => e.phase === 'confirmed');
    expect(confirmed.map((e) => [e.action, e.mutationId])).to.deep.equal([
      ['create', created.actionId],
      ['update', renamed.actionId],
      ['update', updated.actionId],
    ]);
  });

  it('an action refused at once starts nothing: its actionId is not the $lastAction id', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const first = store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    await first;
    const refused = store.assign([UNASSIGNED_ID], { target: { kind: 'ids', ids: ['m002'] } });
    expect(refused.actionId).to.be.a('string');
    expect(store.$lastAction.get()?.id).to.equal(first.actionId, 'reading $lastAction here would name the earlier action');
    expect(store.$lastAction.get()?.id).to.not.equal(refused.actionId);
    await expectReject(refused, 'reserved-segment');
    await expectReject(store.createSegment({ name: '' }), 'name-invalid');
    expect(store.$pending.get()).to.deep.equal([]);
  });

  it('chaining gives a plain promise of the outcome', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const started = store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    const chained = started.then((result) => result.segments[0]!.changed);
    expect(chained).to.not.have.property('actionId');
    expect(await chained).to.equal(1);
  });
});
