/**
 * An invite link reveals the segment fields the team chose (issue 11, item 1;
 * decision 025): `InviteDraft.reveal` is checked everywhere the contract
 * lives, echoed on the link, and a redeem answers the values of those keys,
 * read at redeem time, in `revealed`; nothing else of the segment.
 */
import type { InviteDraft, SegmentField, SegmentsAdapter } from '@segkit/core';
import { checkInviteDraft, createMemoryAdapter, parseAnswer, REVEAL_MAX_KEYS } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { T0, cleanup, makeMembers, makeStore } from './fixtures.js';

const at = new Date(T0).toISOString();
/** VIPs carry a discount code, a tier, a private note and an object; Content Creators carry nothing. */
const SEGMENTS = [
  {
    id: 'vips',
    name: 'VIPs',
    metadata: { discountCode: 'VIP20', tier: 3, active: true, note: 'internal: margin 40%', perks: { lounge: true } },
    createdAt: at,
    updatedAt: at,
  },
  { id: 'creators', name: 'Content Creators', createdAt: at, updatedAt: at },
];
const FIELDS: SegmentField[] = [
  { key: 'discountCode', label: 'Discount code', type: 'text' },
  { key: 'tier', label: 'Tier', type: 'number' },
];

const adapter = () => createMemoryAdapter({ members: makeMembers(12), segments: SEGMENTS, now: () => T0 });
const field = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return `${(error as { code: string }).code}:${(error as { field?: string }).field}`;
  }
  return undefined;
};

describe('invite links reveal chosen fields: the rules', () => {
  it('keeps a list of keys, duplicates dropped, and leaves out an empty one', () => {
    expect(checkInviteDraft({ segmentId: 's', reveal: ['discountCode', 'tier', 'discountCode'] }, T0)).to.deep.equal({
      segmentId: 's',
      reveal: ['discountCode', 'tier'],
    });
    expect(checkInviteDraft({ segmentId: 's', reveal: [] }, T0)).to.deep.equal({ segmentId: 's' });
    const many = Array.from({ length: REVEAL_MAX_KEYS }, (_, i) => `k${i}`);
    expect(checkInviteDraft({ segmentId: 's', reveal: [...many, ...many] }, T0).reveal).to.deep.equal(many);
  });

  it('refuses anything but up to 16 keys of a field key\'s form, naming the field reveal', () => {
    const bad: unknown[] = [
      'discountCode',
      { discountCode: true },
      [42],
      [''],
      ['has space'],
      ['9lives'],
      ['__proto__'],
      ['x'.repeat(65)],
      Array.from({ length: REVEAL_MAX_KEYS + 1 }, (_, i) => `k${i}`),
    ];
    for (const reveal of bad) {
      expect(field(() => checkInviteDraft({ segmentId: 's', reveal } as InviteDraft, T0)), JSON.stringify(reveal)).to.equal('invalid-input:reveal');
    }
  });
});

describe('invite links reveal chosen fields: the memory adapter', () => {
  it('echoes reveal on the link ([] when none) and answers the values at redeem time', async () => {
    const api = adapter();
    const plain = await api.createInvite({ segmentId: 'vips' });
    expect(plain.reveal).to.deep.equal([]);
    const invite = await api.createInvite({ segmentId: 'vips', reveal: ['discountCode', 'discountCode'] });
    expect(invite.reveal).to.deep.equal(['discountCode']);
    expect((await api.listInvites('vips')).find((i) => i.id === invite.id)!.reveal).to.deep.equal(['discountCode']);

    expect((await api.redeemInvite(invite.token, { name: 'Ana' })).revealed).to.deep.equal({ discountCode: 'VIP20' });
    expect((await api.redeemInvite(plain.token, { name: 'Bo' })).revealed).to.deep.equal({});

    // Read at redeem time: the code changed after the link was made shows its new value.
    await api.updateSegment('vips', { metadata: { ...SEGMENTS[0]!.metadata, discountCode: 'VIP25' } });
    expect((await api.redeemInvite(invite.token, { name: 'Chen' })).revealed).to.deep.equal({ discountCode: 'VIP25' });
  });

  it('leaves out a key the segment lacks or that holds an object, and never shows other metadata', async () => {
    const api = adapter();
    const invite = await api.createInvite({ segmentId: 'vips', reveal: ['tier', 'active', 'perks', 'missing', 'constructor'] });
    const result = await api.redeemInvite(invite.token, { name: 'Dalia' });
    expect(result.revealed).to.deep.equal({ tier: 3, active: true });
    expect(JSON.stringify(result)).to.not.contain('internal').and.not.contain('VIP20').and.not.contain('lounge');
    const none = await api.createInvite({ segmentId: 'creators', reveal: ['discountCode'] });
    expect((await api.redeemInvite(none.token, { name: 'Émile' })).revealed).to.deep.equal({});
  });

  it('reads a link saved before reveal existed as revealing nothing', async () => {
    const api = createMemoryAdapter({
      segments: SEGMENTS,
      invites: [{ id: 'inv_old', segmentId: 'vips', token: 'tokOld', createdAt: at, uses: 0 }],
      now: () => T0,
    });
    expect((await api.listInvites('vips'))[0]!.reveal).to.deep.equal([]);
    expect((await api.redeemInvite('tokOld', { name: 'Farah' })).revealed).to.deep.equal({});
  });

  it('refuses a bad reveal with invalid-input, creating no link', async () => {
    const api = adapter();
    const error = await expectReject(api.createInvite({ segmentId: 'vips', reveal: ['bad key'] }), 'invalid-input');
    expect((error as { field?: string }).field).to.equal('reveal');
    expect(await api.listInvites(undefined)).to.deep.equal([]);
  });
});

describe('invite links reveal chosen fields: the answer parsers (lenient, decision 019)', () => {
  const base = { segmentId: 'vips', segmentName: 'VIPs', joined: true, member: { id: 'm-1', name: 'Ana' } };

  it('keeps scalar values of well-formed keys and drops the rest', () => {
    const parsed = parseAnswer('redeemInvite', {
      ...base,
      // As a backend's JSON arrives: `__proto__` an own key.
      revealed: JSON.parse('{"discountCode":"VIP20","tier":3,"active":false,"perks":{"lounge":true},"list":[1],"none":null,"bad key":"x","__proto__":"y"}'),
    });
    expect(parsed.revealed).to.deep.equal({ discountCode: 'VIP20', tier: 3, active: false });
    expect(Object.getPrototypeOf(parsed.revealed)).to.equal(Object.prototype);
  });

  it('answers {} for a joined answer without revealed, nothing when not joined, and refuses a revealed that is not an object', () => {
    expect(parseAnswer('redeemInvite', base).revealed).to.deep.equal({});
    expect(parseAnswer('redeemInvite', { segmentId: 'vips', segmentName: 'VIPs', joined: false })).to.not.have.property('revealed');
    expect(parseAnswer('redeemInvite', { segmentId: 'vips', segmentName: 'VIPs', joined: false, revealed: { discountCode: 'VIP20' } }).revealed).to.deep.equal({
      discountCode: 'VIP20',
    });
    expect(() => parseAnswer('redeemInvite', { ...base, revealed: 'VIP20' })).to.throw().with.property('code', 'bad-response');
  });

  it('reads a link without reveal (a backend that predates it) as revealing nothing', () => {
    const link = { id: 'inv_1', segmentId: 'vips', token: 'tok', createdAt: at, uses: 0 };
    expect(parseAnswer('createInvite', link).reveal).to.deep.equal([]);
    expect(parseAnswer('createInvite', { ...link, reveal: ['discountCode'] }).reveal).to.deep.equal(['discountCode']);
  });
});

describe('invite links reveal chosen fields: the store', () => {
  afterEach(cleanup);

  /** The memory adapter, recording what `createInvite` was sent. */
  function spied() {
    const inner = adapter();
    const drafts: unknown[] = [];
    const api: SegmentsAdapter = { ...inner, createInvite: (draft, o) => (drafts.push(structuredClone(draft)), inner.createInvite(draft, o)) };
    return { api, drafts };
  }

  it('lets a link reveal only declared segment fields, refusing any other key before a request', async () => {
    const { api, drafts } = spied();
    const { store } = makeStore(api, { now: () => T0, segmentFields: FIELDS });
    await allTasks();
    for (const reveal of [['note'], ['discountCode', 'perks'], ['bad key']]) {
      const error = await expectReject(store.createInvite({ segmentId: 'vips', reveal }), 'invalid-input');
      expect((error as { field?: string }).field, reveal.join()).to.equal('reveal');
    }
    expect(drafts).to.deep.equal([]);

    const invite = await store.createInvite({ segmentId: 'vips', reveal: ['discountCode'] });
    expect(drafts).to.deep.equal([{ segmentId: 'vips', reveal: ['discountCode'] }]);
    expect(invite.reveal).to.deep.equal(['discountCode']);
    const result = await store.redeemInvite(invite.token, { name: 'Goran' });
    expect(result).to.deep.include({ segmentName: 'VIPs', joined: true, revealed: { discountCode: 'VIP20' } });
  });

  it('refuses any revealed key when the store declares no segment fields', async () => {
    const { api, drafts } = spied();
    const { store } = makeStore(api, { now: () => T0 });
    await allTasks();
    const error = await expectReject(store.createInvite({ segmentId: 'vips', reveal: ['discountCode'] }), 'invalid-input');
    expect((error as { field?: string }).field).to.equal('reveal');
    expect(drafts).to.deep.equal([]);
    expect((await store.createInvite({ segmentId: 'vips' })).reveal).to.deep.equal([]);
  });
});
