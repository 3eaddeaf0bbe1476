/**
 * The adapter contract for invite links, run by `adapterContract` against
 * every adapter (memory, and REST over the msw mock backend). Redeeming is
 * anonymous (anyone holding a link), so besides the links themselves it holds
 * every adapter to the privacy of decision 015: a redeem never finds, enrols
 * or discloses an existing member, and sets nothing but a name and an email.
 */
import type { InviteProfile, Member, MemberQuery, RedeemResult, SegmentsAdapter } from '@segkit/core';
import { UNASSIGNED_ID, emptyQuery } from '@segkit/core';
import { expect, expectReject } from '../setup/expect.js';

async function allMembers(adapter: SegmentsAdapter, query: Partial<MemberQuery> = {}): Promise<Member[]> {
  const out: Member[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = await adapter.queryMembers({ ...emptyQuery(), ...query }, { offset, limit: 50 });
    out.push(...page.items);
    if (offset + 50 >= page.total) return out;
  }
}

/** The answer's structure with every value replaced by its type: equal for answers of the same shape. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, shape(v)]));
  }
  return typeof value;
}

/** Everything of `member` an answer must not carry: id, name, stored email, attributes, segments, dates. */
function secretsOf(member: Member): string[] {
  const values = Object.values(member.attributes).map(String).filter((text) => text.length >= 4);
  return [member.id, member.name, member.email!, member.createdAt, ...member.segmentIds, ...values, '"attributes"', '"segmentIds"'];
}

/** Contract checks of invite links; `adapter()` is the adapter under test (fresh for each test). */
export function inviteContract(adapter: () => SegmentsAdapter): void {
  describe('invite links', () => {
    it('creates, lists, redeems into the segment (a new member each time, never found by email) and counts uses', async () => {
      const api = adapter();
      const segment = await api.createSegment({ name: 'Customers via receipt' });
      const invite = await api.createInvite({ segmentId: segment.id, maxUses: 2 });
      expect(invite).to.include({ segmentId: segment.id, uses: 0, maxUses: 2 });
      expect(invite.token.length).to.be.greaterThan(10);
      expect((await api.listInvites(segment.id)).map((i) => i.id)).to.deep.equal([invite.id]);
      const before = await api.listSegments();

      const joined = await api.redeemInvite(invite.token, { name: 'Rosa Díaz', email: 'rosa.diaz@example.org' });
      expect(joined).to.deep.include({ segmentId: segment.id, segmentName: 'Customers via receipt', joined: true });
      const again = await api.redeemInvite(invite.token, { name: 'Rosa', email: 'ROSA.DIAZ@example.org' });
      expect(again).to.deep.include({ segmentId: segment.id, joined: true });
      expect(again.member!.id).to.not.equal(joined.member!.id);

      const after = await api.listSegments();
      expect(after.totalMembers).to.equal(before.totalMembers + 2);
      expect(after.items.find((s) => s.id === segment.id)!.memberCount).to.equal(2);
      expect(after.unassignedCount).to.equal(before.unassignedCount);
      expect((await api.listInvites(segment.id))[0]!.uses).to.equal(2);
      await expectReject(api.redeemInvite(invite.token, { name: 'Third Person' }), 'invite-unusable');
    });

    it('answers a new member with their own record only: id, name and email as typed', async () => {
      const api = adapter();
      const segment = await api.createSegment({ name: 'Newcomers' });
      const invite = await api.createInvite({ segmentId: segment.id });
      const result = await api.redeemInvite(invite.token, { name: '  Noor Haddad ', email: ' noor.h@example.org ' });
      expect(Object.keys(result).sort()).to.deep.equal(['joined', 'member', 'segmentId', 'segmentName']);
      expect(result.member).to.deep.equal({ id: result.member!.id, name: 'Noor Haddad', email: 'noor.h@example.org' });
      const [stored] = await allMembers(api, { include: [segment.id] });
      expect(stored).to.deep.include({ id: result.member!.id, name: 'Noor Haddad', email: 'noor.h@example.org', attributes: {} });
      expect(stored!.segmentIds).to.deep.equal([segment.id]);
      const nameless = await api.redeemInvite(invite.token, { name: 'No Email' });
      expect(nameless.member).to.deep.equal({ id: nameless.member!.id, name: 'No Email' });
    });

    it('never finds, enrols or discloses a member by an unverified email: the answer looks the same for an unknown email', async () => {
      const api = adapter();
      const members = await allMembers(api);
      const victim = members.find((m) => m.email && m.segmentIds.length > 0 && Object.keys(m.attributes).length > 0)!;
      expect(victim, 'the dataset has a member with an email, attributes and segments').to.exist;
      const segment = await api.createSegment({ name: 'Privacy check' });
      const invite = await api.createInvite({ segmentId: segment.id });

      const answers: Array<[string, RedeemResult]> = [];
      for (const email of [victim.email!, ` ${victim.email!.toUpperCase()} `, 'nobody.here.zq@example.org']) {
        answers.push([email.trim(), await api.redeemInvite(invite.token, { name: 'Mallory Quist', email })]);
      }
      for (const [typed, answer] of answers) {
        const text = JSON.stringify(answer);
        // Only what the person typed comes back (their email, as typed), nothing stored.
        const secrets = secretsOf(victim).filter((secret) => secret !== typed);
        for (const secret of secrets) expect(text, `the answer carries "${secret}" of another member`).to.not.include(secret);
        expect(answer.member).to.deep.equal({ id: answer.member!.id, name: 'Mallory Quist', email: typed });
        expect(answer.member!.id).to.not.equal(victim.id);
        expect(shape(answer), 'a known email answers like an unknown one').to.deep.equal(shape(answers[2]![1]));
        expect(answer).to.deep.include({ segmentId: segment.id, segmentName: 'Privacy check', joined: true });
      }

      const after = await allMembers(api);
      expect(after.find((m) => m.id === victim.id), 'the member with that email is unchanged').to.deep.equal(victim);
      expect((await allMembers(api, { include: [segment.id] })).map((m) => m.id).sort()).to.deep.equal(
        answers.map(([, a]) => a.member!.id).sort(),
      );
      expect(after).to.have.length(members.length + 3);
    });

    it('refuses anything but a name and an email from an anonymous redeemer, and counts no use', async () => {
      const api = adapter();
      const segment = await api.createSegment({ name: 'Strict form' });
      const invite = await api.createInvite({ segmentId: segment.id, maxUses: 1 });
      const before = await api.listSegments();
      const forged: Array<[string, Record<string, unknown>]> = [
        ['attributes', { name: 'Eve', email: 'eve@example.org', attributes: { tier: 'vip' } }],
        ['segmentIds', { name: 'Eve', segmentIds: ['vips'] }],
        ['id', { name: 'Eve', id: 'm-000001' }],
      ];
      for (const [field, profile] of forged) {
        const error = await expectReject<Error & { field?: string }>(
          api.redeemInvite(invite.token, profile as unknown as InviteProfile),
          'invalid-input',
        );
        expect(error.field).to.equal(field);
      }
      await expectReject(api.redeemInvite(invite.token, { name: '  ' }), 'invalid-input');
      expect(await api.listSegments()).to.deep.equal(before);
      expect((await api.listInvites(segment.id))[0]!.uses).to.equal(0);
      expect((await api.redeemInvite(invite.token, { name: 'Eve' })).joined).to.equal(true);
    });

    it('refuses revoked links, unknown tokens, bad options and Unassigned', async () => {
      const api = adapter();
      const segment = await api.createSegment({ name: 'Link test' });
      const invite = await api.createInvite({ segmentId: segment.id });
      const revoked = await api.revokeInvite(invite.id);
      expect(revoked.revokedAt).to.be.a('string');
      await expectReject(api.redeemInvite(invite.token, { name: 'Late Comer' }), 'invite-unusable');
      await expectReject(api.redeemInvite('no-such-token', { name: 'Someone' }), 'not-found');
      await expectReject(api.createInvite({ segmentId: segment.id, maxUses: 0 }), 'invalid-input');
      await expectReject(api.createInvite({ segmentId: segment.id, expiresAt: '2001-01-01T00:00:00Z' }), 'invalid-input');
      await expectReject(api.createInvite({ segmentId: UNASSIGNED_ID }), 'reserved-segment');
      await expectReject(api.createInvite({ segmentId: 'missing' }), 'not-found');
    });

    it("closes a segment's links when the segment is deleted", async () => {
      const api = adapter();
      const segment = await api.createSegment({ name: 'Short lived' });
      const invite = await api.createInvite({ segmentId: segment.id });
      await api.deleteSegment(segment.id);
      await expectReject(api.redeemInvite(invite.token, { name: 'Too Late' }), 'invite-unusable');
    });
  });
}
