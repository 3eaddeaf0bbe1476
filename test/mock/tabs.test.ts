/**
 * @segkit/mock: with `persist`, the tabs of one browser share one truth. Two
 * backends with the same key in one page stand for two tabs (each under its
 * own base URL, as each tab's msw serves its own page): what one writes, the
 * other answers, and neither overwrites the other.
 */
import { emptyQuery } from '@segkit/core';
import type { MemberQuery, MembershipChange } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { openDB } from 'idb';
import { expect, expectReject } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';

const uniqueKey = () => `segkit-mock-tabs-${Math.random().toString(36).slice(2)}`;

const assign = (ids: string[], segmentIds: string[], op: 'assign' | 'unassign' = 'assign'): MembershipChange => ({
  op,
  target: { kind: 'ids', ids },
  segmentIds,
  source: 'manual',
});

const inSegment = (segmentId: string): MemberQuery => ({ ...emptyQuery(), include: [segmentId] });

describe('mock backend shared by tabs', function () {
  this.timeout(30_000);
  const opened: MockBackend[] = [];
  const keys: string[] = [];
  const tabA = createRestAdapter({ baseUrl: '/tab-a' });
  const tabB = createRestAdapter({ baseUrl: '/tab-b' });

  /** Two tabs of the demo over the same persisted community, both loaded before anything is written. */
  async function twoTabs(options: { size?: number } = {}) {
    const key = uniqueKey();
    keys.push(key);
    const make = (baseUrl: string) => {
      const backend = createMockBackend({ baseUrl, seed: 5, size: options.size ?? 300, persist: { key } });
      opened.push(backend);
      return backend;
    };
    const a = make('/tab-a');
    const b = make('/tab-b');
    await Promise.all([a.ready, b.ready]);
    await startMockWorker([...a.handlers, ...b.handlers]);
    return { key, a, b };
  }

  afterEach(async () => {
    for (const backend of opened.splice(0)) await backend.close();
    for (const key of keys.splice(0)) indexedDB.deleteDatabase(key);
  });

  const names = async (api: typeof tabA) => (await api.listSegments()).items.map((s) => s.name);
  const memberIds = async (api: typeof tabA, query: MemberQuery) =>
    (await api.queryMembers(query, { offset: 0, limit: 500 })).items.map((m) => m.id);

  it('lists in one tab the segment created in the other, without a reload', async () => {
    const { b } = await twoTabs();
    expect(await names(tabB)).to.not.include('Spring Launch');

    const created = await tabA.createSegment({ name: 'Spring Launch', color: '#22aa88' });

    const list = await tabB.listSegments();
    expect(list.items.find((s) => s.name === 'Spring Launch')).to.deep.include({ id: created.id, color: '#22aa88', memberCount: 0 });
    // The backend's own adapter (what tests arrange with) sees it too.
    expect((await b.adapter.listSegments()).items.map((s) => s.id)).to.include(created.id);
  });

  it("shows in one tab's member query the member assigned, then removed, in the other", async () => {
    await twoTabs();
    const before = await memberIds(tabB, inSegment('vips'));
    const outsider = (await memberIds(tabB, inSegment('unassigned')))[0]!;
    expect(before).to.not.include(outsider);

    await tabA.changeMembership(assign([outsider], ['vips']));
    const rows = (await tabB.queryMembers(inSegment('vips'), { offset: 0, limit: 500 })).items;
    expect(rows.find((m) => m.id === outsider)).to.deep.include({ segmentIds: ['vips'] });
    expect(rows.map((m) => m.id)).to.have.members([...before, outsider]);
    expect(await memberIds(tabB, inSegment('unassigned'))).to.not.include(outsider);

    await tabA.changeMembership(assign([outsider], ['vips'], 'unassign'));
    expect(await memberIds(tabB, inSegment('vips'))).to.have.members(before);
    expect(await memberIds(tabB, inSegment('unassigned'))).to.include(outsider);
  });

  it('keeps the writes of both tabs when they write at the same time', async () => {
    const { key } = await twoTabs();
    const free = await memberIds(tabA, inSegment('unassigned'));
    const [a1, a2, b1, b2] = free;
    await Promise.all([
      tabA.createSegment({ name: 'From A' }),
      tabB.createSegment({ name: 'From B' }),
      tabA.changeMembership(assign([a1!, a2!], ['vips'])),
      tabB.changeMembership(assign([b1!, b2!], ['customers'])),
      tabA.updateSegment('content-creators', { description: 'Renamed in A' }),
      tabB.deleteSegment('high-priority'),
    ]);

    for (const api of [tabA, tabB]) {
      const list = await api.listSegments();
      expect(list.items.map((s) => s.name)).to.include.members(['From A', 'From B']);
      expect(list.items.map((s) => s.id)).to.not.include('high-priority');
      expect(list.items.find((s) => s.id === 'content-creators')!.description).to.equal('Renamed in A');
      expect(await memberIds(api, inSegment('vips'))).to.include.members([a1!, a2!]);
      expect(await memberIds(api, inSegment('customers'))).to.include.members([b1!, b2!]);
    }
    // And a tab opened afterwards (a reload) starts from all of it.
    const later = createMockBackend({ baseUrl: '/tab-a', seed: 5, size: 300, persist: { key } });
    opened.push(later);
    await startMockWorker(later.handlers);
    expect(await names(tabA)).to.include.members(['From A', 'From B']);
    expect(await memberIds(tabA, inSegment('customers'))).to.include.members([b1!, b2!]);
  });

  it('answers an Idempotency-Key replayed in the other tab with the first outcome, applied once', async () => {
    const { a } = await twoTabs();
    const free = await memberIds(tabA, inSegment('unassigned'));
    const change = assign(free.slice(0, 3), ['vips']);
    const vips = async () => (await tabB.listSegments()).items.find((s) => s.id === 'vips')!.memberCount;
    const before = await vips();

    // Tab A applies them, then the answers are lost; the store replays them from tab B.
    a.faults.set({ failNext: [{ afterApply: true }, { afterApply: true }, { afterApply: true }] });
    await expectReject(tabA.createSegment({ name: 'Queued offline' }, { requestId: 'outbox-1' }), 'network');
    await expectReject(tabA.changeMembership(change, { requestId: 'outbox-2' }), 'network');
    await expectReject(tabA.createSegment({ name: 'vips' }, { requestId: 'outbox-3' }), 'network');

    const created = await tabB.createSegment({ name: 'Queued offline' }, { requestId: 'outbox-1' });
    const result = await tabB.changeMembership(change, { requestId: 'outbox-2' });
    expect(result.segments[0]).to.deep.include({ segmentId: 'vips', changed: 3 });
    // A refusal is a first outcome too, even though the name is free by now.
    await tabB.updateSegment('vips', { name: 'Very Important' });
    await expectReject(tabB.createSegment({ name: 'vips' }, { requestId: 'outbox-3' }), 'name-taken');

    const list = await tabB.listSegments();
    expect(list.items.filter((s) => s.name === 'Queued offline').map((s) => s.id)).to.deep.equal([created.id]);
    expect(list.items.map((s) => s.name)).to.not.include('vips');
    expect(await vips()).to.equal(before + 3);
  });

  it("replays in one tab a write made through the other's adapter (requestId is the key)", async () => {
    const { a } = await twoTabs();
    const first = await a.adapter.createSegment({ name: 'Arranged' }, { requestId: 'arranged-1' });
    const replay = await tabB.createSegment({ name: 'Arranged' }, { requestId: 'arranged-1' });
    expect(replay).to.deep.equal(first);
    expect((await names(tabB)).filter((n) => n === 'Arranged')).to.have.length(1);
  });

  it('resets for every tab: the other tab next sees the seed', async () => {
    const { a } = await twoTabs();
    const seeded = await tabB.listSegments();
    const outsider = (await memberIds(tabB, inSegment('unassigned')))[0]!;
    await tabB.createSegment({ name: 'Forgotten' });
    await tabB.changeMembership(assign([outsider], ['vips']));
    expect(await names(tabA)).to.include('Forgotten');

    await a.reset();

    expect(await tabB.listSegments()).to.deep.equal(seeded);
    expect(await memberIds(tabB, inSegment('unassigned'))).to.include(outsider);
    // And a write after the reset starts from the seed in both.
    await tabB.createSegment({ name: 'After reset' });
    expect(await names(tabA)).to.deep.equal([...seeded.items.map((s) => s.name), 'After reset']);
  });

  it('keeps faults per tab (they are not data)', async () => {
    const { a } = await twoTabs();
    a.faults.set({ offline: true });
    await expectReject(tabA.listSegments(), 'network');
    await tabB.createSegment({ name: 'Written in B' });
    expect(await names(tabB)).to.include('Written in B');
    a.faults.set({ offline: false });
    expect(await names(tabA)).to.include('Written in B');
  });

  it('reloads in a tab only when another tab saved', async () => {
    const { b } = await twoTabs();
    const heard: string[] = [];
    const off = b.adapter.subscribe((event) => heard.push(event.type));
    await tabA.listSegments();
    await tabA.queryMembers(emptyQuery(), { offset: 0, limit: 50 });
    await tabB.listSegments();
    expect(heard).to.deep.equal([]);

    await tabA.createSegment({ name: 'Heard in B' });
    await tabB.listSegments();
    off();
    expect(heard).to.include('segments');
  });

  it('catches up to exactly what a tab opened afresh loads, change after change', async () => {
    const { key, b } = await twoTabs();
    const heard: string[] = [];
    const off = b.adapter.subscribe((event) => heard.push(event.type));
    const free = await memberIds(tabA, inSegment('unassigned'));
    const vips = await memberIds(tabA, inSegment('vips'));
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['create', () => tabA.createSegment({ id: 'seg_launch', name: 'Launch', color: '#22AA88', metadata: { code: 'L1', tiers: [1, 2] } })],
      ['assign to the new one and another', () => tabA.changeMembership(assign([free[0]!, free[1]!, vips[0]!], ['seg_launch', 'customers']))],
      ['rename, drop a colour, add a description', () => tabA.updateSegment('seg_launch', { name: 'Launch 2', color: null, description: 'Second wave' })],
      ['unassign', () => tabA.changeMembership(assign([vips[0]!, vips[1]!], ['vips'], 'unassign'))],
      ['assign all matching a query', () => tabA.changeMembership({ op: 'assign', target: { kind: 'query', filter: { include: ['unassigned'], exclude: [], match: 'any', search: '', attributes: [] }, except: [free[2]!] }, segmentIds: ['high-priority'], source: 'manual' })],
      ['back to the seed for one member', () => tabA.changeMembership(assign([free[0]!], ['seg_launch', 'customers'], 'unassign'))],
      ['delete', () => tabA.deleteSegment('customers')],
      ['invite, redeem', async () => {
        const invite = await tabA.createInvite({ segmentId: 'seg_launch', maxUses: 3 });
        await tabA.redeemInvite(invite.token, { name: 'Wanjiru Kamau', email: 'wanjiru@example.org' });
      }],
      ['assign the member who joined', async () => {
        const joined = (await tabA.queryMembers({ ...emptyQuery(), search: 'wanjiru' }, { offset: 0, limit: 5 })).items[0]!;
        await tabA.changeMembership(assign([joined.id], ['vips']));
      }],
    ];
    for (const [step, write] of steps) {
      await write();
      await tabB.listSegments();
      const fresh = createMockBackend({ seed: 5, size: 300, persist: { key } });
      await fresh.ready;
      const [mine, truth] = [b.adapter.snapshot(), fresh.adapter.snapshot()];
      await fresh.close();
      expect(mine.segments, step).to.deep.equal(truth.segments);
      expect(mine.invites, step).to.deep.equal(truth.invites);
      expect(mine.members.length, step).to.equal(truth.members.length);
      const segmentsOf = (members: typeof mine.members) => new Map(members.map((m) => [m.id, [...m.segmentIds].sort()]));
      expect(segmentsOf(mine.members), step).to.deep.equal(segmentsOf(truth.members));
    }
    off();
    // Replayed, not rebuilt: B's listeners heard what changed.
    expect(heard).to.include('membership');
  });

  describe('without Web Locks', () => {
    beforeEach(() => {
      Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    });
    afterEach(() => {
      delete (navigator as { locks?: unknown }).locks;
    });

    it('still takes turns within the page: writes made at once both survive', async () => {
      expect(navigator.locks).to.equal(undefined);
      await twoTabs();
      const free = await memberIds(tabA, inSegment('unassigned'));
      await Promise.all([
        tabA.createSegment({ name: 'From A' }),
        tabB.createSegment({ name: 'From B' }),
        tabA.changeMembership(assign([free[0]!], ['vips'])),
        tabB.changeMembership(assign([free[1]!], ['customers'])),
      ]);
      for (const api of [tabA, tabB]) {
        expect(await names(api)).to.include.members(['From A', 'From B']);
        expect(await memberIds(api, inSegment('vips'))).to.include(free[0]);
        expect(await memberIds(api, inSegment('customers'))).to.include(free[1]);
      }
    });
  });

  it('opens the data an older version saved (one record with every membership and reply)', async () => {
    const key = uniqueKey();
    keys.push(key);
    // What version 1 of the mock wrote, as the demo has it in IndexedDB.
    const probe = createMockBackend({ seed: 5, size: 300 });
    const seeded = probe.adapter.snapshot();
    const member = seeded.members.find((m) => m.segmentIds.length === 0)!;
    const kept = { id: 'seg_old', name: 'Kept', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };
    const db = await openDB(key, 1, { upgrade: (d) => void d.createObjectStore('state') });
    await db.put(
      'state',
      {
        version: 1,
        seed: 5,
        size: 300,
        epoch: Math.floor(Date.now() / 86_400_000) * 86_400_000,
        segments: [...seeded.segments.map(({ memberCount: _c, ...s }) => s), kept],
        memberships: [[member.id, ['seg_old']]],
        members: [],
        invites: [],
        replies: [['createSegment:old-key', 201, { ...kept, memberCount: 0 }]],
        savedAt: new Date().toISOString(),
      },
      'current',
    );
    db.close();

    await twoTabsOn(key);
    expect(await memberIds(tabB, inSegment('seg_old'))).to.deep.equal([member.id]);
    const replay = await tabA.createSegment({ name: 'Kept' }, { requestId: 'old-key' });
    expect(replay.id).to.equal('seg_old');
    expect((await names(tabA)).filter((n) => n === 'Kept')).to.have.length(1);
  });

  async function twoTabsOn(key: string) {
    const a = createMockBackend({ baseUrl: '/tab-a', seed: 5, size: 300, persist: { key } });
    const b = createMockBackend({ baseUrl: '/tab-b', seed: 5, size: 300, persist: { key } });
    opened.push(a, b);
    await Promise.all([a.ready, b.ready]);
    await startMockWorker([...a.handlers, ...b.handlers]);
  }
});
