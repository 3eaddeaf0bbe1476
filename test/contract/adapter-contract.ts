/**
 * The adapter contract: one suite, run against every adapter (memory, and
 * REST over the msw mock backend). Both must behave the same.
 */
import type { Member, MemberQuery, SegmentsAdapter } from '@segkit/core';
import { SegkitError, UNASSIGNED_ID, emptyFilter, emptyQuery } from '@segkit/core';
import { expect, expectReject } from '../setup/expect.js';
import { inviteContract } from './invite-contract.js';

export interface ContractSubject {
  adapter: SegmentsAdapter;
  dispose?(): void | Promise<void>;
}

/** Makes a fresh adapter over the deterministic mock dataset of this seed and size. */
export type ContractFactory = (options: { seed: number; size: number }) => Promise<ContractSubject>;

const SIZE = 60;

async function allMembers(adapter: SegmentsAdapter, query: Partial<MemberQuery> = {}): Promise<Member[]> {
  const out: Member[] = [];
  const q = { ...emptyQuery(), ...query };
  for (let offset = 0; ; offset += 25) {
    const page = await adapter.queryMembers(q, { offset, limit: 25 });
    out.push(...page.items);
    if (offset + 25 >= page.total) return out;
  }
}

async function totalOf(adapter: SegmentsAdapter, query: Partial<MemberQuery>): Promise<number> {
  return (await adapter.queryMembers({ ...emptyQuery(), ...query }, { offset: 0, limit: 1 })).total;
}

async function counts(adapter: SegmentsAdapter) {
  const list = await adapter.listSegments();
  return {
    unassigned: list.unassignedCount,
    total: list.totalMembers,
    of: (id: string) => list.items.find((s) => s.id === id)?.memberCount,
    list,
  };
}

export function adapterContract(name: string, factory: ContractFactory): void {
  describe(`adapter contract: ${name}`, function () {
    this.timeout(30_000);
    let subject: ContractSubject;
    let adapter: SegmentsAdapter;

    beforeEach(async () => {
      subject = await factory({ seed: 7, size: SIZE });
      adapter = subject.adapter;
    });
    afterEach(async () => {
      await subject.dispose?.();
    });

    describe('segments', () => {
      it('lists stored segments with exact counts and a derived Unassigned count', async () => {
        const list = await adapter.listSegments();
        expect(list.totalMembers).to.equal(SIZE);
        expect(list.items.length).to.be.greaterThan(0);
        expect(list.items.some((s) => s.id === UNASSIGNED_ID)).to.equal(false);
        const members = await allMembers(adapter);
        expect(members).to.have.length(SIZE);
        for (const segment of list.items) {
          expect(segment.memberCount, segment.name).to.equal(members.filter((m) => m.segmentIds.includes(segment.id)).length);
        }
        expect(list.unassignedCount).to.equal(members.filter((m) => m.segmentIds.length === 0).length);
      });

      it('creates a segment with a trimmed name, zero members and the id the client chose', async () => {
        const segment = await adapter.createSegment({ id: 'seg_client_1', name: '  Beta Testers  ', color: '#AABBCC' });
        expect(segment).to.include({ id: 'seg_client_1', name: 'Beta Testers', memberCount: 0, color: '#aabbcc' });
        expect(Date.parse(segment.createdAt)).to.not.be.NaN;
        const list = await adapter.listSegments();
        expect(list.items.map((s) => s.name)).to.include('Beta Testers');
      });

      it('refuses taken names case-insensitively, empty, long, multi-line and reserved names', async () => {
        await adapter.createSegment({ name: 'Winners' });
        await expectReject(adapter.createSegment({ name: ' WINNERS ' }), 'name-taken');
        await expectReject(adapter.createSegment({ name: '' }), 'name-invalid');
        await expectReject(adapter.createSegment({ name: '   ' }), 'name-invalid');
        await expectReject(adapter.createSegment({ name: 'x'.repeat(81) }), 'name-invalid');
        await expectReject(adapter.createSegment({ name: 'two\nlines' }), 'name-invalid');
        await expectReject(adapter.createSegment({ name: 'unassigned' }), 'reserved-segment');
        await expectReject(adapter.createSegment({ name: 'Winners2', color: 'red' }), 'invalid-input');
        const list = await adapter.listSegments();
        expect(list.items.filter((s) => s.name.toLowerCase() === 'winners')).to.have.length(1);
      });

      it('refuses invisible and direction-changing names; folds spaces, case and accents', async () => {
        const before = (await adapter.listSegments()).items.length;
        await adapter.createSegment({ name: 'VIP' });
        const created = await adapter.createSegment({ name: '  Summer   Sale ' });
        expect(created.name).to.equal('Summer Sale');
        for (const name of ['V\u200bIP', 'Unassigned\u200b', '\u200b\u200b', '\u202eelaS', 'VIP\ufeff']) {
          await expectReject(adapter.createSegment({ name }), 'name-invalid');
          await expectReject(adapter.updateSegment(created.id, { name }), 'name-invalid');
        }
        await adapter.createSegment({ name: 'Café' });
        await expectReject(adapter.createSegment({ name: 'CAFE' }), 'name-taken');
        const names = (await adapter.listSegments()).items.map((s) => s.name);
        expect(names).to.include.members(['VIP', 'Summer Sale', 'Café']);
        expect(names).to.have.length(before + 3, 'nothing else was created');
      });

      it('keeps HTML in names as plain text', async () => {
        const segment = await adapter.createSegment({ name: '<img src=x onerror=alert(1)> VIP & Co' });
        expect(segment.name).to.equal('<img src=x onerror=alert(1)> VIP & Co');
      });

      it('accepts 80 characters, emoji counted as one', async () => {
        const name = '🎉'.repeat(80);
        const segment = await adapter.createSegment({ name });
        expect(segment.name).to.equal(name);
      });

      it('renames, sets and clears description, colour and metadata', async () => {
        const created = await adapter.createSegment({ name: 'Customers 2026', description: 'Bought once' });
        const renamed = await adapter.updateSegment(created.id, {
          name: 'customers 2026 ',
          color: '#123456',
          metadata: { discountCode: 'SAVE10', tiers: [1, 2] },
        });
        expect(renamed.name).to.equal('customers 2026');
        expect(renamed.metadata).to.deep.equal({ discountCode: 'SAVE10', tiers: [1, 2] });
        const cleared = await adapter.updateSegment(created.id, { description: null, color: null, metadata: null });
        expect(cleared.description).to.equal(undefined);
        expect(cleared.color).to.equal(undefined);
        expect(cleared.metadata).to.equal(undefined);
      });

      it('refuses renames onto another name, of unknown or built-in segments', async () => {
        const a = await adapter.createSegment({ name: 'Alpha' });
        await adapter.createSegment({ name: 'Beta' });
        await expectReject(adapter.updateSegment(a.id, { name: 'BETA' }), 'name-taken');
        await expectReject(adapter.updateSegment('nope', { name: 'Gamma' }), 'not-found');
        await expectReject(adapter.updateSegment(UNASSIGNED_ID, { name: 'Gamma' }), 'reserved-segment');
        await expectReject(adapter.updateSegment(a.id, { name: 'Unassigned' }), 'reserved-segment');
      });

      it('deletes a segment without deleting members; its only members return to Unassigned', async () => {
        const before = await counts(adapter);
        const segment = await adapter.createSegment({ name: 'Temp' });
        const members = await allMembers(adapter);
        const lonely = members.filter((m) => m.segmentIds.length === 0).slice(0, 3).map((m) => m.id);
        const busy = members.filter((m) => m.segmentIds.length > 0).slice(0, 2).map((m) => m.id);
        await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: [...lonely, ...busy] }, segmentIds: [segment.id], source: 'manual' });
        expect((await counts(adapter)).unassigned).to.equal(before.unassigned - 3);
        const deleted = await adapter.deleteSegment(segment.id);
        expect(deleted.memberIds.sort()).to.deep.equal([...lonely, ...busy].sort());
        expect(deleted.unassignedDelta).to.equal(3);
        const after = await counts(adapter);
        expect(after.total).to.equal(SIZE);
        expect(after.unassigned).to.equal(before.unassigned);
        expect(after.of(segment.id)).to.equal(undefined);
        await expectReject(adapter.deleteSegment(segment.id), 'not-found');
        await expectReject(adapter.deleteSegment(UNASSIGNED_ID), 'reserved-segment');
      });
    });

    describe('members', () => {
      it('pages at random offsets without gaps or repeats, in a stable order', async () => {
        const all = await allMembers(adapter);
        expect(new Set(all.map((m) => m.id)).size).to.equal(SIZE);
        const jump = await adapter.queryMembers(emptyQuery(), { offset: SIZE - 5, limit: 10 });
        expect(jump.total).to.equal(SIZE);
        expect(jump.offset).to.equal(SIZE - 5);
        expect(jump.items.map((m) => m.id)).to.deep.equal(all.slice(SIZE - 5).map((m) => m.id));
        const beyond = await adapter.queryMembers(emptyQuery(), { offset: SIZE + 10, limit: 10 });
        expect(beyond.items).to.have.length(0);
        expect(beyond.total).to.equal(SIZE);
      });

      it('sorts by name both ways and by a numeric attribute', async () => {
        const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
        const asc = (await allMembers(adapter)).map((m) => m.name);
        expect(asc).to.deep.equal([...asc].sort(collator.compare));
        const desc = (await allMembers(adapter, { sort: { key: 'name', dir: 'desc' } })).map((m) => m.name);
        expect(desc).to.deep.equal([...asc].sort(collator.compare).reverse());
        const followers = (await allMembers(adapter, { sort: { key: 'attributes.followers', dir: 'desc' } })).map(
          (m) => m.attributes.followers as number,
        );
        expect(followers).to.deep.equal([...followers].sort((a, b) => b - a));
      });

      it('searches names and emails ignoring case and accents', async () => {
        const all = await allMembers(adapter);
        const someone = all[17]!;
        const word = someone.name.split(' ')[0]!;
        const found = await allMembers(adapter, { search: word.toUpperCase() });
        expect(found.map((m) => m.id)).to.include(someone.id);
        for (const member of found) {
          const text = `${member.name} ${member.email ?? ''} ${Object.values(member.attributes).join(' ')}`
            .normalize('NFKD')
            .replace(/\p{M}/gu, '')
            .toLowerCase();
          expect(text).to.include(word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
        }
        expect(await totalOf(adapter, { search: 'zzqx-no-such-member' })).to.equal(0);
      });

      it('filters on a member\'s own attributes only: inherited names like constructor match nobody', async () => {
        for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
          expect(await totalOf(adapter, { attributes: [{ key, op: 'contains', value: 'function' }] }), key).to.equal(0);
          expect(await totalOf(adapter, { attributes: [{ key, op: 'gte', value: '' }] }), key).to.equal(0);
        }
      });

      it('filters by include (any / all), exclude and Unassigned', async () => {
        const all = await allMembers(adapter);
        const [a, b] = (await adapter.listSegments()).items;
        const inA = all.filter((m) => m.segmentIds.includes(a!.id));
        const inB = all.filter((m) => m.segmentIds.includes(b!.id));
        const either = all.filter((m) => m.segmentIds.includes(a!.id) || m.segmentIds.includes(b!.id));
        const both = all.filter((m) => m.segmentIds.includes(a!.id) && m.segmentIds.includes(b!.id));
        expect(await totalOf(adapter, { include: [a!.id, b!.id], match: 'any' })).to.equal(either.length);
        expect(await totalOf(adapter, { include: [a!.id, b!.id], match: 'all' })).to.equal(both.length);
        expect(await totalOf(adapter, { include: [a!.id], exclude: [b!.id] })).to.equal(inA.length - both.length);
        expect(await totalOf(adapter, { exclude: [b!.id] })).to.equal(SIZE - inB.length);
        const unassigned = all.filter((m) => m.segmentIds.length === 0).length;
        expect(await totalOf(adapter, { include: [UNASSIGNED_ID] })).to.equal(unassigned);
        expect(await totalOf(adapter, { exclude: [UNASSIGNED_ID] })).to.equal(SIZE - unassigned);
        expect(await totalOf(adapter, { include: [UNASSIGNED_ID, a!.id] })).to.equal(unassigned + inA.length);
      });

      it('refuses a page limit out of range', async () => {
        await expectReject(adapter.queryMembers(emptyQuery(), { offset: 0, limit: 0 }), 'invalid-input');
        await expectReject(adapter.queryMembers(emptyQuery(), { offset: -1, limit: 10 }), 'invalid-input');
        await expectReject(adapter.queryMembers(emptyQuery(), { offset: 0, limit: 501 }), 'invalid-input');
      });
    });

    describe('membership', () => {
      it('assigns and unassigns; Unassigned follows; never twice in one segment', async () => {
        const segment = await adapter.createSegment({ name: 'Ambassadors' });
        const other = await adapter.createSegment({ name: 'Partners' });
        const before = await counts(adapter);
        const lonely = (await allMembers(adapter, { include: [UNASSIGNED_ID] })).slice(0, 4).map((m) => m.id);
        expect(lonely).to.have.length(4);

        const first = await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id], source: 'manual' });
        expect(first.segments[0]).to.include({ segmentId: segment.id, changed: 4, skipped: 0 });
        expect(first.unassignedDelta).to.equal(-4);
        const again = await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id, other.id], source: 'manual' });
        expect(again.segments.find((s) => s.segmentId === segment.id)).to.include({ changed: 0, skipped: 4 });
        expect(again.segments.find((s) => s.segmentId === other.id)).to.include({ changed: 4, skipped: 0 });
        expect(again.unassignedDelta).to.equal(0);

        let now = await counts(adapter);
        expect(now.of(segment.id)).to.equal(4);
        expect(now.of(other.id)).to.equal(4);
        expect(now.unassigned).to.equal(before.unassigned - 4);
        const member = (await allMembers(adapter, { include: [segment.id] }))[0]!;
        expect(member.segmentIds.filter((id) => id === segment.id)).to.have.length(1);

        const removeOne = await adapter.changeMembership({ op: 'unassign', target: { kind: 'ids', ids: lonely }, segmentIds: [segment.id], source: 'manual' });
        expect(removeOne.unassignedDelta).to.equal(0);
        const removeLast = await adapter.changeMembership({ op: 'unassign', target: { kind: 'ids', ids: lonely }, segmentIds: [other.id], source: 'manual' });
        expect(removeLast.unassignedDelta).to.equal(4);
        expect(removeLast.segments[0]!.memberIds.sort()).to.deep.equal([...lonely].sort());
        now = await counts(adapter);
        expect(now.unassigned).to.equal(before.unassigned);
      });

      it('refuses Unassigned and unknown segments as targets, and an empty segment list', async () => {
        const ids = (await allMembers(adapter)).slice(0, 2).map((m) => m.id);
        await expectReject(
          adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: [UNASSIGNED_ID], source: 'manual' }),
          'reserved-segment',
        );
        await expectReject(
          adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: ['missing'], source: 'manual' }),
          'not-found',
        );
        await expectReject(
          adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids }, segmentIds: [], source: 'manual' }),
          'invalid-input',
        );
      });

      it('acts on a whole query minus exceptions, and previews exactly what it then does', async () => {
        const target = await adapter.createSegment({ name: 'Everyone but two' });
        const vip = (await adapter.listSegments()).items.reduce((a, b) => (b.memberCount > a.memberCount ? b : a));
        expect(vip.memberCount).to.be.at.least(8);
        const inVip = await allMembers(adapter, { include: [vip.id] });
        await adapter.changeMembership({ op: 'assign', target: { kind: 'ids', ids: inVip.slice(0, 3).map((m) => m.id) }, segmentIds: [target.id], source: 'manual' });
        const except = inVip.slice(3, 5).map((m) => m.id);
        const change = {
          op: 'assign' as const,
          target: { kind: 'query' as const, filter: { ...emptyFilter(), include: [vip.id] }, except },
          segmentIds: [target.id],
          source: 'manual' as const,
        };
        const preview = await adapter.previewMembership(change);
        expect(preview.members).to.equal(inVip.length - 2);
        expect(preview.segments[0]).to.deep.include({ segmentId: target.id, changed: inVip.length - 5, skipped: 3 });
        expect((await counts(adapter)).of(target.id)).to.equal(3, 'a preview changes nothing');
        const result = await adapter.changeMembership(change);
        expect(result.segments[0]).to.deep.include({ changed: preview.segments[0]!.changed, skipped: 3 });
        expect(result.unassignedDelta).to.equal(preview.unassignedDelta);
        const now = await allMembers(adapter, { include: [target.id] });
        expect(now.map((m) => m.id).sort()).to.deep.equal(inVip.filter((m) => !except.includes(m.id)).map((m) => m.id).sort());
      });

      it('applies a request id at most once and answers a replay with the first result', async () => {
        const segment = await adapter.createSegment({ name: 'Once' }, { requestId: 'req-create-1' });
        const replay = await adapter.createSegment({ name: 'Once' }, { requestId: 'req-create-1' });
        expect(replay.id).to.equal(segment.id);
        const ids = (await allMembers(adapter)).slice(0, 5).map((m) => m.id);
        const change = { op: 'assign' as const, target: { kind: 'ids' as const, ids }, segmentIds: [segment.id], source: 'manual' as const };
        const first = await adapter.changeMembership(change, { requestId: 'req-assign-1' });
        await adapter.changeMembership({ ...change, op: 'unassign' }, { requestId: 'req-unassign-1' });
        const second = await adapter.changeMembership(change, { requestId: 'req-assign-1' });
        expect(second).to.deep.equal(first);
        expect((await counts(adapter)).of(segment.id)).to.equal(0, 'the replayed assign was not applied again');
        expect((await adapter.listSegments()).items.filter((s) => s.name === 'Once')).to.have.length(1);
      });
    });

    describe('audience', () => {
      it('counts members matching include / exclude rules, the same as a query', async () => {
        const [a, b] = (await adapter.listSegments()).items;
        for (const rules of [
          { include: [], exclude: [], match: 'any' as const },
          { include: [a!.id, b!.id], exclude: [], match: 'any' as const },
          { include: [a!.id, b!.id], exclude: [], match: 'all' as const },
          { include: [a!.id], exclude: [UNASSIGNED_ID, b!.id], match: 'any' as const },
          { include: [UNASSIGNED_ID], exclude: [], match: 'any' as const },
        ]) {
          const { count } = await adapter.countAudience(rules);
          expect(count, JSON.stringify(rules)).to.equal(await totalOf(adapter, rules));
        }
      });
    });

    inviteContract(() => adapter);

    it('rejects only with SegkitError', async () => {
      try {
        await adapter.updateSegment('missing', { name: 'X' });
        expect.fail('should reject');
      } catch (error) {
        expect(error).to.be.an.instanceOf(SegkitError);
      }
    });
  });
}
