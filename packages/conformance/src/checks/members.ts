/** Members: paging, sorting, search, attribute and segment filters, page limits. */
import { UNASSIGNED_ID, emptyQuery, foldText } from '@segkit/core';
import type { Member } from '@segkit/core';
import { assert, skip } from '../assert.js';
import type { Check } from '../check.js';
import { allMembers, totalOf } from '../check.js';

/** The first attribute key holding a number in the data, if any. */
export function numericKey(members: readonly Member[]): string | undefined {
  for (const member of members) {
    for (const [key, value] of Object.entries(member.attributes)) if (typeof value === 'number') return key;
  }
  return undefined;
}

export const memberChecks: Check[] = [
  {
    group: 'members',
    name: 'pages at random offsets without gaps or repeats, in a stable order',
    needs: [],
    async run(ctx) {
      const all = await allMembers(ctx);
      const size = all.length;
      if (size < 10) skip(`needs at least 10 members, the backend has ${size}`);
      if (ctx.known?.totalMembers !== undefined) assert.equal(size, ctx.known.totalMembers, 'members paged through');
      assert.equal(new Set(all.map((m) => m.id)).size, size, 'distinct ids across pages');
      const jump = await ctx.adapter.queryMembers(emptyQuery(), { offset: size - 5, limit: 10 });
      assert.equal(jump.total, size, 'total of a page at the end');
      assert.equal(jump.offset, size - 5, 'offset echoed');
      assert.deepEqual(jump.items.map((m) => m.id), all.slice(size - 5).map((m) => m.id), 'the last page read directly');
      const beyond = await ctx.adapter.queryMembers(emptyQuery(), { offset: size + 10, limit: 10 });
      assert.equal(beyond.items.length, 0, 'items past the end');
      assert.equal(beyond.total, size, 'total past the end');
    },
  },
  {
    group: 'members',
    name: 'sorts by name both ways and by a numeric attribute',
    needs: [],
    async run(ctx) {
      const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
      const members = await allMembers(ctx);
      if (members.length < 2) skip('needs at least 2 members');
      const asc = members.map((m) => m.name);
      assert.deepEqual(asc, [...asc].sort(collator.compare), 'names ascending');
      const desc = (await allMembers(ctx, { sort: { key: 'name', dir: 'desc' } })).map((m) => m.name);
      assert.deepEqual(desc, [...asc].sort(collator.compare).reverse(), 'names descending');
      const key = numericKey(members);
      if (key === undefined) skip('no member has a numeric attribute');
      const values = (await allMembers(ctx, { sort: { key: `attributes.${key}`, dir: 'desc' } }))
        .map((m) => m.attributes[key])
        .filter((v): v is number => typeof v === 'number');
      assert.deepEqual(values, [...values].sort((a, b) => b - a), `attributes.${key} descending`);
    },
  },
  {
    group: 'members',
    name: 'searches names and emails ignoring case and accents',
    needs: [],
    async run(ctx) {
      const all = await allMembers(ctx);
      if (all.length === 0) skip('the backend has no member');
      const someone = all[Math.min(17, all.length - 1)]!;
      const word = someone.name.split(' ')[0]!;
      if (!word.trim()) skip(`the name of ${someone.id} starts with a space`);
      const found = await allMembers(ctx, { search: word.toUpperCase() });
      assert.contains(found.map((m) => m.id), someone.id, `searching "${word.toUpperCase()}" finds ${someone.id}`);
      for (const member of found) {
        const text = foldText(`${member.name} ${member.email ?? ''} ${Object.values(member.attributes).join(' ')}`);
        assert.contains(text, foldText(word), `${member.id} found by "${word}"`);
      }
      assert.equal(await totalOf(ctx, { search: `zzqx-no-such-member-${ctx.runId}` }), 0, 'a search nobody matches');
    },
  },
  {
    group: 'members',
    name: "filters on a member's own attributes only: inherited names like constructor match nobody",
    needs: [],
    async run(ctx) {
      const all = await allMembers(ctx);
      for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
        if (all.some((m) => Object.prototype.hasOwnProperty.call(m.attributes, key))) skip(`some members have an own attribute "${key}"`);
        assert.equal(await totalOf(ctx, { attributes: [{ key, op: 'contains', value: 'function' }] }), 0, `${key} contains "function"`);
        assert.equal(await totalOf(ctx, { attributes: [{ key, op: 'gte', value: '' }] }), 0, `${key} >= ""`);
      }
    },
  },
  {
    group: 'members',
    name: 'filters by include (any / all), exclude and Unassigned',
    needs: [],
    async run(ctx) {
      const all = await allMembers(ctx);
      const [a, b] = (await ctx.adapter.listSegments()).items;
      if (!a || !b) skip('needs at least 2 stored segments');
      const size = all.length;
      const inA = all.filter((m) => m.segmentIds.includes(a.id));
      const inB = all.filter((m) => m.segmentIds.includes(b.id));
      const either = all.filter((m) => m.segmentIds.includes(a.id) || m.segmentIds.includes(b.id));
      const both = all.filter((m) => m.segmentIds.includes(a.id) && m.segmentIds.includes(b.id));
      assert.equal(await totalOf(ctx, { include: [a.id, b.id], match: 'any' }), either.length, 'include a, b (any)');
      assert.equal(await totalOf(ctx, { include: [a.id, b.id], match: 'all' }), both.length, 'include a, b (all)');
      assert.equal(await totalOf(ctx, { include: [a.id], exclude: [b.id] }), inA.length - both.length, 'include a, exclude b');
      assert.equal(await totalOf(ctx, { exclude: [b.id] }), size - inB.length, 'exclude b');
      const unassigned = all.filter((m) => m.segmentIds.length === 0).length;
      assert.equal(await totalOf(ctx, { include: [UNASSIGNED_ID] }), unassigned, 'include Unassigned');
      assert.equal(await totalOf(ctx, { exclude: [UNASSIGNED_ID] }), size - unassigned, 'exclude Unassigned');
      assert.equal(await totalOf(ctx, { include: [UNASSIGNED_ID, a.id] }), unassigned + inA.length, 'include Unassigned, a');
    },
  },
  {
    group: 'members',
    name: 'refuses a page limit out of range',
    needs: [],
    async run(ctx) {
      await assert.rejects(ctx.adapter.queryMembers(emptyQuery(), { offset: 0, limit: 0 }), 'invalid-input', 'limit 0');
      await assert.rejects(ctx.adapter.queryMembers(emptyQuery(), { offset: -1, limit: 10 }), 'invalid-input', 'offset -1');
      await assert.rejects(ctx.adapter.queryMembers(emptyQuery(), { offset: 0, limit: 501 }), 'invalid-input', 'limit 501');
    },
  },
];
