/**
 * The undo log through its own interface: the last bulk action, following
 * its writes as they settle, and its reversal.
 */
import type { QueuedWrite } from '../../packages/core/src/store/mutation.js';
import type { UndoableAction } from '../../packages/core/src/store/types.js';
import { createUndoLog } from '../../packages/core/src/store/undo.js';
import { expect, expectReject } from '../setup/expect.js';

const write = (id: string): QueuedWrite => ({ id, kind: 'membership', attempts: 0, serverFailures: 0, lastError: null, done: Promise.resolve() });
const action = (id: string, kind: UndoableAction['kind'] = 'membership'): UndoableAction => ({
  id,
  kind,
  segmentIds: ['vips'],
  count: null,
  status: 'pending',
});
const changed = (...counts: number[]) => ({
  members: 9,
  segments: counts.map((n, i) => ({ segmentId: `s${i}`, changed: n, skipped: 0, memberIds: [] })),
  unassignedDelta: 0,
});

describe('undo log', () => {
  it('shows the last action, then its count once every write of it is confirmed', () => {
    const log = createUndoLog();
    const create = write('create');
    const assign = write('assign');
    log.record(action('a1', 'create-and-assign'), [create, assign], async () => undefined);
    expect(log.$lastAction.get()).to.deep.include({ id: 'a1', status: 'pending', count: null });
    create.result = { id: 'seg' };
    log.track(create, 'confirmed');
    expect(log.$lastAction.get()!.status, 'the assignment is not confirmed yet').to.equal('pending');
    assign.result = changed(2, 3);
    log.track(assign, 'confirmed');
    expect(log.$lastAction.get()).to.deep.include({ id: 'a1', status: 'done', count: 5 });
  });

  it('counts a deleted segment by the members it had', () => {
    const log = createUndoLog();
    const del = write('del');
    log.record(action('a1', 'delete-segment'), [del], async () => undefined);
    del.result = { segment: {}, memberIds: ['m1', 'm2'], unassignedDelta: 1 };
    log.track(del, 'confirmed');
    expect(log.$lastAction.get()).to.deep.include({ status: 'done', count: 2 });
  });

  it('forgets an action one of whose writes was rolled back', async () => {
    const log = createUndoLog();
    const w = write('w');
    log.record(action('a1'), [w], async () => undefined);
    log.track(w, 'reverted');
    expect(log.$lastAction.get()).to.equal(null);
    await expectReject(log.undo(), 'nothing-to-undo');
  });

  it('ignores writes of an earlier action', () => {
    const log = createUndoLog();
    const older = write('older');
    log.record(action('a1'), [older], async () => undefined);
    log.record(action('a2'), [write('newer')], async () => undefined);
    log.track(older, 'reverted');
    expect(log.$lastAction.get()?.id).to.equal('a2');
  });

  it('undo() forgets the action and runs its reversal, once', async () => {
    const log = createUndoLog();
    const reversed: string[] = [];
    log.record(action('a1'), [write('w')], async () => {
      reversed.push('a1');
    });
    await log.undo();
    expect(reversed).to.deep.equal(['a1']);
    expect(log.$lastAction.get()).to.equal(null);
    await expectReject(log.undo(), 'nothing-to-undo');
    expect(reversed).to.deep.equal(['a1']);
  });
});
