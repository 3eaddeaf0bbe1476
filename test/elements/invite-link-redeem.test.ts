import type { InviteLink, MembershipEvent } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { readInviteToken, redeemFromUrl } from '../../packages/elements/src/invite-link/redeem.js';
import { SEGMENTS, cleanup, faulty, makeMembers, makeStore } from '../core/fixtures.js';
import { expect, expectReject } from '../setup/expect.js';

const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
const INVITES: InviteLink[] = [
  { id: 'inv_ok', segmentId: 'vips', token: 'tokOk', createdAt: at, uses: 0, reveal: [] },
  { id: 'inv_revoked', segmentId: 'vips', token: 'tokRevoked', createdAt: at, uses: 0, revokedAt: at, reveal: [] },
];

const adapter = () => createMemoryAdapter({ members: makeMembers(6), segments: SEGMENTS, invites: INVITES });

describe('invite-link: readInviteToken / redeemFromUrl', () => {
  const original = location.href;
  /** Puts `search` in the address bar (same page, no navigation). */
  const visit = (search: string) => history.replaceState(history.state, '', `${location.pathname}${search}`);

  afterEach(() => {
    history.replaceState(history.state, '', original);
    cleanup();
  });

  it('reads the token from a URL, with the default or a custom parameter', () => {
    expect(readInviteToken('https://shop.example.com/join?segkit-invite=abc123&x=1')).to.equal('abc123');
    expect(readInviteToken('https://shop.example.com/join?invite=abc123', 'invite')).to.equal('abc123');
    expect(readInviteToken('https://shop.example.com/join?invite=abc123')).to.equal(null);
    expect(readInviteToken('https://shop.example.com/join?segkit-invite=')).to.equal(null);
    expect(readInviteToken('/join?segkit-invite=rel')).to.equal('rel');
    expect(readInviteToken('http://[bad')).to.equal(null);
  });

  it('reads the page\'s own address by default', () => {
    visit('?segkit-invite=fromPage');
    expect(readInviteToken()).to.equal('fromPage');
  });

  it('redeems the link in the address bar, announces the join with source "link", and cleans the address', async () => {
    const { store } = makeStore(adapter());
    await allTasks();
    const events: MembershipEvent[] = [];
    store.on('membership', (e) => events.push(e));
    visit('?utm=mail&segkit-invite=tokOk#top');
    const result = await redeemFromUrl(store, { name: 'New Customer', email: 'new@example.com' });
    expect(result).to.deep.equal({
      segmentId: 'vips',
      segmentName: 'VIPs',
      joined: true,
      member: { id: result!.member!.id, name: 'New Customer', email: 'new@example.com' },
      revealed: {},
    });
    expect(events.map((e) => [e.source, e.op, e.segmentIds])).to.deep.equal([['link', 'assign', ['vips']]]);
    expect(location.search).to.equal('?utm=mail');
    expect(location.hash).to.equal('#top');
  });

  it("names the segment joined and echoes only what was typed, even with an existing member's email", async () => {
    const memory = adapter();
    const { store } = makeStore(memory);
    await allTasks();
    visit('?segkit-invite=tokOk');
    const known = memory.snapshot().members.find((m) => m.id === 'm001')!;
    expect(known.segmentIds).to.deep.equal([]);
    const result = await redeemFromUrl(store, { name: 'Someone Else', email: known.email! });
    expect(result).to.deep.equal({
      segmentId: 'vips',
      segmentName: 'VIPs',
      joined: true,
      member: { id: result!.member!.id, name: 'Someone Else', email: known.email },
      revealed: {},
    });
    expect(result!.member!.id).to.not.equal(known.id);
    expect(memory.snapshot().members.find((m) => m.id === 'm001')!.segmentIds).to.deep.equal([]);
  });

  it('resolves null and leaves the address alone when there is no token', async () => {
    const { store } = makeStore(adapter());
    await allTasks();
    visit('?utm=mail');
    expect(await redeemFromUrl(store, { name: 'Nobody' })).to.equal(null);
    expect(location.search).to.equal('?utm=mail');
  });

  it('passes typed errors through and cleans the address after a definite refusal', async () => {
    const { store } = makeStore(adapter());
    await allTasks();
    visit('?segkit-invite=tokRevoked');
    await expectReject(redeemFromUrl(store, { name: 'Late' }), 'invite-unusable');
    expect(location.search).to.equal('');
    await expectReject(redeemFromUrl(store, { name: 'Lost' }, { url: 'https://shop.example.com/?segkit-invite=nope' }), 'not-found');
  });

  it('keeps the parameter after a transient failure (a reload retries), or when clean is false', async () => {
    const broken = faulty(adapter());
    const { store } = makeStore(broken.adapter);
    await allTasks();
    visit('?segkit-invite=tokOk');
    broken.reads = 'network';
    await expectReject(redeemFromUrl(store, { name: 'Offline' }), 'network');
    expect(location.search).to.equal('?segkit-invite=tokOk');
    broken.reads = 'ok';
    const result = await redeemFromUrl(store, { name: 'Kept' }, { clean: false });
    expect(result?.joined).to.equal(true);
    expect(location.search).to.equal('?segkit-invite=tokOk');
  });

  it('takes a custom parameter and an explicit URL', async () => {
    const { store } = makeStore(adapter());
    await allTasks();
    visit('?join=tokOk');
    const result = await redeemFromUrl(store, { name: 'Param' }, { param: 'join' });
    expect(result?.segmentId).to.equal('vips');
    expect(location.search).to.equal('');
  });
});
