/**
 * The memory adapter's own indexes (decision 027): members kept as given and
 * replaced on write, search texts built lazily, sorted orders cached and kept
 * up to date, and an order equal to the plain collator sort of decision 023.
 */
import type { Member, MemberQuery, MemberSort, SegmentsAdapter } from '@segkit/core';
import { compareMembers, createMemoryAdapter, emptyQuery } from '@segkit/core';
import { expect } from '../setup/expect.js';

const T = '2026-01-01T00:00:00Z';
const SEGMENTS = [
  { id: 'vips', name: 'VIPs', createdAt: T, updatedAt: T },
  { id: 'creators', name: 'Creators', createdAt: T, updatedAt: T },
];
const INVITE = { id: 'inv_1', token: 'tok_1', segmentId: 'creators', createdAt: T, uses: 0 };

function member(id: string, name: string, extra: Partial<Member> = {}): Member {
  return { id, name, attributes: {}, segmentIds: [], createdAt: T, ...extra };
}

async function all(adapter: SegmentsAdapter, query: Partial<MemberQuery> = {}): Promise<Member[]> {
  const out: Member[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await adapter.queryMembers({ ...emptyQuery(), ...query }, { offset, limit: 500 });
    out.push(...page.items);
    if (out.length >= page.total) return out;
  }
}

const names = async (adapter: SegmentsAdapter, query: Partial<MemberQuery> = {}) => (await all(adapter, query)).map((m) => m.name);

/** How many tasks of a ping-pong other than the call's own ran while `run` was pending. */
async function turnsDuring(run: () => Promise<unknown>): Promise<number> {
  const channel = new MessageChannel();
  let turns = 0;
  let pending = true;
  channel.port1.onmessage = () => {
    turns += 1;
    if (pending) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  await run();
  pending = false;
  channel.port1.close();
  return turns;
}

describe('memory adapter: members kept, orders and search texts derived (decision 027)', () => {
  it('keeps the members it is given without copying them, and never changes them: a write replaces a member with a changed copy', async () => {
    const seeds = [member('a', 'Ana', { segmentIds: ['vips'] }), member('b', 'Bo')];
    const before = JSON.stringify(seeds);
    const adapter = createMemoryAdapter({ members: seeds, segments: SEGMENTS });
    expect(adapter.snapshot().members[0], 'the seed object itself, not a copy').to.equal(seeds[0]);
    const earlier = adapter.snapshot().members;

    await adapter.changeMembership({ op: 'assign', target: { kind: 'query', filter: emptyQuery(), except: [] }, segmentIds: ['creators'], source: 'manual' });
    await adapter.deleteSegment('vips');

    expect(JSON.stringify(seeds), 'the caller\'s members are as they were').to.equal(before);
    expect(earlier.map((m) => m.segmentIds), 'an earlier snapshot shows members as they were').to.deep.equal([['vips'], []]);
    expect((await all(adapter)).map((m) => m.segmentIds), 'queries show the writes').to.deep.equal([['creators'], ['creators']]);
    expect(adapter.member('a')!.segmentIds).to.deep.equal(['creators']);
  });

  it('a member who joins after a sort and a search were cached is found by that search, in their sorted place', async () => {
    const adapter = createMemoryAdapter({ members: [member('a', 'Ana'), member('c', 'Chen'), member('z', 'Zoë')], segments: SEGMENTS, invites: [INVITE] });
    const byNameDesc: MemberSort = { key: 'name', dir: 'desc' };
    expect(await names(adapter, { sort: byNameDesc })).to.deep.equal(['Zoë', 'Chen', 'Ana']);
    expect(await names(adapter, { search: 'e' })).to.deep.equal(['Chen', 'Zoë']);

    await adapter.redeemInvite('tok_1', { name: 'Émile' });

    expect(await names(adapter, { sort: byNameDesc }), 'inserted into the cached order').to.deep.equal(['Zoë', 'Émile', 'Chen', 'Ana']);
    expect(await names(adapter), 'and into an order sorted afterwards').to.deep.equal(['Ana', 'Chen', 'Émile', 'Zoë']);
    expect(await names(adapter, { search: 'emi' }), 'their search text folded like everyone\'s').to.deep.equal(['Émile']);
    expect(await names(adapter, { search: 'e' })).to.deep.equal(['Chen', 'Émile', 'Zoë']);
  });

  it('membership writes re-sort by segment count and re-filter, after both were cached', async () => {
    const adapter = createMemoryAdapter({
      members: [member('a', 'Ana', { segmentIds: ['vips', 'creators'] }), member('b', 'Bo', { segmentIds: ['vips'] }), member('c', 'Chen')],
      segments: SEGMENTS,
    });
    const bySegments: MemberSort = { key: 'segments', dir: 'asc' };
    expect(await names(adapter, { sort: bySegments })).to.deep.equal(['Chen', 'Bo', 'Ana']);
    expect(await names(adapter, { include: ['vips'] })).to.deep.equal(['Ana', 'Bo']);

    await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: ['c'] }, segmentIds: ['vips', 'creators'], source: 'manual' });
    await adapter.changeMembership({ op: 'unassign', target: { kind: 'ids', ids: ['a'] }, segmentIds: ['vips', 'creators'], source: 'manual' });

    expect(await names(adapter, { sort: bySegments })).to.deep.equal(['Ana', 'Bo', 'Chen']);
    expect(await names(adapter, { include: ['vips'] })).to.deep.equal(['Bo', 'Chen']);
    expect((await adapter.listSegments()).items.map((s) => s.memberCount), 'counts follow').to.deep.equal([2, 1]);
  });

  it('at 100,000 members, the first search and the first sort let other tasks run before they answer (no long task)', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => member(`m${i}`, `Member ${(i * 7919) % 100_000}`, { email: `m${i}@example.com` }));
    const adapter = createMemoryAdapter({ members: many, segments: SEGMENTS });
    expect(await turnsDuring(() => adapter.queryMembers({ ...emptyQuery(), sort: { key: 'email', dir: 'desc' } }, { offset: 0, limit: 10 })), 'first sort by email').to.be.above(0);
    expect(await turnsDuring(() => adapter.queryMembers({ ...emptyQuery(), search: 'member 1' }, { offset: 0, limit: 10 })), 'first search').to.be.above(0);
    const page = await adapter.queryMembers({ ...emptyQuery(), search: 'member 99999', sort: { key: 'email', dir: 'desc' } }, { offset: 0, limit: 10 });
    expect(page.items.map((m) => m.name), 'and the answer is right').to.deep.equal(['Member 99999']);
  });

  it('orders 3,000 members exactly as the plain collator sort does: accents, case, punctuation, digits, scripts, ties by id', async () => {
    const first = ['Ana', 'ana', 'Ána', 'Anna', 'Ana-María', 'Ana María', "O'Brien", 'Obrien', 'Ø', 'Œdipe', 'Ærø', 'ß', 'ss', 'Ľuboš', 'Đorđe', 'Zoë', 'zoe', 'Łukasz', 'Ömer', 'Çelik'];
    const last = ['Smith', 'smith', 'García', 'Garcia', 'Nguyễn', 'Müller', 'Mueller', 'van Dijk', 'Van Dijk', 'Member 2', 'Member 10', 'Member 010', 'x_y', 'x.y', 'x-y', 'x y', '李', 'Олег', '😀', '', 'Dvořák', 'Dvorak', 'a\u0301b', 'áb', 'a\u00adb', 'Member 0000001', 'Member 1', 'Member 0', 'Member 00', 'Member 1a', 'Member 1 2', 'Member 1-', 'a1b', 'a01b', 'a9', 'a10', '007', '2x', 'x2', '12345678901234567890123456789012345678901234567890', '12345678901234567890123456789012345678901234567891', '3.14', '3,5'];
    const members: Member[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const name = `${first[i % first.length]!}${i % 7 === 0 ? '' : ' '}${last[(i * 7) % last.length]!}`.trim() || 'Nobody';
      const email = i % 5 === 0 ? undefined : `${name.toLowerCase().replace(/\s/g, '.')}${i % 3}@example.com`;
      // Ids shuffled, with a few above U+FFFF and in U+E000..U+FFFF (code-point order, not UTF-16).
      const id = `${(i * 7919) % 3000}${i % 97 === 0 ? '\u{1F600}' : i % 89 === 0 ? '\uFFFD' : ''}`;
      members.push(member(id, name, email === undefined ? {} : { email }));
    }
    const adapter = createMemoryAdapter({ members, segments: SEGMENTS });
    for (const sort of [
      { key: 'name', dir: 'asc' },
      { key: 'name', dir: 'desc' },
      { key: 'email', dir: 'asc' },
      { key: 'email', dir: 'desc' },
    ] as MemberSort[]) {
      const expected = [...members].sort((a, b) => compareMembers(a, b, sort)).map((m) => m.id);
      expect((await all(adapter, { sort })).map((m) => m.id), `${sort.key} ${sort.dir}`).to.deep.equal(expected);
    }
  });

  it('a first page is found without the whole order: it answers before the order a far page needs, and equals that order\'s first rows', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => member(`m${(i * 7919) % 100_000}`, `Member ${(i * 104_729) % 100_000}`));
    const adapter = createMemoryAdapter({ members: many, segments: SEGMENTS });
    const byName = { ...emptyQuery(), sort: { key: 'name', dir: 'asc' } as MemberSort };
    let first: Member[] = [];
    const firstTurns = await turnsDuring(async () => {
      first = (await adapter.queryMembers(byName, { offset: 0, limit: 50 })).items;
    });
    let far: Member[] = [];
    const farTurns = await turnsDuring(async () => {
      far = (await adapter.queryMembers(byName, { offset: 50_000, limit: 50 })).items;
    });
    expect(firstTurns, 'the first rows come in fewer turns than the whole order still takes after them').to.be.below(farTurns);
    const expected = [...many].sort((a, b) => compareMembers(a, b, byName.sort));
    expect(first.map((m) => m.id), 'the first page').to.deep.equal(expected.slice(0, 50).map((m) => m.id));
    expect(far.map((m) => m.id), 'a far page').to.deep.equal(expected.slice(50_000, 50_050).map((m) => m.id));

    // The last page (Ctrl+End) the same way, on an adapter that has sorted nothing yet.
    const again = createMemoryAdapter({ members: many, segments: SEGMENTS });
    let last: Member[] = [];
    const lastTurns = await turnsDuring(async () => {
      last = (await again.queryMembers(byName, { offset: 99_950, limit: 100 })).items;
    });
    const middleTurns = await turnsDuring(() => again.queryMembers(byName, { offset: 50_000, limit: 50 }));
    expect(lastTurns, 'the last rows come in fewer turns than the whole order still takes after them').to.be.below(middleTurns);
    expect(last.map((m) => m.id), 'the last page').to.deep.equal(expected.slice(99_950).map((m) => m.id));
  });

  it('first and last pages equal the whole order\'s for every sort and filter, members in any order, and follow a write', async () => {
    const values = [3, -1, 0, 2.5, 'b', 'A', 'ä', 'a', '', true, false, undefined];
    const seeds = Array.from({ length: 2_000 }, (_, i) =>
      member(`id${(i * 37) % 2_000}`, `${['Zoë', 'ana', 'Ana', 'Ánа', 'Bo 10', 'Bo 9', 'Bo 010'][i % 7]} ${i % 13}`, {
        attributes: values[i % values.length] === undefined ? {} : { tier: values[i % values.length]! },
        segmentIds: i % 3 === 0 ? ['vips'] : i % 3 === 1 ? ['vips', 'creators'] : [],
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 40))).toISOString(),
      }),
    );
    const sorts: MemberSort[] = [
      { key: 'name', dir: 'asc' },
      { key: 'name', dir: 'desc' },
      { key: 'attributes.tier', dir: 'asc' },
      { key: 'attributes.tier', dir: 'desc' },
      { key: 'segments', dir: 'desc' },
      { key: 'createdAt', dir: 'asc' },
    ];
    const filters: Array<Partial<MemberQuery>> = [{}, { include: ['vips'] }, { search: 'bo 1' }, { exclude: ['creators'], search: 'an' }];
    const orders = { given: seeds, sorted: [...seeds].sort((a, b) => compareMembers(a, b, sorts[0]!)), reversed: [...seeds].sort((a, b) => compareMembers(b, a, sorts[0]!)) };
    for (const [arrival, members] of Object.entries(orders)) {
      for (const sort of sorts) {
        for (const filter of filters) {
          // A fresh adapter each time: nothing cached, so the page is found in one pass.
          const adapter = createMemoryAdapter({ members, segments: SEGMENTS });
          // Who matches, from another adapter; their order from the plain comparison of decision 023.
          const expected = (await all(createMemoryAdapter({ members, segments: SEGMENTS }), filter)).sort((a, b) => compareMembers(a, b, sort));
          for (const limit of [1, 7, 100]) {
            const page = await adapter.queryMembers({ ...emptyQuery(), ...filter, sort }, { offset: 0, limit });
            const label = `${arrival}, ${sort.key} ${sort.dir}, ${JSON.stringify(filter)}, limit ${limit}`;
            expect(page.items.map((m) => m.id), label).to.deep.equal(expected.slice(0, limit).map((m) => m.id));
            expect(page.total, label).to.equal(expected.length);
            // And the last page, the total now known (Ctrl+End).
            const offset = Math.max(0, expected.length - limit);
            const end = await adapter.queryMembers({ ...emptyQuery(), ...filter, sort }, { offset, limit });
            expect(end.items.map((m) => m.id), `${label}, last page`).to.deep.equal(expected.slice(offset).map((m) => m.id));
          }
        }
      }
    }
    // A write after a first page: the next first page shows it.
    const adapter = createMemoryAdapter({ members: seeds, segments: SEGMENTS });
    const bySegments = { ...emptyQuery(), sort: { key: 'segments', dir: 'asc' } as MemberSort };
    const before = await adapter.queryMembers(bySegments, { offset: 0, limit: 5 });
    await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: [before.items[0]!.id] }, segmentIds: ['creators'], source: 'manual' });
    const after = await adapter.queryMembers(bySegments, { offset: 0, limit: 5 });
    expect(after.items.map((m) => m.id)).to.deep.equal(before.items.slice(1).map((m) => m.id).concat(after.items[4]!.id));
    expect(after.items.map((m) => m.id)).not.to.include(before.items[0]!.id);
  });

  it('finds every member by id among 5,000 (near-alike, hostile and astral ids), and a seed that repeats an id replaces the first', async () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => [`m${i}`, `m${i} `, `__proto__${i}`, `\u{1F600}${i}`, `constructor${i}`][i % 5]!);
    ids.push('__proto__', 'hasOwnProperty', '');
    const seeds = ids.map((id, i) => member(id, `Name ${i}`, { segmentIds: i % 2 === 0 ? ['vips'] : [] }));
    // The same id again, later: it replaces the first, whose segment count goes with it.
    seeds.push(member('m0', 'Replaced', { segmentIds: ['creators'] }));
    const adapter = createMemoryAdapter({ members: seeds, segments: SEGMENTS });
    expect(adapter.snapshot().members.length).to.equal(ids.length);
    for (const [i, id] of ids.entries()) expect(adapter.member(id)?.name, JSON.stringify(id)).to.equal(id === 'm0' ? 'Replaced' : `Name ${i}`);
    expect(adapter.member('m5000'), 'an id nobody has').to.equal(undefined);
    const counts = Object.fromEntries((await adapter.listSegments()).items.map((s) => [s.id, s.memberCount]));
    expect(counts).to.deep.equal({ vips: Math.ceil(ids.length / 2) - 1, creators: 1 });
    await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: ['__proto__', '\u{1F600}3'] }, segmentIds: ['creators'], source: 'manual' });
    expect(adapter.member('__proto__')!.segmentIds).to.deep.equal(['vips', 'creators']);
    expect(adapter.member('\u{1F600}3')!.segmentIds).to.deep.equal(['creators']);
  });
});
