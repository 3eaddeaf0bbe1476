/**
 * Undo through the store: its writes are queued at once, behind what they
 * reverse (so the server sees the user's order), later input is checked
 * against what the user sees, an Undo stands or falls as a whole, and a
 * refused Undo leaves the action undoable.
 */
import type { MemberTarget } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, rowById } from './fixtures.js';

const ids = (...list: string[]): { target: MemberTarget } => ({ target: { kind: 'ids', ids: list } });

async function serverMember(adapter: ReturnType<typeof makeAdapter>, id: string): Promise<string[]> {
  return adapter.snapshot().members.find((m) => m.id === id)!.segmentIds;
}

describe('store: undo', () => {
  afterEach(cleanup);

  it('queues the reversal at once, behind the action: add, Undo, add again offline ends with the member added', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store, connectivity } = makeStore(f.adapter);
    await allTasks();
    connectivity.set(false);
    const first = store.assign(['vips'], ids('m001'));
    const undone = store.undo();
    expect(rowById(store, 'm001')!.segmentIds, 'Undo shows at once, before any answer').to.deep.equal([]);
    expect(countOf(store, 'vips')).to.equal(8);
    const again = store.assign(['vips'], ids('m001'));
    expect(rowById(store, 'm001')!.segmentIds).to.deep.equal(['vips']);
    connectivity.set(true);
    await Promise.all([first, undone, again]);
    await store.settled();
    expect(f.writes().map((w) => (w.args[0] as { op: string }).op), 'sent in the order the user acted').to.deep.equal([
      'assign',
      'unassign',
      'assign',
    ]);
    expect(await serverMember(adapter, 'm001')).to.deep.equal(['vips']);
    expect(rowById(store, 'm001')!.segmentIds).to.deep.equal(['vips']);
    expect(countOf(store, 'vips')).to.equal(9);
  });

  it('checks later input against what the user sees: after Undo of create-and-assign "Holiday", "HOLIDAY" is free', async () => {
    const adapter = makeAdapter();
    const { store, connectivity } = makeStore(adapter);
    await allTasks();
    connectivity.set(false);
    const made = store.createAndAssign({ name: 'Holiday' }, ids('m001'));
    const undone = store.undo();
    expect(store.$segments.get().some((s) => s.name === 'Holiday'), 'gone at once').to.equal(false);
    const holiday = store.createSegment({ name: 'HOLIDAY' });
    connectivity.set(true);
    await Promise.all([made, undone, holiday]);
    await store.settled();
    expect(adapter.snapshot().segments.map((s) => s.name).sort()).to.deep.equal(['Content Creators', 'HOLIDAY', 'VIPs']);
    expect(await serverMember(adapter, 'm001')).to.deep.equal([]);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
  });

  it('is atomic: when one write of an Undo is refused the others are undone too, and the action can be undone again', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    const action = store.assign(['vips', 'creators'], ids('m001', 'm002'));
    await action;
    f.fail('ok', 'refuse'); // out of vips goes through, out of creators is refused
    await expectReject(store.undo(), 'invalid-input');
    await store.settled();
    expect(await serverMember(adapter, 'm001'), 'back in vips too').to.have.members(['vips', 'creators']);
    expect(await serverMember(adapter, 'm002')).to.have.members(['vips', 'creators']);
    expect([countOf(store, 'vips'), countOf(store, 'creators'), countOf(store, UNASSIGNED_ID)]).to.deep.equal([10, 8, 10]);
    expect(rowById(store, 'm001')!.segmentIds).to.have.members(['vips', 'creators']);
    expect(store.$lastAction.get()).to.include({ id: action.actionId, status: 'done', count: 4 });
    await store.undo();
    await store.settled();
    expect(await serverMember(adapter, 'm001')).to.deep.equal([]);
    expect([countOf(store, 'vips'), countOf(store, 'creators'), countOf(store, UNASSIGNED_ID)]).to.deep.equal([8, 6, 12]);
  });

  it('is atomic for a delete: a segment never comes back without its members', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    const deleted = store.deleteSegment('creators');
    await deleted;
    f.fail('ok', 'refuse'); // the segment is created again, putting its members back is refused
    await expectReject(store.undo(), 'invalid-input');
    await store.settled();
    expect(adapter.snapshot().segments.map((s) => s.id), 'not left behind empty').to.deep.equal(['vips']);
    expect(store.segmentById('creators')).to.equal(undefined);
    expect(store.$lastAction.get()).to.include({ id: deleted.actionId, kind: 'delete-segment' });
    await store.undo();
    await store.settled();
    expect(adapter.snapshot().segments.find((s) => s.id === 'creators')!.memberCount).to.equal(6);
    expect(countOf(store, 'creators')).to.equal(6);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
  });

  it('create-and-assign whose assignment is refused leaves no empty segment behind, and says so once', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    f.fail('ok', 'refuse');
    await expectReject(store.createAndAssign({ name: 'Holiday' }, ids('m001')), 'invalid-input');
    await store.settled();
    expect(adapter.snapshot().segments.some((s) => s.name === 'Holiday')).to.equal(false);
    expect(store.$segments.get().some((s) => s.name === 'Holiday')).to.equal(false);
    expect(errors).to.deep.equal(['membership:invalid-input']);
    expect(store.$lastAction.get()).to.equal(null);
  });

  it('an Undo refused at once does not use up the action', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    const deleted = store.deleteSegment('vips');
    await deleted;
    const other = await store.createSegment({ name: 'vips' });
    await expectReject(store.undo(), 'name-taken');
    expect(store.$lastAction.get()?.id).to.equal(deleted.actionId);
    await store.renameSegment(other.id, 'Former VIPs');
    await store.undo();
    await store.settled();
    expect(adapter.snapshot().segments.find((s) => s.id === 'vips')).to.include({ name: 'VIPs', memberCount: 8 });
  });

  it('an Undo of an action the backend then refuses changes nothing more and resolves', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store, connectivity } = makeStore(f.adapter);
    await allTasks();
    connectivity.set(false);
    const action = store.assign(['vips'], ids('m001'));
    const undone = store.undo();
    f.fail('refuse');
    connectivity.set(true);
    await expectReject(action, 'invalid-input');
    await undone;
    await store.settled();
    expect(f.writes(), 'the reversal of nothing sends nothing').to.have.length(1);
    expect(await serverMember(adapter, 'm001')).to.deep.equal([]);
    expect(countOf(store, 'vips')).to.equal(8);
    await expectReject(store.undo(), 'nothing-to-undo');
  });
});
