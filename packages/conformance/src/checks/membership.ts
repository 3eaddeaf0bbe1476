/** Membership: assign / unassign, refusals, acting on a query, request ids; audience counts; errors. */
import { SegkitError, UNASSIGNED_ID, emptyFilter, emptyQuery } from '@segkit/core';
import { assert, skip } from '../assert.js';
import type { Check } from '../check.js';
import { allMembers, cleanUp, counts, totalOf } from '../check.js';

export const membershipChecks: Check[] = [
  {
    group: 'membership',
    name: 'assigns and unassigns; Unassigned follows; never twice in one segment',
    needs: ['write'],
    async run(ctx) {
      const lonely = (await allMembers(ctx, { include: [UNASSIGNED_ID] })).slice(0, 4).map((m) => m.id);
      if (lonely.length < 4) skip(`needs 4 members in Unassigned, the backend has ${lonely.length}`);
      const created: string[] = [];
      try {
        const segment = await ctx.adapter.createSegment({ name: ctx.name('Ambassadors') });
        created.push(segment.id);
        const other = await ctx.adapter.createSegment({ name: ctx.name('Partners') });
        created.push(other.id);
        const before = await counts(ctx);

        const first = await ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id], source: 'manual' });
        assert.includes(first.segments[0], { segmentId: segment.id, changed: 4, skipped: 0 }, 'first assign');
        assert.equal(first.unassignedDelta, -4, 'unassignedDelta of the first assign');
        const again = await ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id, other.id], source: 'manual' });
        assert.includes(again.segments.find((s) => s.segmentId === segment.id), { changed: 0, skipped: 4 }, 'assigning again');
        assert.includes(again.segments.find((s) => s.segmentId === other.id), { changed: 4, skipped: 0 }, 'the second segment');
        assert.equal(again.unassignedDelta, 0, 'unassignedDelta of the second assign');

        let now = await counts(ctx);
        assert.equal(now.of(segment.id), 4, 'memberCount of the first segment');
        assert.equal(now.of(other.id), 4, 'memberCount of the second segment');
        assert.equal(now.unassigned, before.unassigned - 4, 'Unassigned');
        const member = (await allMembers(ctx, { include: [segment.id] }))[0]!;
        assert.equal(member.segmentIds.filter((id) => id === segment.id).length, 1, 'the segment once in segmentIds');

        const removeOne = await ctx.adapter.changeMembership({ op: 'unassign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id], source: 'manual' });
        assert.equal(removeOne.unassignedDelta, 0, 'unassignedDelta of removing one of two segments');
        const removeLast = await ctx.adapter.changeMembership({ op: 'unassign', target: { kind: 'ids', ids: lonely }, segmentIds: [other.id], source: 'manual' });
        assert.equal(removeLast.unassignedDelta, 4, 'unassignedDelta of removing the last segment');
        assert.deepEqual([...removeLast.segments[0]!.memberIds].sort(), [...lonely].sort(), 'memberIds removed');
        now = await counts(ctx);
        assert.equal(now.unassigned, before.unassigned, 'Unassigned as before');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'membership',
    name: 'refuses Unassigned and unknown segments as targets, and an empty segment list',
    needs: ['write'],
    async run(ctx) {
      const ids = (await ctx.adapter.queryMembers(emptyQuery(), { offset: 0, limit: 2 })).items.map((m) => m.id);
      if (ids.length < 2) skip('needs 2 members');
      await assert.rejects(
        ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: [UNASSIGNED_ID], source: 'manual' }),
        'reserved-segment',
        'assigning to Unassigned',
      );
      await assert.rejects(
        ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: [`missing-${ctx.runId}`], source: 'manual' }),
        'not-found',
        'assigning to an unknown segment',
      );
      await assert.rejects(
        ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: [], source: 'manual' }),
        'invalid-input',
        'assigning to no segment',
      );
    },
  },
  {
    group: 'membership',
    name: 'acts on a whole query minus exceptions, and previews exactly what it then does',
    needs: ['write'],
    async run(ctx) {
      const segments = (await ctx.adapter.listSegments()).items;
      if (segments.length === 0) skip('the backend has no stored segment');
      const vip = segments.reduce((a, b) => (b.memberCount > a.memberCount ? b : a));
      if (vip.memberCount < 8) skip(`needs a segment with 8 members, the largest has ${vip.memberCount}`);
      const inVip = await allMembers(ctx, { include: [vip.id] });
      const target = await ctx.adapter.createSegment({ name: ctx.name('Everyone but two') });
      try {
        await ctx.adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: inVip.slice(0, 3).map((m) => m.id) }, segmentIds: [target.id], source: 'manual' });
        const except = inVip.slice(3, 5).map((m) => m.id);
        const change = {
          op: 'assign' as const,
          target: { kind: 'query' as const, filter: { ...emptyFilter(), include: [vip.id] }, except },
          segmentIds: [target.id],
          source: 'manual' as const,
        };
        const preview = await ctx.adapter.previewMembership(change);
        assert.equal(preview.members, inVip.length - 2, 'members the preview counts');
        assert.includes(preview.segments[0], { segmentId: target.id, changed: inVip.length - 5, skipped: 3 }, 'the preview');
        assert.equal((await counts(ctx)).of(target.id), 3, 'a preview changes nothing');
        const result = await ctx.adapter.changeMembership(change);
        assert.includes(result.segments[0], { changed: preview.segments[0]!.changed, skipped: 3 }, 'the change as previewed');
        assert.equal(result.unassignedDelta, preview.unassignedDelta, 'unassignedDelta as previewed');
        const now = await allMembers(ctx, { include: [target.id] });
        assert.deepEqual(now.map((m) => m.id).sort(), inVip.filter((m) => !except.includes(m.id)).map((m) => m.id).sort(), 'members now in the segment');
      } finally {
        await cleanUp(ctx, [target.id]);
      }
    },
  },
  {
    group: 'membership',
    name: 'applies a request id at most once and answers a replay with the first result',
    needs: ['write'],
    async run(ctx) {
      const ids = (await ctx.adapter.queryMembers(emptyQuery(), { offset: 0, limit: 5 })).items.map((m) => m.id);
      if (ids.length < 5) skip('needs 5 members');
      const name = ctx.name('Once');
      const created: string[] = [];
      try {
        const segment = await ctx.adapter.createSegment({ name }, { requestId: `req-create-${ctx.runId}` });
        created.push(segment.id);
        const replay = await ctx.adapter.createSegment({ name }, { requestId: `req-create-${ctx.runId}` });
        assert.equal(replay.id, segment.id, 'a replayed create answers the first segment');
        const change = { op: 'assign' as const, target: { kind: 'ids' as const, ids }, segmentIds: [segment.id], source: 'manual' as const };
        const first = await ctx.adapter.changeMembership(change, { requestId: `req-assign-${ctx.runId}` });
        await ctx.adapter.changeMembership({ ...change, op: 'unassign' }, { requestId: `req-unassign-${ctx.runId}` });
        const second = await ctx.adapter.changeMembership(change, { requestId: `req-assign-${ctx.runId}` });
        assert.deepEqual(second, first, 'a replayed assign answers the first result');
        assert.equal((await counts(ctx)).of(segment.id), 0, 'the replayed assign was not applied again');
        assert.equal((await ctx.adapter.listSegments()).items.filter((s) => s.name === name).length, 1, 'one segment of that name');
      } finally {
        await cleanUp(ctx, created);
      }
    },
  },
  {
    group: 'audience',
    name: 'counts members matching include / exclude rules, the same as a query',
    needs: [],
    async run(ctx) {
      const [a, b] = (await ctx.adapter.listSegments()).items;
      if (!a || !b) skip('needs at least 2 stored segments');
      for (const rules of [
        { include: [], exclude: [], match: 'any' as const },
        { include: [a.id, b.id], exclude: [], match: 'any' as const },
        { include: [a.id, b.id], exclude: [], match: 'all' as const },
        { include: [a.id], exclude: [UNASSIGNED_ID, b.id], match: 'any' as const },
        { include: [UNASSIGNED_ID], exclude: [], match: 'any' as const },
      ]) {
        const { count } = await ctx.adapter.countAudience(rules);
        assert.equal(count, await totalOf(ctx, rules), JSON.stringify(rules));
      }
    },
  },
  {
    group: 'errors',
    name: 'rejects only with SegkitError',
    needs: ['write'],
    async run(ctx) {
      try {
        await ctx.adapter.updateSegment(`missing-${ctx.runId}`, { name: ctx.name('X') });
      } catch (error) {
        assert.ok(error instanceof SegkitError, `the rejection is a SegkitError: ${String(error)}`);
        return;
      }
      assert.fail('updating an unknown segment should reject');
    },
  },
];
