/**
 * Move to segment, headless: out of one segment and into another as one
 * action (into first, then out, one group), counted at once, one Undo that
 * restores both sides, and an event per side saying it is a move.
 * Data (makeAdapter(24)): vips = every 3rd (8), creators = every 4th (6),
 * both = m000 and m012, Unassigned 12.
 */
import type { MemberTarget, MembershipChange, MembershipEvent } from '@segkit/core';
import { UNASSIGNED_ID, emptyFilter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, rowById } from './fixtures.js';

const ids = (...list: string[]): { target: MemberTarget } => ({ target: { kind: 'ids', ids: list } });
const counts = (store: ReturnType<typeof makeStore>['store']) => [countOf(store, 'vips'), countOf(store, 'creators'), countOf(store, UNASSIGNED_ID)];

function server(adapter: ReturnType<typeof makeAdapter>, id: string): string[] {
  return adapter.snapshot().members.find((m) => m.id === id)!.segmentIds;
}

describe('store: move to segment', () => {
  afterEach(cleanup);

  it('moves members out of one segment into another at once, then as the backend confirms', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store, connectivity } = makeStore(f.adapter);
    await allTasks();
    connectivity.set(false);
    // m003: vips only; m000: vips and creators (stays in creators once).
    const moved = store.move('vips', 'creators', ids('m003', 'm000'));
    expect(rowById(store, 'm003')!.segmentIds, 'shown at once').to.deep.equal(['creators']);
    expect(rowById(store, 'm000')!.segmentIds).to.deep.equal(['creators']);
    expect(counts(store), 'vips -2, creators +1, nobody Unassigned on the way').to.deep.equal([6, 7, 12]);
    expect(store.$lastAction.get()).to.include({ id: moved.actionId, kind: 'move', status: 'pending' });
    connectivity.set(true);
    const result = await moved;
    expect(result.added.segments[0]).to.deep.include({ segmentId: 'creators', changed: 1, skipped: 1 });
    expect(result.removed.segments[0]).to.deep.include({ segmentId: 'vips', changed: 2 });
    expect(server(adapter, 'm003')).to.deep.equal(['creators']);
    expect(server(adapter, 'm000')).to.deep.equal(['creators']);
    const sent = f.writes().map((w) => w.args[0] as MembershipChange);
    expect(sent.map((c) => [c.op, c.segmentIds])).to.deep.equal([
      ['assign', ['creators']],
      ['unassign', ['vips']],
    ]);
    expect(counts(store)).to.deep.equal([6, 7, 12]);
    expect(store.$lastAction.get()).to.include({ id: moved.actionId, kind: 'move', status: 'done', count: 2 });
  });

  it('moves "all N matching" everyone in a segment by one query, previewed once, counted from the preview', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    store.applyFilter({ include: ['vips'] });
    await allTasks();
    store.selectAllMatching();
    const preview = await store.previewMove('vips', 'creators');
    expect(preview.added.segments[0]).to.deep.include({ segmentId: 'creators', changed: 6, skipped: 2 });
    expect(preview.removed.segments[0]).to.deep.include({ segmentId: 'vips', changed: 8 });
    const moved = store.move('vips', 'creators');
    expect(counts(store), 'optimistic from the preview').to.deep.equal([0, 12, 12]);
    await moved;
    await store.settled();
    const sent = f.writes().map((w) => w.args[0] as MembershipChange);
    expect(sent.map((c) => c.target.kind)).to.deep.equal(['query', 'query']);
    expect(JSON.stringify(sent).length, 'never a list of ids').to.be.lessThan(600);
    expect(counts(store)).to.deep.equal([0, 12, 12]);
    const list = await adapter.listSegments();
    expect(list.items.find((s) => s.id === 'vips')!.memberCount).to.equal(0);
    expect(list.items.find((s) => s.id === 'creators')!.memberCount).to.equal(12);
  });

  it('one Undo restores both sides, exactly who moved, even made before any answer', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store, connectivity } = makeStore(f.adapter);
    await allTasks();
    connectivity.set(false);
    const moved = store.move('vips', 'creators', ids('m003', 'm000'));
    const undone = store.undo();
    expect(rowById(store, 'm003')!.segmentIds, 'as before, at once').to.deep.equal(['vips']);
    expect(rowById(store, 'm000')!.segmentIds).to.have.members(['vips', 'creators']);
    expect(counts(store)).to.deep.equal([8, 6, 12]);
    connectivity.set(true);
    await Promise.all([moved, undone]);
    await store.settled();
    expect(server(adapter, 'm003')).to.deep.equal(['vips']);
    expect(server(adapter, 'm000'), 'm000 was in creators before: it stays').to.have.members(['vips', 'creators']);
    expect(counts(store)).to.deep.equal([8, 6, 12]);
    expect(f.writes().map((w) => (w.args[0] as MembershipChange).op), 'in the order the user acted').to.deep.equal([
      'assign',
      'unassign',
      'assign',
      'unassign',
    ]);
    expect(store.$lastAction.get()).to.equal(null);
  });

  it('stands or falls as one: a refused second side undoes the first', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(e.error.code));
    f.fail('ok', 'refuse'); // into creators goes through, out of vips is refused
    await expectReject(store.move('vips', 'creators', ids('m003')), 'invalid-input');
    await store.settled();
    expect(server(adapter, 'm003'), 'not left in both').to.deep.equal(['vips']);
    expect(rowById(store, 'm003')!.segmentIds).to.deep.equal(['vips']);
    expect(counts(store)).to.deep.equal([8, 6, 12]);
    expect(errors, 'said once').to.deep.equal(['invalid-input']);
  });

  it('announces one membership event per side, each saying it is part of a move', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    await store.move('vips', 'creators', ids('m003'));
    await store.settled();
    const confirmed = events.filter((e) => e.phase === 'confirmed');
    expect(confirmed.map((e) => [e.op, e.segmentIds, e.move])).to.deep.equal([
      ['assign', ['creators'], { from: 'vips', to: 'creators' }],
      ['unassign', ['vips'], { from: 'vips', to: 'creators' }],
    ]);
    expect(events.filter((e) => e.phase === 'optimistic')).to.have.length(2);
  });

  it('moves into a new segment as one action; Undo deletes it and puts everyone back', async () => {
    const adapter = makeAdapter();
    const { store } = makeStore(adapter);
    await allTasks();
    const moved = store.createAndMove('vips', { name: 'Alumni' }, ids('m003', 'm006'));
    const alumni = store.$segments.get().find((s) => s.name === 'Alumni')!;
    expect(alumni).to.include({ memberCount: 2, pending: true });
    const { segment } = await moved;
    await store.settled();
    expect(countOf(store, 'vips')).to.equal(6);
    expect(server(adapter, 'm003')).to.deep.equal([segment.id]);
    await store.undo();
    await store.settled();
    expect(store.$segments.get().some((s) => s.name === 'Alumni')).to.equal(false);
    expect(server(adapter, 'm003')).to.deep.equal(['vips']);
    expect(server(adapter, 'm006')).to.deep.equal(['vips']);
    expect(counts(store)).to.deep.equal([8, 6, 12]);
  });

  it('refuses a move to the same segment, to or from Unassigned, or an unknown one, and queues nothing', async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter);
    await allTasks();
    await expectReject(store.move('vips', 'vips', ids('m003')), 'invalid-input');
    await expectReject(store.move(UNASSIGNED_ID, 'vips', ids('m001')), 'reserved-segment');
    await expectReject(store.move('vips', UNASSIGNED_ID, ids('m003')), 'reserved-segment');
    await expectReject(store.move('vips', 'gone', ids('m003')), 'not-found');
    await expectReject(store.createAndMove('vips', { name: 'VIPS' }, ids('m003')), 'name-taken');
    await expectReject(store.previewMove('vips', 'vips', { target: { kind: 'query', filter: emptyFilter(), except: [] } }), 'invalid-input');
    expect(store.$status.get().pending).to.equal(0);
    expect(f.writes()).to.have.length(0);
  });
});
