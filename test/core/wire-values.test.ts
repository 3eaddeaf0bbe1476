/**
 * Values the wire contract allows that a strict parser would refuse: a leap
 * second in a date (RFC 3339) and a number too large for a double in a
 * segment's free metadata. The raw JSON text goes through `JSON.parse`, as
 * `Response.json()` reads an answer.
 */
import { parseAnswer, validatedAdapter } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import { expect } from '../setup/expect.js';

const segment = (id: string, extra: string) =>
  `{"id":"${id}","name":"${id}","memberCount":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"${extra}}`;

describe('validation: values the wire contract allows', () => {
  it('reads a leap-second date as the last millisecond before it', () => {
    const list = parseAnswer(
      'listSegments',
      JSON.parse(`{"items":[${segment('vips', ',"createdAt":"2016-12-31T23:59:60Z"')}],"unassignedCount":0,"totalMembers":1}`),
    );
    expect(list.items[0]!.createdAt).to.equal('2016-12-31T23:59:59.999Z');
    expect(Date.parse(list.items[0]!.createdAt)).to.equal(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    const invite = parseAnswer('createInvite', {
      id: 'inv-1',
      segmentId: 'vips',
      token: 't',
      uses: 0,
      createdAt: '2016-12-31T23:59:60.5+00:00',
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(invite.createdAt).to.equal('2016-12-31T23:59:59.999+00:00');
    expect(invite.expiresAt).to.equal('2026-01-01T00:00:00Z');
    // A sixty-first second anywhere else is still not a date.
    expect(() => parseAnswer('createInvite', { id: 'i', segmentId: 'vips', token: 't', uses: 0, createdAt: '2016-12-31T23:60:00Z' }))
      .to.throw().with.property('code', 'bad-response');
  });

  it('keeps the whole segment list when one segment has metadata like 1e400 (it reads as null)', async () => {
    const text =
      `{"items":[${segment('vips', ',"metadata":{"score":1e400,"nested":{"low":-1e400,"ok":2},"list":[1e999,"a"]}')},` +
      `${segment('creators', ',"metadata":{"score":7}')}],"unassignedCount":0,"totalMembers":2}`;
    const adapter = validatedAdapter({ capabilities: { live: false, invites: false }, listSegments: async () => JSON.parse(text) } as unknown as SegmentsAdapter);
    const list = await adapter.listSegments();
    expect(list.items.map((s) => s.id)).to.deep.equal(['vips', 'creators']);
    expect(list.items[0]!.metadata).to.deep.equal({ score: null, nested: { low: null, ok: 2 }, list: [null, 'a'] });
    expect(list.items[1]!.metadata).to.deep.equal({ score: 7 });
  });
});
