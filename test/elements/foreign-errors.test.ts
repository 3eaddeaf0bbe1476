/**
 * An error from another copy of segkit (two bundles on a page, or an adapter
 * built against its own `@segkit/core`) is not an instance of this copy's
 * `SegkitError`, but it carries the brand and a code: the connectors read it
 * like their own, by its code (issue 8, item 10).
 */
import { SegkitError } from '@segkit/core';
import type { SegkitErrorCode, SegmentStore } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createMemberTableConnector, createSegmentPickerConnector } from '../../packages/elements/src/headless.js';
import { cleanup, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';

/** What another copy's SegkitError looks like to this copy: a plain Error with the shared brand. */
function foreignError(code: SegkitErrorCode, message: string): Error {
  const error = new Error(message) as Error & Record<PropertyKey, unknown>;
  error[Symbol.for('segkit.error')] = true;
  error.name = 'SegkitError';
  error.code = code;
  return error;
}

describe('errors from another copy of segkit', () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    cleanup();
  });

  it('the picker names the problem by the code of a name check from another copy', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    (store as { checkName: SegmentStore['checkName'] }).checkName = () => {
      throw foreignError('reserved-segment', 'That name is reserved.');
    };
    const picker = createSegmentPickerConnector(store);
    const off = picker.$state.listen(() => undefined);
    stops.push(() => (off(), picker.destroy()));
    picker.setSearch('Gold');
    expect(picker.$state.get().nameProblem).to.deep.include({ code: 'reserved-segment', key: 'name.reserved' });
  });

  it('the member table reports a selection refused by another copy with its own code', async () => {
    const { store } = makeStore(makeAdapter(30));
    await allTasks();
    (store as { selectAllMatching: SegmentStore['selectAllMatching'] }).selectAllMatching = () => {
      throw foreignError('offline', 'You are offline.');
    };
    const table = createMemberTableConnector(store);
    const off = table.$state.listen(() => undefined);
    stops.push(() => (off(), table.destroy()));
    await until(() => table.$state.get().total !== undefined);
    await table.selectAllMatching();
    const error = table.$state.get().selectionError;
    expect(error).to.be.instanceOf(SegkitError);
    expect(error).to.include({ code: 'offline', message: 'You are offline.' });
  });
});
