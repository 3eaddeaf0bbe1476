/**
 * @segkit/rest: one Idempotency-Key per redemption of an invite link, across
 * the adapter's own retries and a person trying again, so a single-use link
 * tells the person who did join that they joined.
 */
import { createSegmentStore } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';
import { useMockBackend } from './mock-backend.js';
import { validateWire } from './wire-validator.js';

validateWire();

describe('rest adapter: one Idempotency-Key per redemption', () => {
  let store: SegmentStore | undefined;
  const profile = { name: 'Noor Haddad', email: 'noor@example.org' };

  const mock = useMockBackend({ seed: 5, size: 30 }, () => {
    store?.destroy();
    store = undefined;
  });

  /** A store over REST, and a single-use link to Customers. */
  async function singleUseLink() {
    const api = createRestAdapter({ baseUrl: '/api' });
    store = createSegmentStore({ adapter: api });
    const invite = await api.createInvite({ segmentId: 'customers', maxUses: 1 });
    const redeems = () => mock.backend.log.filter((r) => r.operation === 'redeemInvite');
    const uses = async () => (await api.listInvites('customers')).find((i) => i.id === invite.id)!.uses;
    return { api, invite, redeems, uses };
  }

  it('tells the redeemer they joined when the answer to a single-use link is lost (applied, then lost)', async () => {
    const { invite, redeems, uses } = await singleUseLink();
    mock.backend.faults.set({ failNext: [{ afterApply: true }] });
    const result = await store!.redeemInvite(invite.token, profile);
    expect(result.joined).to.equal(true);
    expect(redeems().map((r) => r.outcome)).to.deep.equal(['network-error', 200]);
    const [first, retry] = redeems();
    expect(retry!.idempotencyKey, 'the retry repeats the key').to.equal(first!.idempotencyKey);
    expect(await uses()).to.equal(1);
  });

  it('retries a 503 after the redeem was applied with the same key, once answered', async () => {
    const { invite, redeems, uses } = await singleUseLink();
    mock.backend.faults.set({ failNext: [{ afterApply: true, status: 503 }] });
    expect((await store!.redeemInvite(invite.token, profile)).joined).to.equal(true);
    expect(new Set(redeems().map((r) => r.idempotencyKey)).size).to.equal(1);
    expect(await uses()).to.equal(1);
  });

  it('reuses the key when the person tries again after every retry was lost', async () => {
    const { invite, redeems, uses } = await singleUseLink();
    mock.backend.faults.set({ failNext: [{ afterApply: true }, { network: true }, { network: true }] });
    await expectReject(store!.redeemInvite(invite.token, profile), 'network');
    // "Join" again: a new call, with a new request id from the store.
    const again = await store!.redeemInvite(invite.token, profile);
    expect(again.joined, 'joined, not "no uses left"').to.equal(true);
    expect(redeems()).to.have.length(4);
    expect(new Set(redeems().map((r) => r.idempotencyKey)).size).to.equal(1);
    expect(await uses()).to.equal(1);
  });

  it('starts a new redemption (a new key) once the last one was answered', async () => {
    const { invite, redeems } = await singleUseLink();
    expect((await store!.redeemInvite(invite.token, profile)).joined).to.equal(true);
    // The link is used up: redeeming it again is a new use, refused.
    await expectReject(store!.redeemInvite(invite.token, profile), 'invite-unusable');
    const keys = redeems().map((r) => r.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('does not retry a definite refusal', async () => {
    const { redeems } = await singleUseLink();
    await expectReject(store!.redeemInvite('no-such-token', profile), 'not-found');
    expect(redeems()).to.have.length(1);
  });
});
