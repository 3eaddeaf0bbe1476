/**
 * @segkit/rest over @segkit/mock: a write whose answer was lost is retried
 * with the same request id and is applied once.
 */
import type { MembershipChange } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { validateWire } from './wire-validator.js';

validateWire();

describe('rest adapter: idempotent retries over the mock backend', () => {
  let backend: MockBackend;
  const api = createRestAdapter({ baseUrl: '/api' });

  before(async () => {
    backend = createMockBackend({ seed: 21, size: 100 });
    await startMockWorker(backend.handlers);
  });
  afterEach(() => backend.reset());

  it('sends the request id as Idempotency-Key', async () => {
    await api.createSegment({ name: 'Keyed' }, { requestId: 'req-keyed' });
    expect(backend.log.at(-1)).to.include({ operation: 'createSegment', idempotencyKey: 'req-keyed' });
  });

  it('creates a segment once when the first answer is lost', async () => {
    backend.faults.set({ failNext: [{ afterApply: true }] });
    await expectReject(api.createSegment({ name: 'Ambassadors' }, { requestId: 'req-1' }), 'network');
    const retried = await api.createSegment({ name: 'Ambassadors' }, { requestId: 'req-1' });
    expect(retried.name).to.equal('Ambassadors');
    const list = await api.listSegments();
    expect(list.items.filter((s) => s.name === 'Ambassadors')).to.have.length(1);
    // Without the key the same retry would have been refused as a duplicate.
    await expectReject(api.createSegment({ name: 'Ambassadors' }, { requestId: 'req-2' }), 'name-taken');
  });

  it('assigns once, and the retry answers exactly who changed the first time', async () => {
    const change: MembershipChange = {
      op: 'assign',
      target: { kind: 'ids', ids: ['m-000001', 'm-000002', 'm-000003'] },
      segmentIds: ['high-priority'],
      source: 'manual',
    };
    const before = await api.listSegments();
    const expected = await api.previewMembership(change);
    backend.faults.set({ failNext: [{ afterApply: true }] });
    await expectReject(api.changeMembership(change, { requestId: 'bulk-1' }), 'network');
    const result = await api.changeMembership(change, { requestId: 'bulk-1' });
    expect(result.segments[0]!.changed).to.equal(expected.segments[0]!.changed);
    expect(result.unassignedDelta).to.equal(expected.unassignedDelta);
    const after = await api.listSegments();
    const count = (list: typeof before) => list.items.find((s) => s.id === 'high-priority')!.memberCount;
    expect(count(after) - count(before)).to.equal(expected.segments[0]!.changed);
    expect(after.unassignedCount - before.unassignedCount).to.equal(expected.unassignedDelta);
  });

  it('redeems an invite once (one use, one member) when the answer is lost', async () => {
    const invite = await api.createInvite({ segmentId: 'customers', maxUses: 5 });
    backend.faults.set({ failNext: [{ afterApply: true, status: 503 }] });
    const profile = { name: 'Noor Haddad', email: 'noor@example.org' };
    // The adapter retries a redeem's lost answer itself, with the same key (redeem-retry.test.ts).
    const result = await api.redeemInvite(invite.token, profile, { requestId: 'join-1' });
    expect(backend.log.filter((r) => r.operation === 'redeemInvite').map((r) => r.idempotencyKey)).to.deep.equal(['join-1', 'join-1']);
    expect(result).to.deep.include({ joined: true, member: { id: result.member!.id, name: 'Noor Haddad', email: 'noor@example.org' } });
    const [after] = await api.listInvites('customers');
    expect(after!.uses).to.equal(1);
    expect((await api.listSegments()).totalMembers).to.equal(101);
  });

  it('deletes once: the replay answers the first result instead of not-found', async () => {
    backend.faults.set({ failNext: [{ afterApply: true }] });
    await expectReject(api.deleteSegment('ugc-creators', { requestId: 'del-1' }), 'network');
    const result = await api.deleteSegment('ugc-creators', { requestId: 'del-1' });
    expect(result.segment.id).to.equal('ugc-creators');
    await expectReject(api.deleteSegment('ugc-creators', { requestId: 'del-2' }), 'not-found');
  });
});
