/**
 * @segkit/mock: the handlers speak the wire contract (statuses, error bodies,
 * replays) over the memory adapter's semantics.
 */
import { UNASSIGNED_ID, emptyQuery } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { validateWire } from '../rest/wire-validator.js';

// These tests send what the spec forbids on purpose: only the mock's answers must be on the contract.
validateWire({ answersOnly: true });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`/api${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

describe('mock backend over HTTP', () => {
  let backend: MockBackend;

  before(async () => {
    backend = createMockBackend({ seed: 4, size: 200 });
    await startMockWorker(backend.handlers);
  });
  afterEach(() => backend.reset());

  it('lists the seeded segments and the derived Unassigned count', async () => {
    const { status, body } = await call('GET', '/segments');
    expect(status).to.equal(200);
    expect(body!.totalMembers).to.equal(200);
    expect(body!.items.map((s: { name: string }) => s.name)).to.include.members(['VIPs', 'Customers']);
    const members = backend.adapter.snapshot().members;
    expect(body!.unassignedCount).to.equal(members.filter((m) => m.segmentIds.length === 0).length);
    expect(body!.unassignedCount).to.be.greaterThan(0);
  });

  it('creates with 201, refuses a taken name with 409 and an error body naming the field', async () => {
    const created = await call('POST', '/segments', { name: 'Beta Testers', color: '#ABC' });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ name: 'Beta Testers', color: '#abc', memberCount: 0 });
    const taken = await call('POST', '/segments', { name: '  beta testers ' });
    expect(taken.status).to.equal(409);
    expect(taken.body).to.deep.include({ error: { code: 'name-taken', message: taken.body!.error.message, field: 'name' } });
  });

  it('answers 422 for invalid names, invalid fields and the reserved segment', async () => {
    const empty = await call('POST', '/segments', { name: '   ' });
    expect([empty.status, empty.body!.error.code]).to.deep.equal([422, 'name-invalid']);
    const color = await call('POST', '/segments', { name: 'Red', color: 'red' });
    expect([color.status, color.body!.error.code, color.body!.error.field]).to.deep.equal([422, 'invalid-input', 'color']);
    const reserved = await call('POST', '/segments', { name: 'unassigned' });
    expect([reserved.status, reserved.body!.error.code]).to.deep.equal([422, 'reserved-segment']);
    const rename = await call('PATCH', `/segments/${UNASSIGNED_ID}`, { name: 'X' });
    expect([rename.status, rename.body!.error.code]).to.deep.equal([422, 'reserved-segment']);
    const assign = await call('POST', '/memberships', {
      op: 'assign',
      target: { kind: 'ids', ids: ['m-000001'] },
      segmentIds: [UNASSIGNED_ID],
      source: 'manual',
    });
    expect([assign.status, assign.body!.error.code]).to.deep.equal([422, 'reserved-segment']);
  });

  it('answers 404 for unknown segments and invites, and unknown routes', async () => {
    expect((await call('PATCH', '/segments/nope', { name: 'X' })).status).to.equal(404);
    const gone = await call('DELETE', '/segments/nope');
    expect([gone.status, gone.body!.error.code]).to.deep.equal([404, 'not-found']);
    expect((await call('POST', '/invites/nope/revoke')).status).to.equal(404);
    const route = await call('GET', '/nothing/here');
    expect([route.status, route.body!.error.code]).to.deep.equal([404, 'not-found']);
    const method = await call('PUT', '/segments');
    expect(method.status).to.equal(405);
  });

  it('answers 400 invalid-input for a body that is not JSON', async () => {
    const bad = await call('POST', '/segments', '{"name": ');
    expect([bad.status, bad.body!.error.code]).to.deep.equal([400, 'invalid-input']);
  });

  it('pages members and validates offset and limit', async () => {
    const page = await call('POST', '/members/query', { query: emptyQuery(), offset: 190, limit: 25 });
    expect(page.status).to.equal(200);
    expect(page.body!.total).to.equal(200);
    expect(page.body!.offset).to.equal(190);
    expect(page.body!.items).to.have.length(10);
    for (const [offset, limit, field] of [
      [-1, 10, 'offset'],
      [0, 0, 'limit'],
      [0, 501, 'limit'],
      [0.5, 10, 'offset'],
    ] as const) {
      const refused = await call('POST', '/members/query', { query: emptyQuery(), offset, limit });
      expect([refused.status, refused.body!.error.code, refused.body!.error.field]).to.deep.equal([422, 'invalid-input', field]);
    }
    const badQuery = await call('POST', '/members/query', { query: { ...emptyQuery(), attributes: [null] }, offset: 0, limit: 5 });
    expect(badQuery.status).to.equal(422);
    const ok500 = await call('POST', '/members/query', { query: emptyQuery(), offset: 0, limit: 500 });
    expect(ok500.body!.items).to.have.length(200);
  });

  it('previews, applies and counts membership changes', async () => {
    const change = { op: 'assign', target: { kind: 'ids', ids: ['m-000001', 'm-000002'] }, segmentIds: ['vips'], source: 'manual' };
    const preview = await call('POST', '/memberships/preview', change);
    expect(preview.status).to.equal(200);
    const result = await call('POST', '/memberships', change);
    expect(result.status).to.equal(200);
    expect(result.body!.segments[0].changed).to.equal(preview.body!.segments[0].changed);
    const count = await call('POST', '/audience/count', { include: ['vips'], exclude: [], match: 'any' });
    expect(count.body!.count).to.equal(backend.adapter.snapshot().members.filter((m) => m.segmentIds.includes('vips')).length);
    const badSource = await call('POST', '/memberships', { ...change, source: 'robot' });
    expect([badSource.status, badSource.body!.error.field]).to.deep.equal([422, 'source']);
  });

  it('answers on the wire the link\'s reveal and, on redeem, the revealed discount code only (422 for a bad reveal)', async () => {
    const invite = await call('POST', '/invites', { segmentId: 'customers', reveal: ['discountCode', 'discountCode', 'missing'] });
    expect([invite.status, invite.body!.reveal]).to.deep.equal([201, ['discountCode', 'missing']]);
    const plain = await call('POST', '/invites', { segmentId: 'customers' });
    expect(plain.body!.reveal).to.deep.equal([]);
    const redeemed = await call('POST', '/invites/redeem', { token: invite.body!.token, profile: { name: 'Ana Lima' } });
    expect(redeemed.body!.revealed).to.deep.equal({ discountCode: 'CUSTOMER15' });
    expect((await call('POST', '/invites/redeem', { token: plain.body!.token, profile: { name: 'Bo' } })).body!.revealed).to.deep.equal({});
    const bad = await call('POST', '/invites', { segmentId: 'customers', reveal: 'discountCode' });
    expect([bad.status, bad.body!.error.code, bad.body!.error.field]).to.deep.equal([422, 'invalid-input', 'reveal']);
  });

  it('creates, lists, revokes and redeems invites (410 once unusable)', async () => {
    const invite = await call('POST', '/invites', { segmentId: 'customers', maxUses: 1 });
    expect(invite.status).to.equal(201);
    const list = await call('GET', '/invites?segmentId=customers');
    expect(list.body!.items.map((i: { id: string }) => i.id)).to.deep.equal([invite.body!.id]);
    expect((await call('GET', '/invites?segmentId=vips')).body!.items).to.deep.equal([]);
    const redeemed = await call('POST', '/invites/redeem', { token: invite.body!.token, profile: { name: 'Ana Lima', email: 'ana@lima.example' } });
    expect(redeemed.status).to.equal(200);
    expect(redeemed.body).to.deep.equal({
      segmentId: 'customers',
      segmentName: 'Customers',
      joined: true,
      member: { id: redeemed.body!.member.id, name: 'Ana Lima', email: 'ana@lima.example' },
      revealed: {},
    });
    const used = await call('POST', '/invites/redeem', { token: invite.body!.token, profile: { name: 'Bo' } });
    expect([used.status, used.body!.error.code]).to.deep.equal([410, 'invite-unusable']);
    const unknown = await call('POST', '/invites/redeem', { token: 'no-such-token', profile: { name: 'Bo' } });
    expect([unknown.status, unknown.body!.error.code]).to.deep.equal([404, 'not-found']);
    const revoked = await call('POST', `/invites/${encodeURIComponent(invite.body!.id)}/revoke`);
    expect(revoked.status).to.equal(200);
    expect(revoked.body!.revokedAt).to.be.a('string');
  });

  it('refuses a redeem body or profile with more than the spec allows (422 naming the field), using nothing', async () => {
    const invite = await call('POST', '/invites', { segmentId: 'customers', maxUses: 1 });
    const token = invite.body!.token as string;
    for (const [body, field] of [
      [{ token, profile: { name: 'Eve' }, segmentId: 'vips' }, 'segmentId'],
      [{ token, profile: { name: 'Eve', attributes: { tier: 'Mega' } } }, 'attributes'],
      [{ token, profile: { name: 'Eve', email: 'eve@example.org', segmentIds: ['vips'] } }, 'segmentIds'],
      [{ token, profile: 'Eve' }, 'profile'],
    ] as const) {
      const refused = await call('POST', '/invites/redeem', body);
      expect([refused.status, refused.body!.error.code, refused.body!.error.field], JSON.stringify(body)).to.deep.equal([422, 'invalid-input', field]);
    }
    expect((await call('GET', '/invites?segmentId=customers')).body!.items[0].uses).to.equal(0);
    expect((await call('POST', '/invites/redeem', { token, profile: { name: 'Eve' } })).status).to.equal(200);
  });

  it('decodes URL-encoded path ids', async () => {
    const missing = await call('PATCH', `/segments/${encodeURIComponent('a/b c')}`, { description: 'ok' });
    expect(missing.status).to.equal(404);
    expect(missing.body!.error.message).to.include('"a/b c"');
  });

  it('answers a replayed Idempotency-Key with the first response and applies nothing twice', async () => {
    const headers = { 'Idempotency-Key': 'create-1' };
    const first = await call('POST', '/segments', { name: 'Once' }, headers);
    const again = await call('POST', '/segments', { name: 'Once' }, headers);
    expect(again).to.deep.equal(first);
    expect(first.status).to.equal(201);
    const list = await call('GET', '/segments');
    expect(list.body!.items.filter((s: { name: string }) => s.name === 'Once')).to.have.length(1);
    // A key is scoped to its operation.
    const change = { op: 'assign', target: { kind: 'ids', ids: ['m-000003'] }, segmentIds: [first.body!.id], source: 'manual' };
    const assigned = await call('POST', '/memberships', change, headers);
    expect(assigned.status).to.equal(200);
    expect(assigned.body!.segments[0].memberIds).to.deep.equal(['m-000003']);
  });

  it('counts and logs requests', async () => {
    await call('GET', '/segments');
    await call('POST', '/segments', { name: 'Logged' }, { 'Idempotency-Key': 'k1', Authorization: 'Bearer t' });
    expect(backend.requests).to.equal(2);
    expect(backend.log.map((r) => [r.method, r.path, r.operation, r.outcome])).to.deep.equal([
      ['GET', '/api/segments', 'listSegments', 200],
      ['POST', '/api/segments', 'createSegment', 201],
    ]);
    expect(backend.log[1]).to.include({ idempotencyKey: 'k1', authorization: 'Bearer t' });
  });

  it('resets to the seed (data, log and faults)', async () => {
    await call('POST', '/segments', { name: 'Temporary' });
    backend.faults.set({ latencyMs: 5 });
    await backend.reset();
    expect(backend.requests).to.equal(0);
    expect(backend.faults.get().latencyMs).to.equal(0);
    const list = await call('GET', '/segments');
    expect(list.body!.items.map((s: { name: string }) => s.name)).to.not.include('Temporary');
    expect(list.body!.items).to.have.length(5);
  });

  it('keeps the adapter stable across reset and tells its listeners', async () => {
    const adapter = backend.adapter;
    const events: string[] = [];
    const off = adapter.subscribe((e) => events.push(e.type));
    await adapter.createSegment({ name: 'Heard' });
    await backend.reset();
    await adapter.createSegment({ name: 'Heard again' });
    off();
    expect(events).to.deep.equal(['segments', 'segments', 'members', 'invites', 'segments']);
    expect(adapter.snapshot().segments.map((s) => s.name)).to.include('Heard again');
  });
});
