/**
 * Invite links. Redeeming is anonymous (anyone holding a link), so besides
 * the links themselves these hold a backend to the privacy of decision 015:
 * a redeem never finds, enrols or discloses an existing member, and sets
 * nothing but a name and an email. Redeeming is the one way the API adds
 * members: the checks that redeem need `add-members` and leave those members.
 */
import type { InviteProfile, Member, RedeemResult } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { assert, skip } from '../assert.js';
import type { Check } from '../check.js';
import { allMembers, withSegment } from '../check.js';

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

export const inviteChecks: Check[] = [
  {
    group: 'invites',
    name: 'creates, lists, redeems into the segment (a new member each time, never found by email) and counts uses',
    needs: ['write', 'invites', 'add-members'],
    async run(ctx) {
      const api = ctx.adapter;
      const name = ctx.name('Customers via receipt');
      await withSegment(ctx, { name }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id, maxUses: 2 });
        assert.includes(invite, { segmentId: segment.id, uses: 0, maxUses: 2 }, 'the new link');
        assert.above(invite.token.length, 10, 'token length');
        assert.deepEqual((await api.listInvites(segment.id)).map((i) => i.id), [invite.id], 'the segment\'s links');
        const before = await api.listSegments();

        const email = `rosa.diaz.${ctx.runId}@example.org`;
        const joined = await api.redeemInvite(invite.token, { name: 'Rosa Díaz', email });
        assert.includes(joined, { segmentId: segment.id, segmentName: name, joined: true }, 'the first redeem');
        const again = await api.redeemInvite(invite.token, { name: 'Rosa', email: email.toUpperCase() });
        assert.includes(again, { segmentId: segment.id, joined: true }, 'the second redeem');
        assert.notEqual(again.member!.id, joined.member!.id, 'the same email again makes a new member');

        const after = await api.listSegments();
        assert.equal(after.totalMembers, before.totalMembers + 2, 'totalMembers');
        assert.equal(after.items.find((s) => s.id === segment.id)!.memberCount, 2, 'memberCount of the segment');
        assert.equal(after.unassignedCount, before.unassignedCount, 'unassignedCount');
        assert.equal((await api.listInvites(segment.id))[0]!.uses, 2, 'uses');
        await assert.rejects(api.redeemInvite(invite.token, { name: 'Third Person' }), 'invite-unusable', 'a third redeem of a 2-use link');
      });
    },
  },
  {
    group: 'invites',
    name: 'answers a new member with their own record only: id, name and email as typed',
    needs: ['write', 'invites', 'add-members'],
    async run(ctx) {
      const api = ctx.adapter;
      await withSegment(ctx, { name: ctx.name('Newcomers') }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id });
        const email = `noor.h.${ctx.runId}@example.org`;
        const result = await api.redeemInvite(invite.token, { name: '  Noor Haddad ', email: ` ${email} ` });
        assert.deepEqual(Object.keys(result).sort(), ['joined', 'member', 'revealed', 'segmentId', 'segmentName'], 'the answer\'s fields');
        assert.deepEqual(result.revealed, {}, 'what a link that reveals nothing reveals');
        assert.deepEqual(result.member, { id: result.member!.id, name: 'Noor Haddad', email }, 'the new member');
        const [stored] = await allMembers(ctx, { include: [segment.id] });
        assert.includes(stored, { id: result.member!.id, name: 'Noor Haddad', email, attributes: {} }, 'the stored member');
        assert.deepEqual(stored!.segmentIds, [segment.id], 'the stored member\'s segments');
        const nameless = await api.redeemInvite(invite.token, { name: 'No Email' });
        assert.deepEqual(nameless.member, { id: nameless.member!.id, name: 'No Email' }, 'a member without email');
      });
    },
  },
  {
    group: 'invites',
    name: 'never finds, enrols or discloses a member by an unverified email: the answer looks the same for an unknown email',
    needs: ['write', 'invites', 'add-members'],
    async run(ctx) {
      const api = ctx.adapter;
      const members = await allMembers(ctx);
      const victim = members.find((m) => m.email && m.segmentIds.length > 0 && Object.keys(m.attributes).length > 0);
      if (!victim) skip('no member has an email, attributes and a segment');
      await withSegment(ctx, { name: ctx.name('Privacy check') }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id });
        const answers: Array<[string, RedeemResult]> = [];
        for (const email of [victim.email!, ` ${victim.email!.toUpperCase()} `, `nobody.here.${ctx.runId}@example.org`]) {
          answers.push([email.trim(), await api.redeemInvite(invite.token, { name: 'Mallory Quist', email })]);
        }
        for (const [typed, answer] of answers) {
          const text = JSON.stringify(answer);
          // Only what the person typed comes back (their email, as typed), nothing stored.
          const secrets = secretsOf(victim).filter((secret) => secret !== typed);
          for (const secret of secrets) assert.notContains(text, secret, `the answer carries "${secret}" of another member`);
          assert.deepEqual(answer.member, { id: answer.member!.id, name: 'Mallory Quist', email: typed }, 'the redeemer\'s record');
          assert.notEqual(answer.member!.id, victim.id, 'the redeemer is not the member with that email');
          assert.deepEqual(shape(answer), shape(answers[2]![1]), 'a known email answers like an unknown one');
          assert.includes(answer, { segmentId: segment.id, segmentName: ctx.name('Privacy check'), joined: true }, 'the answer');
        }
        const after = await allMembers(ctx);
        assert.deepEqual(after.find((m) => m.id === victim.id), victim, 'the member with that email is unchanged');
        assert.deepEqual(
          (await allMembers(ctx, { include: [segment.id] })).map((m) => m.id).sort(),
          answers.map(([, a]) => a.member!.id).sort(),
          'the segment holds exactly the three new members',
        );
        assert.equal(after.length, members.length + 3, 'three members added');
      });
    },
  },
  {
    group: 'invites',
    name: 'reveals on redeem the values of the keys the link chose, read then, and no other metadata (decision 025)',
    needs: ['write', 'invites', 'add-members'],
    async run(ctx) {
      const api = ctx.adapter;
      const secret = `margin-${ctx.runId}`;
      const metadata = { discountCode: 'CONF20', tier: 2, internalNote: secret, perks: { lounge: true } };
      await withSegment(ctx, { name: ctx.name('Reveal check'), metadata }, async (segment) => {
        const link = await api.createInvite({ segmentId: segment.id, reveal: ['discountCode', 'tier', 'perks', 'missingKey', 'discountCode'] });
        assert.deepEqual(link.reveal, ['discountCode', 'tier', 'perks', 'missingKey'], 'the link\'s reveal (duplicates dropped)');
        const plain = await api.createInvite({ segmentId: segment.id });
        assert.deepEqual(plain.reveal, [], 'the reveal of a link that reveals nothing');
        const listed = await api.listInvites(segment.id);
        assert.deepEqual(listed.find((i) => i.id === link.id)?.reveal, link.reveal, 'the listed link\'s reveal');

        const joined = await api.redeemInvite(link.token, { name: 'Ines Duarte' });
        // A key the segment lacks and one holding an object are left out.
        assert.deepEqual(joined.revealed, { discountCode: 'CONF20', tier: 2 }, 'what the link reveals');
        const nothing = await api.redeemInvite(plain.token, { name: 'Tomas Berg' });
        assert.deepEqual(nothing.revealed, {}, 'what a link that reveals nothing reveals');
        for (const answer of [joined, nothing]) {
          const text = JSON.stringify(answer);
          for (const hidden of [secret, 'internalNote', 'lounge']) assert.notContains(text, hidden, `the answer carries "${hidden}"`);
        }
        assert.notContains(JSON.stringify(nothing), 'CONF20', 'a link that reveals nothing carries the code');

        await api.updateSegment(segment.id, { metadata: { ...metadata, discountCode: 'CONF25' } });
        const later = await api.redeemInvite(link.token, { name: 'Ines Duarte Again' });
        assert.deepEqual(later.revealed, { discountCode: 'CONF25', tier: 2 }, 'the value at redeem time, after the code changed');
        await assert.rejects(api.createInvite({ segmentId: segment.id, reveal: ['not a key'] }), 'invalid-input', 'a malformed key to reveal');
      });
    },
  },
  {
    group: 'invites',
    name: 'refuses anything but a name and an email from an anonymous redeemer, and counts no use',
    needs: ['write', 'invites', 'add-members'],
    async run(ctx) {
      const api = ctx.adapter;
      await withSegment(ctx, { name: ctx.name('Strict form') }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id, maxUses: 1 });
        const before = await api.listSegments();
        const forged: Array<[string, Record<string, unknown>]> = [
          ['attributes', { name: 'Eve', email: `eve.${ctx.runId}@example.org`, attributes: { tier: 'vip' } }],
          ['segmentIds', { name: 'Eve', segmentIds: ['vips'] }],
          ['id', { name: 'Eve', id: 'm-000001' }],
        ];
        for (const [field, profile] of forged) {
          const error = await assert.rejects(api.redeemInvite(invite.token, profile as unknown as InviteProfile), 'invalid-input', `a redeem with ${field}`);
          assert.equal(error.field, field, `the field named for ${field}`);
        }
        await assert.rejects(api.redeemInvite(invite.token, { name: '  ' }), 'invalid-input', 'a blank name');
        assert.deepEqual(await api.listSegments(), before, 'nothing changed');
        assert.equal((await api.listInvites(segment.id))[0]!.uses, 0, 'no use counted');
        assert.equal((await api.redeemInvite(invite.token, { name: 'Eve' })).joined, true, 'the link still works');
      });
    },
  },
  {
    group: 'invites',
    name: 'refuses revoked links, unknown tokens, bad options and Unassigned',
    needs: ['write', 'invites'],
    async run(ctx) {
      const api = ctx.adapter;
      await withSegment(ctx, { name: ctx.name('Link test') }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id });
        const revoked = await api.revokeInvite(invite.id);
        assert.equal(typeof revoked.revokedAt, 'string', 'revokedAt');
        await assert.rejects(api.redeemInvite(invite.token, { name: 'Late Comer' }), 'invite-unusable', 'a revoked link');
        await assert.rejects(api.redeemInvite(`no-such-token-${ctx.runId}`, { name: 'Someone' }), 'not-found', 'an unknown token');
        await assert.rejects(api.createInvite({ segmentId: segment.id, maxUses: 0 }), 'invalid-input', 'maxUses 0');
        await assert.rejects(api.createInvite({ segmentId: segment.id, expiresAt: '2001-01-01T00:00:00Z' }), 'invalid-input', 'expiry in the past');
        await assert.rejects(api.createInvite({ segmentId: UNASSIGNED_ID }), 'reserved-segment', 'a link to Unassigned');
        await assert.rejects(api.createInvite({ segmentId: `missing-${ctx.runId}` }), 'not-found', 'a link to an unknown segment');
      });
    },
  },
  {
    group: 'invites',
    name: "closes a segment's links when the segment is deleted",
    needs: ['write', 'invites'],
    async run(ctx) {
      const api = ctx.adapter;
      await withSegment(ctx, { name: ctx.name('Short lived') }, async (segment) => {
        const invite = await api.createInvite({ segmentId: segment.id });
        await api.deleteSegment(segment.id);
        await assert.rejects(api.redeemInvite(invite.token, { name: 'Too Late' }), 'invite-unusable', 'a link of a deleted segment');
      });
    },
  },
];
