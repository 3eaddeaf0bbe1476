/**
 * Boundary validation driven by one table of adapter methods (decision 005).
 */
import type { AdapterMethod, SegmentsAdapter } from '@segkit/core';
import { ADAPTER_METHODS, createMemoryAdapter, isValidated, markValidated, parseAnswer, validatedAdapter } from '@segkit/core';
import { expect, expectReject } from '../setup/expect.js';

const methods = Object.keys(ADAPTER_METHODS) as AdapterMethod[];

describe('validation: the adapter method table', () => {
  it('lists every method of an adapter, once', () => {
    const memory = createMemoryAdapter();
    // The memory adapter implements every method, plus the optional `subscribe` and its own `snapshot` and `member`.
    const own = Object.keys(memory).filter(
      (key) =>
        typeof (memory as unknown as Record<string, unknown>)[key] === 'function' && key !== 'subscribe' && key !== 'snapshot' && key !== 'member',
    );
    expect([...methods].sort()).to.deep.equal(own.sort());
  });

  it('checks the answer of every method in the table', async () => {
    const garbage = Object.fromEntries(methods.map((m) => [m, async () => ({ garbage: true })]));
    const adapter = validatedAdapter({ capabilities: { live: false, invites: true }, ...garbage } as unknown as SegmentsAdapter);
    for (const method of methods) {
      const call = (adapter[method] as (...args: unknown[]) => Promise<unknown>)();
      const error = await expectReject(call, 'bad-response');
      expect(error.message, method).to.match(/malformed/);
    }
    expect(() => parseAnswer('countAudience', { count: -1 })).to.throw().with.property('code', 'bad-response');
    expect(parseAnswer('countAudience', { count: 3 })).to.deep.equal({ count: 3 });
  });

  it("keeps only the redeemer's own fields of a redeem answer, whatever a backend adds (decision 015)", () => {
    const leaky = {
      segmentId: 'vips',
      segmentName: 'VIPs',
      joined: true,
      created: false,
      member: { id: 'm-9', name: 'Ana', email: 'ana@example.com', attributes: { tier: 'Mega' }, segmentIds: ['vips', 'customers'], createdAt: '2026-01-01T00:00:00Z' },
    };
    const parsed = parseAnswer('redeemInvite', leaky);
    expect(parsed).to.deep.equal({ segmentId: 'vips', segmentName: 'VIPs', joined: true, member: { id: 'm-9', name: 'Ana', email: 'ana@example.com' }, revealed: {} });
    expect(parseAnswer('redeemInvite', { segmentId: 'vips', segmentName: 'VIPs', joined: false })).to.deep.equal({ segmentId: 'vips', segmentName: 'VIPs', joined: false });
    // The old answer (a full member, no segment name) is outside the contract.
    expect(() => parseAnswer('redeemInvite', { segmentId: 'vips', joined: true, created: true, member: leaky.member })).to.throw().with.property('code', 'bad-response');
  });

  it('wraps once: a validated adapter is taken as it is, but not a copy or a proxy of one', () => {
    const wrapped = validatedAdapter(createMemoryAdapter());
    expect(isValidated(wrapped)).to.equal(true);
    expect(validatedAdapter(wrapped)).to.equal(wrapped);
    const copy = { ...wrapped };
    const proxy = new Proxy(wrapped, {});
    expect(isValidated(copy)).to.equal(false);
    expect(isValidated(proxy)).to.equal(false);
    expect(validatedAdapter(proxy)).to.not.equal(proxy);
    const marked = markValidated({ ...createMemoryAdapter() });
    expect(validatedAdapter(marked)).to.equal(marked);
  });

  it('keeps capabilities and live updates of the adapter it wraps', () => {
    const memory = createMemoryAdapter();
    const wrapped = validatedAdapter(memory);
    expect(wrapped.capabilities).to.deep.equal(memory.capabilities);
    expect(wrapped.subscribe).to.be.a('function');
  });
});
