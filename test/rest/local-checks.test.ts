/**
 * The REST adapter refuses, before sending anything, a request body that
 * openapi.yaml's schemas forbid (packages/rest/src/checks.ts): the code and
 * field are the memory adapter's, and the server never sees the request.
 * Found by the wire validator over the adapter contract suite (decision 022).
 */
import { emptyQuery } from '@segkit/core';
import type { SegkitError } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';

/** A REST adapter whose fetch counts requests (and answers nothing useful). */
function counted() {
  const sent: string[] = [];
  const bodies: unknown[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
    bodies.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify({ error: { code: 'server', message: 'Should not be asked.' } }), { status: 500 });
  }) as typeof globalThis.fetch;
  return { api: createRestAdapter({ baseUrl: '/api', fetch }), sent, bodies };
}

describe('rest adapter: refuses what the spec forbids before sending', () => {
  const cases: Array<[string, (api: ReturnType<typeof createRestAdapter>) => Promise<unknown>, string, string | undefined]> = [
    ['an empty name', (api) => api.createSegment({ name: '' }), 'name-invalid', 'name'],
    ['a name of 81 characters', (api) => api.createSegment({ name: 'x'.repeat(81) }), 'name-invalid', 'name'],
    ['a name with a zero-width space', (api) => api.updateSegment('vips', { name: 'V\u200bIP' }), 'name-invalid', 'name'],
    ['a colour that is not #rgb', (api) => api.createSegment({ name: 'Red', color: 'red' }), 'invalid-input', 'color'],
    ['a page limit of 0', (api) => api.queryMembers(emptyQuery(), { offset: 0, limit: 0 }), 'invalid-input', undefined],
    ['a page limit of 501', (api) => api.queryMembers(emptyQuery(), { offset: 0, limit: 501 }), 'invalid-input', undefined],
    ['a negative offset', (api) => api.queryMembers(emptyQuery(), { offset: -1, limit: 10 }), 'invalid-input', undefined],
    [
      'no segment to change',
      (api) => api.changeMembership({ op: 'assign', target: { kind: 'ids', ids: ['m-000001'] }, segmentIds: [], source: 'manual' }),
      'invalid-input',
      'segmentIds',
    ],
    ['an invite with maxUses 0', (api) => api.createInvite({ segmentId: 'vips', maxUses: 0 }), 'invalid-input', 'maxUses'],
    [
      'a redeemer setting attributes',
      (api) => api.redeemInvite('tok', { name: 'Eve', attributes: { tier: 'vip' } } as never),
      'invalid-input',
      'attributes',
    ],
  ];

  for (const [what, call, code, field] of cases) {
    it(`refuses ${what} with ${code}, sending nothing`, async () => {
      const { api, sent } = counted();
      const error = await expectReject<SegkitError>(call(api), code);
      expect(error.field).to.equal(field);
      expect(sent).to.deep.equal([]);
    });
  }

  it('sends the name normalised, and leaves what needs the server to the server', async () => {
    const { api, sent, bodies } = counted();
    // A taken name and an expiry against the server's clock are the server's call: these are sent.
    await expectReject(api.createSegment({ name: '  Top   fans ' }), 'server');
    await expectReject(api.createInvite({ segmentId: 'vips', expiresAt: '2001-01-01T00:00:00Z' }), 'server');
    expect(sent).to.deep.equal(['POST /api/segments', 'POST /api/invites']);
    expect(bodies[0]).to.deep.equal({ name: 'Top fans' });
  });
});
