/** Segments: the list and its counts, creating, naming, renaming, deleting. */
import { UNASSIGNED_ID } from '@segkit/core';
import { assert, skip } from '../assert.js';
import type { Check } from '../check.js';
import { allMembers, cleanUp, counts, withSegment } from '../check.js';

export const segmentChecks: Check[] = [
  {
    group: 'segments',
    name: 'lists stored segments with exact counts and a derived Unassigned count',
    needs: [],
    async run(ctx) {
      const list = await ctx.adapter.listSegments();
      if (ctx.known?.totalMembers !== undefined) assert.equal(list.totalMembers, ctx.known.totalMembers, 'totalMembers');
      const members = await allMembers(ctx);
      assert.equal(members.length, list.totalMembers, 'totalMembers is the number of members a query pages through');
      if (list.items.length === 0) skip('the backend has no stored segment');
      assert.equal(list.items.some((s) => s.id === UNASSIGNED_ID), false, 'Unassigned is never listed in items');
      for (const segment of list.items) {
        assert.equal(segment.memberCount, members.filter((m) => m.segmentIds.includes(segment.id)).length, `memberCount of "${segment.name}"`);
      }
      assert.equal(list.unassignedCount, members.filter((m) => m.segmentIds.length === 0).length, 'unassignedCount');
    },
  },
  {
    group: 'segments',
    name: 'creates a segment with a trimmed name, zero members and the id the client chose',
    needs: ['write'],
    async run(ctx) {
      const id = `seg_conformance_${ctx.runId}`;
      const name = ctx.name('Beta Testers');
      try {
        const segment = await ctx.adapter.createSegment({ id, name: `  ${name}  `, color: '#AABBCC' });
        assert.includes(segment, { id, name, memberCount: 0, color: '#aabbcc' });
        assert.ok(!Number.isNaN(Date.parse(segment.createdAt)), `createdAt is a date: ${segment.createdAt}`);
        const list = await ctx.adapter.listSegments();
        assert.contains(list.items.map((s) => s.name), name, 'the new segment is listed');
      } finally {
        await cleanUp(ctx, [id]);
      }
    },
  },
  {
    group: 'segments',
    name: 'refuses taken names case-insensitively, empty, long, multi-line and reserved names',
    needs: ['write'],
    async run(ctx) {
      const created: string[] = [];
      const name = ctx.name('Winners');
      try {
        created.push((await ctx.adapter.createSegment({ name })).id);
        await assert.rejects(ctx.adapter.createSegment({ name: ` ${name.toUpperCase()} ` }), 'name-taken', 'the same name in capitals');
        await assert.rejects(ctx.adapter.createSegment({ name: '' }), 'name-invalid', 'an empty name');
        await assert.rejects(ctx.adapter.createSegment({ name: '   ' }), 'name-invalid', 'a blank name');
        await assert.rejects(ctx.adapter.createSegment({ name: 'x'.repeat(81) }), 'name-invalid', '81 characters');
        await assert.rejects(ctx.adapter.createSegment({ name: ctx.name('two\nlines') }), 'name-invalid', 'a line break');
        await assert.rejects(ctx.adapter.createSegment({ name: 'unassigned' }), 'reserved-segment', '"unassigned"');
        await assert.rejects(ctx.adapter.createSegment({ name: ctx.name('Winners2'), color: 'red' }), 'invalid-input', 'colour "red"');
        const list = await ctx.adapter.listSegments();
        assert.equal(list.items.filter((s) => s.name.toLowerCase() === name.toLowerCase()).length, 1, 'segments of that name');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'segments',
    name: 'refuses invisible and direction-changing names; folds spaces, case and accents',
    needs: ['write'],
    async run(ctx) {
      const created: string[] = [];
      try {
        const before = (await ctx.adapter.listSegments()).items.length;
        const vip = ctx.name('VIP');
        created.push((await ctx.adapter.createSegment({ name: vip })).id);
        const sale = await ctx.adapter.createSegment({ name: `  ${ctx.name('Summer')}   Sale ` });
        created.push(sale.id);
        assert.equal(sale.name, ctx.name('Summer Sale'), 'spaces trimmed and collapsed');
        for (const name of [ctx.name('V\u200bIP'), 'Unassigned\u200b', '\u200b\u200b', ctx.name('\u202eelaS'), `${vip}\ufeff`]) {
          await assert.rejects(ctx.adapter.createSegment({ name }), 'name-invalid', `create ${JSON.stringify(name)}`);
          await assert.rejects(ctx.adapter.updateSegment(sale.id, { name }), 'name-invalid', `rename to ${JSON.stringify(name)}`);
        }
        const cafe = ctx.name('Café');
        created.push((await ctx.adapter.createSegment({ name: cafe })).id);
        await assert.rejects(ctx.adapter.createSegment({ name: ctx.name('CAFE') }), 'name-taken', '"CAFE" after "Café"');
        const names = (await ctx.adapter.listSegments()).items.map((s) => s.name);
        for (const name of [vip, ctx.name('Summer Sale'), cafe]) assert.contains(names, name);
        assert.equal(names.length, before + 3, 'nothing else was created');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'segments',
    name: 'keeps HTML in names as plain text',
    needs: ['write'],
    async run(ctx) {
      const name = ctx.name('<img src=x onerror=alert(1)> VIP & Co');
      await withSegment(ctx, { name }, async (segment) => assert.equal(segment.name, name));
    },
  },
  {
    group: 'segments',
    name: 'accepts 80 characters, emoji counted as one',
    needs: ['write'],
    async run(ctx) {
      const prefix = ctx.name('');
      const name = prefix + '🎉'.repeat(80 - [...prefix].length);
      await withSegment(ctx, { name }, async (segment) => assert.equal(segment.name, name));
    },
  },
  {
    group: 'segments',
    name: 'renames, sets and clears description, colour and metadata',
    needs: ['write'],
    async run(ctx) {
      const created: string[] = [];
      try {
        const segment = await ctx.adapter.createSegment({ name: ctx.name('Customers 2026'), description: 'Bought once' });
        created.push(segment.id);
        const renamed = await ctx.adapter.updateSegment(segment.id, {
          name: `${ctx.name('customers 2026')} `,
          color: '#123456',
          metadata: { discountCode: 'SAVE10', tiers: [1, 2] },
        });
        assert.equal(renamed.name, ctx.name('customers 2026'), 'a rename that changes only case');
        assert.deepEqual(renamed.metadata, { discountCode: 'SAVE10', tiers: [1, 2] }, 'metadata');
        const cleared = await ctx.adapter.updateSegment(segment.id, { description: null, color: null, metadata: null });
        assert.equal(cleared.description, undefined, 'description cleared');
        assert.equal(cleared.color, undefined, 'colour cleared');
        assert.equal(cleared.metadata, undefined, 'metadata cleared');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'segments',
    name: 'refuses renames onto another name, of unknown or built-in segments',
    needs: ['write'],
    async run(ctx) {
      const created: string[] = [];
      try {
        const a = await ctx.adapter.createSegment({ name: ctx.name('Alpha') });
        created.push(a.id);
        created.push((await ctx.adapter.createSegment({ name: ctx.name('Beta') })).id);
        await assert.rejects(ctx.adapter.updateSegment(a.id, { name: ctx.name('BETA') }), 'name-taken', 'onto another name');
        await assert.rejects(ctx.adapter.updateSegment(`nope-${ctx.runId}`, { name: ctx.name('Gamma') }), 'not-found', 'an unknown id');
        await assert.rejects(ctx.adapter.updateSegment(UNASSIGNED_ID, { name: ctx.name('Gamma') }), 'reserved-segment', 'Unassigned');
        await assert.rejects(ctx.adapter.updateSegment(a.id, { name: 'Unassigned' }), 'reserved-segment', 'to "Unassigned"');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'segments',
    name: 'deletes a segment without deleting members; its only members return to Unassigned',
    needs: ['write'],
    async run(ctx) {
      const before = await counts(ctx);
      const members = await allMembers(ctx);
      const lonely = members.filter((m) => m.segmentIds.length === 0).slice(0, 3).map((m) => m.id);
      const busy = members.filter((m) => m.segmentIds.length > 0).slice(0, 2).map((m) => m.id);
      if (lonely.length < 3 || busy.length < 2) skip('needs 3 members in Unassigned and 2 in some segment');
      const segment = await ctx.adapter.createSegment({ name: ctx.name('Temp') });
      try {
        await ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: [...lonely, ...busy] }, segmentIds: [segment.id], source: 'manual' });
        assert.equal((await counts(ctx)).unassigned, before.unassigned - 3, 'Unassigned after assigning 3 of its members');
        const deleted = await ctx.adapter.deleteSegment(segment.id);
        assert.deepEqual([...deleted.memberIds].sort(), [...lonely, ...busy].sort(), 'memberIds of the deleted segment');
        assert.equal(deleted.unassignedDelta, 3, 'unassignedDelta');
        const after = await counts(ctx);
        assert.equal(after.total, before.total, 'no member deleted');
        if (ctx.known?.totalMembers !== undefined) assert.equal(after.total, ctx.known.totalMembers, 'totalMembers');
        assert.equal(after.unassigned, before.unassigned, 'Unassigned as before');
        assert.equal(after.of(segment.id), undefined, 'the segment is gone from the list');
        await assert.rejects(ctx.adapter.deleteSegment(segment.id), 'not-found', 'deleting it again');
        await assert.rejects(ctx.adapter.deleteSegment(UNASSIGNED_ID), 'reserved-segment', 'deleting Unassigned');
      } finally {
        await cleanUp(ctx, [segment.id]);
      }
    },
  },
];
