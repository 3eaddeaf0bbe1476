/**
 * The status flags through their own interface: stale and `cachedAt` follow
 * what is shown from the cache, part by part.
 */
import { Emitter } from '../../packages/core/src/store/emitter.js';
import { createStatusFlags } from '../../packages/core/src/store/status.js';
import type { StoreEvents } from '../../packages/core/src/store/types.js';
import { expect } from '../setup/expect.js';

function setup() {
  return createStatusFlags({ offline: false, cache: 'ready', events: new Emitter<StoreEvents>(), signal: new AbortController().signal });
}

describe('status flags', () => {
  it('is stale while any part shown came from the cache, since the oldest of them was saved', () => {
    const flags = setup();
    expect(flags.get()).to.include({ stale: false, cachedAt: null });
    flags.cached('segments', 10_000);
    flags.cached('page:0', 5_000);
    flags.cached('page:1', 7_000);
    expect(flags.get()).to.include({ stale: true, cachedAt: 5_000 });
    flags.fresh('page:0');
    expect(flags.get()).to.include({ stale: true, cachedAt: 7_000 });
    flags.fresh('page:');
    expect(flags.get()).to.include({ stale: true, cachedAt: 10_000 });
    flags.fresh('segments');
    expect(flags.get()).to.include({ stale: false, cachedAt: null });
  });

  it('is stale without a time when what was cached has none (an older record)', () => {
    const flags = setup();
    flags.cached('segments', undefined);
    expect(flags.get()).to.include({ stale: true, cachedAt: null });
  });
});
