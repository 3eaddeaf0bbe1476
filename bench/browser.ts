/**
 * Browser benchmarks, each against a naive baseline in the same run.
 * Bundled and run in headless Chromium by bench/run.mjs.
 */
import type { Member, MemberQuery } from '@segkit/core';
import { compareMembers, compileFilter, createMemoryAdapter, createSegmentStore, emptyQuery, manualConnectivity } from '@segkit/core';
import { generateDataset } from '@segkit/mock';

interface Result {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
}

const results: Result[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median ms per call over `repeat` samples; each sample loops until 20 ms passed (the timer is coarse). */
async function time(run: () => unknown | Promise<unknown>, repeat: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    let calls = 0;
    const start = performance.now();
    do {
      await run();
      calls += 1;
    } while (performance.now() - start < 20);
    samples.push((performance.now() - start) / calls);
  }
  return median(samples);
}

function naivePage(members: Member[], query: MemberQuery, offset: number, limit: number): Member[] {
  const test = compileFilter(query);
  return members.filter(test).sort((a, b) => compareMembers(a, b, query.sort)).slice(offset, offset + limit);
}

async function main(): Promise<void> {
  const { members, segments } = generateDataset({ seed: 1, size: 100_000 });
  const adapter = createMemoryAdapter({ members, segments });
  const queries: MemberQuery[] = [
    emptyQuery(),
    { ...emptyQuery(), include: ['vips', 'customers'], match: 'any', sort: { key: 'attributes.followers', dir: 'desc' } },
    { ...emptyQuery(), include: ['unassigned'], search: 'an' },
  ];

  // 1. Scrolling a 100k table: random pages of an unchanged query.
  for (const [i, query] of queries.entries()) {
    await adapter.queryMembers(query, { offset: 0, limit: 100 }); // warm: first page sorts once
    const offsets = Array.from({ length: 20 }, (_, k) => ((k * 7919) % 1000) * 100);
    let n = 0;
    const value = await time(() => adapter.queryMembers(query, { offset: offsets[n++ % 20]!, limit: 100 }), 20);
    n = 0;
    const baseline = await time(() => naivePage(members, query, offsets[n++ % 20]!, 100), 5);
    results.push({ name: `page of 100 from 100k members, query ${i + 1}`, unit: 'ms', value, baseline, baselineName: 'filter + sort everything per page' });
  }

  // 2. "Add all 100,000 matching to a segment": request size by query vs by ids.
  const byQuery = JSON.stringify({ op: 'assign', target: { kind: 'query', filter: emptyQuery(), except: [] }, segmentIds: ['vips'], source: 'manual' });
  const byIds = JSON.stringify({ op: 'assign', target: { kind: 'ids', ids: members.map((m) => m.id) }, segmentIds: ['vips'], source: 'manual' });
  results.push({ name: 'bulk add of 100k matching: request body', unit: 'bytes', value: byQuery.length, baseline: byIds.length, baselineName: 'send every id' });

  // 3. Optimistic rows: reading 100 visible rows with 20 writes pending.
  const store = createSegmentStore({ adapter: createMemoryAdapter({ members: members.slice(0, 2000), segments }), pageSize: 100, connectivity: manualConnectivity(false) });
  const off = store.$members.listen(() => undefined);
  await store.loadRange(0, 100);
  const ids = members.slice(0, 2000).map((m) => m.id);
  for (let k = 0; k < 20; k += 1) void store.assign(['vips'], { target: { kind: 'ids', ids: ids.slice(k * 50, k * 50 + 80) } }).catch(() => undefined);
  const readRows = () => {
    const window = store.$members.get();
    for (let r = 0; r < 100; r += 1) window.at(r);
  };
  // Each iteration queues one more write (offline, so they stay pending): a new window value, read afresh.
  const start = performance.now();
  for (let k = 0; k < 200; k += 1) {
    void store.updateSegment('vips', { description: `pending ${k}` }).catch(() => undefined);
    readRows();
  }
  // Includes queueing the write (validation, projection of segments): an upper bound.
  const value = (performance.now() - start) / 200;
  const rows = Array.from({ length: 100 }, (_, r) => store.$members.get().at(r)!);
  const baseline = await time(() => rows.map((m) => structuredClone(m)), 50);
  results.push({ name: 'render 100 rows with 20-220 pending writes', unit: 'ms', value, baseline, baselineName: 'structuredClone the rows' });
  off();
  store.destroy();

  (window as unknown as { __bench: Result[] }).__bench = results;
}

main().catch((error) => {
  (window as unknown as { __benchError: string }).__benchError = String(error?.stack ?? error);
});
