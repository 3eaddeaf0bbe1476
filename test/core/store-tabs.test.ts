/**
 * Tabs (decision 012): stores in one page sharing one memory cache, each with
 * its own fake tab (fake-tabs.ts: locks released when a tab is destroyed).
 * Each tab keeps its own outbox; the outboxes of tabs that are gone are
 * adopted and replayed in order, exactly once, by one tab at a time, also
 * when the replaying tab closes half-way; a tab re-reads soon after another
 * tab's confirmed write.
 */
import type { MemberTarget, MutationRecord, SegmentCache, SegmentsAdapter } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect } from '../setup/expect.js';
import type { FakeTab } from './fake-tabs.js';
import { createTabHub } from './fake-tabs.js';
import { appliedNeverAnswered, cleanup, countOf, faulty, makeAdapter, makeStore, quiet, until } from './fixtures.js';

const ids = (...list: string[]): { target: MemberTarget } => ({ target: { kind: 'ids', ids: list } });

async function outboxes(cache: SegmentCache): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const key of (await cache.keys!('outbox')).sort()) {
    out[key] = ((await cache.get<MutationRecord[]>(key)) ?? []).map((r) => r.kind);
  }
  return out;
}

/** A tab that closes: no chance to say goodbye (its locks go with it), then its store stops. */
function crash(tab: FakeTab, store: { destroy(): void }): void {
  tab.destroy();
  store.destroy();
}

describe('store: tabs', () => {
  afterEach(cleanup);

  it('keeps an outbox per tab, holding its lock while alive; another tab leaves it alone', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const hub = createTabHub();
    const tabA = hub.open('A');
    const a = makeStore(adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 1);
    expect(hub.holder('outbox:A')).to.equal('A');
    const b = makeStore(adapter, { cache, tabs: hub.open('B') });
    await b.store.ready;
    expect(b.store.$pending.get()).to.deep.equal([]);
    expect(await outboxes(cache), "B has written nothing, and took nothing of A's").to.deep.equal({ 'outbox:A': ['membership'] });
    expect(hub.holder('outbox:B')).to.equal('B');
  });

  it('adopts the outbox of a tab that is gone on open, and replays it in order, once', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const cache = createMemoryCache();
    const hub = createTabHub();
    const tabA = hub.open('A');
    const a = makeStore(f.adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.createSegment({ name: 'After' }).catch(() => undefined);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    void a.store.renameSegment('creators', 'Makers').catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 3);
    crash(tabA, a.store);

    const b = makeStore(f.adapter, { cache, tabs: hub.open('B') });
    await b.store.ready;
    expect(b.store.$segments.get().some((s) => s.name === 'After'), 'shown at once').to.equal(true);
    await b.store.settled();
    expect(f.writes().map((w) => w.method)).to.deep.equal(['createSegment', 'changeMembership', 'updateSegment']);
    const server = adapter.snapshot().segments;
    expect(server.filter((s) => s.name === 'After')).to.have.length(1);
    expect(server.find((s) => s.id === 'vips')!.memberCount).to.equal(9);
    expect(server.find((s) => s.id === 'creators')!.name).to.equal('Makers');
    expect(await outboxes(cache)).to.deep.equal({ 'outbox:B': [] });
  });

  it('lets one tab replay a given outbox: two tabs opening together send each write once', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const cache = createMemoryCache();
    const hub = createTabHub();
    const tabA = hub.open('A');
    const a = makeStore(f.adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    void a.store.assign(['creators'], ids('m002')).catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 2);
    crash(tabA, a.store);

    const b = makeStore(f.adapter, { cache, tabs: hub.open('B') });
    const c = makeStore(f.adapter, { cache, tabs: hub.open('C') });
    await Promise.all([b.store.ready, c.store.ready]);
    await Promise.all([b.store.settled(), c.store.settled()]);
    expect(f.writes(), 'each write sent once').to.have.length(2);
    expect([b.store.$pending.get().length, c.store.$pending.get().length]).to.deep.equal([0, 0]);
    expect(adapter.snapshot().segments.map((s) => s.memberCount)).to.deep.equal([9, 7]);
  });

  it('hands over when the replaying tab closes half-way: nothing lost, nothing applied twice', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const hub = createTabHub();
    const tabA = hub.open('A');
    const a = makeStore(adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    void a.store.createSegment({ name: 'After' }).catch(() => undefined);
    void a.store.renameSegment('creators', 'Makers').catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 3);
    crash(tabA, a.store);

    // Tab B adopts A's writes; the first one lands on the server, but B closes before its answer.
    const { adapter: slow, landed: answerHeld } = appliedNeverAnswered(adapter, 'changeMembership');
    const tabB = hub.open('B');
    const b = makeStore(slow, { cache, tabs: tabB });
    await b.store.ready;
    await answerHeld;
    expect(await outboxes(cache), 'moved to B before A\'s was deleted').to.deep.equal({ 'outbox:B': ['membership', 'create-segment', 'update-segment'] });
    crash(tabB, b.store);

    const c = makeStore(adapter, { cache, tabs: hub.open('C') });
    await c.store.ready;
    await c.store.settled();
    const server = adapter.snapshot();
    expect(server.members.find((m) => m.id === 'm001')!.segmentIds).to.deep.equal(['vips']);
    expect(server.segments.find((s) => s.id === 'vips')!.memberCount, 'applied once').to.equal(9);
    expect(server.segments.filter((s) => s.name === 'After')).to.have.length(1);
    expect(server.segments.find((s) => s.id === 'creators')!.name).to.equal('Makers');
    expect(await outboxes(cache)).to.deep.equal({ 'outbox:C': [] });
    expect(countOf(c.store, 'vips')).to.equal(9);
  });

  it('adopts when back online what a tab that crashed meanwhile left', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const hub = createTabHub();
    const b = makeStore(adapter, { cache, tabs: hub.open('B') });
    await b.store.ready;
    b.connectivity.set(false);
    const tabA = hub.open('A');
    const a = makeStore(adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 1);
    crash(tabA, a.store);
    await new Promise((r) => setTimeout(r, 20));
    expect(b.store.$pending.get(), 'not before it is back online').to.deep.equal([]);
    b.connectivity.set(true);
    await until(() => adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount === 9);
    await b.store.settled();
    expect(await outboxes(cache)).to.deep.equal({ 'outbox:B': [] });
  });

  it('adopts at once the writes a closing tab says it left behind', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const hub = createTabHub();
    const b = makeStore(adapter, { cache, tabs: hub.open('B') });
    await b.store.ready;
    const tabA = hub.open('A');
    const a = makeStore(adapter, { cache, tabs: tabA });
    await a.store.ready;
    await allTasks();
    a.connectivity.set(false);
    void a.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(async () => (await outboxes(cache))['outbox:A']?.length === 1);
    a.store.destroy(); // destroyed while the page lives on: it lets go of its outbox and says so
    await until(() => adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount === 9);
    expect(hub.posted.filter((m) => m.type === 'outbox')).to.deep.equal([{ type: 'outbox', tabId: 'A' }]);
  });

  it('migrates the single outbox of a version before tabs', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const old = makeStore(adapter, { cache });
    await old.store.ready;
    await allTasks();
    old.connectivity.set(false);
    void old.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(async () => ((await cache.get<MutationRecord[]>('outbox')) ?? []).length === 1);
    old.store.destroy();

    const b = makeStore(adapter, { cache, tabs: createTabHub().open('B') });
    await b.store.ready;
    await b.store.settled();
    expect(adapter.snapshot().segments.find((s) => s.id === 'vips')!.memberCount).to.equal(9);
    expect(await outboxes(cache)).to.deep.equal({ 'outbox:B': [] });
  });

  it('shows within a second what another tab changed: segments and memberships', async () => {
    const adapter = quiet(makeAdapter());
    const hub = createTabHub();
    const a = makeStore(adapter, { tabs: hub.open('A') });
    const b = makeStore(adapter, { tabs: hub.open('B') });
    await allTasks();
    const segment = await a.store.createSegment({ name: 'From A' });
    await until(() => b.store.segmentById(segment.id) !== undefined, 1000);
    await a.store.assign(['vips'], ids('m001'));
    await until(() => countOf(b.store, 'vips') === 9, 1000);
    expect(hub.posted.filter((m) => m.type === 'changed').map((m) => [m.tabId, m.type === 'changed' && m.scope])).to.deep.equal([
      ['A', 'segments'],
      ['A', 'members'],
    ]);
  });
});
