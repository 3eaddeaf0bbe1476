/**
 * When to re-read: coalesced soon, or once the write queue is idle.
 */
import { createRevalidator } from '../../packages/core/src/store/revalidate.js';
import { expect } from '../setup/expect.js';
import { until } from './fixtures.js';

function setup() {
  const lifetime = new AbortController();
  const state = { idle: true, refreshes: 0 };
  const revalidator = createRevalidator({
    refresh: async () => void (state.refreshes += 1),
    isIdle: () => state.idle,
    signal: lifetime.signal,
  });
  return { revalidator, state, lifetime };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('revalidate: when to re-read', () => {
  it('gathers changes made elsewhere into one re-read', async () => {
    const { revalidator, state } = setup();
    revalidator.soon();
    revalidator.soon();
    revalidator.soon();
    await until(() => state.refreshes === 1);
    await pause(60);
    expect(state.refreshes).to.equal(1);
  });

  it('waits for the write queue: a re-read never overlaps queued writes', async () => {
    const { revalidator, state } = setup();
    state.idle = false;
    revalidator.soon();
    await pause(60);
    expect(state.refreshes).to.equal(0);
    state.idle = true;
    revalidator.idle();
    expect(state.refreshes).to.equal(1);
    revalidator.idle();
    expect(state.refreshes, 'once').to.equal(1);
  });

  it('re-reads after the queue when asked to, and not when nobody asked', () => {
    const { revalidator, state } = setup();
    state.idle = false;
    revalidator.idle();
    expect(state.refreshes).to.equal(0);
    revalidator.whenIdle();
    revalidator.whenIdle();
    revalidator.idle();
    expect(state.refreshes).to.equal(1);
  });

  it('re-reads soon when asked to wait for a queue that is already idle', async () => {
    const { revalidator, state } = setup();
    revalidator.whenIdle();
    await until(() => state.refreshes === 1);
  });

  it('does nothing once stopped or destroyed', async () => {
    const { revalidator, state, lifetime } = setup();
    revalidator.soon();
    revalidator.stop();
    state.idle = false;
    revalidator.whenIdle();
    lifetime.abort();
    revalidator.idle();
    await pause(60);
    expect(state.refreshes).to.equal(0);
  });
});
