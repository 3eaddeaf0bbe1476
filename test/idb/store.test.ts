/**
 * A real store over the IndexedDB cache: what lands on disk. One record per
 * member page (never one per member), and never the access token.
 */
import { createSegmentStore, manualConnectivity } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createIdbCache } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { createMockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { keepMount } from 'nanostores';
import { cleanup, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { dropDatabases, readRaw, uniqueDb } from './helpers.js';

/** Every string in a stored value (keys and values, through arrays, maps, sets and objects). */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Map) for (const [k, v] of value) stringsIn(k, out), stringsIn(v, out);
  else if (value instanceof Set || Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(k), stringsIn(v, out);
  return out;
}

describe('idb cache under a store', () => {
  const caches: IdbCache[] = [];
  const stores: SegmentStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.destroy();
    for (const cache of caches.splice(0)) cache.close();
    cleanup();
  });
  after(dropDatabases);

  it('keeps a page of members as one record, never one per member', async () => {
    const dbName = uniqueDb('chunked');
    const cache = createIdbCache({ namespace: 'chunked', dbName });
    caches.push(cache);
    const { store } = makeStore(makeAdapter(240), { cache, pageSize: 100 });
    await store.loadRange(0, 240);
    await until(async () => (await cache.keys('members:')).length === 3);
    const raw = await readRaw(dbName);
    const keys = raw.stores['records']!.map(([key]) => (key as [string, string])[1]);
    expect(keys.filter((key) => key.startsWith('members:'))).to.have.length(3, 'three pages of 100, 100 and 40 members');
    expect(keys.length, 'nothing stored per member').to.be.below(10);
    const pageRecords = raw.stores['records']!.filter(([key]) => (key as [string, string])[1].startsWith('members:'));
    const rows = pageRecords.reduce((sum, [, value]) => sum + (value as { items: unknown[] }).items.length, 0);
    expect(rows).to.equal(240);
  });

  it('never writes the access token, through reads, writes and their retries', async () => {
    const token = `tok_${crypto.getRandomValues(new Uint32Array(4)).join('')}`;
    const backend = createMockBackend({ baseUrl: '/idb-token-api', size: 120, seed: 11 });
    await startMockWorker(backend.handlers);
    const dbName = uniqueDb('token');
    const cache = createIdbCache({ namespace: '/idb-token-api|user_1', dbName });
    caches.push(cache);
    const store = createSegmentStore({
      adapter: createRestAdapter({ baseUrl: '/idb-token-api', getToken: () => token }),
      cache,
      pageSize: 50,
      connectivity: manualConnectivity(true),
      retry: { baseMs: 5, maxMs: 20, maxAttempts: 3 },
    });
    stores.push(store);
    for (const $atom of [store.$segments, store.$members, store.$status]) keepMount($atom);
    await until(() => store.$segments.get().length > 1, 5000);
    await store.loadRange(0, 120);
    backend.faults.set({ errorRate: 0.3 }); // retries too
    const created = await store.createSegment({ name: 'Holiday Campaign' });
    await store.assign([created.id], { target: { kind: 'ids', ids: ['m-000001', 'm-000002'] } }).catch(() => undefined);
    await store.renameSegment(created.id, 'Holiday 2026').catch(() => undefined);
    backend.faults.set({});
    await store.settled();
    await until(async () => (await cache.keys('members:')).length >= 3 && (await cache.get('segments')) !== undefined, 5000);

    expect(backend.log.some((request) => request.authorization === `Bearer ${token}`), 'the token was used').to.equal(true);
    const raw = await readRaw(dbName);
    const everything = Object.values(raw.stores).flatMap((records) => records.flatMap(([key, value]) => [...stringsIn(key), ...stringsIn(value)]));
    expect(everything.length, 'the cache holds the store data').to.be.above(100);
    expect(everything.filter((text) => text.includes(token))).to.deep.equal([]);
  });
});
