/**
 * @segkit/mock in a dedicated Worker (`createWorkerBackend`, decision 029):
 * a store over the REST adapter gets the rows, saves a write and rides out
 * faults exactly as over the in-page backend, while the data lives in the
 * worker: what it answers is what a separate in-page backend of the same seed
 * answers, writes show in later reads, and persisted data outlives the
 * backend that wrote it (a reload).
 */
import { emptyQuery } from '@segkit/core';
import type { SegkitError } from '@segkit/core';
import { createMockBackend, createWorkerBackend } from '@segkit/mock';
import type { WorkerBackend, WorkerBackendOptions } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { getResponse } from 'msw';
import { cleanup, countOf, makeStore, until } from '../core/fixtures.js';
import { expect, expectReject } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { validateWire } from '../rest/wire-validator.js';

const SEED = 4;
const SIZE = 3_000;

// One worker for the file, started before msw's service worker (validateWire's hook starts it):
// Firefox never loads a worker's script through an active msw. Every backend here runs in it.
let worker: Worker;
before(async () => {
  worker = new Worker(new URL('./backend-worker.ts', import.meta.url), { type: 'module' });
  await spawn().close();
});
after(() => worker.terminate());

validateWire({ bases: ['/api', '/persisted'] });

function spawn(options: WorkerBackendOptions = {}): WorkerBackend {
  return createWorkerBackend(worker, { seed: SEED, size: SIZE, ...options });
}

describe('mock backend in a Worker', function () {
  this.timeout(30_000);
  const api = createRestAdapter({ baseUrl: '/api' });
  let backend: WorkerBackend;

  before(async () => {
    backend = spawn();
    await backend.ready;
    await startMockWorker(backend.handlers);
    resetHandlers(...backend.handlers);
  });
  afterEach(async () => {
    cleanup();
    resetHandlers(...backend.handlers);
    await backend.reset();
  });
  after(() => backend.close());

  it("serves a store the seed's rows, and saves the store's write in the worker", async () => {
    // The same community, generated in this page: the worker's answers must match it.
    const reference = createMockBackend({ seed: SEED, size: SIZE });
    const expected = await reference.adapter.queryMembers(emptyQuery(), { offset: 0, limit: 20 });

    const { store } = makeStore(createRestAdapter({ baseUrl: '/api' }), { pageSize: 20 });
    await store.loadRange(0, 20);
    await until(() => store.$members.get().at(19));
    const window = store.$members.get();
    expect(window.total).to.equal(SIZE);
    expect(Array.from({ length: 20 }, (_, i) => window.at(i)!.id)).to.deep.equal(expected.items.map((m) => m.id));

    const vips = countOf(store, 'vips')!;
    const ids = [window.at(0)!, window.at(1)!].filter((m) => !m.segmentIds.includes('vips')).map((m) => m.id);
    await store.assign(['vips'], { target: { kind: 'ids', ids } });
    expect(countOf(store, 'vips')).to.equal(vips + ids.length);
    // Saved in the worker: a fresh read (not the store's cache) counts them.
    const list = await api.listSegments();
    expect(list.items.find((s) => s.id === 'vips')!.memberCount).to.equal(vips + ids.length);
    // The page's log of what the worker answered, with the write's Idempotency-Key.
    const write = backend.log.find((r) => r.operation === 'changeMembership');
    expect(write).to.deep.include({ method: 'POST', path: '/api/memberships', outcome: 200 });
    expect(write!.idempotencyKey).to.be.a('string');
  });

  it('applies faults set in the page to the next request, and one-shot faults once', async () => {
    backend.faults.set({ offline: true });
    await expectReject(api.listSegments(), 'network');
    backend.faults.set({ offline: false, status: 503 });
    expect((await expectReject<SegkitError>(api.listSegments(), 'server')).status).to.equal(503);
    backend.faults.reset();

    backend.faults.set({ failNext: [{ status: 500 }] });
    expect(backend.faults.get().failNext).to.have.length(1);
    await expectReject(api.listSegments(), 'server');
    // Used up in the worker, and the page's copy says so.
    expect(backend.faults.get().failNext).to.deep.equal([]);
    expect((await api.listSegments()).totalMembers).to.equal(SIZE);
    expect(backend.log.map((r) => r.outcome)).to.deep.equal(['network-error', 503, 500, 200]);
  });

  it('retries a store write through a lost answer and applies it once', async () => {
    const { store } = makeStore(createRestAdapter({ baseUrl: '/api' }));
    // The store's first reads done, so the one-shot fault meets the write, not a read.
    await until(() => store.$segments.get().length > 0 && store.$members.get().total !== null && !store.$members.get().loading);
    backend.faults.set({ failNext: [{ afterApply: true }] });
    const created = await store.createSegment({ name: 'Worker Crew' });
    const names = (await api.listSegments()).items.filter((s) => s.name === 'Worker Crew');
    expect(names.map((s) => s.id)).to.deep.equal([created.id]);
    const writes = backend.log.filter((r) => r.operation === 'createSegment');
    expect(writes.map((r) => r.outcome)).to.deep.equal(['network-error', 201]);
    expect(writes[0]!.idempotencyKey).to.equal(writes[1]!.idempotencyKey);
  });

  it("forwards a request's abort to the worker: a write given up while it waits is never applied", async () => {
    // Through the handlers themselves, as msw's setupServer (Node) runs them: msw's service worker in a
    // browser gives a handler a request whose signal never fires when the page aborts (README, Mock backend).
    backend.faults.set({ latencyMs: 400 });
    const controller = new AbortController();
    const request = new Request(new URL('/api/segments', location.href), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'abort-forwarded-1' },
      body: JSON.stringify({ name: 'Never Made' }),
      signal: controller.signal,
    });
    const answered = getResponse(backend.handlers, request);
    // In the worker by now, waiting out its latency.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect((await answered)?.type).to.equal('error');
    expect(backend.log.find((r) => r.operation === 'createSegment')?.outcome).to.equal('network-error');
    backend.faults.set({ latencyMs: 0 });
    expect((await api.listSegments()).items.map((s) => s.name)).to.not.include('Never Made');
  });

  it('reset() brings back the seed, with no faults and an empty log', async () => {
    await api.createSegment({ name: 'Gone Soon' });
    backend.faults.set({ latencyMs: 5 });
    await backend.reset();
    expect(backend.faults.get().latencyMs).to.equal(0);
    expect(backend.log).to.deep.equal([]);
    expect((await api.listSegments()).items.map((s) => s.name)).to.not.include('Gone Soon');
  });

  it('keeps persisted data for the next backend on the same key (a reload)', async () => {
    const key = `segkit-worker-backend-${Math.random().toString(36).slice(2)}`;
    const first = spawn({ baseUrl: '/persisted', persist: { key } });
    const second = { current: undefined as WorkerBackend | undefined };
    try {
      resetHandlers(...backend.handlers, ...first.handlers);
      await first.ready;
      const persisted = createRestAdapter({ baseUrl: '/persisted' });
      await persisted.createSegment({ name: 'Outlives The Worker' });
      await first.close();
      await expectReject(persisted.listSegments(), 'network');

      second.current = spawn({ baseUrl: '/persisted', persist: { key } });
      resetHandlers(...backend.handlers, ...second.current.handlers);
      await second.current.ready;
      expect((await persisted.listSegments()).items.map((s) => s.name)).to.include('Outlives The Worker');
    } finally {
      await first.close();
      await second.current?.close();
      indexedDB.deleteDatabase(key);
    }
  });
});
