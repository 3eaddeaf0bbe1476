/**
 * The optimistic view as pure functions: confirmed state + queued writes.
 */
import type { DeleteResult, Member, MemberTarget, MembershipChange, MembershipResult, Segment } from '../../packages/core/src/model.js';
import { UNASSIGNED_ID, emptyFilter } from '../../packages/core/src/model.js';
import type { MutationRecord } from '../../packages/core/src/store/mutation.js';
import {
  baseFromList,
  changeKey,
  emptyBase,
  estimateChange,
  foldConfirmed,
  forEachConfirmedChange,
  projectMember,
  segmentViews,
} from '../../packages/core/src/store/projection.js';
import { expect } from '../setup/expect.js';

const T = '2026-01-01T00:00:00.000Z';
const segment = (id: string, name: string, memberCount: number): Segment => ({ id, name, memberCount, createdAt: T, updatedAt: T });
const member = (id: string, segmentIds: string[], attributes: Member['attributes'] = {}): Member => ({
  id,
  name: id,
  attributes,
  segmentIds,
  createdAt: T,
});
const ids = (...list: string[]): MembershipChange['target'] => ({ kind: 'ids', ids: list });
const change = (op: 'assign' | 'unassign', segmentIds: string[], target: MembershipChange['target']): MembershipChange => ({
  op,
  segmentIds,
  target,
  source: 'manual',
});
const membership = (id: string, c: MembershipChange, estimate: MutationRecord['estimate'] = null): MutationRecord => ({
  id,
  kind: 'membership',
  change: c,
  estimate,
});

const base = baseFromList({
  items: [segment('vips', 'VIPs', 3), segment('b10', 'Batch', 1), segment('b9', 'Alumni', 2)],
  unassignedCount: 5,
  totalMembers: 10,
});

/** Every `[memberId, segmentId, added]` that `forEachConfirmedChange` visits, in order. */
function confirmedChanges(write: MutationRecord, result: unknown): Array<[string, string, boolean]> {
  const out: Array<[string, string, boolean]> = [];
  forEachConfirmedChange(write, result, (id, segmentId, added) => out.push([id, segmentId, added]));
  return out;
}

describe('projection: a member through the queue', () => {
  it('applies queued membership changes and deletes in order', () => {
    const ana = member('ana', ['vips']);
    const queue = [
      membership('1', change('assign', ['b9', 'vips'], ids('ana'))),
      membership('2', change('unassign', ['vips'], ids('ana'))),
      { id: '3', kind: 'delete-segment', segmentId: 'b9' } as MutationRecord,
      membership('4', change('assign', ['b10'], ids('bo'))),
    ];
    expect(projectMember(ana, queue).segmentIds).to.deep.equal([]);
    expect(projectMember(ana, queue.slice(0, 1)).segmentIds).to.deep.equal(['vips', 'b9']);
    expect(projectMember(ana, queue.slice(0, 2)).segmentIds).to.deep.equal(['b9']);
  });

  it('matches a query target against the member as the earlier writes left it, minus exceptions', () => {
    const inVips: MemberTarget = { kind: 'query', filter: { ...emptyFilter(), include: ['vips'] }, except: ['cy'] };
    const queue = [membership('1', change('assign', ['vips'], ids('bo'))), membership('2', change('assign', ['b10'], inVips))];
    expect(projectMember(member('bo', []), queue).segmentIds).to.deep.equal(['vips', 'b10']);
    expect(projectMember(member('cy', ['vips']), queue).segmentIds, 'excepted').to.deep.equal(['vips']);
    expect(projectMember(member('di', []), queue).segmentIds, 'not matching').to.deep.equal([]);
  });

  it('returns an untouched member as is', () => {
    const di = member('di', ['vips']);
    expect(projectMember(di, [membership('1', change('assign', ['vips'], ids('di')))])).to.equal(di);
  });
});

describe('projection: the segments view', () => {
  it('is empty before anything is loaded or queued', () => {
    expect(segmentViews(emptyBase(), [], T)).to.deep.equal([]);
  });

  it('shows Unassigned first, then the segments by name (not by id or by arrival)', () => {
    const views = segmentViews(base, [], T);
    expect(views.map((s) => s.id)).to.deep.equal([UNASSIGNED_ID, 'b9', 'b10', 'vips']);
    expect(views[0]).to.include({ memberCount: 5, system: true, pending: false });
    expect(views.every((s) => s.pending === false)).to.equal(true);
  });

  it('projects queued creates, updates, deletes and count estimates, marking them pending', () => {
    const queue: MutationRecord[] = [
      { id: '1', kind: 'create-segment', draft: { id: 'new', name: 'Alpha' } },
      { id: '2', kind: 'update-segment', segmentId: 'vips', patch: { name: 'Very Important', color: '#f00' } },
      { id: '3', kind: 'delete-segment', segmentId: 'b9', estimate: { segments: {}, unassigned: 2 } },
      membership('4', change('assign', ['b10'], ids('x', 'y')), { segments: { b10: 2 }, unassigned: -1 }),
    ];
    const views = segmentViews(base, queue, '2026-02-02T00:00:00.000Z');
    expect(views.map((s) => [s.id, s.name, s.memberCount, s.pending])).to.deep.equal([
      [UNASSIGNED_ID, 'Unassigned', 6, false],
      ['new', 'Alpha', 0, true],
      ['b10', 'Batch', 3, true],
      ['vips', 'Very Important', 3, true],
    ]);
    expect(views[1]!.createdAt).to.equal('2026-02-02T00:00:00.000Z');
    expect(views[3]!.color).to.equal('#f00');
  });

  it('shows a queued segment before the first read', () => {
    const views = segmentViews(emptyBase(), [{ id: '1', kind: 'create-segment', draft: { id: 'new', name: 'Alpha' } }], T);
    expect(views.map((s) => s.id)).to.deep.equal([UNASSIGNED_ID, 'new']);
  });
});

describe('projection: count estimates', () => {
  const known = new Map([
    ['ana', member('ana', ['vips'])],
    ['bo', member('bo', [])],
  ]);
  const lookup = (id: string) => known.get(id);

  it('counts loaded members exactly, as the queue will leave them', () => {
    const queue = [membership('1', change('assign', ['vips'], ids('bo')))];
    expect(estimateChange(change('assign', ['vips'], ids('ana', 'bo')), [], lookup, null)).to.deep.equal(
      { segments: { vips: 1 }, unassigned: -1 },
      'ana is in already; bo leaves Unassigned',
    );
    expect(estimateChange(change('assign', ['vips'], ids('ana', 'bo')), queue, lookup, null)).to.deep.equal({
      segments: { vips: 0 },
      unassigned: 0,
    });
    expect(estimateChange(change('unassign', ['vips'], ids('ana', 'ana')), [], lookup, null)).to.deep.equal({
      segments: { vips: -1 },
      unassigned: 1,
    });
  });

  it('counts a member not loaded as added', () => {
    expect(estimateChange(change('assign', ['vips'], ids('zed')), [], lookup, null)).to.deep.equal({ segments: { vips: 1 }, unassigned: 0 });
  });

  it('takes a query target from the preview of the same change, and from nothing else', () => {
    const target = { kind: 'query' as const, filter: { ...emptyFilter(), include: [UNASSIGNED_ID] }, except: ['b', 'a'] };
    const c = change('unassign', ['vips', 'b9'], target);
    const preview = {
      members: 4,
      segments: [
        { segmentId: 'vips', changed: 3, skipped: 1 },
        { segmentId: 'b9', changed: 1, skipped: 3 },
      ],
      unassignedDelta: 2,
    };
    const same = { ...c, segmentIds: ['b9', 'vips'], target: { ...target, except: ['a', 'b'] } };
    expect(changeKey(same)).to.equal(changeKey(c));
    expect(estimateChange(c, [], lookup, { key: changeKey(same), preview })).to.deep.equal({
      segments: { vips: -3, b9: -1 },
      unassigned: 2,
    });
    expect(estimateChange(c, [], lookup, { key: changeKey(change('assign', ['vips', 'b9'], target)), preview })).to.equal(null);
    expect(estimateChange(c, [], lookup, null)).to.equal(null);
  });
});

describe('projection: folding a confirmed answer', () => {
  it('takes the exact numbers of the answer, not the estimate', () => {
    const result: MembershipResult = {
      members: 3,
      segments: [{ segmentId: 'vips', changed: 2, skipped: 1, memberIds: ['x', 'y'] }],
      unassignedDelta: -2,
    };
    const write = membership('1', change('assign', ['vips'], ids('x', 'y', 'z')), { segments: { vips: 3 }, unassigned: -3 });
    const next = foldConfirmed(base, write, result);
    expect(next.segments.get('vips')!.memberCount).to.equal(5);
    expect(next.unassigned).to.equal(3);
    expect(base.segments.get('vips')!.memberCount, 'the old state is left alone').to.equal(3);
    expect(confirmedChanges(write, result)).to.deep.equal([
      ['x', 'vips', true],
      ['y', 'vips', true],
    ]);
  });

  it('stores created and updated segments as answered, and removes a deleted one', () => {
    const renamed = { ...segment('vips', 'Top', 3), updatedAt: '2026-03-01T00:00:00.000Z' };
    expect(foldConfirmed(base, { id: '1', kind: 'update-segment', segmentId: 'vips' }, renamed).segments.get('vips')).to.equal(renamed);
    const deleted: DeleteResult = { segment: segment('b9', 'Alumni', 2), memberIds: ['p', 'q'], unassignedDelta: 1 };
    const write: MutationRecord = { id: '2', kind: 'delete-segment', segmentId: 'b9' };
    const next = foldConfirmed(base, write, deleted);
    expect([...next.segments.keys()]).to.deep.equal(['vips', 'b10']);
    expect(next.unassigned).to.equal(6);
    expect(confirmedChanges(write, deleted)).to.deep.equal([
      ['p', 'b9', false],
      ['q', 'b9', false],
    ]);
  });
});
