/**
 * @segkit/mock: fault controls, seen through the REST adapter the way the
 * store would see them.
 */
import type { SegkitError } from '@segkit/core';
import { createMockBackend, noFaults } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { expect, expectReject } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { validateWire } from '../rest/wire-validator.js';

validateWire();

describe('mock backend faults', () => {
  let backend: MockBackend;
  const api = createRestAdapter({ baseUrl: '/api' });

  before(async () => {
    backend = createMockBackend({ seed: 8, size: 50 });
    await startMockWorker(backend.handlers);
  });
  afterEach(() => backend.reset());

  it('starts with no faults; set() merges, get() copies, reset() clears', () => {
    expect(backend.faults.get()).to.deep.equal(noFaults());
    backend.faults.set({ latencyMs: [5, 10] });
    backend.faults.set({ errorRate: 0.5 });
    const faults = backend.faults.get();
    expect(faults).to.deep.include({ latencyMs: [5, 10], errorRate: 0.5, status: null, offline: false });
    (faults.latencyMs as number[])[0] = 99;
    expect(backend.faults.get().latencyMs).to.deep.equal([5, 10]);
    backend.faults.reset();
    expect(backend.faults.get()).to.deep.equal(noFaults());
  });

  it('refuses nonsense settings', () => {
    expect(() => backend.faults.set({ errorRate: 2 })).to.throw(RangeError);
    expect(() => backend.faults.set({ latencyMs: [10, 5] })).to.throw(RangeError);
    expect(() => backend.faults.set({ status: 42 })).to.throw(RangeError);
  });

  it('delays answers by latencyMs', async () => {
    backend.faults.set({ latencyMs: 150 });
    const started = performance.now();
    await api.listSegments();
    expect(performance.now() - started).to.be.at.least(140);
  });

  it('answers every request with `status` and an error body', async () => {
    backend.faults.set({ status: 500 });
    const error = await expectReject<SegkitError>(api.listSegments(), 'server');
    expect(error.status).to.equal(500);
    // Injected statuses are ones the operation declares (the wire validator holds the mock to the spec).
    backend.faults.set({ status: 404 });
    await expectReject(api.updateSegment('vips', { name: 'Elsewhere' }), 'not-found');
    backend.faults.set({ status: 429 });
    expect((await expectReject<SegkitError>(api.listSegments(), 'server')).retryAfterMs).to.equal(1000);
    backend.faults.set({ status: null });
    await api.listSegments();
  });

  it('fails like the network when offline', async () => {
    backend.faults.set({ offline: true });
    await expectReject(api.listSegments(), 'network');
    const outcome = await fetch('/api/segments').then(
      () => 'answered',
      (error: unknown) => (error instanceof TypeError ? 'TypeError' : 'other'),
    );
    expect(outcome).to.equal('TypeError');
    expect(backend.log.at(-1)!.outcome).to.equal('network-error');
  });

  it('garbles 2xx bodies when malformed (and still applies writes)', async () => {
    backend.faults.set({ malformed: true });
    for (let i = 0; i < 6; i += 1) await expectReject(api.listSegments(), 'bad-response');
    await expectReject(api.createSegment({ name: 'Applied anyway' }), 'bad-response');
    // Refusals stay well-formed.
    await expectReject(api.createSegment({ name: 'Applied anyway' }), 'name-taken');
    backend.faults.set({ malformed: false });
    expect((await api.listSegments()).items.map((s) => s.name)).to.include('Applied anyway');
  });

  it('answers random 503s with Retry-After 0 or 1 at errorRate, the same way for the same seed', async () => {
    backend.faults.set({ errorRate: 1 });
    const error = await expectReject<SegkitError>(api.listSegments(), 'server');
    expect(error.status).to.equal(503);
    expect([0, 1000]).to.include(error.retryAfterMs);

    const pattern = async () => {
      backend.faults.reset();
      backend.faults.set({ errorRate: 0.5 });
      const out: string[] = [];
      for (let i = 0; i < 16; i += 1) out.push(await api.listSegments().then(() => 'ok', (e: SegkitError) => e.code));
      return out.join(' ');
    };
    const first = await pattern();
    expect(first).to.include('ok').and.include('server');
    expect(await pattern()).to.equal(first);
    backend.faults.seed(12345);
    backend.faults.set({ errorRate: 0.5 });
    const reseeded: string[] = [];
    for (let i = 0; i < 16; i += 1) reseeded.push(await api.listSegments().then(() => 'ok', (e: SegkitError) => e.code));
    expect(reseeded.join(' ')).to.not.equal(first);
  });

  it('consumes failNext one fault per request, in order, before the standing faults', async () => {
    backend.faults.set({ failNext: [{ status: 503 }, { network: true }, { malformed: true }, { status: 409 }] });
    await expectReject(api.listSegments(), 'server');
    await expectReject(api.listSegments(), 'network');
    await expectReject(api.listSegments(), 'bad-response');
    await expectReject(api.createSegment({ name: 'Taken' }), 'name-taken');
    expect(backend.faults.get().failNext).to.deep.equal([]);
    expect((await api.listSegments()).totalMembers).to.equal(50);
  });

  it('does not apply a write refused by failNext', async () => {
    backend.faults.set({ failNext: [{ status: 500 }, { network: true }] });
    await expectReject(api.createSegment({ name: 'Never' }), 'server');
    await expectReject(api.createSegment({ name: 'Never' }), 'network');
    expect((await api.listSegments()).items.map((s) => s.name)).to.not.include('Never');
  });

  it('afterApply applies the write and then loses the answer', async () => {
    backend.faults.set({ failNext: [{ afterApply: true }, { afterApply: true, status: 502 }, { afterApply: true, malformed: true }] });
    await expectReject(api.createSegment({ name: 'Lost answer 1' }), 'network');
    await expectReject(api.createSegment({ name: 'Lost answer 2' }), 'server');
    await expectReject(api.createSegment({ name: 'Lost answer 3' }), 'bad-response');
    const names = (await api.listSegments()).items.map((s) => s.name);
    expect(names).to.include.members(['Lost answer 1', 'Lost answer 2', 'Lost answer 3']);
  });
});
