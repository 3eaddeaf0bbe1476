/**
 * Degrades, never breaks: IndexedDB missing, `open` throwing (private
 * windows, storage-blocked frames), never answering, the database deleted
 * or closed underneath. Every call rejects with a typed `quota` error,
 * nothing is thrown uncaught, and a store over such a cache goes on in memory.
 */
import type { SegkitError, SegmentStore } from '@segkit/core';
import { SCHEMA_VERSION, createIdbCache } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { deleteDB, openDB } from 'idb';
import { cleanup, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { expect, expectReject } from '../setup/expect.js';
import { dropDatabases, pause, restoreStubs, stub, uniqueDb, watchUncaught } from './helpers.js';

/** Every method of the cache rejects with `quota`; resolves the errors. */
async function everyCallRejects(cache: IdbCache): Promise<SegkitError[]> {
  return Promise.all([
    expectReject<SegkitError>(cache.get('segments'), 'quota'),
    expectReject<SegkitError>(cache.set('segments', { items: [] }), 'quota'),
    expectReject<SegkitError>(cache.delete('segments'), 'quota'),
    expectReject<SegkitError>(cache.clear(), 'quota'),
    expectReject<SegkitError>(cache.keys('outbox'), 'quota'),
  ]);
}

/** Captures the IDBDatabase each `indexedDB.open` resolves to. */
function captureConnections(): IDBDatabase[] {
  const captured: IDBDatabase[] = [];
  const open = IDBFactory.prototype.open;
  stub(IDBFactory.prototype, 'open', function (this: IDBFactory, name: string, version?: number) {
    const request = open.call(this, name, version);
    request.addEventListener('success', () => captured.push(request.result));
    return request;
  });
  return captured;
}

describe('idb cache: degrades, never breaks', () => {
  const caches: IdbCache[] = [];
  const make = (extra: { openTimeoutMs?: number; dbName?: string } = {}) => {
    const cache = createIdbCache({ namespace: 'degrade', dbName: uniqueDb('degrade'), ...extra });
    caches.push(cache);
    return cache;
  };
  let watch: ReturnType<typeof watchUncaught>;
  beforeEach(() => {
    watch = watchUncaught();
  });
  afterEach(async () => {
    await pause(20); // let late rejections surface before checking
    const uncaught = watch.stop();
    restoreStubs();
    for (const cache of caches.splice(0)) cache.close();
    cleanup();
    expect(uncaught, 'nothing thrown or rejected unhandled').to.deep.equal([]);
  });
  after(dropDatabases);

  it('rejects with quota when IndexedDB is missing', async () => {
    stub(window, 'indexedDB', undefined as unknown as IDBFactory);
    const errors = await everyCallRejects(make());
    expect(errors[0]!.message).to.match(/not available/);
  });

  it('rejects with quota when indexedDB.open throws SecurityError (private window, storage-blocked frame)', async () => {
    stub(IDBFactory.prototype, 'open', () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const errors = await everyCallRejects(make());
    expect(errors[0]!.message).to.match(/blocked/);
    expect((errors[0]!.cause as DOMException).name).to.equal('SecurityError');
  });

  it('rejects with quota when the open fails (a newer version of the page already upgraded the database)', async () => {
    const dbName = uniqueDb('downgrade');
    const newer = await openDB(dbName, SCHEMA_VERSION + 5);
    newer.close();
    const errors = await everyCallRejects(make({ dbName }));
    expect((errors[0]!.cause as DOMException).name).to.equal('VersionError');
    expect(errors[0]!.message).to.match(/newer version/);
  });

  it('gives up with quota when indexedDB.open never answers', async () => {
    const hung: IDBOpenDBRequest[] = [];
    const open = IDBFactory.prototype.open;
    stub(IDBFactory.prototype, 'open', function (this: IDBFactory, name: string, version?: number) {
      const request = open.call(this, name, version);
      hung.push(request);
      // Swallow every event of this request, as WebKit's stuck opens do.
      for (const type of ['upgradeneeded', 'success', 'error', 'blocked']) request.addEventListener(type, (event) => event.stopImmediatePropagation());
      return request;
    });
    const errors = await everyCallRejects(make({ openTimeoutMs: 150 }));
    expect(errors[0]!.message).to.match(/did not answer/);
    restoreStubs();
    await until(() => hung.every((request) => request.readyState === 'done'));
    for (const request of hung) request.result?.close();
  });

  it('lets the database be deleted underneath, then rejects with quota', async () => {
    const dbName = uniqueDb('deleted');
    const cache = make({ dbName });
    await cache.set('segments', { items: ['kept until deleted'] });
    let blocked = false;
    await deleteDB(dbName, {
      blocked() {
        blocked = true;
      },
    });
    expect(blocked, 'the delete was blocked by the open cache').to.equal(false);
    const errors = await everyCallRejects(cache);
    expect(errors[0]!.message).to.match(/upgraded or deleted/);
  });

  it('rejects with quota after the browser closes the connection (storage cleared)', async () => {
    const connections = captureConnections();
    const cache = make();
    await cache.set('segments', { items: [] });
    expect(connections).to.have.length(1);
    connections[0]!.dispatchEvent(new Event('close'));
    const errors = await everyCallRejects(cache);
    expect(errors[0]!.message).to.match(/browser closed/);
  });

  it('rejects a value that cannot be cloned with invalid-input, and goes on working', async () => {
    const cache = make();
    await expectReject(cache.set('segments', { render: () => 'not data' }), 'invalid-input');
    await cache.set('segments', { items: ['fine'] });
    expect(await cache.get('segments')).to.deep.equal({ items: ['fine'] });
  });

  it('refuses to be made without a namespace (a programming error), at once', () => {
    expect(() => createIdbCache({} as { namespace: string })).to.throw().with.property('code', 'invalid-input');
  });

  it('gives a store that goes on in memory and says so once, when IndexedDB is blocked', async () => {
    stub(IDBFactory.prototype, 'open', () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const { store } = makeStore(makeAdapter(), { cache: make() });
    const errors: string[] = [];
    (store as SegmentStore).on('error', (event) => errors.push(`${event.action}:${event.error.code}`));
    await until(() => store.$status.get().cache === 'unavailable' && store.$segments.get().length === 3);
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] } });
    expect(store.$segments.get().find((s) => s.id === 'vips')!.memberCount).to.equal(9);
    expect(store.$status.get().cache).to.equal('unavailable');
    expect(errors.filter((e) => e.startsWith('cache:'))).to.have.length.at.most(1);
  });
});
