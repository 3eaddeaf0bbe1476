/**
 * @segkit/mock answers the 401 and 403 the spec declares on every operation
 * when asked to (`createMockBackend({ auth })`), with the spec's Error body;
 * without `auth` it lets every request in (the demo). A forced 401 / 403
 * fault says `unauthorized` in its body too. `GET /invites` refuses a
 * `segmentId` that is not an `Id` with 400; unknown query parameters are
 * ignored (decision 021).
 */
import { createSegmentStore } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';
import { useMockBackend } from '../rest/mock-backend.js';
import { until } from '../core/fixtures.js';

interface Answer {
  status: number;
  body: { error?: { code?: string; message?: string } } & Record<string, unknown>;
  headers: Headers;
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Answer['body'], headers: response.headers };
}

function expectUnauthorized(answer: Answer, status: 401 | 403) {
  expect(answer.status).to.equal(status);
  expect(answer.body.error?.code).to.equal('unauthorized');
  expect(answer.body.error?.message).to.be.a('string').and.not.equal('');
}

describe('mock backend: auth option (401, 403)', () => {
  let store: SegmentStore | undefined;
  const mock = useMockBackend({ seed: 3, size: 40, auth: { token: 'good-token', readOnlyTokens: ['viewer-token'] } }, () => {
    store?.destroy();
    store = undefined;
  });

  it('answers 401 with the Error body to a request without a token or with an unknown one', async () => {
    const none = await call('GET', '/segments');
    expectUnauthorized(none, 401);
    expect(none.headers.get('WWW-Authenticate')).to.match(/^Bearer/);
    expectUnauthorized(await call('GET', '/segments', 'stolen'), 401);
    expectUnauthorized(await call('POST', '/members/query', undefined, { query: {}, offset: 0, limit: 10 }), 401);
    expectUnauthorized(await call('GET', '/no-such-endpoint'), 401);
    expect((await call('GET', '/segments', 'good-token')).status).to.equal(200);
  });

  it('refuses a write without a token with 401 and applies nothing', async () => {
    expectUnauthorized(await call('POST', '/segments', undefined, { name: 'Sneaky' }), 401);
    const list = await call('GET', '/segments', 'good-token');
    expect((list.body.items as Array<{ name: string }>).map((s) => s.name)).to.not.include('Sneaky');
  });

  it('lets a read-only token read and answers its writes 403, applying nothing', async () => {
    expect((await call('GET', '/segments', 'viewer-token')).status).to.equal(200);
    expect((await call('GET', '/invites', 'viewer-token')).status).to.equal(200);
    expectUnauthorized(await call('POST', '/segments', 'viewer-token', { name: 'Viewers' }), 403);
    expectUnauthorized(await call('DELETE', '/segments/vips', 'viewer-token'), 403);
    expect((await mock.backend.adapter.listSegments()).items.map((s) => s.id)).to.include('vips');
    expect((await call('POST', '/segments', 'good-token', { name: 'Viewers' })).status).to.equal(201);
  });

  it('keeps redeeming a link anonymous', async () => {
    const invite = await mock.backend.adapter.createInvite({ segmentId: 'customers' });
    const joined = await call('POST', '/invites/redeem', undefined, { token: invite.token, profile: { name: 'Noor Haddad' } });
    expect(joined.status).to.equal(200);
    expect(joined.body.joined).to.equal(true);
  });

  it('pauses a store\'s writes on 401 (kept, shown) and sends them on resume() with a new token', async () => {
    let token = 'expired-token';
    store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: '/api', getToken: () => token }), retry: { baseMs: 1, maxMs: 5 } });
    const created = store.createSegment({ name: 'Kept while signed out' });
    await until(() => store!.$status.get().paused === 'unauthorized');
    expect(store.$segments.get().find((s) => s.name === 'Kept while signed out')).to.include({ pending: true });
    const refused = mock.backend.log.filter((r) => r.operation === 'createSegment');
    expect(refused.map((r) => r.outcome)).to.deep.equal([401]);
    token = 'good-token';
    store.resume();
    await created;
    expect(store.$status.get().paused).to.equal(null);
    expect((await mock.backend.adapter.listSegments()).items.map((s) => s.name)).to.include('Kept while signed out');
  });

  it('rejects a read with unauthorized through the REST adapter, 403 included', async () => {
    await expectReject(createRestAdapter({ baseUrl: '/api' }).listSegments(), 'unauthorized');
    await expectReject(createRestAdapter({ baseUrl: '/api', getToken: () => 'viewer-token' }).createSegment({ name: 'X' }), 'unauthorized');
  });
});

describe('mock backend: without auth (the default) and forced statuses', () => {
  const mock = useMockBackend({ seed: 3, size: 40 });

  it('lets every request in without a token', async () => {
    expect((await call('GET', '/segments')).status).to.equal(200);
    expect((await call('POST', '/segments', undefined, { name: 'Open door' })).status).to.equal(201);
  });

  it('says unauthorized in the body of a forced 401 or 403 (the demo\'s "session expired"), so clients pause', async () => {
    for (const status of [401, 403] as const) {
      mock.backend.faults.set({ status });
      expectUnauthorized(await call('GET', '/segments'), status);
      await expectReject(createRestAdapter({ baseUrl: '/api' }).listSegments(), 'unauthorized');
    }
  });

  it('refuses a segmentId that is not an Id on GET /invites with 400, and ignores unknown query parameters', async () => {
    const empty = await call('GET', '/invites?segmentId=');
    expect(empty.status).to.equal(400);
    expect(empty.body.error).to.include({ code: 'invalid-input', field: 'segmentId' });
    expect((await call('GET', `/invites?segmentId=${'x'.repeat(257)}`)).status).to.equal(400);
    expect((await call('GET', '/invites?segmentId=customers&page=2')).status).to.equal(200);
    expect((await call('GET', '/segments?_=12345')).status).to.equal(200);
  });

  it('refuses an auth token that cannot follow Bearer when the backend is made', () => {
    for (const auth of [{ token: '' }, { token: 'two words' }, { token: 'ok', readOnlyTokens: ['line\nbreak'] }]) {
      expect(() => createMockBackend({ auth })).to.throw().with.property('code', 'invalid-input');
    }
  });
});
