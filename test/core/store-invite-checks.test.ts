/**
 * `createInvite` and `redeemInvite` check their input in the store, before any
 * request, with the memory adapter's own checks, and pass on only the fields
 * the contract knows (issue 8, item 10).
 */
import type { InviteDraft, InviteProfile, SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { T0, cleanup, makeAdapter, makeStore } from './fixtures.js';

/** The memory adapter, recording what `createInvite` and `redeemInvite` were sent. */
function spied() {
  const inner = makeAdapter();
  const drafts: unknown[] = [];
  const profiles: unknown[] = [];
  const adapter: SegmentsAdapter = {
    ...inner,
    createInvite: (draft, o) => (drafts.push(structuredClone(draft)), inner.createInvite(draft, o)),
    redeemInvite: (token, profile, o) => (profiles.push(structuredClone(profile)), inner.redeemInvite(token, profile, o)),
  };
  return { adapter, drafts, profiles };
}

describe('store: invite input is checked before any request', () => {
  afterEach(cleanup);

  it('refuses a bad invite draft with its field and sends nothing', async () => {
    const { adapter, drafts } = spied();
    const { store } = makeStore(adapter, { now: () => T0 });
    await allTasks();
    const bad: [unknown, string][] = [
      [{ segmentId: 'vips', maxUses: 0 }, 'maxUses'],
      [{ segmentId: 'vips', maxUses: 2.5 }, 'maxUses'],
      [{ segmentId: 'vips', maxUses: Number.NaN }, 'maxUses'],
      [{ segmentId: 'vips', expiresAt: 'next tuesday' }, 'expiresAt'],
      [{ segmentId: 'vips', expiresAt: new Date(T0 - 1000).toISOString() }, 'expiresAt'],
      [{ segmentId: 42 }, 'segmentId'],
      [null, 'segmentId'],
    ];
    for (const [draft, field] of bad) {
      const error = await expectReject(store.createInvite(draft as InviteDraft), 'invalid-input');
      expect((error as { field?: string }).field, JSON.stringify(draft)).to.equal(field);
    }
    expect(drafts).to.deep.equal([]);
  });

  it('sends only the known fields of a draft', async () => {
    const { adapter, drafts } = spied();
    const { store } = makeStore(adapter, { now: () => T0 });
    await allTasks();
    const draft = { segmentId: 'vips', maxUses: 3, expiresAt: '2030-01-01T00:00:00.000Z', token: 'chosen', uses: -5, role: 'admin' };
    const invite = await store.createInvite(draft as InviteDraft);
    expect(drafts).to.deep.equal([{ segmentId: 'vips', maxUses: 3, expiresAt: '2030-01-01T00:00:00.000Z' }]);
    expect(invite.token).to.not.equal('chosen');
    expect(invite.uses).to.equal(0);
  });

  it('refuses a bad redeem profile or token with its field and sends nothing', async () => {
    const { adapter, profiles } = spied();
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips' });
    const bad: [string, unknown, string][] = [
      [invite.token, { name: 'Ana', email: 'not an email' }, 'email'],
      [invite.token, { name: '   ' }, 'name'],
      [invite.token, { name: 'Ana', attributes: { tier: 'Mega' } }, 'attributes'],
      [invite.token, { name: 'Ana', segmentIds: ['creators'] }, 'segmentIds'],
      [invite.token, null, 'name'],
      ['', { name: 'Ana' }, 'token'],
    ];
    for (const [token, profile, field] of bad) {
      const error = await expectReject(store.redeemInvite(token, profile as InviteProfile), 'invalid-input');
      expect((error as { field?: string }).field, JSON.stringify(profile)).to.equal(field);
    }
    expect(profiles).to.deep.equal([]);
    // The link is untouched: nobody joined, no use was spent.
    expect((await adapter.listInvites('vips'))[0]!.uses).to.equal(0);
  });

  it('sends only a clean name and email', async () => {
    const { adapter, profiles } = spied();
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips' });
    await store.redeemInvite(invite.token, { name: '  Ana  ', email: ' ana@example.com ', phone: undefined } as InviteProfile);
    expect(profiles).to.deep.equal([{ name: 'Ana', email: 'ana@example.com' }]);
  });
});
