/**
 * `createInviteLinkConnector` driven headless, as a React or Vue app would:
 * read `$state`, call the actions, never touch the DOM.
 */
import type { InviteLink, SegmentsAdapter } from '@segkit/core';
import { SegkitError, createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createInviteLinkConnector } from '../../packages/elements/src/headless.js';
import type { InviteLinkConnector, InviteLinkOptions, InviteLinkState } from '../../packages/elements/src/headless.js';
import { SEGMENTS, cleanup, makeMembers, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';

const NOW = Date.UTC(2026, 0, 2);
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** One link in each status for VIPs (newest first), and one for Content Creators. */
const SEEDED: InviteLink[] = [
  { id: 'inv_active', segmentId: 'vips', token: 'tokActive', createdAt: at(5), uses: 2, maxUses: 10, expiresAt: '2099-01-01T00:00:00.000Z', reveal: [] },
  { id: 'inv_expired', segmentId: 'vips', token: 'tokExpired', createdAt: at(4), uses: 0, expiresAt: at(10), reveal: [] },
  { id: 'inv_usedup', segmentId: 'vips', token: 'tokUsedUp', createdAt: at(3), uses: 3, maxUses: 3, reveal: [] },
  { id: 'inv_revoked', segmentId: 'vips', token: 'tokRevoked', createdAt: at(2), uses: 1, revokedAt: at(6), reveal: [] },
  { id: 'inv_other', segmentId: 'creators', token: 'tokOther', createdAt: at(1), uses: 0, reveal: [] },
];

const adapterWith = (invites: InviteLink[] = SEEDED) => createMemoryAdapter({ members: makeMembers(12), segments: SEGMENTS, invites });

/** An adapter whose `method` throws `error`. */
function refusing(inner: SegmentsAdapter, method: keyof SegmentsAdapter, error: SegkitError): SegmentsAdapter {
  return new Proxy(inner, {
    get: (target, key, receiver) => (key === method ? async () => Promise.reject(error) : Reflect.get(target, key, receiver)),
  });
}

const connectors: InviteLinkConnector[] = [];
const listeners: Array<() => void> = [];

async function setup(options: InviteLinkOptions = { segmentId: 'vips' }, adapter: SegmentsAdapter = adapterWith()) {
  const { store, connectivity } = makeStore(adapter);
  await allTasks();
  const links = createInviteLinkConnector(store, { baseUrl: 'https://shop.example.com/join?ref=receipt', now: () => NOW, ...options });
  connectors.push(links);
  listeners.push(links.$state.listen(() => undefined));
  const state = (): InviteLinkState => links.$state.get();
  await until(() => !state().loading);
  return { store, connectivity, links, state };
}

const summary = (state: InviteLinkState) => state.items.map((row) => `${row.invite.token} ${row.status}`);

describe('createInviteLinkConnector', () => {
  afterEach(() => {
    for (const off of listeners.splice(0)) off();
    for (const links of connectors.splice(0)) links.destroy();
    cleanup();
  });

  it('lists the segment\'s links with their status and full URL', async () => {
    const { links, state } = await setup();
    expect(summary(state())).to.deep.equal(['tokActive active', 'tokExpired expired', 'tokUsedUp used-up', 'tokRevoked revoked']);
    expect(state().items[0]!.url).to.equal('https://shop.example.com/join?ref=receipt&segkit-invite=tokActive');
    expect(state()).to.deep.include({ segmentId: 'vips', empty: false, loadError: null, baseUrlValid: true, failed: false, supported: true });
    expect(state().segment!.name).to.equal('VIPs');
    expect(state().choices.map((s) => s.id)).to.deep.equal(['creators', 'vips']); // never Unassigned
    links.setParam('invite');
    expect(state().items[0]!.url).to.equal('https://shop.example.com/join?ref=receipt&invite=tokActive');
  });

  it('refuses a base URL that is not http(s): no URLs, nothing created', async () => {
    const { store, links, state } = await setup({ segmentId: 'vips', baseUrl: 'javascript:alert(1)' });
    expect(state()).to.deep.include({ baseUrlValid: false, failed: true });
    expect(state().items.every((row) => row.url === '')).to.equal(true);
    expect(await links.create()).to.equal(null);
    expect(await store.loadInvites('vips')).to.have.length(4);
    links.setBaseUrl('/join');
    expect(state().baseUrlValid).to.equal(true);
    expect(state().items[0]!.url).to.equal(`${location.origin}/join?segkit-invite=tokActive`);
  });

  it('checks the form: an expiry in the past and a bad maximum are refused, and nothing is created', async () => {
    const { store, links, state } = await setup({ segmentId: 'creators' }, adapterWith([]));
    expect(state().empty).to.equal(true);
    links.setExpiry('2021-05-01T10:00');
    links.setMaxUses('0');
    expect(await links.create()).to.equal(null);
    expect(state().fieldErrors).to.deep.equal({ expiry: 'invalid', maxUses: 'invalid' });
    expect(state().failed).to.equal(false); // the user's to fix, not a failure
    expect(await store.loadInvites('creators')).to.deep.equal([]);
    links.setExpiry('');
    expect(state().fieldErrors).to.deep.equal({ expiry: null, maxUses: 'invalid' });
    links.setMaxUses('2.5');
    expect(await links.create()).to.equal(null);
    expect(state().fieldErrors.maxUses).to.equal('invalid');
  });

  it('creates a link: in flight, then shown with its URL at the top of the list, the form cleared', async () => {
    const { store, links, state } = await setup({ segmentId: 'creators' });
    links.setExpiry('2099-03-04T10:30');
    links.setMaxUses('25');
    const pending = links.create();
    expect(state().creating).to.equal(true);
    const invite = (await pending)!;
    expect(invite).to.deep.include({ segmentId: 'creators', maxUses: 25, uses: 0, expiresAt: new Date('2099-03-04T10:30').toISOString() });
    expect(state()).to.deep.include({ creating: false, createError: null, expiry: '', maxUses: '' });
    expect(state().created).to.deep.equal({ invite, url: links.urlFor(invite), status: 'active', reveals: [] });
    expect(state().created!.url).to.equal(`https://shop.example.com/join?ref=receipt&segkit-invite=${encodeURIComponent(invite.token)}`);
    expect(summary(state())).to.deep.equal([`${invite.token} active`, 'tokOther active']);
    expect((await store.loadInvites('creators')).map((i) => i.id)).to.include(invite.id);
  });

  it('keeps the store\'s refusal as an error to show: on the form, or on the field it names', async () => {
    const reserved = await setup({ segmentId: 'unassigned' }, adapterWith([]));
    expect(await reserved.links.create()).to.equal(null);
    expect(reserved.state().createError!.code).to.equal('reserved-segment');
    expect(reserved.state().failed).to.equal(true);
    cleanup();

    const tooMany = new SegkitError('invalid-input', 'maxUses is too large.', { field: 'maxUses' });
    const field = await setup({ segmentId: 'vips' }, refusing(adapterWith(), 'createInvite', tooMany));
    field.links.setMaxUses('5');
    expect(await field.links.create()).to.equal(null);
    expect(field.state().fieldErrors.maxUses).to.equal(tooMany);
    expect(field.state()).to.deep.include({ createError: null, failed: true, creating: false });
  });

  it('revokes after a confirm step; a refused revoke is kept with its link', async () => {
    const { store, links, state } = await setup();
    links.askRevoke('inv_active');
    expect(state().confirming).to.equal('inv_active');
    links.cancelRevoke();
    expect(state().confirming).to.equal(null);
    links.askRevoke('inv_active');
    const pending = links.revoke('inv_active');
    expect(state().revoking).to.equal('inv_active');
    const revoked = (await pending)!;
    expect(revoked.revokedAt).to.be.a('string');
    expect(state()).to.deep.include({ confirming: null, revoking: null, revokeError: null });
    expect(summary(state())[0]).to.equal('tokActive revoked');
    expect((await store.loadInvites('vips')).find((i) => i.id === 'inv_active')!.revokedAt).to.equal(revoked.revokedAt);

    const refused = new SegkitError('server', 'Try later', { status: 503 });
    const failing = await setup({ segmentId: 'vips' }, refusing(adapterWith(), 'revokeInvite', refused));
    failing.links.askRevoke('inv_usedup');
    expect(await failing.links.revoke('inv_usedup')).to.equal(null);
    expect(failing.state().revokeError).to.deep.equal({ id: 'inv_usedup', error: refused });
    expect(failing.state()).to.deep.include({ confirming: 'inv_usedup', failed: true });
  });

  it('follows a change of segment, and drops a late answer for the previous one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let vipsCalls = 0;
    const inner = adapterWith();
    const slowFirstVips = new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'listInvites') return value;
        return async (segmentId: string, ...rest: unknown[]) => {
          if (segmentId === 'vips' && ++vipsCalls === 1) await gate;
          return (value as (...a: unknown[]) => unknown).apply(target, [segmentId, ...rest]);
        };
      },
    });
    const { store } = makeStore(slowFirstVips);
    await allTasks();
    const links = createInviteLinkConnector(store, { segmentId: 'vips', now: () => NOW });
    connectors.push(links);
    const state = () => links.$state.get();
    expect(state().loading).to.equal(true);
    links.setSegment('creators');
    await until(() => !state().loading);
    expect(summary(state())).to.deep.equal(['tokOther active']);
    expect(state().segment!.name).to.equal('Content Creators');
    await store.loadInvites('vips'); // another widget on the page reads VIPs' links
    expect(summary(state())).to.deep.equal(['tokOther active']);
    release(); // the first answer for VIPs arrives late
    await new Promise((r) => setTimeout(r, 20));
    await allTasks();
    expect(summary(state())).to.deep.equal(['tokOther active']);
    links.setSegment(undefined);
    expect(state()).to.deep.include({ segmentId: undefined, empty: false, loading: false });
    expect(state().items).to.deep.equal([]);
  });

  it('shows links created elsewhere (the store\'s $invites), and reports a failed load with a retry', async () => {
    const { store, state } = await setup({ segmentId: 'creators' });
    const elsewhere = await store.createInvite({ segmentId: 'creators' });
    await until(() => state().items.length === 2);
    expect(state().items[0]!.invite.id).to.equal(elsewhere.id);

    let fail = true;
    const inner = adapterWith();
    const flaky = new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'listInvites') return value;
        return async (...args: unknown[]) => {
          if (fail) throw new SegkitError('network', 'down');
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const broken = await setup({ segmentId: 'vips' }, flaky);
    expect(broken.state().loadError!.code).to.equal('network');
    expect(broken.state()).to.deep.include({ empty: false, failed: true });
    fail = false;
    await broken.links.load();
    expect(broken.state().loadError).to.equal(null);
    expect(broken.state().items).to.have.length(4);
  });

  it('says when the backend has no invite links, and when it is offline', async () => {
    const without = new Proxy(adapterWith(), {
      get: (target, key, receiver) => (key === 'capabilities' ? { live: true, invites: false } : Reflect.get(target, key, receiver)),
    });
    const { state, connectivity } = await setup({ segmentId: 'vips' }, without);
    expect(state().supported).to.equal(false);
    expect(state().offline).to.equal(false);
    connectivity.set(false);
    await allTasks();
    expect(state().offline).to.equal(true);
  });
});
