/** `segkit-segment-picker option-field="…"`: each option reads "VIPs · VIP20" (nothing for a segment without one). */
import '../../packages/elements/src/define/segment-picker.js';
import type { SegkitSegmentPicker } from '../../packages/elements/src/segment-picker/segkit-segment-picker.js';
import { cleanup, makeStore } from '../core/fixtures.js';
import { expectAccessible, mount, settle, unmountAll } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { FIELDS, fieldsAdapter } from './segment-fields.fixtures.js';
import { PickerHarness } from './segment-picker.harness.js';

async function setup(markup: string) {
  const { store } = makeStore(fieldsAdapter(), { segmentFields: FIELDS });
  const el = await mount<SegkitSegmentPicker>(markup, (root) => {
    (root.firstElementChild as SegkitSegmentPicker).store = store;
  });
  store.select(['m001']);
  const ui = new PickerHarness(el);
  await ui.open();
  return { store, el, ui };
}

describe('segkit-segment-picker: option-field', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('shows the chosen field after each name, muted, and nothing where a segment has none', async () => {
    const { ui, el } = await setup('<segkit-segment-picker option-field="discountCode"></segkit-segment-picker>');
    expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs · VIP20 8']);
    const value = ui.option('VIPs').querySelector('[part~="option-field"]')!;
    expect(getComputedStyle(value).color).to.equal(getComputedStyle(ui.option('VIPs').querySelector('[part~="option-count"]')!).color);
    await expectAccessible(el, 'option field');
  });

  it('shows nothing without the attribute or for an undeclared key, and follows the property', async () => {
    const { ui, el, store } = await setup('<segkit-segment-picker option-field="perk"></segkit-segment-picker>');
    expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs 8']); // perk is no declared field
    el.optionField = 'discountCode';
    await settle();
    expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs · VIP20 8']);
    await store.setSegmentField('creators', 'discountCode', 'MAKE10');
    await settle();
    expect(ui.optionNames()).to.deep.equal(['Content Creators · MAKE10 6', 'VIPs · VIP20 8']);
    el.removeAttribute('option-field');
    el.optionField = '';
    await settle();
    expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs 8']);
  });
});
