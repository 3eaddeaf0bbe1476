/**
 * The segment picker's connector, headless: what a React or Vue picker built
 * on `createSegmentPickerConnector` would show and do, with no element.
 */
import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import { SegkitError, createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createSegmentPickerConnector } from '../../packages/elements/src/headless.js';
import type { PickerValueChange, SegmentPickerConnector, SegmentPickerOptions, SegmentPickerState } from '../../packages/elements/src/headless.js';
import { cleanup, countOf, faulty, makeAdapter, makeMembers, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';

const made: Array<{ picker: SegmentPickerConnector; off: () => void }> = [];

interface Setup {
  store: SegmentStore;
  picker: SegmentPickerConnector;
  state: () => SegmentPickerState;
  /** The `onValueChange` calls, as `cause:ids`. */
  changes: string[];
  connectivity: ReturnType<typeof makeStore>['connectivity'];
}

/** A store over `adapter` (segments loaded) and a picker over it, its state followed as a renderer would. */
async function setup(options: SegmentPickerOptions = {}, adapter: SegmentsAdapter = makeAdapter()): Promise<Setup> {
  const { store, connectivity } = makeStore(adapter);
  await allTasks();
  const changes: string[] = [];
  const picker = createSegmentPickerConnector(store, {
    ...options,
    onValueChange: (value: readonly string[], cause: PickerValueChange) => changes.push(`${cause}:${value.join(',')}`),
  });
  made.push({ picker, off: picker.$state.listen(() => undefined) });
  return { store, picker, state: () => picker.$state.get(), changes, connectivity };
}

const labels = (state: SegmentPickerState) => state.options.map((o) => (o.kind === 'segment' ? o.segment.name : `create:${o.name}`));

/** Waits until the store has answered everything queued (writes and the reads after them). */
async function settled(store: SegmentStore): Promise<void> {
  await store.settled();
  await allTasks();
}

describe('segment picker connector', () => {
  afterEach(() => {
    for (const { picker, off } of made.splice(0)) {
      off();
      picker.destroy();
    }
    cleanup();
  });

  describe('options', () => {
    it('lists the stored segments (never Unassigned), filters by a folded search and offers to create a free name', async () => {
      const { picker, state } = await setup();
      expect(labels(state())).to.deep.equal(['Content Creators', 'VIPs']);
      expect(state().options.every((o) => o.kind === 'segment' && !o.selected)).to.equal(true);
      picker.setSearch('CRÉA');
      expect(labels(state())).to.deep.equal(['Content Creators', 'create:CRÉA']);
      picker.setSearch('  Gold ');
      expect(labels(state())).to.deep.equal(['create:Gold']);
      expect(state().nameProblem).to.equal(null);
    });

    it('names why a typed name cannot be created, as keys, and never offers a duplicate', async () => {
      const { picker, state } = await setup();
      picker.setSearch('  vips ');
      expect(labels(state())).to.deep.equal(['VIPs']);
      expect(state().nameProblem).to.deep.equal({ code: 'name-taken', key: 'name.taken', params: { name: 'VIPs' } });
      picker.setSearch('unassigned');
      expect(labels(state())).to.deep.equal([]);
      expect(state().nameProblem).to.deep.include({ code: 'reserved-segment', key: 'name.reserved' });
      picker.setSearch('   ');
      expect(state().nameProblem?.key).to.equal('name.empty');
      picker.setSearch('x'.repeat(81));
      expect(state().nameProblem).to.deep.include({ key: 'name.too-long', params: { max: 80 } });
      picker.setSearch('');
      expect(state().nameProblem).to.equal(null);
    });

    it('moves the active option within the list and carries it out; each pick is reported, setValue is not', async () => {
      const { picker, state, changes } = await setup({ mode: 'field' });
      expect(state().active).to.equal(-1);
      picker.moveActive(-1);
      expect(state().active, 'up from none goes to the last').to.equal(1);
      picker.moveActive(1);
      expect(state().active, 'stays on the last').to.equal(1);
      await picker.activate();
      expect(state().value).to.deep.equal(['vips']);
      picker.moveActive(-1);
      picker.moveActive(-1);
      expect(state().active, 'stays on the first').to.equal(0);
      await picker.activate();
      expect(state().value).to.deep.equal(['vips', 'creators']);
      expect(state().options.map((o) => o.kind === 'segment' && o.selected)).to.deep.equal([true, true]);
      picker.toggle('vips');
      picker.setSearch('c');
      expect(state().active, 'typing forgets the active option').to.equal(-1);
      picker.setValue(['vips']);
      expect(state().chosen.map((c) => c.segment?.name)).to.deep.equal(['VIPs']);
      expect(changes).to.deep.equal(['pick:vips', 'pick:vips,creators', 'pick:creators']);
    });
  });

  describe('opening', () => {
    it('opens only with members to act on, and never while disabled', async () => {
      const { store, picker, state } = await setup();
      expect(state()).to.deep.include({ noSelection: true, targetSize: 0 });
      expect(picker.open()).to.equal(false);
      store.select(['m001', 'm002']);
      expect(state()).to.deep.include({ noSelection: false, targetSize: 2 });
      expect(picker.open()).to.equal(true);
      picker.setSearch('VI');
      picker.setDisabled(true);
      expect(state()).to.deep.include({ open: false, search: '' });
      expect(picker.open()).to.equal(false);
      picker.setDisabled(false);
      picker.setMemberIds(['m005']);
      expect(state().targetSize, 'member ids win over the selection').to.equal(1);
      picker.setMemberIds([]);
      expect(state().noSelection).to.equal(true);
      picker.setMode('field');
      expect(state().noSelection, 'a field needs no members').to.equal(false);
      expect(picker.open()).to.equal(true);
    });
  });

  describe('acting on members', () => {
    it('adds explicit members at once: pending, then done with the skipped count; then closes and forgets the picks', async () => {
      const { store, picker, state, changes } = await setup({ memberIds: ['m000', 'm001'] });
      picker.open();
      picker.toggle('vips');
      const done = picker.submit('assign');
      expect(state().outcome).to.deep.equal({ kind: 'pending', op: 'assign', segmentIds: ['vips'], names: ['VIPs'], count: 2, created: false });
      expect(state()).to.deep.include({ open: false, value: [], canUndo: true });
      expect(changes).to.deep.equal(['pick:vips', 'cleared:']);
      await done;
      expect(state().outcome).to.deep.include({ kind: 'done', count: 1, skipped: 1 });
      expect(countOf(store, 'vips')).to.equal(9);
    });

    it('undoes its action while it is the store\'s last one, and stops offering it once another is', async () => {
      const { store, picker, state } = await setup({ memberIds: ['m001', 'm002'] });
      picker.toggle('creators');
      await picker.submit('assign');
      expect(countOf(store, 'creators')).to.equal(8);
      await picker.undo();
      expect(state().outcome).to.deep.equal({ kind: 'undone' });
      expect(state().canUndo).to.equal(false);
      await settled(store);
      expect(countOf(store, 'creators')).to.equal(6);

      picker.toggle('vips');
      await picker.submit('unassign');
      expect(state().canUndo).to.equal(true);
      await store.assign(['creators'], { target: { kind: 'ids', ids: ['m005'] } });
      expect(state().canUndo).to.equal(false);
      await picker.undo();
      expect(state().outcome, 'undo does nothing then').to.deep.include({ kind: 'done', op: 'unassign' });
    });

    it('does not offer to undo an older action when the store refuses its write at once', async () => {
      const { store, picker, state } = await setup({ memberIds: ['m001'] });
      picker.setValue(['creators']);
      await store.deleteSegment('creators');
      await store.assign(['vips'], { target: { kind: 'ids', ids: ['m002'] } }); // someone else's action is the last one
      const done = picker.submit('assign');
      expect(state().canUndo).to.equal(false);
      await done;
      expect(state().outcome).to.equal(null);
      expect(state().error?.code).to.equal('not-found');
      expect(store.$lastAction.get()?.segmentIds).to.deep.equal(['vips']);
    });

    it('hands back a refused (rolled back) write as a SegkitError, never as text; dismiss forgets it', async () => {
      const broken = faulty(makeAdapter());
      const { store, picker, state } = await setup({ memberIds: ['m001'] }, broken.adapter);
      picker.toggle('vips');
      broken.fail('refuse');
      await picker.submit('assign');
      const error = state().error;
      expect(error).to.be.instanceOf(SegkitError);
      expect(error).to.deep.include({ code: 'invalid-input', message: 'injected refusal' });
      expect(state()).to.deep.include({ outcome: null, canUndo: false });
      expect(countOf(store, 'vips')).to.equal(8);
      picker.dismiss();
      expect(state().error).to.equal(null);
    });
  });

  describe('all N matching', () => {
    async function selectAll(store: SegmentStore): Promise<void> {
      await until(() => store.$members.get().total === 24);
      store.selectAllMatching();
    }

    it('previews per segment first and acts only after confirm; back changes nothing', async () => {
      const { store, picker, state } = await setup();
      await selectAll(store);
      expect(state().targetSize).to.equal(24);
      picker.open();
      picker.toggle('vips');
      picker.toggle('creators');
      const previewed = picker.submit('assign');
      expect(state().step.kind).to.equal('previewing');
      await previewed;
      const step = state().step;
      if (step.kind !== 'confirm') throw new Error(`expected the confirm step, got ${step.kind}`);
      expect(step.preview.members).to.equal(24);
      expect(step.effects.map((e) => [e.segment?.name, e.changed, e.skipped])).to.deep.equal([
        ['VIPs', 16, 8],
        ['Content Creators', 18, 6],
      ]);
      expect(countOf(store, 'vips')).to.equal(8);

      picker.back();
      expect(state().step.kind).to.equal('idle');
      expect(state().value).to.deep.equal(['vips', 'creators']);
      await picker.submit('assign');
      await picker.confirm();
      expect(state().outcome).to.deep.include({ kind: 'done', count: 22, names: ['VIPs', 'Content Creators'] });
      expect(state()).to.deep.include({ open: false, value: [] });
      expect(countOf(store, 'vips')).to.equal(24);
    });

    it('ignores a preview that answers after back() or destroy()', async () => {
      // A backend that answers previews late, whether or not they were aborted.
      const inner = makeAdapter();
      const gates: Array<() => void> = [];
      const slow = new Proxy(inner, {
        get(target, key, receiver) {
          if (key !== 'previewMembership') return Reflect.get(target, key, receiver);
          return async (change: Parameters<SegmentsAdapter['previewMembership']>[0]) => {
            await new Promise<void>((release) => gates.push(release));
            return target.previewMembership(change);
          };
        },
      });
      const { store, picker, state } = await setup({}, slow);
      await selectAll(store);
      picker.toggle('vips');
      const late = picker.submit('assign');
      picker.back();
      gates.splice(0).forEach((release) => release());
      await late;
      expect(state().step.kind).to.equal('idle');

      const other = createSegmentPickerConnector(store, { value: ['vips'] });
      const off = other.$state.listen(() => undefined);
      const destroyed = other.submit('unassign');
      other.destroy();
      gates.splice(0).forEach((release) => release());
      await destroyed;
      expect(other.$state.get().step.kind).to.equal('idle');
      off();
    });

    it('a failed preview goes back to choosing, with the error', async () => {
      const broken = faulty(makeAdapter());
      const { store, picker, state } = await setup({}, broken.adapter);
      await selectAll(store);
      picker.open();
      picker.toggle('vips');
      broken.reads = 'network';
      await picker.submit('assign');
      expect(state().step.kind).to.equal('idle');
      expect(state().error?.code).to.equal('network');
      expect(state()).to.deep.include({ open: true, value: ['vips'] });
    });
  });

  describe('creating a segment', () => {
    it('creates one for explicit members and adds them in one step', async () => {
      const { store, picker, state } = await setup({ memberIds: ['m001', 'm002'] });
      picker.open();
      picker.setSearch('Gold');
      const done = picker.activate(0);
      expect(state().outcome).to.deep.include({ kind: 'pending', names: ['Gold'], count: 2, created: true });
      expect(state()).to.deep.include({ open: false, search: '' });
      await done;
      const gold = store.$segments.get().find((s) => s.name === 'Gold')!;
      expect(gold.memberCount).to.equal(2);
      expect(state().outcome).to.deep.include({ kind: 'done', segmentIds: [gold.id], count: 2, created: true });
      expect(state().canUndo).to.equal(true);
    });

    it('asks to confirm creating one for all N matching', async () => {
      const { store, picker, state } = await setup();
      await until(() => store.$members.get().total === 24);
      store.selectAllMatching();
      picker.open();
      picker.setSearch('Everyone');
      await picker.activate(0);
      expect(state().step).to.deep.include({ kind: 'confirm-create', name: 'Everyone', count: 24 });
      expect(store.$segments.get().some((s) => s.name === 'Everyone')).to.equal(false);
      await picker.confirm();
      expect(store.$segments.get().find((s) => s.name === 'Everyone')?.memberCount).to.equal(24);
    });

    it('field mode: chooses ids without touching members; an inline-created segment is chosen, and taken out again when refused', async () => {
      const broken = faulty(makeAdapter());
      const { store, picker, state, changes } = await setup({ mode: 'field' }, broken.adapter);
      picker.toggle('vips');
      await picker.submit('assign');
      expect(store.$lastAction.get()).to.equal(null);
      expect(countOf(store, 'vips')).to.equal(8);

      picker.setSearch('Replied');
      expect(labels(state())).to.deep.equal(['create:Replied']);
      await picker.activate(0);
      const replied = store.$segments.get().find((s) => s.name === 'Replied')!;
      expect(state().value).to.deep.equal(['vips', replied.id]);
      expect(state().search).to.equal('');
      expect(replied.memberCount).to.equal(0);

      picker.setSearch('Refused');
      broken.fail('refuse');
      await picker.activate(0);
      expect(state().value).to.deep.equal(['vips', replied.id]);
      expect(state().error?.code).to.equal('invalid-input');
      expect(changes.map((c) => c.split(':')[0])).to.deep.equal(['pick', 'create', 'create', 'create-refused']);
    });
  });

  describe('store states', () => {
    it('says loading, a failed first load (with retry), empty and offline', async () => {
      const broken = faulty(createMemoryAdapter({ members: makeMembers(3).map((m) => ({ ...m, segmentIds: [] })), segments: [] }));
      broken.reads = 'network';
      const { store } = makeStore(broken.adapter);
      const picker = createSegmentPickerConnector(store, { mode: 'field' });
      made.push({ picker, off: picker.$state.listen(() => undefined) });
      expect(picker.$state.get()).to.deep.include({ loading: true, loadError: null, empty: false });
      await until(() => picker.$state.get().loadError);
      expect(picker.$state.get()).to.deep.include({ loading: false });
      expect(picker.$state.get().loadError?.code).to.equal('network');
      broken.reads = 'ok';
      await picker.retry();
      expect(picker.$state.get()).to.deep.include({ loadError: null, empty: true });
    });

    it('follows the store going offline', async () => {
      const { state, connectivity } = await setup();
      expect(state().offline).to.equal(false);
      connectivity.set(false);
      expect(state().offline).to.equal(true);
    });
  });
});
