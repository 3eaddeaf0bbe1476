/**
 * segkit-member-table reads a member's own keys only (issue 8, item 10): a
 * column `attributes.constructor` (or `toString`, or a member field such as
 * `valueOf`) shows an empty cell for a member without that key, never what
 * every object inherits, and the member's own value when it has one; sorting
 * by such a column orders by own values.
 */
import { createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import type { MemberTableColumn } from '../../packages/elements/src/member-table/columns.js';
import { SEGMENTS, T0, cleanup, makeStore } from '../core/fixtures.js';
import { unmountAll } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, tableMembers } from './member-table.harness.js';

const columns: MemberTableColumn[] = [
  { key: 'name', label: 'Name', sortable: true },
  { key: 'attributes.constructor', label: 'Maker' },
  { key: 'attributes.toString', label: 'Text', sortable: true },
  { key: 'attributes.hasOwnProperty', label: 'Own' },
  { key: 'constructor', label: 'Kind' },
  { key: 'valueOf', label: 'Value' },
];

async function setup() {
  const members = tableMembers(6);
  // One member has a real `toString` attribute (core's parser drops an own
  // `constructor`, `prototype` or `__proto__` attribute before any widget sees it).
  members[1]!.attributes = { ...members[1]!.attributes, toString: 'Acme Works' };
  const adapter = createMemoryAdapter({ members, segments: SEGMENTS, now: () => T0 + 86_400_000 });
  const { store } = makeStore(adapter, { pageSize: 20 });
  await allTasks();
  const t = await MemberTableHarness.mount(store, { setup: (table) => (table.columns = columns) });
  return { store, t };
}

describe('segkit-member-table: own keys only', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('shows an empty cell for inherited keys and the member\'s own value when there is one', async () => {
    const { t } = await setup();
    expect(t.headerLabels()).to.deep.equal(['', 'Name', 'Maker', 'Text', 'Own', 'Kind', 'Value']);
    const plain = t.cellTexts(t.row('Ana Silva 000')).slice(2);
    expect(plain, 'nothing inherited is shown').to.deep.equal(['', '', '', '', '']);
    const withText = t.cellTexts(t.row('Bo Nguyen 001')).slice(2);
    expect(withText).to.deep.equal(['', 'Acme Works', '', '', '']);
    for (const row of t.rows()) expect(row.textContent, 'no function source in any row').to.not.contain('native code');
  });

  it('sorts by an inherited-looking key by the members\' own values (the member with one first, descending)', async () => {
    const { store, t } = await setup();
    await t.click(t.header('Text'));
    expect(store.$query.get().sort).to.deep.equal({ key: 'attributes.toString', dir: 'asc' });
    await t.click(t.header('Text'));
    await t.waitForRows();
    const names = t.rows().map((row) => t.nameOf(row));
    expect(names[0], 'the only member with a Text value, first descending').to.equal('Bo Nguyen 001');
  });
});
