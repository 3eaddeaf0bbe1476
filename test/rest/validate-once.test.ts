/**
 * Decision 005: every answer is validated exactly once, whoever validates it.
 * A REST answer is checked by the REST adapter (which adds the HTTP status to
 * a `bad-response`); the store does not check it again. Any other adapter is
 * checked by the store. Counted through `Date.parse`, which the schema's date
 * check calls once per date field per parse (each date string here is unique).
 */
import type { AdapterMethod, SegkitError, SegmentsAdapter } from '@segkit/core';
import { ADAPTER_METHODS, createMemoryAdapter, createSegmentStore, isValidated, manualConnectivity } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';

const LISTED = ['2031-01-01T00:00:00.001Z', '2031-01-01T00:00:00.002Z'];
const MEMBER = '2031-01-01T00:00:00.003Z';
const CREATED = ['2031-01-01T00:00:00.004Z', '2031-01-01T00:00:00.005Z'];
const DATES = [...LISTED, MEMBER, ...CREATED];

/** Answers of a tiny backend, each date unique. */
function answer(method: string, path: string): unknown {
  if (path.endsWith('/segments') && method === 'GET') {
    return { items: [{ id: 'vips', name: 'VIPs', memberCount: 1, createdAt: LISTED[0], updatedAt: LISTED[1] }], unassignedCount: 0, totalMembers: 1 };
  }
  if (path.endsWith('/segments')) return { id: 'seg_new', name: 'New', memberCount: 0, createdAt: CREATED[0], updatedAt: CREATED[1] };
  if (path.endsWith('/members/query')) {
    return { items: [{ id: 'm1', name: 'Ana', attributes: {}, segmentIds: ['vips'], createdAt: MEMBER }], total: 1, offset: 0 };
  }
  return { error: { code: 'not-found', message: 'no such route' } };
}

const backend = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
  const body = answer(init.method ?? 'GET', String(input));
  return new Response(JSON.stringify(body), { status: 'error' in (body as object) ? 404 : 200, headers: { 'Content-Type': 'application/json' } });
}) as typeof fetch;

/** Counts Date.parse calls on the dates above while `run` runs. */
async function countParses(run: () => Promise<void>): Promise<Record<string, number>> {
  const original = Date.parse;
  const counts: Record<string, number> = Object.fromEntries(DATES.map((d) => [d, 0]));
  Date.parse = (text: string) => {
    if (text in counts) counts[text]! += 1;
    return original(text);
  };
  try {
    await run();
  } finally {
    Date.parse = original;
  }
  return counts;
}

describe('validation happens once (decision 005)', () => {
  it('parses each REST answer once, in the REST adapter, not again in the store', async () => {
    const store = createSegmentStore({
      adapter: createRestAdapter({ baseUrl: '/api', fetch: backend }),
      connectivity: manualConnectivity(true),
      pageSize: 10,
    });
    try {
      const counts = await countParses(async () => {
        await store.refresh();
        await store.createSegment({ name: 'New', id: 'seg_new' });
      });
      expect(store.segmentById('vips')?.memberCount, 'the answers were used').to.equal(1);
      expect(counts).to.deep.equal(Object.fromEntries(DATES.map((d) => [d, 1])));
    } finally {
      store.destroy();
    }
  });

  it('parses answers of any other adapter once, in the store', async () => {
    const memory = createMemoryAdapter({
      segments: [{ id: 'vips', name: 'VIPs', createdAt: LISTED[0]!, updatedAt: LISTED[1]! }],
      members: [{ id: 'm1', name: 'Ana', attributes: {}, segmentIds: ['vips'], createdAt: MEMBER }],
    });
    const store = createSegmentStore({ adapter: memory, connectivity: manualConnectivity(true) });
    try {
      const counts = await countParses(() => store.refresh());
      expect([counts[LISTED[0]!], counts[MEMBER]]).to.deep.equal([1, 1]);
    } finally {
      store.destroy();
    }
  });

  it('does not trust a proxy or a copy of the REST adapter: whatever they answer is checked by the store', async () => {
    const rest = createRestAdapter({ baseUrl: '/api', fetch: backend });
    const garbage = { items: 'none' };
    const proxy = new Proxy(rest, {
      get: (target, key, receiver) => (key === 'listSegments' ? async () => garbage : Reflect.get(target, key, receiver)),
    }) as SegmentsAdapter;
    const copy: SegmentsAdapter = { ...rest, listSegments: async () => garbage as never };
    for (const adapter of [proxy, copy]) {
      const store = createSegmentStore({ adapter, connectivity: manualConnectivity(true) });
      await expectReject(store.adapter.listSegments(), 'bad-response');
      store.destroy();
    }
  });
});

describe('the REST adapter follows the method table', () => {
  /** Arguments for each adapter method (without the options). */
  const args: { [M in AdapterMethod]: unknown[] } = {
    listSegments: [],
    createSegment: [{ name: 'X' }],
    updateSegment: ['vips', { name: 'Y' }],
    deleteSegment: ['vips'],
    queryMembers: [{ include: [], exclude: [], match: 'any', search: '', attributes: [], sort: { key: 'name', dir: 'asc' } }, { offset: 0, limit: 1 }],
    previewMembership: [{ op: 'assign', target: { kind: 'ids', ids: ['m1'] }, segmentIds: ['vips'], source: 'manual' }],
    changeMembership: [{ op: 'assign', target: { kind: 'ids', ids: ['m1'] }, segmentIds: ['vips'], source: 'manual' }],
    countAudience: [{ include: [], exclude: [], match: 'any' }],
    createInvite: [{ segmentId: 'vips' }],
    listInvites: [undefined],
    revokeInvite: ['inv_1'],
    redeemInvite: ['tok', { name: 'Ana' }],
  };

  it('sends Idempotency-Key on exactly the writes of the table, and checks every answer with its status', async () => {
    const keys: Array<[string, boolean]> = [];
    let method = '';
    const recording = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      keys.push([method, new Headers(init.headers).has('Idempotency-Key')]);
      return new Response(JSON.stringify({ garbage: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const rest = createRestAdapter({ baseUrl: '/api', fetch: recording });
    expect(isValidated(rest)).to.equal(true);
    for (const name of Object.keys(ADAPTER_METHODS) as AdapterMethod[]) {
      method = name;
      const call = (rest[name] as (...a: unknown[]) => Promise<unknown>)(...args[name], { requestId: 'req-1' });
      const error = await expectReject<SegkitError>(call, 'bad-response');
      expect(error.status, name).to.equal(200);
    }
    expect(keys).to.deep.equal((Object.keys(ADAPTER_METHODS) as AdapterMethod[]).map((name) => [name, ADAPTER_METHODS[name].write]));
  });
});
