/**
 * The store over the real IndexedDB cache and the real tab sync
 * (BroadcastChannel, Web Locks), as a page uses them: a reload is a new cache
 * connection, a new tab sync and a new store on the same database; a second
 * tab is a second set of them open at the same time.
 */
import type { MemberTarget, SegmentStore, SegmentsAdapter, TabSync } from '@segkit/core';
import { createIdbCache, createTabSync } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { allTasks } from 'nanostores';
import { appliedNeverAnswered, cleanup, countOf, heldReads, makeAdapter, makeStore, quiet, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { dropDatabases, uniqueDb } from './helpers.js';

const ids = (...list: string[]): { target: MemberTarget } => ({ target: { kind: 'ids', ids: list } });

/** Counts the writes that reach `inner`, by request id. */
function counted(inner: SegmentsAdapter) {
  const requests: string[] = [];
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (!['changeMembership', 'createSegment', 'updateSegment', 'deleteSegment'].includes(key as string)) return value;
      return (...args: unknown[]) => {
        const options = args[args.length - 1] as { requestId?: string } | undefined;
        requests.push(`${String(key)}:${options?.requestId ?? '?'}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter, requests };
}

describe('store over IndexedDB and the tab sync', () => {
  const opened: Array<IdbCache | TabSync> = [];
  /** One tab of the page: its own database connection, tab sync and store. */
  function tab(adapter: SegmentsAdapter, dbName: string, namespace: string, options: { online?: boolean; now?: () => number } = {}) {
    const cache = createIdbCache({ namespace, dbName });
    const tabs = createTabSync({ namespace });
    opened.push(cache, tabs);
    const made = makeStore(adapter, { cache, tabs, ...(options.now ? { now: options.now } : {}) });
    if (options.online === false) made.connectivity.set(false);
    return { ...made, cache, tabs };
  }
  /**
   * Closes a tab as a reload would: the store stops, then the page goes. The store lets its outbox's
   * lock go (and tells the other tabs) only once its last save is on disk; the tab sync stays open
   * until then, as a page's does while it unloads. A fixed pause of 50 ms was once too short on a
   * loaded machine: the tab sync closed first, and the next tab never heard that writes were left.
   */
  async function close(t: { store: SegmentStore; cache: IdbCache; tabs: TabSync }) {
    t.store.destroy();
    await until(async () => !((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.includes(t.tabs.tabId)), 10_000);
    t.tabs.close();
    t.cache.close();
  }

  /** A tab offline with one write in its outbox (m001 into VIPs), which it holds while it lives. */
  async function tabHoldingAWrite(adapter: ReturnType<typeof makeAdapter>, dbName: string, namespace: string) {
    const a = tab(adapter, dbName, namespace, { online: false });
    await a.store.ready;
    await allTasks();
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(() => a.store.$status.get().pending === 1);
    return a;
  }

  afterEach(() => {
    cleanup();
    for (const it of opened.splice(0)) it.close();
  });
  after(dropDatabases);

  it('opens warm: segments and first rows from disk before any network answer, then fresh', async () => {
    const dbName = uniqueDb('warm');
    const adapter = makeAdapter(30);
    const savedAt = Date.UTC(2026, 5, 1, 12);
    const first = tab(adapter, dbName, 'warm', { now: () => savedAt });
    await first.store.loadRange(0, 10);
    await until(async () => (await first.cache.keys('members:')).length > 0 && (await first.cache.keys('segments')).length > 0);
    await close(first);

    const held = heldReads(adapter);
    const second = tab(held.adapter, dbName, 'warm', { now: () => savedAt + 60_000 });
    await until(() => second.store.$members.get().at(0) !== undefined);
    expect(second.store.$segments.get().map((s) => s.name)).to.include('VIPs');
    expect(second.store.$status.get()).to.include({ stale: true, cachedAt: savedAt });
    held.release();
    await until(() => second.store.$status.get().stale === false);
    expect(second.store.$status.get().cachedAt).to.equal(null);
  });

  it('keeps offline writes across a reload and sends each exactly once when back online', async () => {
    const dbName = uniqueDb('reload');
    const memory = makeAdapter();
    const server = counted(memory);
    const added = memory.snapshot().members.filter((m) => !m.segmentIds.includes('vips')).slice(0, 3).map((m) => m.id);
    const vips = memory.snapshot().segments.find((s) => s.id === 'vips')!.memberCount + 3;
    const before = tab(server.adapter, dbName, 'reload', { online: false });
    await before.store.ready;
    await allTasks();
    void before.store.assign(['vips'], ids(...added)).catch(() => undefined);
    void before.store.createSegment({ name: 'Made offline' }).catch(() => undefined);
    await until(() => countOf(before.store, 'vips') === vips); // shown once it is in the outbox on disk (decision 011)
    await close(before);
    expect(server.requests, 'nothing sent while offline').to.deep.equal([]);

    // The reload, still offline: the changes are there, waiting.
    const offline = tab(server.adapter, dbName, 'reload', { online: false });
    await offline.store.ready;
    await until(() => offline.store.$status.get().pending === 2);
    expect(countOf(offline.store, 'vips')).to.equal(vips);
    expect(offline.store.$segments.get().some((s) => s.name === 'Made offline')).to.equal(true);
    await close(offline);

    // Another reload, online: replayed in order, once.
    const online = tab(server.adapter, dbName, 'reload');
    await online.store.ready;
    await online.store.settled();
    await until(() => online.store.$status.get().pending === 0);
    expect(server.requests.map((r) => r.split(':')[0])).to.deep.equal(['changeMembership', 'createSegment']);
    const data = memory.snapshot();
    expect(data.segments.find((s) => s.id === 'vips')!.memberCount).to.equal(vips);
    expect(countOf(online.store, 'vips')).to.equal(vips);
    expect(data.segments.filter((s) => s.name === 'Made offline')).to.have.length(1);
    expect(await online.cache.keys('outbox')).to.satisfy((keys: string[]) => keys.length <= 1);
    for (const key of await online.cache.keys('outbox')) expect(await online.cache.get(key)).to.deep.equal([]);
  });

  it('hands over when the replaying tab closes mid-replay: nothing lost, nothing applied twice', async () => {
    const dbName = uniqueDb('handover');
    const adapter = makeAdapter();
    const a = tab(adapter, dbName, 'handover', { online: false });
    await a.store.ready;
    await allTasks();
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    void a.store.createSegment({ name: 'After' }).catch(() => undefined);
    void a.store.renameSegment('creators', 'Makers').catch(() => undefined);
    await until(() => a.store.$status.get().pending === 3);
    await close(a);

    // Tab B adopts A's writes; the first lands on the server, but B closes before its answer.
    const { adapter: slow, landed: answerHeld } = appliedNeverAnswered(adapter, 'changeMembership');
    const b = tab(slow, dbName, 'handover');
    await answerHeld;
    await close(b);

    // Tab C, opened later, finishes the replay.
    const c = tab(adapter, dbName, 'handover');
    await c.store.ready;
    // A bound, not a measure: three replays and a dedupe, which took over 5 s once on a loaded 2-core machine.
    await until(() => c.store.$status.get().pending === 0 && c.store.segmentById('creators')?.name === 'Makers', 15_000);
    const data = adapter.snapshot();
    expect(data.members.find((m) => m.id === 'm001')!.segmentIds).to.deep.equal(['vips']);
    expect(data.segments.find((s) => s.id === 'vips')!.memberCount, 'applied once').to.equal(9);
    expect(data.segments.filter((s) => s.name === 'After'), 'created once').to.have.length(1);
    expect(data.segments.find((s) => s.id === 'creators')!.name).to.equal('Makers');
    expect(countOf(c.store, 'vips')).to.equal(9);
  });

  it('adopts the writes of a tab that was still open when it opened, once that tab lets them go, though no message says so', async () => {
    const dbName = uniqueDb('silent');
    const adapter = makeAdapter();
    const vips = adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount;
    const a = await tabHoldingAWrite(adapter, dbName, 'silent');

    // B opens while A still holds its outbox: nothing to adopt yet.
    const b = tab(adapter, dbName, 'silent');
    await b.store.ready;
    await b.store.settled();
    expect(adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount, 'A still holds its write').to.equal(vips);

    // A's page goes without a word (its tab sync closed first), as a reload or a crash would: B takes over.
    a.tabs.close();
    a.store.destroy();
    await until(() => adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount === vips + 1, 10_000);
    await until(() => b.store.$status.get().pending === 0 && countOf(b.store, 'vips') === vips + 1);
    expect(adapter.snapshot().members.find((m) => m.id === 'm001')!.segmentIds).to.include('vips');
    await until(async () => (await b.cache.keys(`outbox:${a.tabs.tabId}`)).length === 0); // A's outbox, adopted
  });

  it('gives up waiting for another tab\'s outbox when its store is destroyed', async () => {
    const dbName = uniqueDb('giveup');
    const adapter = makeAdapter();
    const a = await tabHoldingAWrite(adapter, dbName, 'giveup');
    const waitsForA = async () => ((await navigator.locks.query()).pending ?? []).some((lock) => lock.name?.endsWith(`outbox:${a.tabs.tabId}`));

    const b = tab(adapter, dbName, 'giveup');
    await b.store.ready;
    await until(waitsForA);
    b.store.destroy();
    await until(async () => !(await waitsForA()));
    // B is gone: A's write stays in A's outbox for the next tab.
    a.tabs.close();
    a.store.destroy();
    await until(async () => !((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.includes(a.tabs.tabId)));
    expect(await b.cache.get(`outbox:${a.tabs.tabId}`)).to.have.length(1);
  });

  it('two tabs open at once: each sees within a second what the other changed', async () => {
    const dbName = uniqueDb('two');
    const adapter = quiet(makeAdapter());
    const a = tab(adapter, dbName, 'two');
    const b = tab(adapter, dbName, 'two');
    await Promise.all([a.store.ready, b.store.ready]);
    await allTasks();
    const segment = await a.store.createSegment({ name: 'From A' });
    await until(() => b.store.segmentById(segment.id) !== undefined, 1000);
    await b.store.assign([segment.id], ids('m001', 'm002'));
    await until(() => countOf(a.store, segment.id) === 2, 1000);
    await a.store.renameSegment(segment.id, 'Renamed in A');
    await until(() => b.store.segmentById(segment.id)?.name === 'Renamed in A', 1000);
  });
});
