import type { MutationRecord } from '@segkit/core';
import { UNASSIGNED_ID, createMemoryCache } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, rowById, until } from './fixtures.js';

describe('store: write queue', () => {
  afterEach(cleanup);

  it('retries a network fault and applies the write once', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    f.fail('network', 'network');
    const segment = await store.createSegment({ name: 'Retried' });
    expect(f.writes()).to.have.length(3);
    expect((await adapter.listSegments()).items.filter((s) => s.name === 'Retried')).to.have.length(1);
    expect(store.segmentById(segment.id)!.pending).to.equal(false);
  });

  it('replays a write whose answer was lost with the same id, so it is not applied twice', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    f.fail('lost-response');
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001', 'm002'] } });
    const [first, second] = f.writes();
    expect((first!.args[1] as { requestId: string }).requestId).to.equal((second!.args[1] as { requestId: string }).requestId);
    expect(countOf(store, 'vips')).to.equal(10);
    expect((await adapter.listSegments()).items.find((s) => s.id === 'vips')!.memberCount).to.equal(10);
  });

  it('waits as long as the server asks (Retry-After) on 429', async () => {
    const f = faulty(makeAdapter());
    // Retry-After (30 ms) within the policy's bounds (decision 002): the backoff alone would be 1 ms.
    const { store } = makeStore(f.adapter, { retry: { baseMs: 1, maxMs: 100, maxAttempts: 5 } });
    await allTasks();
    f.fail('rate-limited');
    const started = performance.now();
    await store.createSegment({ name: 'Slow down' });
    expect(performance.now() - started).to.be.at.least(28);
  });

  it('rolls back with a server error after the last attempt, and goes on with later writes', async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter, { retry: { baseMs: 1, maxMs: 4, maxAttempts: 3 } });
    await allTasks();
    f.fail('server', 'server', 'server');
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    const doomed = store.createSegment({ name: 'Doomed' });
    const next = store.renameSegment('vips', 'Very Important');
    await expectReject(doomed, 'server');
    await next;
    expect(store.$segments.get().some((s) => s.name === 'Doomed')).to.equal(false);
    expect(store.segmentById('vips')!.name).to.equal('Very Important');
    expect(errors).to.deep.equal(['create-segment:server']);
  });

  it('does not report failed a write whose answer was lost when retries run out: it learns the truth first', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter, { retry: { baseMs: 1, maxMs: 4, maxAttempts: 2 } });
    await allTasks();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    // Applied, answer lost; then the server fails as often as maxAttempts allows.
    f.fail('lost-response', 'server', 'server');
    const result = await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(result.segments[0]).to.deep.include({ segmentId: 'vips', changed: 1 });
    expect(errors).to.deep.equal([]);
    await store.settled();
    expect(countOf(store, 'vips')).to.equal(9);
    expect(rowById(store, 'm001')!.segmentIds).to.deep.equal(['vips']);
    expect((await adapter.listSegments()).items.find((s) => s.id === 'vips')!.memberCount).to.equal(9);
  });

  it('pauses on unauthorized: every write is kept (shown, in the outbox), reported once, and sent again on resume()', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const cache = createMemoryCache();
    const { store } = makeStore(f.adapter, { cache });
    await allTasks();
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    f.fail('unauthorized');
    const created = store.createSegment({ name: 'Kept' });
    const assigned = store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    await until(() => store.$status.get().paused === 'unauthorized');
    await new Promise((r) => setTimeout(r, 30));
    expect(f.writes(), 'nothing more is sent').to.have.length(1);
    expect(store.$status.get()).to.include({ pending: 2, paused: 'unauthorized' });
    expect(store.$segments.get().find((s) => s.name === 'Kept')).to.include({ pending: true });
    expect(countOf(store, 'vips')).to.equal(9);
    expect(((await cache.get<MutationRecord[]>('outbox')) ?? []).map((r) => r.kind)).to.deep.equal(['create-segment', 'membership']);
    expect(errors).to.deep.equal(['create-segment:unauthorized']);
    store.resume();
    await Promise.all([created, assigned]);
    expect(store.$status.get()).to.include({ pending: 0, paused: null });
    expect(adapter.snapshot().segments.some((s) => s.name === 'Kept')).to.equal(true);
    expect(countOf(store, 'vips')).to.equal(9);
    expect(errors).to.have.length(1);
  });

  it('applies writes in the order they were made', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store } = makeStore(f.adapter);
    await allTasks();
    f.fail('network');
    const a = store.createSegment({ name: 'First' });
    const b = store.renameSegment('vips', 'Second');
    const c = store.deleteSegment('creators');
    await Promise.all([a, b, c]);
    expect(f.writes().map((w) => w.method)).to.deep.equal(['createSegment', 'createSegment', 'updateSegment', 'deleteSegment']);
  });

  it('queues while offline, says so, and replays when back online', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const { store, connectivity } = makeStore(f.adapter);
    await allTasks();
    connectivity.set(false);
    const created = store.createSegment({ name: 'Offline made' });
    const assigned = store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(store.$status.get()).to.include({ offline: true, pending: 2 });
    expect(store.$segments.get().some((s) => s.name === 'Offline made')).to.equal(true);
    expect(countOf(store, 'vips')).to.equal(9);
    await new Promise((r) => setTimeout(r, 30));
    expect(f.writes()).to.have.length(0);
    connectivity.set(true);
    await Promise.all([created, assigned]);
    expect(store.$status.get()).to.include({ offline: false, pending: 0 });
    expect((await adapter.listSegments()).items.find((s) => s.id === 'vips')!.memberCount).to.equal(9);
  });

  it('keeps queued writes in the cache outbox and replays them in a new session, once', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const first = makeStore(adapter, { cache });
    await allTasks();
    first.connectivity.set(false);
    void first.store.createSegment({ name: 'Survivor' }).catch(() => undefined);
    void first.store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } }).catch(() => undefined);
    await until(async () => ((await cache.get<MutationRecord[]>('outbox')) ?? []).length === 2);
    await new Promise((r) => setTimeout(r, 10));
    const outbox = (await cache.get<MutationRecord[]>('outbox'))!;
    expect(outbox.map((r) => r.kind)).to.deep.equal(['create-segment', 'membership']);
    first.store.destroy();

    const second = makeStore(adapter, { cache });
    await second.store.ready;
    expect(second.store.$segments.get().some((s) => s.name === 'Survivor'), 'shown from the outbox at once').to.equal(true);
    await second.store.settled();
    const server = await adapter.listSegments();
    expect(server.items.filter((s) => s.name === 'Survivor')).to.have.length(1);
    expect(server.items.find((s) => s.id === 'vips')!.memberCount).to.equal(9);
    expect(await cache.get('outbox')).to.deep.equal([]);
  });

  it('opens from the cache at once, then revalidates', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const first = makeStore(adapter, { cache });
    await allTasks();
    await first.store.createSegment({ name: 'Cached' });
    await new Promise((r) => setTimeout(r, 10));
    first.store.destroy();
    await adapter.createSegment({ name: 'New on server' });

    const f = faulty(adapter);
    f.reads = 'network';
    const second = makeStore(f.adapter, { cache });
    await second.store.ready;
    await allTasks();
    expect(second.store.$segments.get().some((s) => s.name === 'Cached')).to.equal(true);
    expect(second.store.$status.get()).to.include({ ready: true, stale: true, offline: true });
    f.reads = 'ok';
    await second.store.refresh();
    expect(second.store.$segments.get().some((s) => s.name === 'New on server')).to.equal(true);
    expect(second.store.$status.get().stale).to.equal(false);
  });

  it('goes on in memory when the cache is full, and says so once', async () => {
    const cache = createMemoryCache({ maxBytes: 50 });
    const { store } = makeStore(makeAdapter(), { cache });
    const errors: string[] = [];
    store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    await allTasks();
    await store.createSegment({ name: 'Still works' });
    expect(store.$status.get().cache).to.equal('unavailable');
    expect(errors).to.deep.equal(['cache:quota']);
    expect(store.$segments.get().some((s) => s.name === 'Still works')).to.equal(true);
  });

  it('reports pending writes with their attempts and last error', async () => {
    const f = faulty(makeAdapter());
    const { store } = makeStore(f.adapter, { retry: { baseMs: 40, maxMs: 40, maxAttempts: 5 } });
    await allTasks();
    f.fail('server');
    const done = store.createSegment({ name: 'Watched' });
    await until(() => store.$pending.get()[0]?.attempts === 1);
    expect(store.$pending.get()[0]).to.deep.include({ kind: 'create-segment' });
    expect(store.$pending.get()[0]!.lastError?.code).to.equal('server');
    await done;
    expect(store.$pending.get()).to.deep.equal([]);
    expect(countOf(store, UNASSIGNED_ID)).to.equal(12);
  });
});
