/**
 * The cache contract: one suite, run against every `SegmentCache` (core's
 * memory cache and `@segkit/idb`). The store relies on exactly this.
 */
import type { SegmentCache } from '@segkit/core';
import { expect, expectReject } from '../setup/expect.js';

export interface CacheSubject {
  cache: SegmentCache;
  dispose?(): void | Promise<void>;
}

export interface CacheFactoryOptions {
  /** Whose data (a backend and a user). Two caches with different namespaces must not see each other. */
  namespace: string;
  /** A byte budget small enough to fill: a `set` past it must reject with `quota`. */
  maxBytes?: number;
}

/** Makes a fresh, empty cache; called more than once a test for namespace tests. */
export type CacheFactory = (options: CacheFactoryOptions) => Promise<CacheSubject>;

const sorted = (keys: string[]) => [...keys].sort();

export function cacheContract(name: string, factory: CacheFactory): void {
  describe(`cache contract: ${name}`, function () {
    this.timeout(20_000);
    let subjects: CacheSubject[] = [];
    let run = 0;

    async function make(options: Partial<CacheFactoryOptions> = {}): Promise<SegmentCache> {
      const subject = await factory({ namespace: `contract-${run}`, ...options });
      subjects.push(subject);
      return subject.cache;
    }

    beforeEach(() => {
      run += 1;
    });
    afterEach(async () => {
      for (const subject of subjects.splice(0).reverse()) await subject.dispose?.();
    });

    it('answers undefined for a key never set', async () => {
      const cache = await make();
      expect(await cache.get('segments')).to.equal(undefined);
      expect(await cache.get('members:q:0')).to.equal(undefined);
    });

    it('gives back a structured clone of what was set, never the same object', async () => {
      const cache = await make();
      interface Row {
        id: string;
        name: string;
        segmentIds: string[];
        joinedAt?: Date;
        attributes?: { followers: number; tags: Set<string> };
      }
      const page: { total: number; items: Row[]; counts: Map<string, number>; nothing: null } = {
        total: 2,
        items: [
          { id: 'm1', name: 'Ana', segmentIds: ['vips'], joinedAt: new Date(Date.UTC(2026, 0, 2)) },
          { id: 'm2', name: 'Bo', segmentIds: [], attributes: { followers: 1200, tags: new Set(['a']) } },
        ],
        counts: new Map([['vips', 1]]),
        nothing: null,
      };
      await cache.set('members:q:0', page);
      page.items[0]!.segmentIds.push('changed after set');
      const first = await cache.get<typeof page>('members:q:0');
      expect(first!.items[0]!.segmentIds).to.deep.equal(['vips']);
      expect(first!.items[0]!.joinedAt).to.be.an.instanceOf(Date);
      expect(first!.items[0]!.joinedAt!.getTime()).to.equal(Date.UTC(2026, 0, 2));
      expect(first!.counts.get('vips')).to.equal(1);
      expect([...first!.items[1]!.attributes!.tags]).to.deep.equal(['a']);
      expect(first!.nothing).to.equal(null);
      first!.items.pop();
      const second = await cache.get<typeof page>('members:q:0');
      expect(second).to.not.equal(first);
      expect(second!.items).to.have.length(2);
    });

    it('keeps scalars, arrays and empty values as they were', async () => {
      const cache = await make();
      const values: Array<[string, unknown]> = [
        ['n', 0],
        ['s', ''],
        ['f', false],
        ['a', []],
        ['o', {}],
        ['long', 'x'.repeat(2000)],
      ];
      for (const [key, value] of values) await cache.set(key, value);
      for (const [key, value] of values) expect(await cache.get(key), key).to.deep.equal(value);
    });

    it('overwrites a key, and a get after an un-awaited set sees the new value', async () => {
      const cache = await make();
      await cache.set('segments', { items: ['old'] });
      const setting = cache.set('segments', { items: ['new'] });
      expect(await cache.get('segments')).to.deep.equal({ items: ['new'] });
      await setting;
    });

    it('deletes one key, and deleting a missing key is fine', async () => {
      const cache = await make();
      await cache.set('a', 1);
      await cache.set('b', 2);
      await cache.delete('a');
      await cache.delete('never-set');
      expect(await cache.get('a')).to.equal(undefined);
      expect(await cache.get('b')).to.equal(2);
    });

    it('clears everything it holds', async () => {
      const cache = await make();
      await cache.set('segments', [1]);
      await cache.set('members:q:0', [2]);
      await cache.set('outbox', [3]);
      await cache.clear();
      expect(await cache.get('segments')).to.equal(undefined);
      expect(await cache.get('outbox')).to.equal(undefined);
      expect(await cache.keys!('')).to.deep.equal([]);
      await cache.set('segments', [4]);
      expect(await cache.get('segments')).to.deep.equal([4], 'usable after clear');
    });

    it('lists exactly the keys that start with a prefix', async () => {
      const cache = await make();
      expect(cache.keys, 'keys(prefix) is implemented').to.be.a('function');
      for (const key of ['outbox', 'outbox:tab_a', 'outbox:tab_b', 'outboxes', 'members:q:0', 'members:q:1', 'members:r:0', 'segments']) {
        await cache.set(key, key);
      }
      await cache.delete('members:q:1');
      expect(sorted(await cache.keys!('outbox:'))).to.deep.equal(['outbox:tab_a', 'outbox:tab_b']);
      expect(sorted(await cache.keys!('outbox'))).to.deep.equal(['outbox', 'outbox:tab_a', 'outbox:tab_b', 'outboxes']);
      expect(sorted(await cache.keys!('members:q:'))).to.deep.equal(['members:q:0']);
      expect(await cache.keys!('nothing')).to.deep.equal([]);
      expect(await cache.keys!('')).to.have.length(7);
    });

    it('keeps namespaces apart: same keys, other values, clear drops only its own', async () => {
      const alice = await make({ namespace: `contract-${run}-alice` });
      const bob = await make({ namespace: `contract-${run}-bob` });
      await alice.set('segments', 'alice');
      await bob.set('segments', 'bob');
      await bob.set('outbox', 'bob queued');
      expect(await alice.get('segments')).to.equal('alice');
      expect(await alice.get('outbox')).to.equal(undefined);
      expect(await alice.keys!('')).to.deep.equal(['segments']);
      await alice.clear();
      expect(await alice.get('segments')).to.equal(undefined);
      expect(await bob.get('segments')).to.equal('bob');
      expect(await bob.get('outbox')).to.equal('bob queued');
    });

    it('ends with the last of many concurrent sets and deletes of one key', async () => {
      const cache = await make();
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 20; i += 1) writes.push(cache.set('outbox', { version: i }));
      await Promise.all(writes);
      expect(await cache.get('outbox')).to.deep.equal({ version: 19 });
      await Promise.all([cache.set('k', 1), cache.delete('k'), cache.set('k', 2)]);
      expect(await cache.get('k')).to.equal(2);
      await Promise.all([cache.set('k', 3), cache.delete('k')]);
      expect(await cache.get('k')).to.equal(undefined);
    });

    it('rejects a set that cannot fit with quota, and goes on working', async () => {
      const cache = await make({ maxBytes: 4_000 });
      await cache.set('segments', { items: ['small'] });
      await expectReject(cache.set('members:q:0', { items: ['x'.repeat(20_000)] }), 'quota');
      expect(await cache.get('members:q:0')).to.equal(undefined, 'nothing half-written');
      expect(await cache.get('segments')).to.deep.equal({ items: ['small'] });
      await cache.set('members:q:1', { items: ['fits'] });
      expect(await cache.get('members:q:1')).to.deep.equal({ items: ['fits'] });
    });
  });
}
