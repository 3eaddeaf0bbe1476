/**
 * @segkit/rest: what goes on the wire (URLs, methods, headers, bodies).
 */
import { emptyFilter, emptyQuery } from '@segkit/core';
import type { MembershipChange } from '@segkit/core';
import { createRestAdapter, joinUrl, parseRetryAfter } from '@segkit/rest';
import { http, HttpResponse } from 'msw';
import { expect } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { validateWire } from './wire-validator.js';

validateWire({ bases: ['/api', '/v2'] });

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

const now = '2026-01-01T00:00:00.000Z';
const segment = { id: 'vips', name: 'VIPs', memberCount: 0, createdAt: now, updatedAt: now };
const invite = { id: 'inv_1', segmentId: 'vips', token: 'tok', createdAt: now, uses: 0 };
const member = { id: 'm-1', name: 'Ana', attributes: {}, segmentIds: ['vips'], createdAt: now };

/** A fetch that records requests and answers what the path asks for. */
function recorder() {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const path = url.replace(/\?.*$/, '');
    const body = path.endsWith('/members/query')
      ? { items: [member], total: 1, offset: 0 }
      : path.endsWith('/memberships/preview')
        ? { members: 1, segments: [{ segmentId: 'vips', changed: 1, skipped: 0 }], unassignedDelta: -1 }
        : path.endsWith('/memberships')
          ? { members: 1, segments: [{ segmentId: 'vips', changed: 1, skipped: 0, memberIds: ['m-1'] }], unassignedDelta: -1 }
          : path.endsWith('/audience/count')
            ? { count: 4 }
            : path.endsWith('/invites/redeem')
              ? { segmentId: 'vips', segmentName: 'VIPs', joined: true, member: { id: 'm-1', name: 'Ana' } }
              : path.includes('/invites')
                ? init.method === 'GET' || init.method === undefined
                  ? { items: [invite] }
                  : invite
                : init.method === 'DELETE'
                  ? { segment, memberIds: [], unassignedDelta: 0 }
                  : path.endsWith('/segments') && (init.method ?? 'GET') === 'GET'
                    ? { items: [segment], unassignedCount: 0, totalMembers: 0 }
                    : segment;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const change: MembershipChange = {
  op: 'assign',
  target: { kind: 'ids', ids: ['m-1'] },
  segmentIds: ['vips'],
  source: 'manual',
};

describe('rest adapter: requests', () => {
  it('joins the base URL with or without a trailing slash, relative or absolute', () => {
    expect(joinUrl('/api', 'segments')).to.equal('/api/segments');
    expect(joinUrl('/api/', 'segments')).to.equal('/api/segments');
    expect(joinUrl('https://x.example/v1//', 'segments/a')).to.equal('https://x.example/v1/segments/a');
    expect(joinUrl('', 'segments')).to.equal('/segments');
  });

  it('sends every operation to its path and method, with JSON bodies', async () => {
    const { sent, fetch } = recorder();
    const adapter = createRestAdapter({ baseUrl: '/api/', fetch });
    await adapter.listSegments();
    await adapter.createSegment({ name: 'VIPs' });
    await adapter.updateSegment('vips', { name: 'VIP' });
    await adapter.deleteSegment('vips');
    await adapter.queryMembers(emptyQuery(), { offset: 50, limit: 25 });
    await adapter.previewMembership(change);
    await adapter.changeMembership(change);
    await adapter.countAudience({ include: ['vips'], exclude: [], match: 'any' });
    await adapter.listInvites(undefined);
    await adapter.listInvites('vips');
    await adapter.createInvite({ segmentId: 'vips', maxUses: 3 });
    await adapter.revokeInvite('inv_1');
    await adapter.redeemInvite('tok', { name: 'Ana', email: 'ana@example.com' });
    expect(sent.map((s) => `${s.method} ${s.url}`)).to.deep.equal([
      'GET /api/segments',
      'POST /api/segments',
      'PATCH /api/segments/vips',
      'DELETE /api/segments/vips',
      'POST /api/members/query',
      'POST /api/memberships/preview',
      'POST /api/memberships',
      'POST /api/audience/count',
      'GET /api/invites',
      'GET /api/invites?segmentId=vips',
      'POST /api/invites',
      'POST /api/invites/inv_1/revoke',
      'POST /api/invites/redeem',
    ]);
    expect(sent[1]!.body).to.deep.equal({ name: 'VIPs' });
    expect(sent[2]!.body).to.deep.equal({ name: 'VIP' });
    expect(sent[4]!.body).to.deep.equal({ query: emptyQuery(), offset: 50, limit: 25 });
    expect(sent[6]!.body).to.deep.equal(change);
    expect(sent[12]!.body).to.deep.equal({ token: 'tok', profile: { name: 'Ana', email: 'ana@example.com' } });
    for (const s of sent) {
      expect(s.headers.get('Accept')).to.equal('application/json');
      expect(s.headers.get('Content-Type')).to.equal(s.body === undefined ? null : 'application/json');
    }
  });

  it('URL-encodes path ids and query values', async () => {
    // Path ids outside PATH_ID (`/`, spaces, `#`, ...) are refused before sending: path-ids.test.ts.
    const { sent, fetch } = recorder();
    const adapter = createRestAdapter({ baseUrl: '/api', fetch });
    await adapter.updateSegment('a:b', { name: 'X' });
    await adapter.deleteSegment('seg_x.y~z-1');
    await adapter.revokeInvite('inv:1');
    await adapter.listInvites('a&b=c ü#1/');
    expect(sent.map((s) => s.url)).to.deep.equal([
      '/api/segments/a%3Ab',
      '/api/segments/seg_x.y~z-1',
      '/api/invites/inv%3A1/revoke',
      '/api/invites?segmentId=a%26b%3Dc%20%C3%BC%231%2F',
    ]);
  });

  it('sends Idempotency-Key on every write given a requestId, never on reads', async () => {
    const { sent, fetch } = recorder();
    const adapter = createRestAdapter({ baseUrl: '/api', fetch });
    const w = (n: number) => ({ requestId: `req-${n}` });
    await adapter.createSegment({ name: 'VIPs' }, w(1));
    await adapter.updateSegment('vips', { color: null }, w(2));
    await adapter.deleteSegment('vips', w(3));
    await adapter.changeMembership(change, w(4));
    await adapter.createInvite({ segmentId: 'vips' }, w(5));
    await adapter.revokeInvite('inv_1', w(6));
    await adapter.redeemInvite('tok', { name: 'Ana' }, w(7));
    await adapter.createSegment({ name: 'No key' });
    await adapter.listSegments(w(8) as never);
    await adapter.queryMembers(emptyQuery(), { offset: 0, limit: 1 }, w(9) as never);
    await adapter.previewMembership(change, w(10) as never);
    await adapter.countAudience(emptyFilter(), w(11) as never);
    expect(sent.map((s) => s.headers.get('Idempotency-Key'))).to.deep.equal([
      'req-1', 'req-2', 'req-3', 'req-4', 'req-5', 'req-6', 'req-7', null, null, null, null, null,
    ]);
  });

  it('sends Authorization: Bearer from getToken (sync or async), and nothing without a token', async () => {
    const { sent, fetch } = recorder();
    let token: string | undefined = 'sync-token';
    await createRestAdapter({ baseUrl: '/api', fetch, getToken: () => token }).listSegments();
    await createRestAdapter({ baseUrl: '/api', fetch, getToken: async () => 'async-token' }).listSegments();
    token = undefined;
    await createRestAdapter({ baseUrl: '/api', fetch, getToken: () => token }).listSegments();
    await createRestAdapter({ baseUrl: '/api', fetch }).listSegments();
    expect(sent.map((s) => s.headers.get('Authorization'))).to.deep.equal([
      'Bearer sync-token',
      'Bearer async-token',
      null,
      null,
    ]);
  });

  it('asks getToken before every request (a refreshed token is used at once)', async () => {
    const { sent, fetch } = recorder();
    let n = 0;
    const adapter = createRestAdapter({ baseUrl: '/api', fetch, getToken: () => `t${++n}` });
    await adapter.listSegments();
    await adapter.listSegments();
    expect(sent.map((s) => s.headers.get('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
  });

  it('adds the host headers, but its own headers win', async () => {
    const { sent, fetch } = recorder();
    const adapter = createRestAdapter({
      baseUrl: '/api',
      fetch,
      headers: { 'X-Tenant': 'acme', 'Idempotency-Key': 'host' },
    });
    await adapter.createSegment({ name: 'X' }, { requestId: 'mine' });
    expect(sent[0]!.headers.get('X-Tenant')).to.equal('acme');
    expect(sent[0]!.headers.get('Idempotency-Key')).to.equal('mine');
  });

  it('declares its capabilities', () => {
    expect(createRestAdapter({ baseUrl: '/api' }).capabilities).to.deep.equal({ live: false, invites: true });
  });

  describe('over msw', () => {
    before(() => startMockWorker([]));
    afterEach(() => resetHandlers());

    it('works with an absolute base URL and the global fetch', async () => {
      const seen: Array<{ url: string; auth: string | null }> = [];
      (await startMockWorker()).use(
        http.get('/v2/segments', ({ request }) => {
          seen.push({ url: request.url, auth: request.headers.get('Authorization') });
          return HttpResponse.json({ items: [segment], unassignedCount: 1, totalMembers: 1 });
        }),
      );
      const adapter = createRestAdapter({ baseUrl: `${location.origin}/v2/`, getToken: () => 'abc' });
      const list = await adapter.listSegments();
      expect(list.items[0]!.name).to.equal('VIPs');
      expect(seen).to.deep.equal([{ url: `${location.origin}/v2/segments`, auth: 'Bearer abc' }]);
    });
  });

  describe('parseRetryAfter', () => {
    it('reads delay-seconds and HTTP dates', () => {
      const t = Date.UTC(2026, 0, 1, 12, 0, 0);
      expect(parseRetryAfter('120', t)).to.equal(120_000);
      expect(parseRetryAfter(' 0 ', t)).to.equal(0);
      expect(parseRetryAfter('1.5', t)).to.equal(1_500);
      expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', t)).to.equal(30_000);
      expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', t)).to.equal(0);
      expect(parseRetryAfter(null, t)).to.equal(undefined);
      expect(parseRetryAfter('', t)).to.equal(undefined);
      expect(parseRetryAfter('-5', t)).to.equal(undefined);
      expect(parseRetryAfter('later', t)).to.equal(undefined);
    });
  });
});
