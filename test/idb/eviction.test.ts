/**
 * Quota pressure: member pages go first (least recently used), the segment
 * list and other records next, queued writes never; a set that still cannot
 * fit rejects with `quota` and leaves what was there.
 */
import { createIdbCache } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { estimateBytes } from '../../packages/idb/src/records.js';
import { expect, expectReject } from '../setup/expect.js';
import { dropDatabases, page, restoreStubs, stub, uniqueDb, watchUncaught } from './helpers.js';

const sorted = async (cache: IdbCache, prefix = '') => (await cache.keys(prefix)).sort();
const P = estimateBytes(page(10, 'a'));
const SEGMENTS = { items: [{ id: 'vips', name: 'VIPs' }], unassignedCount: 3, totalMembers: 9 };
const S = estimateBytes(SEGMENTS);
/** A value whose estimated size is `bytes` (give or take one). */
const sized = (bytes: number) => ({ pad: 'x'.repeat(Math.max(0, Math.floor((bytes - 22) / 2))) });
const queue = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `mut_${i}`, kind: 'assign', segmentIds: ['vips'], ids: [`m${i}`] }));

describe('idb cache: eviction under quota pressure', () => {
  const caches: IdbCache[] = [];
  const make = (options: { maxBytes?: number; namespace?: string; dbName?: string } = {}) => {
    const cache = createIdbCache({ namespace: 'evict', dbName: uniqueDb('evict'), ...options });
    caches.push(cache);
    return cache;
  };
  afterEach(() => {
    restoreStubs();
    for (const cache of caches.splice(0)) cache.close();
  });
  after(dropDatabases);

  it('evicts the least recently used member page first, keeping the segment list and the queue', async () => {
    const O = estimateBytes(queue(3));
    const cache = make({ maxBytes: S + O + 3 * P + P / 2 });
    await cache.set('segments', SEGMENTS);
    await cache.set('outbox', queue(3));
    for (const n of [0, 1, 2]) await cache.set(`members:q:${n}`, page(10, 'a'));
    expect(await cache.get('members:q:0')).to.not.equal(undefined); // read: now the most recently used page
    await cache.set('members:q:3', page(10, 'a'));
    expect(await sorted(cache, 'members:')).to.deep.equal(['members:q:0', 'members:q:2', 'members:q:3']);
    expect(await cache.get('segments')).to.deep.equal(SEGMENTS);
    expect(await cache.get('outbox')).to.deep.equal(queue(3));
  });

  it('takes the segment list only after every member page, and never another queue', async () => {
    const counts = sized(P);
    const other = queue(2);
    const O = estimateBytes(other);
    const cache = make({ maxBytes: O + P + S + 2 * P });
    await cache.set('outbox:tab_b', other); // another tab's queued writes
    await cache.set('counts', counts);
    await cache.set('segments', SEGMENTS);
    await cache.set('members:q:0', page(10, 'a'));
    await cache.set('members:q:1', page(10, 'a'));
    // This tab's queue needs both pages and the oldest of the rest (counts), not the segment list.
    const mine = sized(2 * P + P / 2);
    await cache.set('outbox:tab_a', mine);
    expect(await sorted(cache)).to.deep.equal(['outbox:tab_a', 'outbox:tab_b', 'segments']);
    // A queue that would need the other tab's queue too is refused, and nothing more is evicted.
    await expectReject(cache.set('outbox:tab_a', sized(3 * P + S + O / 2)), 'quota');
    expect(await cache.get('outbox:tab_b')).to.deep.equal(other);
    expect(await cache.get('outbox:tab_a')).to.deep.equal(mine, 'the last value that fitted is still there');
    expect(await cache.get('segments')).to.deep.equal(SEGMENTS);
  });

  it('never pushes out the segment list or the queue to fit a member page, nor evicts for nothing', async () => {
    const O = estimateBytes(queue(3));
    const cache = make({ maxBytes: S + O + 2 * P });
    await cache.set('segments', SEGMENTS);
    await cache.set('outbox', queue(3));
    await cache.set('members:q:0', page(10, 'a'));
    // Fits the budget, but only if the segment list or the queue went.
    await expectReject(cache.set('members:q:1', sized(2 * P + (S + O) / 2)), 'quota');
    expect(await cache.get('segments')).to.deep.equal(SEGMENTS);
    expect(await cache.get('outbox')).to.deep.equal(queue(3));
    expect(await cache.get('members:q:1')).to.equal(undefined);
    expect(await cache.get('members:q:0'), 'the other page was not evicted in vain').to.deep.equal(page(10, 'a'));
  });

  it('rejects a value larger than the whole budget at once, evicting nothing', async () => {
    const cache = make({ maxBytes: 3 * P });
    await cache.set('members:q:0', page(10, 'a'));
    await expectReject(cache.set('segments', page(40, 'a')), 'quota');
    expect(await cache.keys('')).to.deep.equal(['members:q:0']);
  });

  it('ends with the last of concurrent sets of one key, even when the first had to evict', async () => {
    const cache = make({ maxBytes: 3 * P });
    for (const n of [0, 1]) await cache.set(`members:q:${n}`, page(10, 'a'));
    const big = sized(2 * P); // needs a page evicted
    const small = sized(P / 2); // fits as it is
    await Promise.all([cache.set('segments', big), cache.set('segments', small)]);
    expect(await cache.get('segments')).to.deep.equal(small);
  });

  it('shares one budget between two caches of one namespace (two tabs)', async () => {
    const dbName = uniqueDb('evict-tabs');
    const first = make({ dbName, maxBytes: 2 * P + P / 2 });
    const second = make({ dbName, maxBytes: 2 * P + P / 2 });
    await first.set('members:q:0', page(10, 'a'));
    await first.set('members:q:1', page(10, 'a'));
    await second.set('members:q:2', page(10, 'a'));
    expect(await sorted(first)).to.deep.equal(['members:q:1', 'members:q:2']);
  });

  it('evicts and retries when IndexedDB itself is full (QuotaExceededError), and rejects with quota when nothing can go', async () => {
    const watch = watchUncaught();
    // A disk with room for three values: a put of a fourth fails the way browsers fail it.
    const onDisk = new Set<string>();
    let room = 3;
    const put = IDBObjectStore.prototype.put;
    const del = IDBObjectStore.prototype.delete;
    stub(IDBObjectStore.prototype, 'put', function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'records') {
        const id = JSON.stringify(key);
        if (!onDisk.has(id) && onDisk.size >= room) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        const request = put.call(this, value, key);
        request.addEventListener('success', () => onDisk.add(id));
        return request;
      }
      return put.call(this, value, key);
    });
    stub(IDBObjectStore.prototype, 'delete', function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      if (this.name === 'records' && !(query instanceof IDBKeyRange)) onDisk.delete(JSON.stringify(query));
      return del.call(this, query);
    });
    const cache = make();
    for (const n of [0, 1, 2]) await cache.set(`members:q:${n}`, page(10, 'a'));
    await cache.get('members:q:0');
    await cache.set('members:q:3', page(10, 'a'));
    expect(await sorted(cache)).to.deep.equal(['members:q:0', 'members:q:2', 'members:q:3']);

    onDisk.clear();
    room = 1;
    const full = make({ namespace: 'evict-full' });
    await full.set('outbox', queue(1));
    await expectReject(full.set('outbox:tab_b', queue(1)), 'quota');
    expect(await full.get('outbox')).to.deep.equal(queue(1));
    expect(watch.stop()).to.deep.equal([]);
  });
});
