/**
 * @segkit/rest: an answer larger than `maxResponseBytes` is refused with
 * `bad-response`, without reading past the limit, and is not retried.
 */
import { createSegmentStore } from '@segkit/core';
import type { SegkitError, SegmentStore } from '@segkit/core';
import { DEFAULT_MAX_RESPONSE_BYTES, createRestAdapter } from '@segkit/rest';
import { http, HttpResponse } from 'msw';
import { expect, expectReject } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';

/** A valid segment list answer of exactly `bytes` bytes (JSON allows trailing white space). */
function listOf(bytes: number): string {
  const json = JSON.stringify({ items: [], unassignedCount: 0, totalMembers: 0 });
  return json + ' '.repeat(bytes - json.length);
}

/** A stream of `text` in chunks of 1 KiB, with no length known in advance. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 1024));
      at += 1024;
    },
  });
}

const LIMIT = 16 * 1024;

describe('rest adapter: response size cap (maxResponseBytes)', () => {
  let store: SegmentStore | undefined;
  const requests: string[] = [];

  before(() => startMockWorker([]));
  beforeEach(() => {
    requests.length = 0;
  });
  afterEach(() => {
    store?.destroy();
    store = undefined;
    resetHandlers();
  });

  async function answer(make: () => Response) {
    (await startMockWorker()).use(
      http.all('/api/*', ({ request }) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return make();
      }),
    );
  }

  it('refuses an answer whose Content-Length is over the limit, naming the limit', async () => {
    const body = listOf(LIMIT + 1);
    await answer(() => new HttpResponse(body, { headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } }));
    const error = await expectReject<SegkitError>(createRestAdapter({ baseUrl: '/api', maxResponseBytes: LIMIT }).listSegments(), 'bad-response');
    expect(error.status).to.equal(200);
    expect(error.message).to.contain(String(LIMIT));
    expect(error.message).to.contain('maxResponseBytes');
  });

  it('refuses an answer streamed without a length once it passes the limit', async () => {
    const body = listOf(LIMIT * 4);
    await answer(() => new HttpResponse(chunked(body), { headers: { 'Content-Type': 'application/json' } }));
    await expectReject(createRestAdapter({ baseUrl: '/api', maxResponseBytes: LIMIT }).listSegments(), 'bad-response');
  });

  it('accepts an answer of exactly the limit, streamed or declared, and refuses one byte more', async () => {
    const api = createRestAdapter({ baseUrl: '/api', maxResponseBytes: LIMIT });
    await answer(() => new HttpResponse(chunked(listOf(LIMIT)), { headers: { 'Content-Type': 'application/json' } }));
    expect((await api.listSegments()).totalMembers).to.equal(0);
    await answer(() => new HttpResponse(listOf(LIMIT), { headers: { 'Content-Type': 'application/json', 'Content-Length': String(LIMIT) } }));
    expect((await api.listSegments()).totalMembers).to.equal(0);
    await answer(() => new HttpResponse(chunked(listOf(LIMIT + 1)), { headers: { 'Content-Type': 'application/json' } }));
    await expectReject(api.listSegments(), 'bad-response');
  });

  it('reads no more than the default 8 MiB of an endless answer, and cancels it', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"items":[],"unassignedCount":0,"totalMembers":0}'));
      },
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const fetch = async () => new Response(endless, { headers: { 'Content-Type': 'application/json' } });
    const error = await expectReject<SegkitError>(createRestAdapter({ baseUrl: '/api', fetch }).listSegments(), 'bad-response');
    expect(DEFAULT_MAX_RESPONSE_BYTES).to.equal(8 * 1024 * 1024);
    expect(error.message).to.contain(String(DEFAULT_MAX_RESPONSE_BYTES));
    expect(cancelled, 'the stream is cancelled').to.equal(true);
    expect(pulled, 'read up to the limit and a chunk or two more').to.be.at.most(DEFAULT_MAX_RESPONSE_BYTES + 2 * chunk.byteLength);
  });

  it('refuses a declared 200 MB answer before reading any of it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)));
      },
    });
    const fetch = async () => new Response(body, { headers: { 'Content-Type': 'application/json', 'Content-Length': String(200 * 1024 * 1024) } });
    await expectReject(createRestAdapter({ baseUrl: '/api', fetch }).listSegments(), 'bad-response');
    // A stream pulls once to fill its queue when made; reading it would pull on.
    expect(pulled, 'nothing read').to.be.at.most(1);
  });

  it('does not retry a write answered too large: one request, rolled back with bad-response', async () => {
    await answer(() =>
      requests.at(-1)!.startsWith('GET')
        ? HttpResponse.json({ items: [], unassignedCount: 0, totalMembers: 0 })
        : new HttpResponse(chunked(listOf(LIMIT * 2)), { status: 201, headers: { 'Content-Type': 'application/json' } }),
    );
    store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: '/api', maxResponseBytes: LIMIT }), retry: { baseMs: 1, maxMs: 5 } });
    await expectReject(store.createSegment({ name: 'Big answers' }), 'bad-response');
    await store.settled();
    expect(requests.filter((r) => r === 'POST /api/segments')).to.have.length(1);
    expect(store.$segments.get().some((s) => s.name === 'Big answers')).to.equal(false);
  });

  it('keeps the status\'s code for an error answer over the limit (a 503 is still retried as server)', async () => {
    await answer(() => new HttpResponse(chunked(listOf(LIMIT * 2)), { status: 503, headers: { 'Content-Type': 'application/json' } }));
    const error = await expectReject<SegkitError>(createRestAdapter({ baseUrl: '/api', maxResponseBytes: LIMIT }).listSegments(), 'server');
    expect(error.status).to.equal(503);
  });

  it('refuses a maxResponseBytes that is not a whole number from 1, when the adapter is made', () => {
    for (const bad of [Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY, '100']) {
      let thrown: unknown;
      try {
        createRestAdapter({ baseUrl: '/api', maxResponseBytes: bad as number });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(bad)).to.include({ code: 'invalid-input', field: 'maxResponseBytes' });
    }
  });
});
