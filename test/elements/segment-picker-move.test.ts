/**
 * "Move to…" in the segment picker: offered while the table shows one
 * segment, headless (the connector) and as a user drives the element.
 * Data (makeAdapter(24)): vips = every 3rd (8), creators = every 4th (6),
 * both = m000 and m012.
 */
import type { SegmentStore } from '@segkit/core';
import { UNASSIGNED_ID } from '@segkit/core';
import { allTasks } from 'nanostores';
import '../../packages/elements/src/define/segment-picker.js';
import { createSegmentPickerConnector } from '../../packages/elements/src/headless.js';
import type { SegmentPickerConnector, SegmentPickerState } from '../../packages/elements/src/headless.js';
import type { SegkitMembershipChangeDetail } from '../../packages/elements/src/events/membership-change.js';
import type { SegkitSegmentPicker } from '../../packages/elements/src/segment-picker/segkit-segment-picker.js';
import { cleanup, countOf, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { click, expectAccessible, mount, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { PickerHarness } from './segment-picker.harness.js';

const pickers: SegmentPickerConnector[] = [];

async function headless(): Promise<{ store: SegmentStore; picker: SegmentPickerConnector; state: () => SegmentPickerState }> {
  const { store } = makeStore(makeAdapter());
  await allTasks();
  const picker = createSegmentPickerConnector(store);
  pickers.push(picker);
  picker.$state.listen(() => undefined);
  return { store, picker, state: () => picker.$state.get() };
}

async function showOnly(store: SegmentStore, segmentId: string): Promise<void> {
  store.applyFilter({ include: [segmentId] });
  await allTasks();
}

describe('segment picker: move to segment', () => {
  afterEach(() => {
    for (const picker of pickers.splice(0)) picker.destroy();
    unmountAll();
    cleanup();
  });

  describe('connector', () => {
    it('offers Move only while the table shows one stored segment, for one other chosen segment', async () => {
      const { store, picker, state } = await headless();
      store.select(['m003']);
      expect(state().moveFrom, 'everyone shown').to.equal(null);
      await showOnly(store, UNASSIGNED_ID);
      expect(state().moveFrom, 'Unassigned is no segment to move from').to.equal(null);
      store.applyFilter({ include: ['vips', 'creators'] });
      await allTasks();
      expect(state().moveFrom, 'two segments shown').to.equal(null);
      await showOnly(store, 'vips');
      expect(state().moveFrom?.name).to.equal('VIPs');
      store.select(['m003']);
      expect(state().canMove, 'nothing chosen').to.equal(false);
      picker.toggle('vips');
      expect(state().canMove, 'the same segment').to.equal(false);
      picker.toggle('creators');
      expect(state().canMove, 'two chosen').to.equal(false);
      picker.toggle('vips');
      expect(state().canMove).to.equal(true);
    });

    it('moves explicit members at once, says so, and one Undo puts them back', async () => {
      const { store, picker, state } = await headless();
      await showOnly(store, 'vips');
      store.select(['m003', 'm006']);
      picker.open();
      picker.toggle('creators');
      const done = picker.move();
      expect(state().outcome).to.deep.include({ kind: 'pending', op: 'move', from: 'VIPs', names: ['Content Creators'], count: 2 });
      expect(state()).to.deep.include({ open: false, value: [] });
      await done;
      expect(state().outcome).to.deep.include({ kind: 'done', op: 'move', count: 2, skipped: 0 });
      expect([countOf(store, 'vips'), countOf(store, 'creators')]).to.deep.equal([6, 8]);
      expect(state().canUndo).to.equal(true);
      await picker.undo();
      await store.settled();
      expect([countOf(store, 'vips'), countOf(store, 'creators')]).to.deep.equal([8, 6]);
    });

    it('previews both sides for all N matching and moves only after confirm', async () => {
      const { store, picker, state } = await headless();
      await showOnly(store, 'vips');
      await until(() => store.$members.get().total === 8);
      store.selectAllMatching();
      picker.toggle('creators');
      await picker.move();
      const step = state().step;
      expect(step.kind).to.equal('confirm-move');
      if (step.kind !== 'confirm-move') return;
      expect(step.fromSegment?.name).to.equal('VIPs');
      expect(step.preview.removed.segments[0]).to.deep.include({ changed: 8 });
      expect(step.preview.added.segments[0]).to.deep.include({ changed: 6, skipped: 2 });
      expect(countOf(store, 'vips'), 'nothing yet').to.equal(8);
      await picker.confirm();
      await store.settled();
      expect(state().outcome).to.deep.include({ kind: 'done', op: 'move', count: 8, skipped: 2 });
      expect([countOf(store, 'vips'), countOf(store, 'creators')]).to.deep.equal([0, 12]);
    });

    it('moves into a new segment from the search text', async () => {
      const { store, picker, state } = await headless();
      await showOnly(store, 'vips');
      store.select(['m003']);
      picker.open();
      picker.setSearch('Alumni');
      const index = state().options.findIndex((o) => o.kind === 'create-move');
      expect(state().options[index]).to.deep.equal({ kind: 'create-move', name: 'Alumni', from: 'vips' });
      await picker.activate(index);
      await store.settled();
      expect(state().outcome).to.deep.include({ kind: 'done', op: 'move', created: true, names: ['Alumni'], from: 'VIPs', count: 1 });
      const alumni = store.$segments.get().find((s) => s.name === 'Alumni')!;
      expect([countOf(store, alumni.id), countOf(store, 'vips')]).to.deep.equal([1, 7]);
    });
  });

  describe('element', () => {
    it('a user moves the selection from the segment shown to another, hears it, and undoes', async () => {
      const { store } = makeStore(makeAdapter());
      await allTasks();
      await showOnly(store, 'vips');
      const el = (await mount('<segkit-segment-picker></segkit-segment-picker>', (root) => {
        root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!.store = store;
      })) as SegkitSegmentPicker;
      const ui = new PickerHarness(el);
      const heard: Array<Pick<SegkitMembershipChangeDetail, 'op' | 'segmentIds' | 'move' | 'count'>> = [];
      const listen = (e: Event) => {
        const { op, segmentIds, move, count } = (e as CustomEvent<SegkitMembershipChangeDetail>).detail;
        heard.push({ op, segmentIds, move, count });
      };
      document.addEventListener('segkit-membership-change', listen);
      store.select(['m003', 'm006']);
      await ui.open();
      expect(ui.button('Move from VIPs').hasAttribute('disabled'), 'nothing chosen').to.equal(true);
      await ui.pick('Content Creators');
      expect(ui.button('Move from VIPs').hasAttribute('disabled')).to.equal(false);
      await expectAccessible(el, 'move offered');
      await ui.clickButton('Move from VIPs');
      expect(ui.isOpen).to.equal(false);
      await waitFor(() => ui.resultText() === 'Moved 2 members from VIPs to Content Creators');
      expect([countOf(store, 'vips'), countOf(store, 'creators')]).to.deep.equal([6, 8]);
      await waitFor(() => heard.length === 2);
      document.removeEventListener('segkit-membership-change', listen);
      const move = { from: 'vips', to: 'creators' };
      expect(heard, 'one event per side, each saying it is a move').to.deep.equal([
        { op: 'assign', segmentIds: ['creators'], move, count: 2 },
        { op: 'unassign', segmentIds: ['vips'], move, count: 2 },
      ]);
      await click(ui.button('Undo'));
      await waitFor(() => ui.resultText() === 'Undone');
      expect([countOf(store, 'vips'), countOf(store, 'creators')]).to.deep.equal([8, 6]);
    });

    it('offers no Move while the table shows everyone', async () => {
      const { store } = makeStore(makeAdapter());
      await allTasks();
      const el = (await mount('<segkit-segment-picker></segkit-segment-picker>', (root) => {
        root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!.store = store;
      })) as SegkitSegmentPicker;
      const ui = new PickerHarness(el);
      store.select(['m003']);
      await ui.open();
      await ui.pick('Content Creators');
      expect(ui.queryButton(/^Move/)).to.equal(undefined);
      await ui.typeSearch('Alumni');
      expect(ui.optionNames().some((n) => n.startsWith('Move to new'))).to.equal(false);
    });
  });
});
