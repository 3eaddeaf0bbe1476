/**
 * Host-declared segment fields (a discount code per segment): values checked
 * before anything is sent, shown at once, saved in `metadata` with every
 * other key kept, undoable, a refusal rolled back.
 */
import type { Segment, SegmentField } from '@segkit/core';
import { createMemoryAdapter, createSegmentStore, parseSegmentFieldValue, segmentFieldValue } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { SEGMENTS, cleanup, faulty, makeMembers, makeStore } from './fixtures.js';

const CODE: SegmentField = { key: 'discountCode', label: 'Discount code', type: 'text', pattern: '[A-Z0-9]{3,20}', message: 'Use 3 to 20 capital letters or digits.' };
const FIELDS: SegmentField[] = [
  CODE,
  { key: 'percent', label: 'Discount', type: 'number', min: 0, max: 100 },
  { key: 'landing', label: 'Landing page', type: 'url' },
  { key: 'tier', label: 'Tier', type: 'select', options: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] },
  { key: 'public', label: 'Public', type: 'boolean', required: true },
];
const field = (key: string) => FIELDS.find((f) => f.key === key)!;

function adapter() {
  const segments = SEGMENTS.map((s) => (s.id === 'vips' ? { ...s, metadata: { crm: { id: 42 }, discountCode: 'VIP10' } } : s));
  return createMemoryAdapter({ members: makeMembers(12), segments });
}

const vips = (store: ReturnType<typeof makeStore>['store']) => store.$segments.get().find((s) => s.id === 'vips')!;

describe('segment fields', () => {
  afterEach(cleanup);

  describe('values', () => {
    it('text: trimmed and NFC, checked against the pattern with the field\'s message; empty is none', () => {
      expect(parseSegmentFieldValue(CODE, '  VIP20 ')).to.equal('VIP20');
      expect(parseSegmentFieldValue(CODE, '')).to.equal(null);
      expect(parseSegmentFieldValue(CODE, null)).to.equal(null);
      expect(() => parseSegmentFieldValue(CODE, 'vip 20')).to.throw('Use 3 to 20 capital letters or digits.');
      expect(() => parseSegmentFieldValue({ ...CODE, pattern: undefined, message: undefined }, 'VIP\u200b20')).to.throw(/invisible/);
      expect(() => parseSegmentFieldValue({ ...CODE, pattern: undefined, maxLength: 4 }, 'VIP20')).to.throw();
      expect(parseSegmentFieldValue({ ...CODE, pattern: undefined }, 'Cafe\u0301')).to.equal('Café');
    });

    it('number, url, select and boolean', () => {
      expect(parseSegmentFieldValue(field('percent'), ' 12.5 ')).to.equal(12.5);
      expect(parseSegmentFieldValue(field('percent'), 7)).to.equal(7);
      for (const bad of ['12%', '1e400', 101, -1, true]) expect(() => parseSegmentFieldValue(field('percent'), bad), String(bad)).to.throw();
      expect(parseSegmentFieldValue(field('landing'), 'https://glow.example/vip')).to.equal('https://glow.example/vip');
      for (const bad of ['javascript:alert(1)', 'glow.example', 'data:text/html,x']) expect(() => parseSegmentFieldValue(field('landing'), bad), bad).to.throw();
      expect(parseSegmentFieldValue(field('tier'), 'gold')).to.equal('gold');
      expect(() => parseSegmentFieldValue(field('tier'), 'platinum')).to.throw();
      expect(parseSegmentFieldValue(field('public'), false)).to.equal(false);
      expect(() => parseSegmentFieldValue(field('public'), 'yes')).to.throw();
      expect(() => parseSegmentFieldValue(field('public'), null), 'required').to.throw('Public is required.');
    });

    it('reads a segment\'s own metadata keys only', () => {
      const segment = { metadata: { discountCode: 'VIP10' } } as Pick<Segment, 'metadata'>;
      expect(segmentFieldValue(segment, 'discountCode')).to.equal('VIP10');
      expect(segmentFieldValue(segment, 'constructor')).to.equal(null);
      expect(segmentFieldValue(undefined, 'discountCode')).to.equal(null);
    });

    it('refuses malformed declarations when the store is made', () => {
      const make = (segmentFields: SegmentField[]) => () => createSegmentStore({ adapter: adapter(), segmentFields });
      expect(make([CODE, CODE])).to.throw(/Two segment fields/);
      expect(make([{ ...CODE, key: '__proto__' }])).to.throw(/key/);
      expect(make([{ ...CODE, key: 'a b' }])).to.throw(/key/);
      expect(make([{ ...CODE, label: ' ' }])).to.throw(/label/);
      expect(make([{ key: 'tier', label: 'Tier', type: 'select' }])).to.throw(/options/);
      expect(make([{ ...CODE, pattern: '(' }])).to.throw(/regular expression/);
      expect(make([{ ...CODE, type: 'date' as 'text' }])).to.throw(/unknown type/);
    });
  });

  describe('through the store', () => {
    it('shows a new value at once and saves it with every other metadata key kept', async () => {
      const backend = adapter();
      const { store } = makeStore(backend, { segmentFields: FIELDS });
      await allTasks();
      expect(store.segmentFields.map((f) => f.key)).to.deep.equal(FIELDS.map((f) => f.key));
      const saving = store.setSegmentField('vips', 'discountCode', ' VIP20 ');
      expect(segmentFieldValue(vips(store), 'discountCode'), 'at once').to.equal('VIP20');
      expect(vips(store).pending).to.equal(true);
      await saving;
      const stored = (await backend.listSegments()).items.find((s) => s.id === 'vips')!;
      expect(stored.metadata).to.deep.equal({ crm: { id: 42 }, discountCode: 'VIP20' });
      expect(store.$lastAction.get()).to.include({ id: saving.actionId, kind: 'segment-field', status: 'done', count: 1 });
    });

    it('refuses a bad value or an unknown field at once, naming the field, and sends nothing', async () => {
      const f = faulty(adapter());
      const { store } = makeStore(f.adapter, { segmentFields: FIELDS });
      await allTasks();
      const error = await expectReject(store.setSegmentField('vips', 'discountCode', 'vip 20'), 'invalid-input');
      expect(error).to.include({ field: 'discountCode', message: 'Use 3 to 20 capital letters or digits.' });
      await expectReject(store.setSegmentField('vips', 'nope', 'x'), 'invalid-input');
      await expectReject(store.setSegmentField('gone', 'discountCode', 'VIP20'), 'not-found');
      await expectReject(store.setSegmentField('vips', 'percent', '1'.repeat(5000)), 'invalid-input');
      expect(f.writes()).to.have.length(0);
      expect(segmentFieldValue(vips(store), 'discountCode')).to.equal('VIP10');
    });

    it('clears a value with an empty string; Undo puts the old one back and keeps the other keys', async () => {
      const backend = adapter();
      const { store } = makeStore(backend, { segmentFields: FIELDS });
      await allTasks();
      await store.setSegmentField('vips', 'discountCode', '');
      expect(segmentFieldValue(vips(store), 'discountCode')).to.equal(null);
      expect(vips(store).metadata).to.deep.equal({ crm: { id: 42 } });
      await store.undo();
      expect(segmentFieldValue(vips(store), 'discountCode')).to.equal('VIP10');
      await store.settled();
      const stored = (await backend.listSegments()).items.find((s) => s.id === 'vips')!;
      expect(stored.metadata).to.deep.equal({ crm: { id: 42 }, discountCode: 'VIP10' });
    });

    it('rolls a value the backend refuses back, and says so once', async () => {
      const f = faulty(adapter());
      const { store } = makeStore(f.adapter, { segmentFields: FIELDS });
      await allTasks();
      const errors: string[] = [];
      store.on('error', (e) => errors.push(`${e.error.code}:${e.action}`));
      f.fail('refuse');
      await expectReject(store.setSegmentField('vips', 'discountCode', 'VIP30'), 'invalid-input');
      await store.settled();
      expect(segmentFieldValue(vips(store), 'discountCode')).to.equal('VIP10');
      expect(errors).to.deep.equal(['invalid-input:update-segment']);
    });
  });
});
