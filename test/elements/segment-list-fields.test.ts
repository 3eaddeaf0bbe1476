/**
 * `segkit-segment-list` with host-declared segment fields (a discount code
 * per segment), driven like a user: shown under each name, edited in place
 * like rename, checked as typed, saved at once with Undo, a refusal shown at
 * the field; unknown metadata keys never shown nor dropped.
 */
import type { SegmentField, SegmentsAdapter } from '@segkit/core';
import { createSegmentStore, segmentFieldValue } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import '../../packages/elements/src/define/segment-list.js';
import type { SegkitSegmentList } from '../../packages/elements/src/segment-list/segkit-segment-list.js';
import type { SegkitSegmentUpdateEvent } from '../../packages/elements/src/events/segment-update.js';
import { cleanup, faulty, makeStore } from '../core/fixtures.js';
import { byRole, click, expectAccessible, mount, press, queryByRole, settle, type, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { useMockBackend } from '../rest/mock-backend.js';
import { CODE, FIELDS, fieldsAdapter } from './segment-fields.fixtures.js';
import { expectAbsent, expectFocus, gatedAdapter, shiftTab } from './segment-filter.harness.js';
import { SegmentListHarness } from './segment-list.harness.js';

async function setup(options: { adapter?: SegmentsAdapter; fields?: SegmentField[]; lang?: string; theme?: string } = {}) {
  const { store } = makeStore(options.adapter ?? fieldsAdapter(), { segmentFields: options.fields ?? [CODE] });
  const el = document.createElement('segkit-segment-list') as SegkitSegmentList;
  if (options.theme) el.setAttribute('theme', options.theme);
  el.store = store;
  let host: HTMLElement = el;
  if (options.lang) {
    host = document.createElement('div');
    host.lang = options.lang;
    host.append(el);
  }
  await mount(host);
  const h = new SegmentListHarness(el);
  await waitFor(() => h.rows().length === 3);
  return { store, el, h };
}

const updates: SegkitSegmentUpdateEvent[] = [];
const onUpdate = (e: Event) => updates.push(e as SegkitSegmentUpdateEvent);

describe('segkit-segment-list: segment fields', () => {
  beforeEach(() => document.addEventListener('segkit-segment-update', onUpdate));
  afterEach(() => {
    document.removeEventListener('segkit-segment-update', onUpdate);
    updates.length = 0;
    unmountAll();
    cleanup();
  });

  it('shows each segment\'s values under its name, missing ones as "Not set", never undeclared keys or on Unassigned', async () => {
    const { h, el } = await setup();
    expect(h.fields('VIPs')).to.deep.equal(['Discount code VIP20']);
    expect(h.fields('Content Creators')).to.deep.equal(['Discount code Not set']);
    expect(h.fields('Unassigned')).to.deep.equal([]);
    expectAbsent(h.queryButton('Edit Discount code for Unassigned'));
    expect(h.item('VIPs').textContent).to.not.match(/Early access|Partnerships/);
    const missing = h.item('Content Creators').querySelector('[part~="field-missing"]')!;
    expect(getComputedStyle(missing).fontStyle).to.equal('italic');
    // a line of its own under the name, not inside the button that opens the segment
    const name = h.item('VIPs').querySelector('[part~="name"]')!.getBoundingClientRect();
    const line = h.item('VIPs').querySelector('[part~="fields"]')!.getBoundingClientRect();
    expect(line.top).to.be.at.least(name.bottom - 1);
    expect(h.openButton('VIPs').contains(h.item('VIPs').querySelector('[part~="fields"]'))).to.equal(false);
    await expectAccessible(el, 'fields shown');
  });

  it('edits in place: value shown at once while saving, result with Undo, the update event carries the change', async () => {
    const gated = gatedAdapter(fieldsAdapter(), 'updateSegment');
    const { h, store, el } = await setup({ adapter: gated.adapter });
    await h.editField('VIPs', 'Discount code');
    const input = h.fieldInput('VIPs', 'Discount code');
    expectFocus(input);
    expect(input.value).to.equal('VIP20');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 5]);
    await expectAccessible(el, 'editor open');
    await type(input, 'VIP30');
    await press('Enter');
    expect(h.fields('VIPs')).to.deep.equal(['Discount code VIP30']); // at once
    expect(h.item('VIPs').hasAttribute('data-pending')).to.equal(true);
    expect(h.item('VIPs').querySelector('[part~="pending"]')!.textContent).to.equal('Saving…');
    expect(h.result()).to.equal('Discount code of VIPs set to VIP30 Undo');
    expectFocus(h.button('Edit Discount code for VIPs'));
    gated.release();
    await store.settled();
    await waitFor(() => !h.item('VIPs').hasAttribute('data-pending'));
    expect(updates).to.have.length(1);
    const { segment, previous } = updates[0]!.detail;
    expect(segment.metadata).to.deep.equal({ perk: 'Early access', owner: 'Partnerships', discountCode: 'VIP30' });
    expect(previous?.metadata).to.deep.include({ discountCode: 'VIP20' });
    await expectAccessible(el, 'saved with undo');

    await click(h.button('Undo'));
    expect(h.fields('VIPs')).to.deep.equal(['Discount code VIP20']); // at once
    expect(h.result()).to.equal('Discount code of VIPs back to VIP20');
    expectFocus(h.button('Edit Discount code for VIPs'));
    await store.settled();
    expect(segmentFieldValue(store.segmentById('vips'), 'discountCode')).to.equal('VIP20');
    await waitFor(() => updates.length === 2);
    expect(updates[1]!.detail.undo).to.equal(true);
  });

  it('refuses an invalid value as it is typed, with the field\'s message, and sends nothing', async () => {
    const f = faulty(fieldsAdapter());
    const { h, el, store } = await setup({ adapter: f.adapter });
    await h.editField('Content Creators', 'Discount code');
    const input = h.fieldInput('Content Creators', 'Discount code');
    expect(input.value).to.equal('');
    await type(input, 'summer 10');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(h.fieldError(input)).to.equal(CODE.message);
    await expectAccessible(el, 'invalid value');
    await press('Enter');
    await click(h.button('Save'));
    expectFocus(h.fieldInput('Content Creators', 'Discount code'));
    expect(f.calls.filter((c) => c.method === 'updateSegment')).to.have.length(0);
    expect(store.segmentById('creators')!.metadata ?? {}).to.deep.equal({});
    await press('Escape');
    expectAbsent(queryByRole(el.shadowRoot!, 'textbox'));
    expectFocus(h.button('Edit Discount code for Content Creators'));
    expect(h.fields('Content Creators')).to.deep.equal(['Discount code Not set']);
    expect(h.result()).to.equal('');
  });

  it('reopens the editor with the server\'s refusal at the field (rolled back)', async () => {
    const f = faulty(fieldsAdapter());
    const { h, store } = await setup({ adapter: f.adapter });
    f.fail('refuse');
    await h.setField('VIPs', 'Discount code', 'VIP30');
    await waitFor(() => h.errorBar() !== '');
    await store.settled();
    await settle();
    expect(h.errorBar()).to.equal('Could not save Discount code of “VIPs”: injected refusal Dismiss');
    const input = h.fieldInput('VIPs', 'Discount code');
    expect(input.value).to.equal('VIP30');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(h.fieldError(input)).to.equal('injected refusal');
    expect(segmentFieldValue(store.segmentById('vips'), 'discountCode')).to.equal('VIP20');
    expectAbsent(h.queryButton('Undo'));
  });

  it('works from the keyboard alone: Tab reaches Edit, Enter saves, Escape cancels', async () => {
    const { h, el, store } = await setup();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await press('Tab'); // Create segment
    await press('Tab'); // the list's one tab stop
    await press('End');
    expectFocus(h.openButton('VIPs'));
    await press('Tab');
    await press('Tab');
    await press('Tab');
    expectFocus(h.button('Edit Discount code for VIPs'));
    await press('Enter');
    expectFocus(h.fieldInput('VIPs', 'Discount code'));
    await press('Escape');
    expectFocus(h.button('Edit Discount code for VIPs'));
    await press('Enter');
    await type(h.fieldInput('VIPs', 'Discount code'), 'VIP40');
    await press('Enter');
    expect(segmentFieldValue(store.segmentById('vips'), 'discountCode')).to.equal('VIP40');
    expectFocus(h.button('Edit Discount code for VIPs'));
    await shiftTab();
    await shiftTab();
    await shiftTab();
    expectFocus(h.openButton('VIPs'));
    before.remove();
  });

  it('edits number, select and boolean fields with inputs of their kind', async () => {
    const { h, store, el } = await setup({ fields: FIELDS });
    expect(h.fields('Content Creators')).to.deep.equal(['Discount code Not set', 'Discount Not set', 'Tier Not set', 'Public Not set']);
    await h.editField('Content Creators', 'Discount');
    const percent = h.fieldInput('Content Creators', 'Discount');
    expect([percent.type, percent.inputMode]).to.deep.equal(['text', 'decimal']);
    await type(percent, '1250');
    expect(h.fieldError(percent)).to.equal('Discount is a number from 0 to 100.');
    percent.select();
    await type(percent, '12.5');
    await press('Enter');
    await h.editField('Content Creators', 'Tier');
    const tier = h.fieldInput('Content Creators', 'Tier') as unknown as HTMLSelectElement;
    expect(tier.localName).to.equal('select');
    expect([...tier.options].map((o) => o.textContent)).to.deep.equal(['Not set', 'Gold', 'Silver']);
    tier.value = 'silver';
    tier.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    await press('Enter');
    await h.editField('Content Creators', 'Public');
    const box = h.fieldInput('Content Creators', 'Public');
    expect(box.type).to.equal('checkbox');
    await press(' ');
    await press('Enter');
    expect(h.fields('Content Creators')).to.deep.equal(['Discount code Not set', 'Discount 12.5', 'Tier Silver', 'Public Yes']);
    expect(h.result()).to.equal('Public of Content Creators set to Yes Undo');
    await store.settled();
    await expectAccessible(el, 'every kind');
  });

  it('speaks Spanish, and passes axe in the dark theme with the editor open', async () => {
    const { h, el } = await setup({ lang: 'es', theme: 'dark', fields: [{ ...CODE, message: undefined }] });
    expect(h.fields('Content Creators')).to.deep.equal(['Discount code Sin definir']);
    await click(byRole(el.shadowRoot!, 'button', 'Editar Discount code de VIPs'));
    const input = byRole(el.shadowRoot!, 'textbox', 'Discount code de VIPs') as HTMLInputElement;
    input.select();
    await type(input, 'vip');
    expect(el.shadowRoot!.querySelector('#field-input-error')!.textContent).to.equal('El valor de Discount code no es válido.');
    await expectAccessible(el, 'dark es editor');
    input.select();
    await type(input, 'VIP30');
    await press('Enter');
    expect(h.result()).to.equal('Discount code de VIPs: ahora VIP30 Deshacer');
    await expectAccessible(el, 'dark es saved');
  });

  describe('over REST and the mock backend', () => {
    let stores: Array<{ destroy(): void }> = [];
    useMockBackend({ seed: 2, size: 30 }, () => {
      for (const store of stores) store.destroy();
      stores = [];
    });

    it('keeps the keys no field declares (perk, owner) when a code is saved', async () => {
      const store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: '/api' }), segmentFields: [CODE] });
      stores.push(store);
      const el = document.createElement('segkit-segment-list') as SegkitSegmentList;
      el.store = store;
      await mount(el);
      const h = new SegmentListHarness(el);
      await waitFor(() => h.rows().length > 3, 5000);
      expect(h.fields('VIPs')).to.deep.equal(['Discount code VIP20']);
      await h.setField('VIPs', 'Discount code', 'VIP30');
      await store.settled();
      const read = await createRestAdapter({ baseUrl: '/api' }).listSegments();
      const vips = read.items.find((s) => s.id === 'vips')!;
      expect(vips.metadata).to.deep.equal({ perk: 'Early access', owner: 'Partnerships team', discountCode: 'VIP30' });
    });
  });
});
