/**
 * Opening from a warm cache: the segments and the first rows of the last view
 * before any network answer, marked stale with the time they were saved, then
 * revalidated without blanking the table.
 */
import type { MemberWindow, SegmentsAdapter } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect } from '../setup/expect.js';
import { T0, cleanup, countOf, heldReads, makeAdapter, makeStore, until } from './fixtures.js';

const SAVED_AT = T0 + 5_000;

/** A warm cache: a first session applied "VIPs" and saw its rows at `SAVED_AT`. */
async function warmCache(adapter: ReturnType<typeof makeAdapter>) {
  const cache = createMemoryCache();
  const first = makeStore(adapter, { cache, now: () => SAVED_AT });
  await allTasks();
  first.store.applyFilter({ include: ['vips'] });
  await allTasks();
  expect(first.store.$members.get().total).to.equal(8);
  await new Promise((r) => setTimeout(r, 10));
  first.store.destroy();
  return cache;
}

const rows = (window: MemberWindow) => Array.from({ length: window.total ?? 0 }, (_, i) => window.at(i));

describe('store: open from the cache', () => {
  afterEach(cleanup);

  it('shows the segments and the first rows of the last view before any network answer, stale since they were saved', async () => {
    const adapter = makeAdapter();
    const cache = await warmCache(adapter);
    const held = heldReads(adapter);
    const { store } = makeStore(held.adapter, { cache, now: () => SAVED_AT + 60_000 });
    await store.ready;
    await until(() => store.$members.get().total === 8);
    expect(store.$segments.get().map((s) => s.name)).to.deep.equal(['Unassigned', 'Content Creators', 'VIPs']);
    expect(countOf(store, 'vips')).to.equal(8);
    expect(store.$query.get().include, 'the last view').to.deep.equal(['vips']);
    expect(store.$draft.get().include).to.deep.equal(['vips']);
    expect(rows(store.$members.get()).every((m) => m?.segmentIds.includes('vips'))).to.equal(true);
    expect(store.$status.get()).to.include({ ready: true, stale: true, cachedAt: SAVED_AT });
    held.release();
  });

  it('revalidates without blanking the table: cached rows stay until the fresh page replaces them', async () => {
    const adapter = makeAdapter();
    const cache = await warmCache(adapter);
    // Meanwhile on the server: m001 joins VIPs.
    await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: ['m001'] }, segmentIds: ['vips'], source: 'manual' });
    const held = heldReads(adapter);
    const { store } = makeStore(held.adapter, { cache });
    const seen: Array<number | null> = [];
    store.$members.listen((window) => {
      if (seen.length || window.total !== null) seen.push(window.at(0) === undefined ? null : (window.total ?? 0));
    });
    await until(() => store.$members.get().total === 8);
    held.release();
    await until(() => store.$members.get().total === 9);
    await allTasks();
    expect(seen.length).to.be.greaterThan(1);
    expect(seen.every((total) => total !== null && total > 0), `never blank: ${seen.join(',')}`).to.equal(true);
    expect(rows(store.$members.get()).map((m) => m?.id)).to.include('m001');
    expect(countOf(store, 'vips')).to.equal(9);
    expect(store.$status.get()).to.include({ stale: false, cachedAt: null });
  });

  it('keeps a query set before the cache is read: the host or the user wins', async () => {
    const adapter = makeAdapter();
    const cache = await warmCache(adapter);
    const { store } = makeStore(adapter, { cache });
    store.setSearch('ana');
    await store.ready;
    await allTasks();
    expect(store.$query.get()).to.deep.include({ include: [], search: 'ana' });
  });
});
