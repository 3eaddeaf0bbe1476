/**
 * Redeeming a link again after the first answer was lost ("Join" pressed
 * again after a network error): the store sends the first redeem's request
 * id again, so any adapter that applies a request id at most once answers
 * the first outcome, and a single-use link tells the person who joined that
 * they joined, with one use counted (issue 8, item 3).
 */
import { SegkitError, createSegmentStore } from '@segkit/core';
import type { SegmentsAdapter, SegmentStore, WriteOptions } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { useMockBackend } from '../rest/mock-backend.js';
import { cleanup, countOf, makeAdapter, makeStore, until } from './fixtures.js';

const profile = { name: 'Noor Haddad', email: 'noor@example.org' };

/** `inner`, whose next `lost` redeems are applied and then answered with `code` (the answer lost); records each redeem's request id. */
function losingAnswers(inner: SegmentsAdapter, lost: number, code: 'network' | 'offline' | 'server' = 'network') {
  const requestIds: Array<string | undefined> = [];
  const adapter: SegmentsAdapter = {
    ...inner,
    async redeemInvite(token, who, options?: WriteOptions) {
      requestIds.push(options?.requestId);
      const result = await inner.redeemInvite(token, who, options);
      if (lost > 0) {
        lost -= 1;
        throw new SegkitError(code, 'The answer was lost.');
      }
      return result;
    },
  };
  return { adapter, requestIds };
}

describe('store: redeeming again after a lost answer (memory adapter)', () => {
  afterEach(cleanup);

  it('joins on the second press of a single-use link, one use counted, one member created', async () => {
    const inner = makeAdapter();
    const { adapter, requestIds } = losingAnswers(inner, 1);
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 1 });

    await expectReject(store.redeemInvite(invite.token, profile), 'network');
    const again = await store.redeemInvite(invite.token, profile);

    expect(again.joined, 'joined, not "no uses left"').to.equal(true);
    expect(again.member).to.deep.include({ name: 'Noor Haddad', email: 'noor@example.org' });
    expect(requestIds).to.have.length(2);
    expect(requestIds[1], 'the second press repeats the request id').to.equal(requestIds[0]);
    expect((await inner.listInvites('vips')).find((i) => i.id === invite.id)!.uses).to.equal(1);
    await until(() => countOf(store, 'vips') === 9);
    expect(store.$totalMembers.get(), 'one member created, not two').to.equal(25);
  });

  it('keeps the request id through several lost answers (offline, then a 5xx)', async () => {
    const inner = makeAdapter();
    const first = losingAnswers(inner, 1, 'offline');
    const { adapter, requestIds } = losingAnswers(first.adapter, 1, 'server');
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 1 });
    await expectReject(store.redeemInvite(invite.token, profile), 'offline');
    await expectReject(store.redeemInvite(invite.token, profile), 'server');
    expect((await store.redeemInvite(invite.token, profile)).joined).to.equal(true);
    expect(new Set(requestIds).size).to.equal(1);
    expect((await inner.listInvites('vips')).find((i) => i.id === invite.id)!.uses).to.equal(1);
  });

  it('starts a new redemption once the last one was answered, and for another person', async () => {
    const inner = makeAdapter();
    const { adapter, requestIds } = losingAnswers(inner, 0);
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 2 });
    expect((await store.redeemInvite(invite.token, profile)).joined).to.equal(true);
    // Answered: redeeming again is a new use (the link is left with none).
    expect((await store.redeemInvite(invite.token, profile)).joined).to.equal(true);
    await expectReject(store.redeemInvite(invite.token, { name: 'Someone Else' }), 'invite-unusable');
    expect(new Set(requestIds).size).to.equal(3);
  });

  it('does not reuse the id of a lost redeem for another person on the same link', async () => {
    const inner = makeAdapter();
    const { adapter, requestIds } = losingAnswers(inner, 1);
    const { store } = makeStore(adapter);
    await allTasks();
    const invite = await store.createInvite({ segmentId: 'vips', maxUses: 5 });
    await expectReject(store.redeemInvite(invite.token, profile), 'network');
    const other = await store.redeemInvite(invite.token, { name: 'Kofi Mensah' });
    expect(other.member!.name).to.equal('Kofi Mensah');
    expect(requestIds[1]).to.not.equal(requestIds[0]);
  });
});

describe('store: redeeming again after a lost answer (REST over the mock)', () => {
  let store: SegmentStore | undefined;
  const mock = useMockBackend({ seed: 5, size: 30 }, () => {
    store?.destroy();
    store = undefined;
  });

  it('joins on the second press after every try of the first was lost, one use counted', async () => {
    const api = createRestAdapter({ baseUrl: '/api' });
    store = createSegmentStore({ adapter: api });
    const invite = await api.createInvite({ segmentId: 'customers', maxUses: 1 });
    // Applied, then its answer and both of the adapter's retries lost.
    mock.backend.faults.set({ failNext: [{ afterApply: true }, { network: true }, { network: true }] });
    await expectReject(store.redeemInvite(invite.token, profile), 'network');
    const again = await store.redeemInvite(invite.token, profile);
    expect(again.joined, 'joined, not "no uses left"').to.equal(true);
    const keys = mock.backend.log.filter((r) => r.operation === 'redeemInvite').map((r) => r.idempotencyKey);
    expect(new Set(keys).size, 'one Idempotency-Key for the whole redemption').to.equal(1);
    expect((await api.listInvites('customers')).find((i) => i.id === invite.id)!.uses).to.equal(1);
  });
});
