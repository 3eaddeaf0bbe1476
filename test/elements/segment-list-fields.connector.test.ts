/**
 * The segment list connector's segment fields, headless (as a React or Vue
 * app would drive them): values per row, the inline editor checked as it is
 * typed, optimistic saves with Undo, a refusal reopening the editor.
 */
import { segmentFieldValue } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createSegmentListConnector } from '../../packages/elements/src/headless.js';
import type { SegmentListConnector } from '../../packages/elements/src/headless.js';
import { cleanup, faulty, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { CODE, FIELDS, fieldsAdapter } from './segment-fields.fixtures.js';

const connectors: SegmentListConnector[] = [];
const listeners: Array<() => void> = [];

async function setup(adapter: SegmentsAdapter = fieldsAdapter()) {
  const { store } = makeStore(adapter, { segmentFields: FIELDS });
  const list = createSegmentListConnector(store);
  connectors.push(list);
  listeners.push(list.$state.listen(() => undefined));
  await allTasks();
  const state = () => list.$state.get();
  const values = (id: string) => state().items.find((i) => i.segment.id === id)!.fields.map((f) => `${f.field.key}=${String(f.value)}`);
  return { store, list, state, values };
}

describe('createSegmentListConnector: segment fields', () => {
  afterEach(() => {
    for (const off of listeners.splice(0)) off();
    for (const list of connectors.splice(0)) list.destroy();
    cleanup();
  });

  it('gives every row but Unassigned the declared fields with its values, missing ones as null, never other keys', async () => {
    const { state, values } = await setup();
    expect(state().fields.map((f) => f.key)).to.deep.equal(['discountCode', 'percent', 'tier', 'public']);
    expect(state().items[0]!.fields).to.deep.equal([]); // Unassigned
    expect(values('vips')).to.deep.equal(['discountCode=VIP20', 'percent=null', 'tier=null', 'public=null']);
    expect(values('creators')).to.deep.equal(['discountCode=null', 'percent=null', 'tier=null', 'public=null']);
  });

  it('checks the value as it is typed with the field\'s message, and sends nothing while it is wrong', async () => {
    const f = faulty(fieldsAdapter());
    const { list, state } = await setup(f.adapter);
    list.startFieldEdit('vips', 'discountCode');
    expect(state().fieldEdit).to.deep.equal({ id: 'vips', key: 'discountCode', input: 'VIP20', error: null });
    list.editField('vip 30');
    expect(state().fieldEdit!.error).to.include({ code: 'invalid-input', field: 'discountCode', message: CODE.message });
    expect(list.submitField()).to.equal(false);
    expect(state().fieldEdit).to.not.equal(null);
    list.editField('VIP30');
    expect(state().fieldEdit!.error).to.equal(null);
    list.cancelFieldEdit();
    expect(state().fieldEdit).to.equal(null);
    expect(f.calls.filter((c) => c.method === 'updateSegment')).to.have.length(0);
    list.startFieldEdit('unassigned', 'discountCode');
    list.startFieldEdit('vips', 'nope');
    expect(state().fieldEdit).to.equal(null);
  });

  it('saves at once (pending), keeps the other metadata keys, and Undo puts the old value back', async () => {
    const backend = fieldsAdapter();
    const { store, list, state, values } = await setup(backend);
    list.startFieldEdit('vips', 'discountCode');
    list.editField(' VIP30 ');
    expect(list.submitField()).to.equal(true);
    expect(values('vips')[0]).to.equal('discountCode=VIP30'); // at once
    expect(store.segmentById('vips')!.pending).to.equal(true);
    expect(state().fieldEdit).to.equal(null);
    expect(state().feedback).to.deep.equal({ kind: 'field-set', id: 'vips', key: 'discountCode', name: 'VIPs', label: 'Discount code', value: 'VIP30', undoable: true });
    await store.settled();
    const saved = (await backend.listSegments()).items.find((s) => s.id === 'vips')!;
    expect(saved.metadata).to.deep.equal({ perk: 'Early access', owner: 'Partnerships', discountCode: 'VIP30' });

    const undone = list.undo();
    expect(values('vips')[0]).to.equal('discountCode=VIP20'); // at once
    expect(state().feedback).to.deep.include({ kind: 'field-restored', value: 'VIP20' });
    expect(await undone).to.equal('vips');
    const back = (await backend.listSegments()).items.find((s) => s.id === 'vips')!;
    expect(back.metadata).to.deep.equal({ perk: 'Early access', owner: 'Partnerships', discountCode: 'VIP20' });
  });

  it('edits number, select and boolean fields, and closes without a write when nothing changed', async () => {
    const f = faulty(fieldsAdapter());
    const { store, list, state } = await setup(f.adapter);
    list.startFieldEdit('vips', 'discountCode');
    expect(list.submitField()).to.equal(true);
    expect(state().feedback).to.equal(null);
    list.startFieldEdit('creators', 'percent');
    list.editField('101');
    expect(state().fieldEdit!.error?.field).to.equal('percent');
    list.editField('15');
    list.submitField();
    list.startFieldEdit('creators', 'tier');
    expect(state().fieldEdit!.input).to.equal('');
    list.editField('gold');
    list.submitField();
    list.startFieldEdit('creators', 'public');
    expect(state().fieldEdit!.input).to.equal(false);
    list.editField(true);
    list.submitField();
    await store.settled();
    const creators = store.segmentById('creators')!;
    expect(['percent', 'tier', 'public'].map((k) => segmentFieldValue(creators, k))).to.deep.equal([15, 'gold', true]);
    expect(f.calls.filter((c) => c.method === 'updateSegment')).to.have.length(3);
  });

  it('reopens the editor with the value and the refusal when the backend refuses it (rolled back)', async () => {
    const f = faulty(fieldsAdapter());
    const { store, list, state, values } = await setup(f.adapter);
    f.fail('refuse');
    list.startFieldEdit('vips', 'discountCode');
    list.editField('VIP30');
    list.submitField();
    expect(values('vips')[0]).to.equal('discountCode=VIP30');
    await until(() => state().failure);
    await store.settled();
    expect(values('vips')[0]).to.equal('discountCode=VIP20');
    expect(state().fieldEdit).to.deep.include({ id: 'vips', key: 'discountCode', input: 'VIP30' });
    expect(state().fieldEdit!.error?.message).to.equal('injected refusal');
    expect(state().failure).to.deep.include({ action: 'field', name: 'VIPs', label: 'Discount code' });
    expect(state().feedback).to.equal(null);
  });

  it('keeps one editor open at a time: rename, delete and create close the field editor', async () => {
    const { list, state } = await setup();
    list.startFieldEdit('vips', 'discountCode');
    list.startRename('vips');
    expect(state().fieldEdit).to.equal(null);
    list.startFieldEdit('vips', 'discountCode');
    expect(state().rename).to.equal(null);
    list.askDelete('creators');
    expect(state().fieldEdit).to.equal(null);
  });
});
