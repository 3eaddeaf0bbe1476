/**
 * Writes to store events: one event per phase of a queued write.
 */
import { SegkitError } from '../../packages/core/src/errors.js';
import type { Segment } from '../../packages/core/src/model.js';
import { announceWrite } from '../../packages/core/src/store/announce.js';
import { Emitter } from '../../packages/core/src/store/emitter.js';
import type { MutationRecord } from '../../packages/core/src/store/mutation.js';
import type { MembershipEvent, SegmentEvent, StoreEvents } from '../../packages/core/src/store/types.js';
import { expect } from '../setup/expect.js';

const T = '2026-01-01T00:00:00.000Z';
const vips: Segment = { id: 'vips', name: 'VIPs', color: '#f00', memberCount: 3, createdAt: T, updatedAt: T };

function listen() {
  const events = new Emitter<StoreEvents>();
  const membership: MembershipEvent[] = [];
  const segment: SegmentEvent[] = [];
  events.on('membership', (e) => membership.push(e));
  events.on('segment', (e) => segment.push(e));
  return { events, membership, segment };
}

describe('announce: writes to events', () => {
  it('a membership write: who, which segments, the phase, and the answer or error', () => {
    const { events, membership } = listen();
    const write: MutationRecord = {
      id: 'w1',
      kind: 'membership',
      change: { op: 'unassign', segmentIds: ['vips'], target: { kind: 'ids', ids: ['m1'] }, source: 'link' },
      undo: true,
    };
    const result = { members: 1, segments: [{ segmentId: 'vips', changed: 1, skipped: 0, memberIds: ['m1'] }], unassignedDelta: 1 };
    const error = new SegkitError('not-found', 'gone');
    announceWrite(events, write, 'optimistic');
    announceWrite(events, write, 'confirmed', result);
    announceWrite(events, write, 'reverted', undefined, error);
    expect(membership[0]).to.deep.equal({
      mutationId: 'w1',
      op: 'unassign',
      segmentIds: ['vips'],
      target: { kind: 'ids', ids: ['m1'] },
      source: 'link',
      phase: 'optimistic',
      undo: true,
    });
    expect(membership[1]).to.deep.include({ phase: 'confirmed', result });
    expect(membership[2]).to.deep.include({ phase: 'reverted', error });
    expect(membership[2]).to.not.have.property('result');
  });

  it('a segment write: the segment as shown before the answer, as answered after it', () => {
    const { events, segment } = listen();
    const create: MutationRecord = { id: 'c', kind: 'create-segment', draft: { id: 'new', name: 'New' } };
    const update: MutationRecord = { id: 'u', kind: 'update-segment', segmentId: 'vips', patch: { name: 'Top', color: null }, before: vips };
    const del: MutationRecord = { id: 'd', kind: 'delete-segment', segmentId: 'vips', before: vips };
    announceWrite(events, create, 'optimistic');
    announceWrite(events, update, 'reverted', undefined, new SegkitError('name-taken', 'taken'));
    announceWrite(events, del, 'confirmed', { segment: { ...vips, memberCount: 4 }, memberIds: [], unassignedDelta: 0 });
    expect(segment.map((e) => [e.mutationId, e.action, e.phase])).to.deep.equal([
      ['c', 'create', 'optimistic'],
      ['u', 'update', 'reverted'],
      ['d', 'delete', 'confirmed'],
    ]);
    expect(segment[0]!.segment).to.deep.include({ id: 'new', name: 'New', memberCount: 0 });
    expect(segment[0]).to.not.have.property('previous');
    expect(segment[1]!.segment).to.deep.equal({ id: 'vips', name: 'Top', memberCount: 3, createdAt: T, updatedAt: T });
    expect(segment[1]).to.deep.include({ previous: vips });
    expect(segment[1]!.error?.code).to.equal('name-taken');
    expect(segment[2]!.segment.memberCount, 'the answer, not the segment as it was').to.equal(4);
  });
});
