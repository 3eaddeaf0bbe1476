/**
 * The wire itself, over raw `fetch`: status codes and error bodies the SDK
 * relies on, and `Idempotency-Key` replays as HTTP sees them.
 */
import { assert } from '../assert.js';
import type { Check, Wire } from '../check.js';

const json = { 'Content-Type': 'application/json' };

/**
 * Headers of a request sent off the contract on purpose, to see the server
 * refuse it: `X-Segkit-Hostile` says why (servers ignore it; the SDK's own
 * wire validator skips checking such a request, decision 022).
 */
const offSpec = (why: string) => ({ ...json, 'X-Segkit-Hostile': why });

async function body(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return assert.fail(`${response.status} answered a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

/** Asserts an error answer: the status, `Content-Type` JSON and `{ error: { code, message } }`. */
async function expectError(wire: Wire, what: string, path: string, init: RequestInit, status: number, code: string): Promise<void> {
  const response = await wire.request(path, init);
  const got = await body(response);
  assert.equal(response.status, status, `${what}: status`);
  assert.contains(response.headers.get('content-type') ?? '', 'application/json', `${what}: Content-Type`);
  const error = (got as { error?: { code?: unknown; message?: unknown } }).error;
  if (!error || typeof error !== 'object') assert.fail(`${what}: the body is { error: … }, got ${JSON.stringify(got)}`);
  assert.equal(error.code, code, `${what}: error.code`);
  assert.equal(typeof error.message, 'string', `${what}: error.message`);
}

export const wireChecks: Check[] = [
  {
    group: 'wire',
    name: 'answers bad queries with 400 or 422 invalid-input in the error body',
    needs: ['wire'],
    async run(ctx) {
      const wire = ctx.wire!;
      const query = { include: [], exclude: [], match: 'any', search: '', attributes: [], sort: { key: 'name', dir: 'asc' } };
      for (const [what, payload] of [
        ['limit 0', { query, offset: 0, limit: 0 }],
        ['limit 501', { query, offset: 0, limit: 501 }],
        ['no sort', { query: { ...query, sort: undefined }, offset: 0, limit: 10 }],
      ] as const) {
        const response = await wire.request('members/query', { method: 'POST', headers: offSpec(what), body: JSON.stringify(payload) });
        const got = (await body(response)) as { error?: { code?: string } };
        assert.ok(response.status === 400 || response.status === 422, `${what}: status 400 or 422, got ${response.status}`);
        assert.equal(got.error?.code, 'invalid-input', `${what}: error.code`);
      }
      await expectError(wire, 'a body that is not JSON', 'members/query', { method: 'POST', headers: offSpec('a body that is not JSON'), body: '{"query":' }, 400, 'invalid-input');
    },
  },
  {
    group: 'wire',
    name: 'answers an unknown segment with 404 not-found in the error body',
    needs: ['wire', 'write'],
    async run(ctx) {
      const path = `segments/missing-${ctx.runId}`;
      await expectError(ctx.wire!, 'PATCH an unknown segment', path, { method: 'PATCH', headers: json, body: JSON.stringify({ name: ctx.name('X') }) }, 404, 'not-found');
      await expectError(ctx.wire!, 'DELETE an unknown segment', path, { method: 'DELETE' }, 404, 'not-found');
    },
  },
  {
    group: 'wire',
    name: 'answers a replayed Idempotency-Key with the first answer, applied once',
    needs: ['wire', 'write'],
    async run(ctx) {
      const wire = ctx.wire!;
      const key = `segkit-conformance-${ctx.runId}-replay`;
      const name = ctx.name('Replay');
      const send = () =>
        wire.request('segments', { method: 'POST', headers: { ...json, 'Idempotency-Key': key }, body: JSON.stringify({ name }) });
      const first = await send();
      const firstBody = (await body(first)) as { id?: string };
      try {
        assert.equal(first.status, 201, 'the first POST /segments');
        const replay = await send();
        assert.equal(replay.status, 201, 'the replay answers the first status');
        assert.deepEqual(await body(replay), firstBody, 'the replay answers the first body');
        const list = (await body(await wire.request('segments'))) as { items: Array<{ name: string }> };
        assert.equal(list.items.filter((s) => s.name === name).length, 1, 'one segment of that name');
      } finally {
        if (firstBody.id) await wire.request(`segments/${encodeURIComponent(firstBody.id)}`, { method: 'DELETE' });
      }
    },
  },
];
