/**
 * @segkit/rest: request headers are case-insensitive (a host's lower-case
 * `authorization` is not sent beside the adapter's own), and a token that
 * cannot be a header value fails at once as `unauthorized` instead of being
 * retried for ever as a network fault.
 */
import { createSegmentStore } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { http, HttpResponse } from 'msw';
import { expect, expectReject } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { until } from '../core/fixtures.js';
import { validateWire } from './wire-validator.js';

validateWire();

const list = { items: [], unassignedCount: 0, totalMembers: 0 };

describe('rest adapter: headers and tokens', () => {
  /** Headers of every request that reached the server (msw), by name as the server reads them. */
  const seen: Headers[] = [];

  before(() => startMockWorker([]));
  beforeEach(async () => {
    seen.length = 0;
    (await startMockWorker()).use(
      http.all('/api/*', ({ request }) => {
        seen.push(request.headers);
        return request.method === 'GET' ? HttpResponse.json(list) : HttpResponse.json({ error: { code: 'server', message: 'No.' } }, { status: 500 });
      }),
    );
  });
  afterEach(() => resetHandlers());

  it('sends one Authorization, the token\'s, when the host gives a lower-case authorization header', async () => {
    await createRestAdapter({ baseUrl: '/api', headers: { authorization: 'Bearer host' }, getToken: () => 'mine' }).listSegments();
    expect(seen[0]!.get('Authorization')).to.equal('Bearer mine');
  });

  it('sends the host\'s authorization once when there is no token, and lets no other own header double', async () => {
    const adapter = createRestAdapter({
      baseUrl: '/api',
      headers: { authorization: 'Basic aG9zdA==', 'idempotency-key': 'host', 'content-type': 'text/plain', 'x-tenant': 'acme' },
    });
    await expectReject(adapter.createSegment({ name: 'X' }, { requestId: 'mine' }), 'server');
    const [sent] = seen;
    expect(sent!.get('Authorization')).to.equal('Basic aG9zdA==');
    expect(sent!.get('Idempotency-Key')).to.equal('mine');
    expect(sent!.get('Content-Type')).to.equal('application/json');
    expect(sent!.get('X-Tenant')).to.equal('acme');
  });

  it('reads the headers option at each request, as before (a host may change a header it gave)', async () => {
    const headers: Record<string, string> = { 'X-Tenant': 'acme' };
    const adapter = createRestAdapter({ baseUrl: '/api', headers });
    await adapter.listSegments();
    headers['X-Tenant'] = 'globex';
    await adapter.listSegments();
    expect(seen.map((h) => h.get('X-Tenant'))).to.deep.equal(['acme', 'globex']);
  });

  it('accepts headers as a Headers object or pairs, and refuses an invalid one when created', () => {
    expect(() => createRestAdapter({ baseUrl: '/api', headers: new Headers({ 'X-A': '1' }) })).to.not.throw();
    expect(() => createRestAdapter({ baseUrl: '/api', headers: [['X-A', '1']] })).to.not.throw();
    expect(() => createRestAdapter({ baseUrl: '/api', headers: { 'X-A': 'a\nb' } }))
      .to.throw()
      .with.property('code', 'invalid-input');
  });

  it('fails at once with unauthorized, sending nothing, for a token with a line break (or a space, or non-ASCII)', async () => {
    for (const token of ['abc\ndef', 'abc\r\n', 'abc def', 'tökén']) {
      const error = await expectReject(createRestAdapter({ baseUrl: '/api', getToken: () => token }).listSegments(), 'unauthorized');
      expect(error.message, JSON.stringify(token)).to.match(/access token/);
    }
    expect(seen, 'requests sent').to.have.length(0);
    await createRestAdapter({ baseUrl: '/api', getToken: () => 'eyJ.a-b_c~d+e/f=' }).listSegments();
    expect(seen[0]!.get('Authorization')).to.equal('Bearer eyJ.a-b_c~d+e/f=');
  });

  describe('under a store', () => {
    let backend: MockBackend;
    let store: SegmentStore | undefined;
    before(async () => {
      backend = createMockBackend({ baseUrl: '/api', seed: 4, size: 10 });
      await backend.ready;
    });
    beforeEach(() => resetHandlers(...backend.handlers));
    afterEach(async () => {
      store?.destroy();
      store = undefined;
      await backend.reset();
    });

    it('pauses a write on a token with a line break (kept, nothing sent) and sends it once the token is fixed', async () => {
      let token = 'broken\ntoken';
      store = createSegmentStore({
        adapter: createRestAdapter({ baseUrl: '/api', getToken: () => token }),
        retry: { baseMs: 5, maxMs: 20 },
      });
      const created = store.createSegment({ name: 'Kept' });
      await until(() => store!.$status.get().paused === 'unauthorized');
      expect(backend.log.filter((r) => r.operation === 'createSegment'), 'creates sent').to.have.length(0);
      expect(store.$segments.get().some((s) => s.name === 'Kept'), 'still shown, waiting').to.equal(true);
      token = 'fixed';
      store.resume();
      expect((await created).name).to.equal('Kept');
      expect(backend.log.filter((r) => r.operation === 'createSegment').map((r) => r.authorization)).to.deep.equal(['Bearer fixed']);
    });
  });
});
