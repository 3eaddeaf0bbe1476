/**
 * The selection through its own interface, over a fake member window.
 */
import { atom } from 'nanostores';
import type { Member, MemberQuery } from '../../packages/core/src/model.js';
import { emptyQuery, filterKey } from '../../packages/core/src/model.js';
import type { SelectionWindow } from '../../packages/core/src/store/selection.js';
import { MAX_RANGE, createSelection } from '../../packages/core/src/store/selection.js';
import type { MemberWindow } from '../../packages/core/src/store/types.js';
import { expect, expectReject } from '../setup/expect.js';

/** A window over `total` rows m0, m1, ...: rows exist once `loadRange` covered them. */
function fakeWindow(total: number) {
  const loaded = new Set<number>();
  const loads: Array<[number, number]> = [];
  let query: MemberQuery = emptyQuery();
  const view = (): MemberWindow => ({
    key: filterKey(query),
    total,
    pageSize: 10,
    loading: false,
    error: null,
    pages: [],
    at: (i) => (loaded.has(i) ? ({ id: `m${i}`, name: `m${i}`, attributes: {}, segmentIds: [], createdAt: '' } as Member) : undefined),
  });
  const $members = atom<MemberWindow>(view());
  const window: SelectionWindow & { show(q: MemberQuery): void; loads: typeof loads; onLoad?: () => void } = {
    $members,
    query: () => query,
    key: () => filterKey(query),
    total: () => total,
    loads,
    async loadRange(start, end) {
      loads.push([start, end]);
      await Promise.resolve();
      window.onLoad?.();
      for (let i = start; i < end; i += 1) loaded.add(i);
      $members.set(view());
    },
    show(q) {
      query = q;
      loaded.clear();
      $members.set(view());
    },
  };
  return window;
}

describe('selection', () => {
  it('selects and deselects ids, counted and handed out as an ids target', () => {
    const selection = createSelection(fakeWindow(50));
    selection.select(['m1', 'm2', 'm3']);
    selection.select('m2', false);
    expect(selection.isSelected('m1')).to.equal(true);
    expect(selection.isSelected('m2')).to.equal(false);
    expect(selection.$selectedCount.get()).to.equal(2);
    expect(selection.target()).to.deep.equal({ kind: 'ids', ids: ['m1', 'm3'] });
    selection.clear();
    expect(selection.$selectedCount.get()).to.equal(0);
  });

  it('selects a Shift range from the anchor, loading the rows first', async () => {
    const window = fakeWindow(50);
    const selection = createSelection(window);
    selection.toggle('m30', 30);
    await selection.selectRange(25);
    expect(window.loads).to.deep.equal([[25, 31]]);
    expect(selection.$selectedCount.get()).to.equal(6);
    expect(selection.isSelected('m25') && selection.isSelected('m30')).to.equal(true);
    expect(selection.$selection.get().anchor, 'the anchor stays for the next range').to.equal(30);
    await selection.selectRange(28, false);
    expect(selection.target()).to.deep.equal({ kind: 'ids', ids: ['m25', 'm26', 'm27'] });
  });

  it(`refuses a range over ${MAX_RANGE} rows without loading anything`, async () => {
    const window = fakeWindow(50_000);
    const selection = createSelection(window);
    selection.toggle('m0', 0);
    await expectReject(selection.selectRange(MAX_RANGE), 'invalid-input');
    expect(window.loads).to.deep.equal([]);
  });

  it('drops a range whose rows arrive after the query changed', async () => {
    const window = fakeWindow(50);
    const selection = createSelection(window);
    selection.toggle('m0', 0);
    window.onLoad = () => window.show({ ...emptyQuery(), search: 'other' });
    await selection.selectRange(9);
    expect(selection.$selectedCount.get()).to.equal(1);
  });

  it('selects all matching as the query, minus exceptions', () => {
    const window = fakeWindow(40);
    const selection = createSelection(window);
    window.show({ ...emptyQuery(), include: ['vips'] });
    selection.selectAllMatching();
    selection.select('m7', false);
    expect(selection.$selectedCount.get()).to.equal(39);
    expect(selection.isSelected('m7')).to.equal(false);
    expect(selection.isSelected('m8')).to.equal(true);
    expect(selection.target()).to.deep.equal({
      kind: 'query',
      filter: { include: ['vips'], exclude: [], match: 'any', search: '', attributes: [] },
      except: ['m7'],
    });
  });

  it('drops "all matching" when the query changes, but keeps ids (without their anchor)', () => {
    const selection = createSelection(fakeWindow(40));
    selection.selectAllMatching();
    selection.queryChanged();
    expect(selection.$selection.get()).to.deep.include({ mode: 'ids', anchor: null });
    expect(selection.$selectedCount.get()).to.equal(0);
    selection.toggle('m3', 3);
    selection.queryChanged();
    expect(selection.$selection.get()).to.deep.include({ mode: 'ids', anchor: null });
    expect(selection.isSelected('m3')).to.equal(true);
  });
});
