/**
 * The segment filter's connector, headless: what a React or Vue app that
 * draws its own "Saved Segments" panel sees and can do, with no element.
 */
import { createMemoryAdapter } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createSegmentFilterConnector, ruleStateOf } from '../../packages/elements/src/headless.js';
import type { SegmentFilterConnector, SegmentFilterState } from '../../packages/elements/src/headless.js';
import { cleanup, faulty, makeAdapter, makeMembers, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { gatedAdapter } from './segment-filter.harness.js';

const open: Array<() => void> = [];

/** A connector over a fresh store, subscribed as a UI would; `seen` records every state it was given. */
async function setup(adapter: SegmentsAdapter = makeAdapter(), { wait = true } = {}) {
  const { store, connectivity } = makeStore(adapter);
  const filter: SegmentFilterConnector = createSegmentFilterConnector(store);
  const seen: SegmentFilterState[] = [];
  open.push(filter.$state.subscribe((state) => seen.push(state)), () => filter.destroy());
  if (wait) await until(() => filter.$state.get().segments.length === 3);
  const state = () => filter.$state.get();
  return { store, connectivity, filter, seen, state };
}

describe('createSegmentFilterConnector (headless)', () => {
  afterEach(async () => {
    for (const off of open.splice(0)) off();
    await allTasks();
    cleanup();
  });

  it('is loading, then lists every segment (Unassigned first) with nothing applied, nothing to apply and nothing to reset', async () => {
    const gated = gatedAdapter(makeAdapter());
    open.push(gated.release); // released in afterEach even when an assertion fails first
    const { state } = await setup(gated.adapter, { wait: false });
    expect(state()).to.include({ loading: true, loadError: null, empty: false, dirty: false, canReset: false, activeCount: 0, outcome: null });
    gated.release();
    await until(() => !state().loading);
    expect(state().segments.map((s) => [s.id, s.memberCount])).to.deep.equal([
      ['unassigned', 12],
      ['creators', 6],
      ['vips', 8],
    ]);
    expect(state()).to.include({ loading: false, empty: false, dirty: false, canReset: false, activeCount: 0 });
    expect(state().summary).to.deep.equal([]);
    expect(state().draft).to.deep.include({ include: [], exclude: [], match: 'any', search: '' });
  });

  it('edits the draft only: include, exclude or neither (never both), match and search; dirty until applied', async () => {
    const { filter, store, state } = await setup();
    filter.toggle('vips', 'include');
    expect(ruleStateOf(state().draft, 'vips')).to.equal('include');
    expect(state()).to.include({ dirty: true, canReset: true });
    expect(store.$query.get().include).to.deep.equal([]); // nothing applied yet
    expect(state().applied.include).to.deep.equal([]);

    filter.toggle('vips', 'exclude');
    expect(state().draft.include).to.deep.equal([]);
    expect(state().draft.exclude).to.deep.equal(['vips']);
    filter.toggle('vips', 'exclude'); // pressing the pressed side clears it
    expect(ruleStateOf(state().draft, 'vips')).to.equal('none');
    expect(state()).to.include({ dirty: false, canReset: false });

    filter.setRule('creators', 'exclude');
    filter.setMatch('all');
    filter.setSearch('ana');
    expect(state().draft).to.deep.include({ include: [], exclude: ['creators'], match: 'all', search: 'ana' });
    expect(state().dirty).to.equal(true);
    // The summary and the count show what is applied, not the draft.
    expect(state().summary).to.deep.equal([]);
    expect(state().activeCount).to.equal(0);
  });

  it('"Apply" makes the draft the applied filter and returns it; summary, count and outcome follow; states are new objects', async () => {
    const { filter, store, state, seen } = await setup();
    filter.toggle('vips', 'include');
    filter.toggle('creators', 'include');
    filter.toggle('unassigned', 'exclude');
    filter.setMatch('all');
    filter.setSearch(' ana ');
    const before = state();
    const applied = filter.apply();
    expect(applied).to.deep.include({ include: ['vips', 'creators'], exclude: ['unassigned'], match: 'all', search: ' ana ' });
    expect(store.$query.get().include).to.deep.equal(['vips', 'creators']);
    expect(state().applied).to.deep.equal(applied);
    expect(state()).to.include({ dirty: false, canReset: true, activeCount: 4 });
    expect(state().outcome).to.deep.equal({ kind: 'applied', seq: 1 });
    expect(state().summary.map((item) => (item.kind === 'include' || item.kind === 'exclude' ? `${item.kind}:${item.segment?.name}` : item.kind === 'search' ? `search:${item.text}` : item.kind))).to.deep.equal([
      'include:VIPs',
      'include:Content Creators',
      'match-all',
      'exclude:Unassigned',
      'search:ana',
    ]);
    // Immutable: the state handed out before is untouched, the subscriber got a new one.
    expect(before).to.include({ dirty: true, outcome: null });
    expect(state()).to.not.equal(before);
    expect(seen.at(-1)).to.equal(state());
  });

  it('"Reset" clears the draft and the applied filter, keeps the sort, and says so', async () => {
    const { filter, store, state } = await setup();
    store.setSort({ key: 'createdAt', dir: 'desc' });
    filter.toggle('vips', 'exclude');
    filter.apply();
    filter.toggle('creators', 'include'); // a draft change on top
    const cleared = filter.reset();
    expect(cleared).to.deep.include({ include: [], exclude: [], search: '' });
    expect(store.$query.get().sort).to.deep.equal({ key: 'createdAt', dir: 'desc' });
    expect(state()).to.include({ dirty: false, canReset: false, activeCount: 0 });
    expect(state().draft.include).to.deep.equal([]);
    expect(state().outcome).to.deep.equal({ kind: 'reset', seq: 2 });
    filter.reset();
    expect(state().outcome).to.deep.equal({ kind: 'reset', seq: 3 }); // a repeat is a new outcome (announced again)
  });

  it('follows the store: a filter applied elsewhere and a new segment show at once', async () => {
    const { store, state } = await setup();
    store.applyFilter({ include: ['creators'] }); // e.g. opening a segment in the list
    expect(state().applied.include).to.deep.equal(['creators']);
    expect(ruleStateOf(state().draft, 'creators')).to.equal('include');
    expect(state().summary).to.deep.equal([{ kind: 'include', id: 'creators', segment: store.segmentById('creators') }]);
    expect(state().activeCount).to.equal(1);
    await store.createSegment({ name: 'Customers' });
    expect(state().segments.map((s) => s.name)).to.include('Customers');
  });

  it('a failed first load is a typed error (no text) that reload() recovers; offline and empty are flags', async () => {
    const f = faulty(makeAdapter());
    f.reads = 'network';
    const { filter, state, connectivity } = await setup(f.adapter, { wait: false });
    await until(() => state().loadError);
    expect(state().loadError!.code).to.equal('network');
    expect(state().loading).to.equal(false);
    f.reads = 'ok';
    await filter.reload();
    await until(() => state().segments.length === 3);
    expect(state().loadError).to.equal(null);
    connectivity.set(false);
    await until(() => state().offline);

    const bare = await setup(createMemoryAdapter({ members: makeMembers(3), segments: [] }), { wait: false });
    await until(() => bare.state().empty);
    expect(bare.state().segments.map((s) => s.id)).to.deep.equal(['unassigned']);
  });

  it('loads without Lit: the filter and audience connectors and what they import are plain modules (React and Vue apps import them)', async () => {
    const modules = await runtimeModules(['segment-filter/segment-filter.connector.ts', 'audience/audience.connector.ts']);
    expect(modules.some((url) => url.includes('/rules/rules.ts'))).to.equal(true); // the walk follows imports
    expect(modules.filter((url) => /[/@]lit(-html|-element)?\//.test(url) || /\/lit(-html)?\.js/.test(url))).to.deep.equal([]);
  });
});

/** Every module a set of element sources loads at run time (type-only imports are erased), following our own sources. */
async function runtimeModules(entries: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => new URL(`/packages/elements/src/${entry}`, location.origin).href);
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    if (!url.includes('/packages/elements/src/')) continue;
    const code = await (await fetch(url)).text();
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+)["']/g)) queue.push(new URL(match[1]!, url).href);
  }
  return [...seen];
}
