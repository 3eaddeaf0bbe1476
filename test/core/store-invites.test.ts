import type { MembershipEvent } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, makeAdapter, makeStore, until } from './fixtures.js';

describe('store: invite links', () => {
  afterEach(cleanup);

  it('creates, lists and revokes links for a segment', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    await store.loadInvites('vips');
    expect(store.$invites.get()).to.deep.include({ segmentId: 'vips', items: [], loading: false });
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 10, expiresAt: '2030-01-01T00:00:00Z' });
    expect(store.$invites.get().items.map((i) => i.id)).to.deep.equal([invite.id]);
    const revoked = await store.revokeInvite(invite.id);
    expect(revoked.revokedAt).to.be.a('string');
    expect(store.$invites.get().items[0]!.revokedAt).to.equal(revoked.revokedAt);
  });

  it('refuses links to Unassigned or missing segments at once', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    await expectReject(store.createInvite({ segmentId: 'unassigned' }), 'reserved-segment');
    await expectReject(store.createInvite({ segmentId: 'missing' }), 'not-found');
  });

  it('redeeming places the member in the segment and announces it with source "link"', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    const invite = await store.createInvite({ segmentId: 'vips' });
    const result = await store.redeemInvite(invite.token, { name: 'New Customer', email: 'new@example.com' });
    expect(result).to.deep.equal({
      segmentId: 'vips',
      segmentName: 'VIPs',
      joined: true,
      member: { id: result.member!.id, name: 'New Customer', email: 'new@example.com' },
      revealed: {},
    });
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ source: 'link', phase: 'confirmed', op: 'assign', segmentIds: ['vips'] });
    expect(events[0]!.target).to.deep.equal({ kind: 'ids', ids: [result.member!.id] });
    await until(() => countOf(store, 'vips') === 9);
    expect(store.$totalMembers.get()).to.equal(25);
  });

  it('resolves a redeem that names no member (a backend that placed a member it verified) without announcing a nameless join', async () => {
    const inner = makeAdapter();
    const adapter = {
      ...inner,
      redeemInvite: async () => ({ segmentId: 'vips', segmentName: 'VIPs', joined: true }),
    };
    const { store } = makeStore(adapter);
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    const result = await store.redeemInvite('signed-in', { name: 'Known Person' });
    // A joined answer without `revealed` (a backend that predates it) reveals nothing.
    expect(result).to.deep.equal({ segmentId: 'vips', segmentName: 'VIPs', joined: true, revealed: {} });
    expect(events).to.deep.equal([]);
  });

  it('explains an unusable link', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 1 });
    await store.redeemInvite(invite.token, { name: 'First' });
    await expectReject(store.redeemInvite(invite.token, { name: 'Second' }), 'invite-unusable');
    await expectReject(store.redeemInvite('bogus', { name: 'Third' }), 'not-found');
  });
});
