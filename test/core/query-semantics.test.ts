/**
 * The wire contract's "Member queries" rules (packages/rest/openapi.yaml,
 * decision 023), each as a hand-computed case: who a filter selects and in
 * what order, served by the memory adapter (the reference implementation in
 * query.ts) and predicted by the store for a queued "all matching" change.
 */
import type { AttributeFilter, Member, MemberFilter, MemberSort, SegmentsAdapter } from '@segkit/core';
import { UNASSIGNED_ID, compareCodePoints, createMemoryAdapter, emptyFilter, emptyQuery } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect } from '../setup/expect.js';
import { cleanup, makeStore, rowById } from './fixtures.js';

const TW1 = 'x\uFFFD'; // U+FFFD: before U+1F600 by code point, after it by UTF-16 code unit
const TW2 = 'x\u{1F600}';

const MEMBERS: Member[] = [
  member('zoe1', 'Zoë Ádám', 'zoe@example.com', { followers: 1000, niche: 'Beauty', code: 'item 10', vip: true }, ['vips'], '2026-01-05T10:00:00+01:00'),
  member('zoe2', 'zoe adam', 'ZOE2@example.com', { followers: '90', niche: 'beauty', code: 'item 9', vip: false }, [], '2026-01-05T09:30:00Z'),
  member('m10', 'Member 10', undefined, { followers: 50, niche: 'Fitness' }, ['vips', 'creators'], '2026-01-05T09:00:00.500Z'),
  member('m2', 'Member 2', 'm2@example.com', { constructor: 'set', followers: 999 }, ['creators'], '2026-01-05T08:59:59Z'),
  member(TW1, 'Twin', 'twin@example.com', {}, [], '2026-01-05T08:00:00Z'),
  member(TW2, 'twin', 'twin@example.com', {}, [], '2026-01-05T08:00:00Z'),
];
const ALL = ['zoe1', 'zoe2', 'm10', 'm2', TW1, TW2];

function member(
  id: string,
  name: string,
  email: string | undefined,
  attributes: Member['attributes'],
  segmentIds: string[],
  createdAt: string,
): Member {
  return { id, name, ...(email === undefined ? {} : { email }), attributes, segmentIds, createdAt };
}

const T = '2026-01-01T00:00:00Z';
function adapter(): SegmentsAdapter {
  return createMemoryAdapter({
    members: MEMBERS,
    segments: [
      { id: 'vips', name: 'VIPs', createdAt: T, updatedAt: T },
      { id: 'creators', name: 'Creators', createdAt: T, updatedAt: T },
    ],
  });
}

async function ids(
  filter: Partial<MemberFilter>,
  sort: MemberSort = { key: 'name', dir: 'asc' },
  from: SegmentsAdapter = adapter(),
): Promise<string[]> {
  const page = await from.queryMembers({ ...emptyQuery(), ...filter, sort }, { offset: 0, limit: 50 });
  return page.items.map((m) => m.id);
}

const where = (...attributes: AttributeFilter[]) => ({ attributes });
const set = (list: string[]) => [...list].sort();

describe('query semantics (the wire contract, "Member queries")', () => {
  describe('segments', () => {
    it('include any / all, then exclude; Unassigned is in no stored segment', async () => {
      expect(set(await ids({ include: ['vips'] }))).to.deep.equal(set(['zoe1', 'm10']));
      expect(await ids({ include: ['vips', 'creators'], match: 'all' })).to.deep.equal(['m10']);
      expect(set(await ids({ include: [UNASSIGNED_ID] }))).to.deep.equal(set(['zoe2', TW1, TW2]));
      expect(set(await ids({ exclude: [UNASSIGNED_ID] }))).to.deep.equal(set(['zoe1', 'm10', 'm2']));
      expect(set(await ids({ include: ['creators'], exclude: ['vips'] }))).to.deep.equal(['m2']);
    });

    it('an id that names no segment is not an error: nobody is in it', async () => {
      expect(await ids({ include: ['gone'] })).to.deep.equal([]);
      expect(set(await ids({ exclude: ['gone'] }))).to.deep.equal(set(ALL));
      expect(set(await ids({ include: ['vips', 'gone'] }))).to.deep.equal(set(['zoe1', 'm10']));
      expect(await ids({ include: ['vips', 'gone'], match: 'all' })).to.deep.equal([]);
    });
  });

  describe('search', () => {
    it('is a folded substring of name, email or a string attribute, trimmed', async () => {
      expect(set(await ids({ search: 'ZOE' }))).to.deep.equal(['zoe1', 'zoe2']);
      expect(set(await ids({ search: '  ádam ' }))).to.deep.equal(['zoe1', 'zoe2']);
      expect(set(await ids({ search: 'fitness' }))).to.deep.equal(['m10']);
      expect(set(await ids({ search: '   ' }))).to.deep.equal(set(ALL));
    });

    it('never looks in numbers or booleans', async () => {
      expect(await ids({ search: '999' })).to.deep.equal([]);
      expect(await ids({ search: 'true' })).to.deep.equal([]);
    });
  });

  describe('attribute rules', () => {
    it('eq: same JSON type and equal, strings folded', async () => {
      expect(set(await ids(where({ key: 'niche', op: 'eq', value: 'BEAUTY' })))).to.deep.equal(['zoe1', 'zoe2']);
      expect(await ids(where({ key: 'followers', op: 'eq', value: 1000 }))).to.deep.equal(['zoe1']);
      expect(await ids(where({ key: 'followers', op: 'eq', value: '90' }))).to.deep.equal(['zoe2']);
      expect(await ids(where({ key: 'followers', op: 'eq', value: 90 })), '"90" is not 90').to.deep.equal([]);
    });

    it('neq: missing, or not eq', async () => {
      expect(set(await ids(where({ key: 'niche', op: 'neq', value: 'beauty' })))).to.deep.equal(set(['m10', 'm2', TW1, TW2]));
      expect(set(await ids(where({ key: 'followers', op: 'neq', value: 90 })))).to.deep.equal(set(ALL));
    });

    it('contains: string values only, folded', async () => {
      expect(set(await ids(where({ key: 'code', op: 'contains', value: 'ITEM' })))).to.deep.equal(['zoe1', 'zoe2']);
      expect(await ids(where({ key: 'followers', op: 'contains', value: '9' })), 'not the number 999').to.deep.equal(['zoe2']);
      expect(await ids(where({ key: 'followers', op: 'contains', value: 9 })), 'a number value as its text').to.deep.equal(['zoe2']);
    });

    it('gt, gte, lt, lte: values of the filter value\'s type only, in the value order', async () => {
      expect(set(await ids(where({ key: 'followers', op: 'gte', value: 60 }))), 'not the string "90"').to.deep.equal(['m2', 'zoe1']);
      expect(await ids(where({ key: 'followers', op: 'lt', value: 999 }))).to.deep.equal(['m10']);
      expect(await ids(where({ key: 'followers', op: 'lte', value: 'abc' })), 'only strings').to.deep.equal(['zoe2']);
      expect(await ids(where({ key: 'code', op: 'lt', value: 'ITEM 10' })), 'digits as numbers, case ignored').to.deep.equal(['zoe2']);
      expect(await ids(where({ key: 'code', op: 'gte', value: 'item 10' }))).to.deep.equal(['zoe1']);
      expect(await ids(where({ key: 'vip', op: 'gt', value: false }))).to.deep.equal(['zoe1']);
      expect(await ids(where({ key: 'vip', op: 'lte', value: true }), { key: 'name', dir: 'desc' })).to.deep.equal(['zoe1', 'zoe2']);
    });

    it('read own keys only: constructor is missing unless set', async () => {
      expect(await ids(where({ key: 'constructor', op: 'eq', value: 'set' }))).to.deep.equal(['m2']);
      expect(await ids(where({ key: 'constructor', op: 'gte', value: '' }))).to.deep.equal(['m2']);
      expect(await ids(where({ key: 'toString', op: 'contains', value: 'function' }))).to.deep.equal([]);
      expect(set(await ids(where({ key: '__proto__', op: 'neq', value: 'x' })))).to.deep.equal(set(ALL));
    });

    it('every rule must hold', async () => {
      const both = where({ key: 'niche', op: 'eq', value: 'beauty' }, { key: 'vip', op: 'eq', value: false });
      expect(await ids(both)).to.deep.equal(['zoe2']);
    });
  });

  describe('order', () => {
    it('names: case and accents ignored, digits as numbers, ties by id in code point order, ascending both ways', async () => {
      expect(await ids({}, { key: 'name', dir: 'asc' })).to.deep.equal(['m2', 'm10', TW1, TW2, 'zoe1', 'zoe2']);
      expect(await ids({}, { key: 'name', dir: 'desc' })).to.deep.equal(['zoe1', 'zoe2', TW1, TW2, 'm10', 'm2']);
    });

    it('emails: missing last in both directions', async () => {
      expect(await ids({}, { key: 'email', dir: 'asc' })).to.deep.equal(['m2', TW1, TW2, 'zoe1', 'zoe2', 'm10']);
      expect(await ids({}, { key: 'email', dir: 'desc' })).to.deep.equal(['zoe2', 'zoe1', TW1, TW2, 'm2', 'm10']);
    });

    it('createdAt: by instant, whatever the offset or precision', async () => {
      // 10:00+01:00 is 09:00Z, before 09:00:00.500Z.
      expect(await ids({}, { key: 'createdAt', dir: 'asc' })).to.deep.equal([TW1, TW2, 'm2', 'zoe1', 'm10', 'zoe2']);
      expect(await ids({}, { key: 'createdAt', dir: 'desc' })).to.deep.equal(['zoe2', 'm10', 'zoe1', 'm2', TW1, TW2]);
    });

    it('an attribute of mixed types: numbers, then strings, then missing', async () => {
      expect(await ids({}, { key: 'attributes.followers', dir: 'asc' })).to.deep.equal(['m10', 'm2', 'zoe1', 'zoe2', TW1, TW2]);
      expect(await ids({}, { key: 'attributes.followers', dir: 'desc' })).to.deep.equal(['zoe2', 'zoe1', 'm2', 'm10', TW1, TW2]);
      expect(await ids({}, { key: 'attributes.vip', dir: 'asc' })).to.deep.equal(['zoe2', 'zoe1', 'm10', 'm2', TW1, TW2]);
    });

    it('segments: by how many stored segments, ties by id', async () => {
      expect(await ids({}, { key: 'segments', dir: 'desc' })).to.deep.equal(['m10', 'm2', 'zoe1', TW1, TW2, 'zoe2']);
    });

    it('compares ids by code point, as UTF-8 bytes do', () => {
      expect(compareCodePoints(TW1, TW2)).to.be.lessThan(0);
      expect(compareCodePoints('m10', 'm2')).to.be.lessThan(0);
      expect(compareCodePoints('a', 'ab')).to.be.lessThan(0);
      expect(compareCodePoints('\u{1F600}', '\u{1F601}')).to.be.lessThan(0);
      expect(compareCodePoints('same', 'same')).to.equal(0);
    });
  });

  describe('the store predicts with the same rules', () => {
    afterEach(cleanup);

    it('a queued "all matching" change marks exactly the loaded rows the backend will change', async () => {
      const backend = adapter();
      const { store, connectivity } = makeStore(backend);
      await allTasks();
      const filter = { ...emptyFilter(), attributes: [{ key: 'followers', op: 'gte', value: 60 } as AttributeFilter] };
      connectivity.set(false);
      void store.assign(['vips'], { target: { kind: 'query', filter, except: [] } }).catch(() => {});
      const predicted = ALL.filter((id) => rowById(store, id)!.segmentIds.includes('vips'));
      // m2 (999) joins; zoe1 (1000) and m10 were in already; zoe2's "90" is a string, never >= 60.
      expect(set(predicted)).to.deep.equal(set(['zoe1', 'm10', 'm2']));
      connectivity.set(true);
      await store.settled();
      const served = await ids({ include: ['vips'] }, undefined, backend);
      expect(set(served), 'the backend agrees').to.deep.equal(set(predicted));
    });
  });
});
