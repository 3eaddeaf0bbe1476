/**
 * The audience connector, headless: what a React or Vue app that draws its
 * own audience field sees and can do, with no element.
 */
import { SegkitError, createMemoryAdapter } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createAudienceConnector, ruleStateOf } from '../../packages/elements/src/headless.js';
import type { AudienceConnector, AudienceConnectorState } from '../../packages/elements/src/headless.js';
import { cleanup, countFails, faulty, makeAdapter, makeMembers, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';

const open: Array<() => void> = [];

/** A connector over a fresh store, subscribed as a UI would. */
function setup(adapter: SegmentsAdapter = makeAdapter(), rules?: Parameters<typeof createAudienceConnector>[1]) {
  const { store, connectivity } = makeStore(adapter);
  const audience: AudienceConnector = createAudienceConnector(store, rules);
  const seen: AudienceConnectorState[] = [];
  open.push(audience.$state.subscribe((state) => seen.push(state)), () => audience.destroy());
  const state = () => audience.$state.get();
  /** Waits until the count is `n` and no count is in flight. */
  const counted = (n: number) => until(() => state().count === n && !state().counting);
  return { store, connectivity, audience, seen, state, counted };
}

describe('createAudienceConnector (headless)', () => {
  afterEach(async () => {
    for (const off of open.splice(0)) off();
    await allTasks();
    cleanup();
  });

  it('counts the members its starting rules match, and lists the segments to choose from', async () => {
    const { state, counted } = setup(makeAdapter(3720), { include: ['vips'], exclude: [], match: 'any' });
    expect(state().count).to.equal(null);
    await counted(1240);
    expect(state()).to.include({ counting: false, countError: null, loading: false, loadError: null, empty: false, everyone: false, missing: false });
    expect(state().segments.map((s) => s.id)).to.deep.equal(['unassigned', 'creators', 'vips']);
    expect(ruleStateOf(state().rules, 'vips')).to.equal('include');
  });

  it('re-counts as the user edits the rules; an edit that changes nothing says so', async () => {
    const { audience, state, counted } = setup();
    await counted(24);
    expect(state().everyone).to.equal(true); // nothing included: every member
    expect(audience.toggle('vips', 'include')).to.equal(true);
    expect(state().rules).to.deep.equal({ include: ['vips'], exclude: [], match: 'any' });
    await counted(8);
    expect(audience.toggle('creators', 'include')).to.equal(true);
    await counted(12);
    expect(audience.setMatch('all')).to.equal(true);
    await counted(2);
    expect(audience.setMatch('all')).to.equal(false);
    expect(audience.setRule('creators', 'exclude')).to.equal(true); // never both: moved from include to exclude
    expect(state().rules).to.deep.equal({ include: ['vips'], exclude: ['creators'], match: 'all' });
    await counted(6);
    expect(audience.toggle('creators', 'exclude')).to.equal(true); // pressing the pressed side clears it
    expect(ruleStateOf(state().rules, 'creators')).to.equal('none');
    expect(audience.setRule('creators', 'none')).to.equal(false);
  });

  it('takes rules set by code, made valid, and re-counts as memberships change', async () => {
    const { audience, store, state, counted } = setup();
    audience.setRules({ include: ['vips', 5, '<x>', 'vips'], exclude: ['vips', 'creators'], match: 'bogus' } as never);
    expect(state().rules).to.deep.equal({ include: ['vips'], exclude: ['creators'], match: 'any' });
    await counted(6);
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001', 'm002'] } });
    await counted(8);
  });

  it('validates "required": missing while no segment is included', async () => {
    const { audience, state, counted } = setup();
    await counted(24);
    expect(state().missing).to.equal(false);
    audience.setRequired(true);
    expect(state().missing).to.equal(true);
    audience.toggle('unassigned', 'exclude');
    expect(state().missing).to.equal(true);
    audience.toggle('creators', 'include');
    expect(state()).to.include({ missing: false, everyone: false });
    audience.setRequired(false);
    audience.toggle('creators', 'include');
    expect(state()).to.include({ missing: false, everyone: true });
  });

  it('a failed count is a typed error (no text) that recount() retries', async () => {
    const failing = countFails(makeAdapter());
    const { audience, state, counted } = setup(failing.adapter, { include: ['vips'], exclude: [], match: 'any' });
    await until(() => state().countError);
    expect(state().countError!.code).to.equal('server');
    expect(state()).to.include({ count: null, counting: false });
    failing.heal();
    audience.recount();
    await counted(8);
    expect(state().countError).to.equal(null);
  });

  it('a failed first load is an error that reload() recovers; offline and empty are flags', async () => {
    const f = faulty(makeAdapter());
    f.reads = 'network';
    const { audience, state, connectivity } = setup(f.adapter);
    await until(() => state().loadError);
    expect(state().loadError!.code).to.equal('network');
    f.reads = 'ok';
    await audience.reload();
    await until(() => state().segments.length === 3);
    expect(state().loadError).to.equal(null);
    connectivity.set(false);
    await until(() => state().offline);

    const bare = setup(createMemoryAdapter({ members: makeMembers(5), segments: [] }));
    await until(() => bare.state().empty);
    await bare.counted(5);
  });

  it('stops counting once destroyed', async () => {
    const { audience, store, state, counted } = setup(makeAdapter(), { include: ['vips'], exclude: [], match: 'any' });
    await counted(8);
    audience.destroy();
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001', 'm002'] } });
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the count's debounce
    await allTasks();
    expect(state().count).to.equal(8);
  });
});
