/**
 * The memory adapter's bulk writes on the page (decision 031): planned in
 * slices with the event loop let in between, committed in one step, one
 * write at a time. A read that runs while a write is being planned sees the
 * data as it was before the write; one that runs after sees all of it;
 * none sees half.
 */
import type { Member, MemoryAdapter } from '@segkit/core';
import { createMemoryAdapter, emptyFilter, emptyQuery } from '@segkit/core';
import { expect } from '../setup/expect.js';

const T = '2026-01-01T00:00:00Z';
/** The size of the issue: a bulk write plans over several slices at this size. */
const BIG = 100_000;
const SEGMENTS = [
  { id: 'vips', name: 'VIPs', createdAt: T, updatedAt: T },
  { id: 'creators', name: 'Creators', createdAt: T, updatedAt: T },
];

/** `n` members; every other one is a VIP. */
function seed(n: number): MemoryAdapter {
  const members: Member[] = Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    name: `Member ${i}`,
    attributes: {},
    segmentIds: i % 2 === 0 ? ['vips'] : [],
    createdAt: T,
  }));
  return createMemoryAdapter({ members, segments: SEGMENTS });
}

/** A later task (a message, as the adapter's own slices use: a timer could wait out several of them). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * Reads the adapter over and over (each read in a task of its own) while
 * `write` is pending: what each read saw, tagged with whether the write had
 * answered by then.
 */
async function readWhile<T>(write: Promise<unknown>, read: () => Promise<T> | T): Promise<Array<{ seen: T; answered: boolean }>> {
  let answered = false;
  void write.then(() => (answered = true), () => (answered = true));
  const seen: Array<{ seen: T; answered: boolean }> = [];
  while (!answered) {
    await nextTask();
    const before = answered;
    seen.push({ seen: await read(), answered: before });
  }
  await write;
  seen.push({ seen: await read(), answered: true });
  return seen;
}

describe('memory adapter: a bulk write on the page (decision 031)', () => {
  it('adding 100,000 members to a segment lets reads run meanwhile; each sees the segment as before the write or after it, never half', async () => {
    const adapter = seed(BIG);
    const count = async () => (await adapter.queryMembers({ ...emptyQuery(), include: ['creators'] }, { offset: 0, limit: 1 })).total;
    const write = adapter.changeMembership({ op: 'assign', target: { kind: 'query', filter: emptyFilter(), except: [] }, segmentIds: ['creators'], source: 'manual' });
    const queries: Array<Promise<number>> = [];

    // A snapshot in every task while the write runs, and a query started in the first few.
    const reads = await readWhile(write, () => {
      if (queries.length < 3) queries.push(count());
      return adapter.snapshot().members.filter((m) => m.segmentIds.includes('creators')).length;
    });

    expect(reads.filter((r) => !r.answered).length, 'reads while the write was still running').to.be.above(0);
    for (const { seen } of reads) expect([0, BIG], 'a snapshot sees none or all').to.include(seen);
    for (const total of await Promise.all(queries)) expect([0, BIG], 'a query sees none or all').to.include(total);
    expect(reads.at(-1)!.seen, 'after the write, all of it').to.equal(BIG);
    const result = await write;
    expect(result.segments[0]!.memberIds.length, 'the answer names exactly who changed').to.equal(BIG);
    expect((await adapter.listSegments()).items.find((s) => s.id === 'creators')!.memberCount).to.equal(BIG);
  });

  it('deleting a segment of 50,000 members: reads see it whole or gone; a write called meanwhile runs after it', async () => {
    const adapter = seed(BIG);
    const vipsOf = () => {
      const { members, segments } = adapter.snapshot();
      return [segments.some((s) => s.id === 'vips'), members.filter((m) => m.segmentIds.includes('vips')).length, members.filter((m) => m.segmentIds.length === 0).length];
    };
    const remove = adapter.deleteSegment('vips');
    // Called while the delete is planned: it must see the delete done (every member unassigned before it adds them).
    const add = adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: ['m0', 'm1'] }, segmentIds: ['creators'], source: 'manual' });

    const reads = await readWhile(remove, vipsOf);

    // On a quiet machine the delete can plan in one slice, so no read runs before it answers: the
    // add test above is the one that needs reads mid-write; here every read seen must be whole or gone.
    // Whole, gone, or gone with the add after it: never a part of the segment's members.
    const states = [[true, BIG / 2, BIG / 2], [false, 0, BIG], [false, 0, BIG - 2]];
    for (const { seen } of reads) expect(states, 'whole or gone').to.deep.include(seen);
    const deleted = await remove;
    expect(deleted.memberIds.length).to.equal(BIG / 2);
    expect(deleted.unassignedDelta).to.equal(BIG / 2);
    const added = await add;
    expect(added.unassignedDelta, 'the add ran after the delete: m0 (a VIP before) was unassigned by then').to.equal(-2);
    expect(adapter.member('m0')!.segmentIds).to.deep.equal(['creators']);
  });
});
