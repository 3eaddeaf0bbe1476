/**
 * The write actions through their own interface: a fake enqueue that records
 * what would be queued (the test settles each write by hand), fake segments
 * and members, the real undo log.
 */
import { atom } from 'nanostores';
import { SegkitError } from '../../packages/core/src/errors.js';
import type { Member, MemberTarget, MembershipPreview, MembershipResult, Segment } from '../../packages/core/src/model.js';
import { emptyFilter } from '../../packages/core/src/model.js';
import type { MutationRecord, QueuedWrite } from '../../packages/core/src/store/mutation.js';
import type { SegmentView } from '../../packages/core/src/store/types.js';
import { createUndoLog } from '../../packages/core/src/store/undo.js';
import { createWriteActions } from '../../packages/core/src/store/writes.js';
import { expect, expectReject } from '../setup/expect.js';

const T = '2026-01-01T00:00:00.000Z';
const view = (id: string, name: string, memberCount: number, more: Partial<Segment> = {}): SegmentView => ({
  id,
  name,
  memberCount,
  createdAt: T,
  updatedAt: T,
  pending: false,
  ...more,
});
const member = (id: string, segmentIds: string[]): Member => ({ id, name: id, attributes: {}, segmentIds, createdAt: T });

function setup() {
  const $writes = atom<MutationRecord[]>([]);
  const settle = new Map<string, { resolve(value: unknown): void; reject(error: unknown): void }>();
  const views: SegmentView[] = [view('vips', 'VIPs', 2, { color: '#f00' }), view('creators', 'Creators', 1)];
  const members = new Map([
    ['ana', member('ana', ['vips'])],
    ['bo', member('bo', [])],
  ]);
  const state = { selection: { kind: 'ids', ids: [] } as MemberTarget, preview: null as MembershipPreview | null };
  const undo = createUndoLog();
  const actions = createWriteActions({
    enqueue(records) {
      return records.map((record) => {
        let resolve!: (value: unknown) => void;
        let reject!: (error: unknown) => void;
        const done = new Promise<unknown>((res, rej) => ((resolve = res), (reject = rej)));
        done.catch(() => undefined);
        const write: QueuedWrite = { ...record, attempts: 0, serverFailures: 0, lastError: null, done };
        settle.set(record.id, {
          resolve: (value) => ((write.result = value), resolve(value)),
          reject,
        });
        $writes.set([...$writes.get(), record]);
        return write;
      });
    },
    segments: {
      byId: (id) => views.find((s) => s.id === id),
      stored: () => views,
      require(id) {
        if (id === 'unassigned') throw new SegkitError('reserved-segment', 'built in');
        const found = views.find((s) => s.id === id);
        if (!found) throw new SegkitError('not-found', 'no such segment');
        return found;
      },
    },
    $writes,
    member: (id) => members.get(id),
    defaultTarget: () => state.selection,
    undo,
    adapter: { previewMembership: async () => state.preview! },
  });
  /** The backend confirms the write queued `index`-th with `result`. */
  const confirm = async (index: number, result: unknown) => {
    settle.get($writes.get()[index]!.id)!.resolve(result);
    await Promise.resolve();
  };
  return { actions, queued: () => $writes.get(), confirm, state, undo, views };
}

const added = (segmentId: string, memberIds: string[]): MembershipResult => ({
  members: memberIds.length,
  segments: [{ segmentId, changed: memberIds.length, skipped: 0, memberIds }],
  unassignedDelta: 0,
});

describe('write actions', () => {
  it('queue a new segment under the id they hand back, with a segment id chosen here', () => {
    const { actions, queued } = setup();
    const started = actions.createSegment({ name: '  Partners ' });
    expect(queued()).to.have.length(1);
    expect(queued()[0]).to.deep.include({ id: started.actionId, kind: 'create-segment' });
    expect(queued()[0]!.draft).to.deep.include({ name: 'Partners' });
    expect(queued()[0]!.draft!.id).to.match(/^seg_/);
  });

  it('refuse bad input at once and queue nothing', async () => {
    const { actions, queued, state } = setup();
    await expectReject(actions.createSegment({ name: 'vips' }), 'name-taken');
    await expectReject(actions.createSegment({ name: 'X', id: 'creators' }), 'invalid-input');
    await expectReject(actions.updateSegment('unassigned', { name: 'Nobody' }), 'reserved-segment');
    await expectReject(actions.changeMembership('assign', ['vips']), 'invalid-input');
    state.selection = { kind: 'ids', ids: ['ana'] };
    await expectReject(actions.changeMembership('assign', ['unassigned']), 'reserved-segment');
    await expectReject(actions.changeMembership('assign', ['nope']), 'not-found');
    await expectReject(actions.changeMembership('assign', []), 'invalid-input');
    await expectReject(actions.deleteSegment('nope'), 'not-found');
    expect(queued()).to.deep.equal([]);
  });

  it('keep the segment as it was on an update, for events on rollback', () => {
    const { actions, queued } = setup();
    actions.updateSegment('vips', { name: 'Top', color: null });
    expect(queued()[0]).to.deep.include({ kind: 'update-segment', segmentId: 'vips', patch: { name: 'Top', color: null } });
    expect(queued()[0]!.before).to.deep.equal({ id: 'vips', name: 'VIPs', memberCount: 2, createdAt: T, updatedAt: T, color: '#f00' });
  });

  it('assign the selection with an exact estimate, as an undoable action', () => {
    const { actions, queued, state, undo } = setup();
    state.selection = { kind: 'ids', ids: ['ana', 'bo'] };
    const started = actions.changeMembership('assign', ['vips', 'vips'], { source: 'automation' });
    expect(queued()[0]).to.deep.include({ id: started.actionId, kind: 'membership', estimate: { segments: { vips: 1 }, unassigned: -1 } });
    expect(queued()[0]!.change).to.deep.equal({ op: 'assign', target: state.selection, segmentIds: ['vips'], source: 'automation' });
    expect(undo.$lastAction.get()).to.deep.include({ id: started.actionId, kind: 'membership', op: 'assign', segmentIds: ['vips'] });
  });

  it('estimate a change by query from its preview only', async () => {
    const { actions, queued, state } = setup();
    const target: MemberTarget = { kind: 'query', filter: { ...emptyFilter(), include: ['unassigned'] }, except: [] };
    state.preview = { members: 4, segments: [{ segmentId: 'creators', changed: 4, skipped: 0 }], unassignedDelta: -4 };
    await actions.preview('assign', ['creators'], { target });
    actions.changeMembership('assign', ['creators'], { target });
    actions.changeMembership('assign', ['vips'], { target });
    expect(queued().map((w) => w.estimate)).to.deep.equal([{ segments: { creators: 4 }, unassigned: -4 }, null]);
  });

  it('undo an assign by removing exactly the members it added, marked as an Undo', async () => {
    const { actions, queued, confirm, state, undo } = setup();
    state.selection = { kind: 'ids', ids: ['ana', 'bo'] };
    void actions.changeMembership('assign', ['vips', 'creators']);
    await confirm(0, {
      members: 2,
      segments: [
        { segmentId: 'vips', changed: 1, skipped: 1, memberIds: ['bo'] },
        { segmentId: 'creators', changed: 0, skipped: 2, memberIds: [] },
      ],
      unassignedDelta: -1,
    });
    void undo.undo();
    await Promise.resolve();
    expect(queued().slice(1).map((w) => [w.change, w.undo])).to.deep.equal([
      [{ op: 'unassign', target: { kind: 'ids', ids: ['bo'] }, segmentIds: ['vips'], source: 'manual' }, true],
    ]);
  });

  it('create and assign: the assignment depends on the create; undo deletes the new segment', async () => {
    const { actions, queued, confirm, views, undo } = setup();
    const started = actions.createAndAssign({ name: 'Holiday' }, { target: { kind: 'ids', ids: ['bo'] } });
    const [create, assign] = queued();
    expect(assign).to.deep.include({ id: started.actionId, dependsOn: create!.id });
    expect(assign!.change!.segmentIds).to.deep.equal([create!.draft!.id]);
    expect(undo.$lastAction.get()).to.deep.include({ id: started.actionId, kind: 'create-and-assign' });
    views.push(view(create!.draft!.id!, 'Holiday', 1));
    await confirm(0, { ...view(create!.draft!.id!, 'Holiday', 0), pending: undefined });
    await confirm(1, added(create!.draft!.id!, ['bo']));
    void undo.undo();
    await new Promise((r) => setTimeout(r, 0));
    expect(queued()[2]).to.deep.include({ kind: 'delete-segment', segmentId: create!.draft!.id, undo: true });
  });

  it('undo a delete: the same segment again, then its members back, after it', async () => {
    const { actions, queued, confirm, undo, views } = setup();
    const started = actions.deleteSegment('vips');
    expect(queued()[0]).to.deep.include({ id: started.actionId, kind: 'delete-segment', segmentId: 'vips', estimate: null });
    expect(undo.$lastAction.get()).to.deep.include({ id: started.actionId, kind: 'delete-segment', count: 2 });
    const { pending: _p, ...segment } = view('vips', 'VIPs', 2, { color: '#f00' });
    await confirm(0, { segment, memberIds: ['ana', 'cy'], unassignedDelta: 1 });
    views.splice(0, 1); // the confirmed delete is gone from the segments shown
    void undo.undo();
    await new Promise((r) => setTimeout(r, 0));
    const [, restore, members] = queued();
    expect(restore).to.deep.include({ kind: 'create-segment', undo: true });
    expect(restore!.draft).to.deep.equal({ id: 'vips', name: 'VIPs', color: '#f00' });
    expect(members).to.deep.include({ kind: 'membership', dependsOn: restore!.id, undo: true });
    expect(members!.change).to.deep.include({ op: 'assign', segmentIds: ['vips'], target: { kind: 'ids', ids: ['ana', 'cy'] } });
  });
});
