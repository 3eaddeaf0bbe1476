/**
 * The store's cache use through its own interface: background writes, the
 * fallback to memory said once, the startup read.
 */
import type { SegmentCache } from '../../packages/core/src/cache.js';
import { createMemoryCache } from '../../packages/core/src/cache.js';
import { SegkitError } from '../../packages/core/src/errors.js';
import { emptyQuery } from '../../packages/core/src/model.js';
import { Emitter } from '../../packages/core/src/store/emitter.js';
import { createStoreCache, pageKey } from '../../packages/core/src/store/persistence.js';
import { createStatusFlags } from '../../packages/core/src/store/status.js';
import type { StoreEvents } from '../../packages/core/src/store/types.js';
import { expect } from '../setup/expect.js';
import { until } from './fixtures.js';

function setup(cache: SegmentCache | undefined) {
  const events = new Emitter<StoreEvents>();
  const errors: string[] = [];
  events.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
  const flags = createStatusFlags({ offline: false, cache: cache ? 'ready' : 'none', events, signal: new AbortController().signal });
  return { store: createStoreCache(cache, flags, events), flags, errors };
}

/** A cache whose `set` fails with `error` and counts its calls. */
function failing(error: unknown) {
  const inner = createMemoryCache();
  let sets = 0;
  const cache: SegmentCache = { ...inner, set: async () => ((sets += 1), Promise.reject(error)) };
  return { cache, sets: () => sets };
}

describe('persistence: the store cache', () => {
  it('writes in the background and reads back', async () => {
    const memory = createMemoryCache();
    const { store } = setup(memory);
    expect(store.usable()).to.equal(true);
    store.write(pageKey('q', 2), { total: 1, items: [] });
    await until(async () => (await store.read(pageKey('q', 2))) !== undefined);
    expect(await memory.get('members:q:2')).to.deep.equal({ total: 1, items: [] });
  });

  it('goes on in memory when the cache is full, says so once, and stops writing', async () => {
    const { cache, sets } = failing(new SegkitError('quota', 'full'));
    const { store, flags, errors } = setup(cache);
    store.write('a', 1);
    await until(() => flags.get().cache === 'unavailable');
    store.write('b', 2);
    store.write('c', 3);
    await new Promise((r) => setTimeout(r, 5));
    expect(errors).to.deep.equal(['cache:quota']);
    expect(sets(), 'no write after the failure').to.equal(1);
    expect(store.usable()).to.equal(false);
  });

  it('reports any other cache failure as quota too: working in memory', async () => {
    const { cache } = failing(new DOMException('gone', 'InvalidStateError'));
    const { store, errors } = setup(cache);
    store.write('a', 1);
    await until(() => errors.length === 1);
    expect(errors).to.deep.equal(['cache:quota']);
  });

  it('opens with the saved segment list and applied query', async () => {
    const memory = createMemoryCache();
    await memory.set('segments', { items: [], unassignedCount: 3, totalMembers: 3, savedAt: 5 });
    await memory.set('query', { ...emptyQuery(), search: 'ana' });
    const { store } = setup(memory);
    expect(await store.open()).to.deep.equal({
      segments: { items: [], unassignedCount: 3, totalMembers: 3, savedAt: 5 },
      query: { ...emptyQuery(), search: 'ana' },
    });
  });

  it('lists keys by prefix and deletes them; nothing when the cache cannot list', async () => {
    const memory = createMemoryCache();
    await memory.set('outbox:a', []);
    await memory.set('outbox:b', []);
    await memory.set('segments', {});
    const { store } = setup(memory);
    expect((await store.keys('outbox:')).sort()).to.deep.equal(['outbox:a', 'outbox:b']);
    await store.remove('outbox:a');
    expect(await store.keys('outbox:')).to.deep.equal(['outbox:b']);
    const { keys: _keys, ...unlisted } = memory;
    expect(await setup(unlisted).store.keys('outbox:')).to.deep.equal([]);
  });

  it('saves and resolves once stored; a failed save resolves too (in memory from then on)', async () => {
    const memory = createMemoryCache();
    const { store } = setup(memory);
    await store.save('a', 1);
    expect(await memory.get('a')).to.equal(1);
    const { cache } = failing(new SegkitError('quota', 'full'));
    const broken = setup(cache);
    await broken.store.save('b', 2);
    expect(broken.flags.get().cache).to.equal('unavailable');
  });

  it('switches to memory when the startup read fails; without a cache there is nothing to read', async () => {
    const broken: SegmentCache = { ...createMemoryCache(), get: () => Promise.reject(new SegkitError('quota', 'broken')) };
    const { store, flags, errors } = setup(broken);
    expect(await store.open()).to.deep.equal({ segments: undefined, query: undefined });
    expect(flags.get().cache).to.equal('unavailable');
    expect(errors).to.deep.equal(['cache:quota']);

    const none = setup(undefined);
    expect(await none.store.open()).to.deep.equal({ segments: undefined, query: undefined });
    expect(none.store.usable()).to.equal(false);
    expect(await none.store.read('x')).to.equal(undefined);
  });
});
