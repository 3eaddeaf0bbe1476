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
    /** How many tasks of a ping-pong other than the call's own ran while `run` was pending. */
    const turnsDuring = async (run: () => Promise<unknown>) => {
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
    };
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
});
