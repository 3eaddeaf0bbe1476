/**
 * The memory adapter and the store at 100,000 members (decision 027): mount
 * to first rows, the adapter's heap, and the longest main-thread block of
 * each store action, each beside a baseline in the same run.
 */
import type { Member, MemberQuery, MemoryAdapter, Segment, SegmentStore } from '@segkit/core';
import { compareSortValues, createMemoryAdapter, createSegmentStore, emptyQuery, manualConnectivity, memberSearchText, sortValueOf } from '@segkit/core';
import { generateDataset } from '@segkit/mock';

export interface Result {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The memory adapter as it was before decision 027, to its first page: every
 * member copied, its search text built, rosters filled, all of them sorted
 * with the collator, the sorted list and the filtered list kept.
 */
function naiveFirstPage(members: readonly Member[], segments: readonly Segment[], query: MemberQuery) {
  const rosters = new Map(segments.map((s) => [s.id, new Set<string>()]));
  const copies = new Map<string, Member>();
  const texts = new Map<string, string>();
  for (const seed of members) {
    const segmentIds = [...new Set(seed.segmentIds)].filter((id) => rosters.has(id));
    const member = { ...seed, attributes: { ...seed.attributes }, segmentIds };
    copies.set(member.id, member);
    texts.set(member.id, memberSearchText(member));
    for (const id of segmentIds) rosters.get(id)!.add(member.id);
  }
  const { key, dir } = query.sort;
  const keyed = [...copies.values()].map((m) => ({ m, v: sortValueOf(m, key) }));
  keyed.sort((a, b) => compareSortValues(a.v, a.m.id, b.v, b.m.id, dir));
  const order = keyed.map((k) => k.m);
  const items = order.filter(() => true);
  const page = items.slice(0, 100).map((m) => structuredClone(m));
  return { kept: { rosters, copies, texts, order, items }, page };
}

/** Resolves when the store shows its first row (or knows there is none) for the current query. */
function rowsShown(store: SegmentStore): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const window = store.$members.get();
      if (window.loading || window.total === null) return;
      if (window.total > 0 && window.at(0) === undefined) return;
      queueMicrotask(() => off());
      resolve();
    };
    const off = store.$members.subscribe(check);
    void store.loadRange(0, 100);
  });
}

/** Ms from creating the adapter and the store until segments and the first row show. */
async function mountToFirstRows(members: Member[], segments: Segment[]): Promise<{ ms: number; store: SegmentStore; adapter: MemoryAdapter }> {
  const start = performance.now();
  const adapter = createMemoryAdapter({ members, segments });
  const store = createSegmentStore({ adapter, pageSize: 100, connectivity: manualConnectivity(true) });
  const offs: Array<() => void> = [];
  await new Promise<void>((resolve) => {
    const check = () => {
      if (store.$segments.get().length > 0 && store.$members.get().at(0) !== undefined) resolve();
    };
    offs.push(store.$members.subscribe(check), store.$segments.subscribe(check));
  });
  // Unsubscribed after the first rows show (the table keeps them mounted while it is on the page).
  const ms = performance.now() - start;
  setTimeout(() => offs.forEach((off) => off()), 0);
  return { ms, store, adapter };
}

/**
 * Waits for the whole order the adapter computes in the background after a
 * first page (decision 027), so none of it runs into the figures after.
 */
function settledOrder(adapter: MemoryAdapter, size: number): Promise<unknown> {
  return adapter.queryMembers(emptyQuery(), { offset: Math.floor(size / 2), limit: 1 });
}

/**
 * Runs `action` and answers the longest gap between two turns of a probe
 * that asks for a new task all the time: an upper bound of the longest
 * task the action ran on the main thread.
 */
async function longestBlock(action: () => Promise<unknown>): Promise<number> {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  await action();
  await tick();
  running = false;
  channel.port1.close();
  return Math.max(longest, performance.now() - last);
}

type Action = [name: string, run: (store: SegmentStore) => Promise<unknown>];

const ACTIONS: Action[] = [
  ['filter: include VIPs, Apply', async (s) => { s.setDraft({ include: ['vips'] }); s.apply(); await rowsShown(s); }],
  ['filter: Reset', async (s) => { s.reset(); await rowsShown(s); }],
  ['search as you type "ana"', async (s) => { for (const text of ['a', 'an', 'ana']) { s.setSearch(text); await rowsShown(s); } }],
  ['search cleared', async (s) => { s.setSearch(''); await rowsShown(s); }],
  ['sort by name, descending', async (s) => { s.setSort({ key: 'name', dir: 'desc' }); await rowsShown(s); }],
  ['sort by followers', async (s) => { s.setSort({ key: 'attributes.followers', dir: 'desc' }); await rowsShown(s); }],
  ['select all matching', async (s) => { s.selectAllMatching(); await tick(); }],
  ['preview: add all matching to VIPs', (s) => s.preview('assign', ['vips'])],
  ['confirm: add all matching to a new segment', async (s) => { await s.createAndAssign({ name: 'Bench segment' }); await s.settled(); await rowsShown(s); }],
  ['Undo', async (s) => { await s.undo(); await s.settled(); await rowsShown(s); }],
];

export async function memoryBench(results: Result[]): Promise<void> {
  const big = generateDataset({ seed: 1, size: 100_000 });
  const small = generateDataset({ seed: 1, size: 1_000 });
  const query = emptyQuery();

  // 1. Mount to first rows: at 100,000 vs at 1,000, and the adapter vs the naive one.
  const at = { big: [] as number[], small: [] as number[], naive: [] as number[], adapter: [] as number[] };
  for (let round = 0; round < 3; round += 1) {
    console.log(`memory bench: mount, round ${round + 1} of 3`);
    for (const [which, data] of [['small', small], ['big', big]] as const) {
      gc?.();
      const { ms, store, adapter } = await mountToFirstRows(data.members, data.segments);
      at[which].push(ms);
      store.destroy();
      await settledOrder(adapter, data.members.length);
    }
    gc?.();
    let start = performance.now();
    const adapter = createMemoryAdapter({ members: big.members, segments: big.segments });
    await Promise.all([adapter.queryMembers(query, { offset: 0, limit: 100 }), adapter.listSegments()]);
    at.adapter.push(performance.now() - start);
    await settledOrder(adapter, big.members.length);
    gc?.();
    start = performance.now();
    naiveFirstPage(big.members, big.segments, query);
    at.naive.push(performance.now() - start);
    await tick();
  }
  results.push({ name: 'mount to first rows: 100,000 members vs 1,000', unit: 'ms', value: median(at.big), baseline: median(at.small), baselineName: 'the same at 1,000 members' });
  results.push({ name: 'memory adapter at 100k: created to first page', unit: 'ms', value: median(at.adapter), baseline: median(at.naive), baselineName: 'copy + search text + collator sort (before 027)' });

  // 2. Heap held at 100,000 after the first page (Chromium with --expose-gc and precise memory info).
  if (gc && heap() !== undefined) {
    const held = async (build: () => Promise<unknown>) => {
      gc!();
      const before = heap()!;
      const kept = await build();
      gc!();
      const after = heap()!;
      (globalThis as { __kept?: unknown }).__kept = kept;
      delete (globalThis as { __kept?: unknown }).__kept;
      return after - before;
    };
    const ours = await held(async () => {
      const adapter = createMemoryAdapter({ members: big.members, segments: big.segments });
      await adapter.queryMembers(query, { offset: 0, limit: 100 });
      // The first page comes before the whole order (decision 027): the heap counts that order too,
      // and no sort is left running into the figures below.
      await settledOrder(adapter, big.members.length);
      return adapter;
    });
    const naive = await held(async () => naiveFirstPage(big.members, big.segments, query).kept);
    results.push({ name: 'memory adapter heap at 100k after the first page', unit: 'bytes', value: ours, baseline: naive, baselineName: 'copy + search text + caches (before 027)' });
  } else {
    console.warn('bench: no gc() or performance.memory: the heap figure is skipped');
  }

  // 3. The longest main-thread block of each store action, at 100,000 and at 1,000.
  const blocks = new Map<string, { big: number; small: number }>();
  for (const [which, data] of [['small', small], ['big', big]] as const) {
    // What earlier figures left to collect is not counted in this one's blocks.
    gc?.();
    const { store } = await mountToFirstRows(data.members, data.segments);
    const off = store.$members.listen(() => undefined);
    await rowsShown(store);
    for (const [name, run] of ACTIONS) {
      console.log(`memory bench: ${which}: ${name}`);
      const ms = await longestBlock(() => run(store));
      const entry = blocks.get(name) ?? { big: 0, small: 0 };
      entry[which] = ms;
      blocks.set(name, entry);
    }
    off();
    store.destroy();
  }
  for (const [name, { big: value, small: baseline }] of blocks) {
    results.push({ name: `longest block at 100k: ${name}`, unit: 'ms', value, baseline, baselineName: 'the same at 1,000 members' });
  }
}
