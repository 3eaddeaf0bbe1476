/**
 * @segkit/mock: with `persist`, the data survives a page reload (a second
 * backend with the same key), stored as a small diff, not the whole community.
 */
import type { MembershipChange } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { openDB } from 'idb';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';

const uniqueKey = () => `segkit-mock-test-${Math.random().toString(36).slice(2)}`;

async function readRecord(key: string): Promise<any> {
  const db = await openDB(key);
  try {
    return await db.get('state', 'current');
  } finally {
    db.close();
  }
}

/** Every `[memberId, segmentIds]` of the membership diff, from all its buckets. */
async function readMemberships(key: string): Promise<Array<[string, string[]]>> {
  const db = await openDB(key);
  try {
    return (await db.getAll('memberships')).flat();
  } finally {
    db.close();
  }
}

describe('mock backend persistence', function () {
  this.timeout(30_000);
  const opened: MockBackend[] = [];
  const keys: string[] = [];
  const api = createRestAdapter({ baseUrl: '/api' });

  async function backendFor(key: string, options: { seed?: number; size?: number } = {}) {
    const backend = createMockBackend({ seed: 3, size: 2_000, persist: { key }, ...options });
    opened.push(backend);
    await backend.ready;
    await startMockWorker(backend.handlers);
    return backend;
  }

  afterEach(async () => {
    for (const backend of opened.splice(0)) await backend.close();
    for (const key of keys.splice(0)) indexedDB.deleteDatabase(key);
  });

  it('survives a reload: segments, memberships, invites and members who joined', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    const seeded = first.adapter.snapshot();

    const segment = await api.createSegment({ name: 'Spring Launch', color: '#22aa88', metadata: { code: 'SPRING' } });
    const change: MembershipChange = {
      op: 'assign',
      target: { kind: 'ids', ids: ['m-000001', 'm-000002'] },
      segmentIds: [segment.id],
      source: 'manual',
    };
    await api.changeMembership(change);
    await api.changeMembership({ ...change, op: 'unassign', segmentIds: ['vips', 'customers'] });
    await api.updateSegment('vips', { name: 'Very Important' });
    await api.deleteSegment('high-priority');
    const invite = await api.createInvite({ segmentId: segment.id, maxUses: 10 });
    const joined = await api.redeemInvite(invite.token, { name: 'Wanjiru Kamau', email: 'wanjiru@example.org' });
    await first.flush();
    const before = first.adapter.snapshot();
    const list = await api.listSegments();
    await first.close();

    const second = await backendFor(key);
    const after = second.adapter.snapshot();
    expect(await api.listSegments()).to.deep.equal(list);
    expect(after.segments).to.deep.equal(before.segments);
    expect(after.invites).to.deep.equal(before.invites);
    expect(after.members).to.have.length(2_001);
    expect(after.members).to.deep.equal(before.members);
    expect(after.members.at(-1)).to.deep.include({ id: joined.member!.id, name: 'Wanjiru Kamau' });
    expect(after.segments.map((s) => s.name)).to.not.include('High Priority');
    expect(seeded.members.length).to.equal(2_000);
  });

  it('keeps what a link reveals across a reload, and reveals the value saved last', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    const segment = await api.createSegment({ name: 'Spring Launch', metadata: { discountCode: 'SPRING10', note: 'internal' } });
    const invite = await api.createInvite({ segmentId: segment.id, reveal: ['discountCode'] });
    await api.updateSegment(segment.id, { metadata: { discountCode: 'SPRING15', note: 'internal' } });
    await first.flush();
    await first.close();

    await backendFor(key);
    expect((await api.listInvites(segment.id)).map((i) => i.reveal)).to.deep.equal([['discountCode']]);
    const joined = await api.redeemInvite(invite.token, { name: 'Wanjiru Kamau' });
    expect(joined.revealed).to.deep.equal({ discountCode: 'SPRING15' });
  });

  it('stores a diff, not every member', async () => {
    const key = uniqueKey();
    keys.push(key);
    const backend = await backendFor(key);
    await api.changeMembership({
      op: 'assign',
      target: { kind: 'ids', ids: ['m-000010', 'm-000011', 'm-000012'] },
      segmentIds: ['customers'],
      source: 'manual',
    });
    await backend.flush();
    const record = await readRecord(key);
    expect(record).to.include({ seed: 3, size: 2_000, version: 2 });
    expect(record.members).to.deep.equal([]);
    const memberships = await readMemberships(key);
    expect(memberships.length).to.be.within(1, 3);
    for (const [id, segmentIds] of memberships) {
      expect(id).to.be.oneOf(['m-000010', 'm-000011', 'm-000012']);
      expect(segmentIds).to.include('customers');
    }
    expect(record.segments).to.have.length(5);
    expect(record.segments[0]).to.not.have.property('memberCount');
  });

  it('has saved a write by the time it answers, without flush()', async () => {
    const key = uniqueKey();
    keys.push(key);
    await backendFor(key);
    await api.createSegment({ name: 'Autosaved' });
    const record = await readRecord(key);
    expect(record.segments.map((s: { name: string }) => s.name)).to.include('Autosaved');
  });

  it('replays an Idempotency-Key answered before the reload', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    first.faults.set({ failNext: [{ afterApply: true }] });
    const lost = await api.createSegment({ name: 'Queued offline' }, { requestId: 'outbox-1' }).catch((e: unknown) => e);
    expect((lost as { code?: string }).code).to.equal('network');
    await first.close();

    await backendFor(key);
    const replayed = await api.createSegment({ name: 'Queued offline' }, { requestId: 'outbox-1' });
    expect(replayed.name).to.equal('Queued offline');
    const names = (await api.listSegments()).items.map((s) => s.name);
    expect(names.filter((n) => n === 'Queued offline')).to.have.length(1);
  });

  it('replays a refusal answered before the reload as it was (first outcome)', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    const refused = await api.createSegment({ name: 'vips' }, { requestId: 'dup-1' }).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).to.equal('name-taken');
    await first.close();

    await backendFor(key);
    await api.updateSegment('vips', { name: 'Very Important' });
    const replay = await api.createSegment({ name: 'vips' }, { requestId: 'dup-1' }).catch((e: unknown) => e);
    expect((replay as { code?: string }).code).to.equal('name-taken');
    const names = (await api.listSegments()).items.map((s) => s.name);
    expect(names).to.not.include('vips');
  });

  it('reset() goes back to the seed and clears what was persisted', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    await api.createSegment({ name: 'Forgotten' });
    await first.flush();
    await first.reset();
    expect(await readRecord(key)).to.equal(undefined);
    await first.close();

    await backendFor(key);
    const names = (await api.listSegments()).items.map((s) => s.name);
    expect(names).to.not.include('Forgotten');
    expect(names).to.have.length(5);
  });

  it('discards data persisted for another seed or size', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key);
    await api.createSegment({ name: 'Other dataset' });
    await first.close();

    await backendFor(key, { size: 500 });
    const list = await api.listSegments();
    expect(list.totalMembers).to.equal(500);
    expect(list.items.map((s) => s.name)).to.not.include('Other dataset');
  });

  it('restores 100,000 members with a diff that changed thousands of them', async function () {
    // Builds 100,000 members twice: a guard against a hang, not a speed limit (npm run bench is for speed).
    this.timeout(120_000);
    const key = uniqueKey();
    keys.push(key);
    const first = await backendFor(key, { size: 100_000 });
    await api.changeMembership({
      op: 'assign',
      target: { kind: 'query', filter: { include: ['unassigned'], exclude: [], match: 'any', search: '', attributes: [] }, except: [] },
      segmentIds: ['customers'],
      source: 'manual',
    });
    await first.close();
    const second = await backendFor(key, { size: 100_000 });
    const list = await api.listSegments();
    expect(list.unassignedCount).to.equal(0);
    expect(second.adapter.snapshot().members).to.have.length(100_000);
  });
});
