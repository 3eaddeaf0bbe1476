/**
 * The IndexedDB cache reads an error of another copy of segkit (the brand and
 * a code, not this copy's class) like its own (issue 8, item 10).
 */
import { SegkitError } from '@segkit/core';
import { cacheError } from '../../packages/idb/src/errors.js';
import { expect } from '../setup/expect.js';

describe('idb: errors from another copy of segkit', () => {
  it('keeps the code of another copy\'s error', () => {
    const error = cacheError(Object.assign(new Error('Not storable.'), { [Symbol.for('segkit.error')]: true, code: 'invalid-input' }));
    expect(error).to.be.instanceOf(SegkitError);
    expect(error).to.include({ code: 'invalid-input', message: 'Not storable.' });
  });
});
