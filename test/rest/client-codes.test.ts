/**
 * @segkit/rest: error codes that only a client can mean (`aborted`,
 * `network`, `offline`, `quota`, `bad-response`), sent by a server in an
 * error body, are ignored: the HTTP status decides. From a server they
 * wedged a write (`aborted`) or retried it without limit (`network`).
 */
import { createSegmentStore } from '@segkit/core';
import type { SegkitError, SegmentStore } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { http, HttpResponse, passthrough } from 'msw';
import { expect, expectReject } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { useMockBackend } from './mock-backend.js';
import { hostile, validateWire } from './wire-validator.js';

validateWire();

const CLIENT_ONLY = ['aborted', 'network', 'offline', 'quota', 'bad-response', 'nothing-to-undo'] as const;

describe('rest adapter: client-only error codes from a server', () => {
  let store: SegmentStore | undefined;

  const mock = useMockBackend({ seed: 3, size: 20 }, () => {
    store?.destroy();
    store = undefined;
  });

  /** Every POST /segments is answered `status` with `{ error: { code } }`; returns how many were sent. */
  async function answerCreates(status: number, code: string) {
    const sent = { count: 0 };
    (await startMockWorker()).use(
      http.post('/api/segments', () => {
        sent.count += 1;
        const response = HttpResponse.json({ error: { code, message: `Told ${code}.` } }, { status });
        return (CLIENT_ONLY as readonly string[]).includes(code) ? hostile(response, 'a client-only code from a server') : response;
      }),
    );
    return sent;
  }

  for (const code of CLIENT_ONLY) {
    it(`maps a 422 saying "${code}" to the status's code (invalid-input), keeping the message`, async () => {
      await answerCreates(422, code);
      const error = await expectReject<SegkitError>(createRestAdapter({ baseUrl: '/api' }).createSegment({ name: 'X' }), 'invalid-input');
      expect(error.status).to.equal(422);
      expect(error.message).to.equal(`Told ${code}.`);
    });

    it(`rolls back a write answered 422 "${code}" once, reported once, instead of retrying or hanging`, async () => {
      const sent = await answerCreates(422, code);
      store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: '/api' }), retry: { baseMs: 5, maxMs: 20, maxAttempts: 8 } });
      await store.ready;
      const errors: string[] = [];
      store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
      const created = store.createSegment({ name: 'Told off' });
      const outcome = await Promise.race([
        created.then(
          () => 'confirmed',
          (error: SegkitError) => error.code,
        ),
        new Promise((resolve) => setTimeout(() => resolve('not settled after 3 s'), 3_000)),
      ]);
      expect(outcome).to.equal('invalid-input');
      expect(sent.count, 'requests sent').to.equal(1);
      expect(errors).to.deep.equal(['create-segment:invalid-input']);
      expect(store.$segments.get().some((s) => s.name === 'Told off')).to.equal(false);
    });
  }

  it('maps a 503 saying "network" to server (retried with bounds), and still trusts server codes', async () => {
    await answerCreates(503, 'network');
    const api = createRestAdapter({ baseUrl: '/api' });
    expect((await expectReject<SegkitError>(api.createSegment({ name: 'X' }), 'server')).status).to.equal(503);
    await answerCreates(422, 'reserved-segment');
    await expectReject(api.createSegment({ name: 'X' }), 'reserved-segment');
  });

  it('openapi.yaml lists only server codes in ErrorCode, and the adapter trusts each of them', async () => {
    (await startMockWorker()).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
    const yaml = await (await fetch('/packages/rest/openapi.yaml')).text();
    const block = yaml.slice(yaml.indexOf('\n    ErrorCode:\n'), yaml.indexOf('\n    Error:\n'));
    const listed = [...block.slice(block.indexOf('enum:')).matchAll(/^ {8}- ([a-z-]+)$/gm)].map((m) => m[1]!);
    expect(listed).to.include.members(['name-taken', 'invalid-input', 'server']);
    expect(listed.filter((code) => (CLIENT_ONLY as readonly string[]).includes(code)), 'client-only codes in the enum').to.deep.equal([]);
    const api = createRestAdapter({ baseUrl: '/api' });
    for (const code of listed) {
      await answerCreates(409, code);
      await expectReject(api.createSegment({ name: 'X' }), code);
    }
  });
});
