/**
 * @segkit/rest: every way a request can fail becomes one SegkitError with the
 * right code, status and retry hint.
 */
import { SegkitError, emptyQuery } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { http, HttpResponse, delay } from 'msw';
import { expect, expectReject } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { hostile, validateWire } from './wire-validator.js';

validateWire();

const segment = {
  id: 'vips',
  name: 'VIPs',
  memberCount: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

const api = () => createRestAdapter({ baseUrl: '/api' });

/** An `Error` body for the tests about something else (Retry-After). */
const busy = { error: { code: 'server', message: 'Busy.' } };

/** Every request under /api answered so; `hostileWhy` marks an answer off the contract on purpose (wire-validator.ts). */
function answer(status: number, body?: unknown, headers: Record<string, string> = {}, hostileWhy?: string) {
  const mark = (response: Response) => (hostileWhy === undefined ? response : hostile(response, hostileWhy));
  return http.all('/api/*', () =>
    mark(
      body === undefined
        ? new HttpResponse(null, { status, headers })
        : typeof body === 'string'
          ? new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html', ...headers } })
          : HttpResponse.json(body, { status, headers }),
    ),
  );
}

describe('rest adapter: error mapping', () => {
  before(() => startMockWorker([]));
  afterEach(() => resetHandlers());

  describe('error bodies', () => {
    it('takes the code, message and field from the contract error body, with the status', async () => {
      (await startMockWorker()).use(
        answer(409, { error: { code: 'name-taken', message: 'A segment named "VIPs" already exists.', field: 'name' } }),
      );
      const error = await expectReject<SegkitError>(api().createSegment({ name: 'vips' }), 'name-taken');
      expect(error).to.be.an.instanceOf(SegkitError);
      expect(error.status).to.equal(409);
      expect(error.field).to.equal('name');
      expect(error.message).to.equal('A segment named "VIPs" already exists.');
    });

    it('trusts a known code even when the status says otherwise (reserved-segment on 422)', async () => {
      (await startMockWorker()).use(answer(422, { error: { code: 'reserved-segment', message: 'Built in.' } }));
      const error = await expectReject<SegkitError>(api().deleteSegment('unassigned'), 'reserved-segment');
      expect(error.status).to.equal(422);
    });

    it('falls back to the status when the body code is not a segkit code', async () => {
      (await startMockWorker()).use(answer(404, { error: { code: 'E_NOPE', message: 'Nope.' } }, {}, 'a code that is not an ErrorCode'));
      const error = await expectReject<SegkitError>(api().updateSegment('x', { name: 'y' }), 'not-found');
      expect(error.message).to.equal('Nope.');
    });

    it('falls back to the status for bodies that are not error bodies (HTML, empty, other JSON)', async () => {
      const worker = await startMockWorker();
      worker.use(answer(502, '<html><body>Bad gateway</body></html>', {}, 'an HTML error page'));
      const html = await expectReject<SegkitError>(api().listSegments(), 'server');
      expect(html.status).to.equal(502);
      expect(html.message).to.match(/502/);

      worker.use(answer(400, undefined, {}, 'no Error body'));
      await expectReject(api().listSegments(), 'invalid-input');
      worker.use(answer(422, { message: 'not the contract' }, {}, 'an undeclared status with another JSON body'));
      await expectReject(api().listSegments(), 'invalid-input');
    });
  });

  describe('status fallbacks', () => {
    const cases: Array<[number, string]> = [
      [400, 'invalid-input'],
      [422, 'invalid-input'],
      [404, 'not-found'],
      [409, 'name-taken'],
      [410, 'invite-unusable'],
      [429, 'server'],
      [500, 'server'],
      [503, 'server'],
      [401, 'unauthorized'],
      [403, 'unauthorized'],
    ];
    for (const [status, code] of cases) {
      it(`${status} without an error body -> ${code}`, async () => {
        (await startMockWorker()).use(answer(status, undefined, {}, 'no Error body, on any operation'));
        const error = await expectReject<SegkitError>(api().listSegments(), code);
        expect(error.status).to.equal(status);
      });
    }
  });

  describe('Retry-After', () => {
    it('reads delay-seconds on a 429', async () => {
      (await startMockWorker()).use(answer(429, { error: { code: 'server', message: 'Slow down.' } }, { 'Retry-After': '3' }));
      const error = await expectReject<SegkitError>(api().listSegments(), 'server');
      expect(error.status).to.equal(429);
      expect(error.retryAfterMs).to.equal(3000);
    });

    it('reads an HTTP date on a 503', async () => {
      const at = new Date(Date.now() + 10_000).toUTCString();
      (await startMockWorker()).use(answer(503, busy, { 'Retry-After': at }));
      const error = await expectReject<SegkitError>(api().listSegments(), 'server');
      // HTTP dates have whole seconds: somewhere in the next 10 s.
      expect(error.retryAfterMs).to.be.within(8_000, 10_000);
    });

    it('reads Retry-After: 0 as no wait, and a date in the past as 0', async () => {
      const worker = await startMockWorker();
      worker.use(answer(503, busy, { 'Retry-After': '0' }));
      expect((await expectReject<SegkitError>(api().listSegments(), 'server')).retryAfterMs).to.equal(0);
      worker.use(answer(503, busy, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }));
      expect((await expectReject<SegkitError>(api().listSegments(), 'server')).retryAfterMs).to.equal(0);
    });

    it('leaves retryAfterMs undefined when the header is absent or unreadable', async () => {
      const worker = await startMockWorker();
      worker.use(answer(500, busy));
      expect((await expectReject<SegkitError>(api().listSegments(), 'server')).retryAfterMs).to.equal(undefined);
      worker.use(answer(503, busy, { 'Retry-After': 'soon' }, 'a Retry-After that is neither seconds nor a date'));
      expect((await expectReject<SegkitError>(api().listSegments(), 'server')).retryAfterMs).to.equal(undefined);
    });
  });

  describe('bad responses', () => {
    it('rejects malformed JSON on a 2xx as bad-response', async () => {
      (await startMockWorker()).use(
        http.get('/api/segments', () => hostile(new HttpResponse('{"items": [', { headers: { 'Content-Type': 'application/json' } }), 'malformed JSON')),
      );
      const error = await expectReject<SegkitError>(api().listSegments(), 'bad-response');
      expect(error.status).to.equal(200);
    });

    it('rejects an empty 2xx body as bad-response', async () => {
      (await startMockWorker()).use(http.delete('/api/segments/:id', () => hostile(new HttpResponse(null, { status: 204 }), 'an undeclared 204')));
      await expectReject(api().deleteSegment('vips'), 'bad-response');
    });

    it('rejects wrong shapes as bad-response, naming what was wrong', async () => {
      const worker = await startMockWorker();
      worker.use(http.get('/api/segments', () => hostile(HttpResponse.json({ items: [{ ...segment, memberCount: -1 }], unassignedCount: 0, totalMembers: 3 }), 'a negative count')));
      const error = await expectReject<SegkitError>(api().listSegments(), 'bad-response');
      expect(error.message).to.match(/memberCount/);

      worker.use(http.post('/api/segments', () => hostile(HttpResponse.json({ id: 'x' }, { status: 201 }), 'a segment without its fields')));
      await expectReject(api().createSegment({ name: 'X' }), 'bad-response');

      worker.use(http.post('/api/members/query', () => hostile(HttpResponse.json({ items: 'none', total: 0, offset: 0 }), 'items that are not a list')));
      await expectReject(api().queryMembers(emptyQuery(), { offset: 0, limit: 10 }), 'bad-response');

      worker.use(http.post('/api/audience/count', () => hostile(HttpResponse.json({ count: '12' }), 'a count as a string')));
      await expectReject(api().countAudience({ include: [], exclude: [], match: 'any' }), 'bad-response');
    });

    it('wants { items } from GET /invites, not a bare list', async () => {
      (await startMockWorker()).use(http.get('/api/invites', () => hostile(HttpResponse.json([]), 'a bare list')));
      await expectReject(api().listInvites(undefined), 'bad-response');
    });

    it('accepts a well-formed answer (and drops null optionals)', async () => {
      (await startMockWorker()).use(
        http.get('/api/segments', () =>
          // The spec has no null for an absent optional; the adapter reads it leniently.
          hostile(HttpResponse.json({ items: [{ ...segment, description: null }], unassignedCount: 2, totalMembers: 5 }), 'null for an absent optional'),
        ),
      );
      const list = await api().listSegments();
      expect(list).to.deep.equal({ items: [segment], unassignedCount: 2, totalMembers: 5 });
    });
  });

  describe('network, timeout, abort, offline', () => {
    it('maps a failed fetch to network', async () => {
      (await startMockWorker()).use(http.get('/api/segments', () => HttpResponse.error()));
      const error = await expectReject<SegkitError>(api().listSegments(), 'network');
      expect(error.status).to.equal(undefined);
    });

    it('maps a failed fetch to offline when the browser says it is offline', async () => {
      (await startMockWorker()).use(http.get('/api/segments', () => HttpResponse.error()));
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        await expectReject(api().listSegments(), 'offline');
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }
      expect(navigator.onLine).to.equal(true);
    });

    it('times out as network, saying it timed out', async () => {
      (await startMockWorker()).use(
        http.get('/api/segments', async () => {
          await delay(2_000);
          return HttpResponse.json({ items: [], unassignedCount: 0, totalMembers: 0 });
        }),
      );
      const started = performance.now();
      const error = await expectReject<SegkitError>(
        createRestAdapter({ baseUrl: '/api', timeoutMs: 100 }).listSegments(),
        'network',
      );
      expect(error.message).to.match(/timed out/);
      expect(performance.now() - started).to.be.below(1_500);
    });

    it('covers reading the body in the timeout', async () => {
      // A body that never ends: headers arrive at once, the JSON never does.
      const stalled = (url: RequestInfo | URL, init?: RequestInit) => {
        void url;
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"items": ['));
            init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
          },
        });
        return Promise.resolve(new Response(body, { headers: { 'Content-Type': 'application/json' } }));
      };
      const adapter = createRestAdapter({ baseUrl: '/api', timeoutMs: 80, fetch: stalled as typeof fetch });
      const error = await expectReject<SegkitError>(adapter.listSegments(), 'network');
      expect(error.message).to.match(/timed out/);
    });

    it('maps the caller aborting mid-request to aborted', async () => {
      (await startMockWorker()).use(
        http.get('/api/segments', async () => {
          await delay(2_000);
          return HttpResponse.json({ items: [], unassignedCount: 0, totalMembers: 0 });
        }),
      );
      const controller = new AbortController();
      const pending = api().listSegments({ signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await expectReject(pending, 'aborted');
    });

    it('does not send a request when the signal is already aborted', async () => {
      let calls = 0;
      const counting = (() => {
        calls += 1;
        return Promise.resolve(HttpResponse.json({}));
      }) as unknown as typeof fetch;
      const controller = new AbortController();
      controller.abort();
      await expectReject(
        createRestAdapter({ baseUrl: '/api', fetch: counting }).createSegment({ name: 'X' }, { signal: controller.signal }),
        'aborted',
      );
      expect(calls).to.equal(0);
    });

    it('combines the caller signal and the timeout without AbortSignal.any', async () => {
      const any = (AbortSignal as { any?: unknown }).any;
      (AbortSignal as { any?: unknown }).any = undefined;
      let reached = 0;
      try {
        (await startMockWorker()).use(
          http.get('/api/segments', async () => {
            reached += 1;
            await delay(2_000);
            return HttpResponse.json({ items: [], unassignedCount: 0, totalMembers: 0 });
          }),
        );
        const controller = new AbortController();
        const pending = api().listSegments({ signal: controller.signal });
        setTimeout(() => controller.abort(), 30);
        await expectReject(pending, 'aborted');
        const timedOut = await expectReject<SegkitError>(
          createRestAdapter({ baseUrl: '/api', timeoutMs: 60 }).listSegments({ signal: new AbortController().signal }),
          'network',
        );
        expect(timedOut.message).to.match(/timed out/);
        // Both requests reach the page's handler after their fetch gave up (as messages from
        // msw's service worker, late under load): wait for them, or the next test's reset
        // finds them unhandled.
        for (let turn = 0; turn < 500 && reached < 2; turn += 1) await delay(10);
      } finally {
        (AbortSignal as { any?: unknown }).any = any;
      }
    });

    it('maps a failing getToken to network without sending the request', async () => {
      let calls = 0;
      const counting = (() => {
        calls += 1;
        return Promise.resolve(HttpResponse.json({}));
      }) as unknown as typeof fetch;
      const adapter = createRestAdapter({
        baseUrl: '/api',
        fetch: counting,
        getToken: () => Promise.reject(new Error('refresh failed')),
      });
      await expectReject(adapter.listSegments(), 'network');
      expect(calls).to.equal(0);
    });
  });
});
