import type { SegmentStore } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { SegkitElement, SegkitProvider } from '@segkit/elements';
import { createIdbCache } from '@segkit/idb';
import '@segkit/elements';
import { createMockBackend } from '@segkit/mock';
import { html } from 'lit';
import { allTasks } from 'nanostores';
import { makeAdapter, makeStore, cleanup } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';
import { mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { startMockWorker } from '../setup/msw.js';

/** A minimal segkit element: shows how many segments its store has. */
class CountProbe extends SegkitElement {
  protected override watch(store: SegmentStore) {
    return [store.$segments];
  }
  protected override render() {
    const store = this.activeStore;
    return html`<span>${store ? store.$segments.get().length : 'no store'}</span>`;
  }
}
customElements.define('count-probe', CountProbe);

const text = (el: Element) => el.shadowRoot!.textContent!.trim();

describe('segkit-provider', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });
  after(async () => {
    const cache = createIdbCache({ namespace: '/provider-api' }); // the endpoint test's default cache
    await cache.clear();
    cache.close();
  });

  it('gives its store to elements inside it, and an element\'s own store wins', async () => {
    const { store } = makeStore(makeAdapter());
    const { store: other } = makeStore(makeAdapter(3));
    await allTasks();
    const provider = await mount<SegkitProvider>('<segkit-provider><count-probe></count-probe><count-probe id="own"></count-probe></segkit-provider>', (root) => {
      (root.querySelector('segkit-provider') as SegkitProvider).store = store;
    });
    const [first, own] = [...provider.querySelectorAll('count-probe')] as CountProbe[];
    expect(text(first!)).to.equal('3');
    own!.store = other;
    await other.createSegment({ name: 'Extra' });
    await settle();
    expect(text(own!)).to.equal('4');
    expect(text(first!)).to.equal('3');
  });

  it('keeps a store set before the tag was defined', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const early = document.createElement('late-probe') as CountProbe;
    (early as unknown as { store: SegmentStore }).store = store;
    document.body.append(early);
    customElements.define('late-probe', class extends CountProbe {});
    await settle();
    expect(text(early)).to.equal('3');
    early.remove();
  });

  it('makes a REST store from an endpoint', async () => {
    const backend = createMockBackend({ baseUrl: '/provider-api', size: 40, seed: 3 });
    await startMockWorker(backend.handlers);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-api"><count-probe></count-probe></segkit-provider>');
    const probe = provider.querySelector('count-probe')!;
    await waitFor(() => text(probe) === '6', 5000); // Unassigned + the five seed segments
    expect(provider.activeStore).to.not.equal(undefined);
  });

  it('declares the segment fields of the store it makes (set after connecting; a new list makes a new store)', async () => {
    const backend = createMockBackend({ baseUrl: '/provider-fields-api', size: 20, seed: 3 });
    await startMockWorker(backend.handlers);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-fields-api" no-cache><count-probe></count-probe></segkit-provider>');
    expect(provider.activeStore!.segmentFields).to.deep.equal([]);
    provider.segmentFields = [{ key: 'discountCode', label: 'Discount code', type: 'text' }];
    await settle();
    const first = provider.activeStore!;
    expect(first.segmentFields.map((f) => f.label)).to.deep.equal(['Discount code']);
    await waitFor(() => text(provider.querySelector('count-probe')!) === '6', 5000);
    await first.setSegmentField('vips', 'discountCode', 'VIP30');
    provider.segmentFields = [{ key: 'tier', label: 'Tier', type: 'text' }];
    await settle();
    expect(provider.activeStore).to.not.equal(first);
    expect(provider.activeStore!.segmentFields.map((f) => f.key)).to.deep.equal(['tier']);
  });

  it('makes its store over a cache set after it connected, as over one set before', async () => {
    const backend = createMockBackend({ baseUrl: '/provider-cache-api', size: 20, seed: 4 });
    await startMockWorker(backend.handlers);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-cache-api" no-cache><count-probe></count-probe></segkit-provider>');
    const probe = provider.querySelector('count-probe')!;
    const first = provider.activeStore!;
    expect(first.$status.get().cache).to.equal('none');
    const memory = createMemoryCache();
    provider.cache = memory;
    provider.noCache = false;
    await settle();
    const store = provider.activeStore!;
    expect(store).to.not.equal(first);
    expect(store.$status.get().cache).to.equal('ready');
    await waitFor(() => text(probe) === '6', 5000); // the elements inside follow the new store
    await waitFor(() => memory.size > 0, 5000); // and it is the host's cache the store writes to
  });

  describe('its own cache', () => {
    const namespaces: string[] = [];
    afterEach(async () => {
      for (const namespace of namespaces.splice(0)) {
        const cache = createIdbCache({ namespace });
        await cache.clear();
        cache.close();
      }
    });

    /** Whether the default IndexedDB cache holds the segment list under `namespace`. */
    async function cachedUnder(namespace: string): Promise<boolean> {
      namespaces.push(namespace);
      const cache = createIdbCache({ namespace });
      try {
        return (await cache.get('segments')) !== undefined;
      } finally {
        cache.close();
      }
    }

    it('caches in IndexedDB by default, under the endpoint', async () => {
      const backend = createMockBackend({ baseUrl: '/provider-idb-api', size: 20, seed: 5 });
      await startMockWorker(backend.handlers);
      const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-idb-api"><count-probe></count-probe></segkit-provider>');
      await waitFor(() => text(provider.querySelector('count-probe')!) === '6', 5000);
      expect(provider.activeStore!.$status.get().cache).to.equal('ready');
      await waitFor(() => cachedUnder('/provider-idb-api'), 5000);
    });

    it('caches under cache-key when given (the host names the user), and never under the bare endpoint', async () => {
      const backend = createMockBackend({ baseUrl: '/provider-key-api', size: 20, seed: 6 });
      await startMockWorker(backend.handlers);
      const provider = await mount<SegkitProvider>(
        '<segkit-provider endpoint="/provider-key-api" cache-key="/provider-key-api|user_7"><count-probe></count-probe></segkit-provider>',
      );
      await waitFor(() => text(provider.querySelector('count-probe')!) === '6', 5000);
      await waitFor(() => cachedUnder('/provider-key-api|user_7'), 5000);
      expect(await cachedUnder('/provider-key-api')).to.equal(false);

      const first = provider.activeStore;
      provider.setAttribute('cache-key', '/provider-key-api|user_8'); // another user signs in
      await settle();
      expect(provider.activeStore, 'a new store for the new user').to.not.equal(first);
      await waitFor(() => cachedUnder('/provider-key-api|user_8'), 5000);
    });

    it('opts out with no-cache or .cache = null', async () => {
      const backend = createMockBackend({ baseUrl: '/provider-nocache-api', size: 20, seed: 7 });
      await startMockWorker(backend.handlers);
      const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-nocache-api" no-cache><count-probe></count-probe></segkit-provider>');
      await waitFor(() => text(provider.querySelector('count-probe')!) === '6', 5000);
      expect(provider.activeStore!.$status.get().cache).to.equal('none');
      expect(await cachedUnder('/provider-nocache-api')).to.equal(false);

      provider.removeAttribute('no-cache');
      await settle();
      expect(provider.activeStore!.$status.get().cache).to.equal('ready');
      provider.cache = null;
      await settle();
      expect(provider.activeStore!.$status.get().cache).to.equal('none');
    });
  });

  it('calls store.resume() when .getToken changes, keeping its store, and sends the new token', async () => {
    const backend = createMockBackend({ baseUrl: '/provider-token-api', size: 20, seed: 8 });
    await startMockWorker(backend.handlers);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-token-api" no-cache><count-probe></count-probe></segkit-provider>', (root) => {
      (root.querySelector('segkit-provider') as SegkitProvider).getToken = () => 'first-token';
    });
    await waitFor(() => text(provider.querySelector('count-probe')!) === '6', 5000);
    const store = provider.activeStore!;
    let resumed = 0;
    const resume = store.resume.bind(store);
    store.resume = () => {
      resumed += 1;
      resume();
    };
    provider.getToken = () => 'second-token';
    await settle();
    expect(resumed).to.equal(1);
    expect(provider.activeStore).to.equal(store);
    await store.createSegment({ name: 'After sign-in' });
    expect(backend.log.at(-1)!.authorization).to.equal('Bearer second-token');
  });

  it('sends its token only to the origin it was given for: another origin gets none until .getToken is set again', async () => {
    const one = createMockBackend({ baseUrl: 'https://one.example/segkit', size: 20, seed: 8 });
    const sameOrigin = createMockBackend({ baseUrl: 'https://one.example/v2', size: 20, seed: 8 });
    const two = createMockBackend({ baseUrl: 'https://two.example/segkit', size: 20, seed: 8 });
    await startMockWorker([...one.handlers, ...sameOrigin.handlers, ...two.handlers]);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="https://one.example/segkit" no-cache><count-probe></count-probe></segkit-provider>', (root) => {
      (root.querySelector('segkit-provider') as SegkitProvider).getToken = () => 'token-one';
    });
    const probe = provider.querySelector('count-probe')!;
    await waitFor(() => text(probe) === '6', 5000);
    const auth = (log: readonly { authorization: string | undefined }[]) => [...new Set(log.map((entry) => entry.authorization))];
    expect(auth(one.log)).to.deep.equal(['Bearer token-one']);
    // Another path on the same origin: the same token.
    provider.endpoint = 'https://one.example/v2';
    await waitFor(() => sameOrigin.log.length > 0 && text(probe) === '6', 5000);
    expect(auth(sameOrigin.log)).to.deep.equal(['Bearer token-one']);
    // Another origin: no token at all, reads included.
    provider.endpoint = 'https://two.example/segkit';
    await waitFor(() => two.log.length > 0 && text(probe) === '6', 5000);
    expect(auth(two.log)).to.deep.equal([undefined]);
    // The host gives a token for it: that one is sent.
    provider.getToken = () => 'token-two';
    await settle();
    await provider.activeStore!.createSegment({ name: 'After the move' });
    expect(two.log.at(-1)!.authorization).to.equal('Bearer token-two');
    expect(auth(one.log)).to.deep.equal(['Bearer token-one']);
  });

  it('an empty provider inside another passes the outer store on (its events once); its own store, once given, wins', async () => {
    const { store } = makeStore(makeAdapter());
    const { store: own } = makeStore(makeAdapter(3));
    await own.createSegment({ name: 'Only inside' });
    await allTasks();
    const outer = await mount<SegkitProvider>('<segkit-provider><segkit-provider id="inner"><count-probe></count-probe></segkit-provider></segkit-provider>', (root) => {
      (root.querySelector('segkit-provider') as SegkitProvider).store = store;
    });
    const inner = outer.querySelector<SegkitProvider>('#inner')!;
    const probe = inner.querySelector('count-probe')!;
    await settle();
    expect(text(probe)).to.equal('3');
    expect(inner.activeStore).to.equal(store);
    let created = 0;
    const count = () => (created += 1);
    document.addEventListener('segkit-segment-create', count);
    try {
      await store.createSegment({ name: 'Seen inside' });
      await store.settled();
      await settle();
      expect(text(probe)).to.equal('4');
      expect(created).to.equal(1);
    } finally {
      document.removeEventListener('segkit-segment-create', count);
    }
    inner.store = own;
    await settle();
    expect(text(probe)).to.equal('4');
    expect(inner.activeStore).to.equal(own);
    await own.createSegment({ name: 'Second inside' });
    await settle();
    expect(text(probe)).to.equal('5');
    inner.store = undefined;
    await settle();
    expect(inner.activeStore).to.equal(store);
    expect(text(probe)).to.equal('4');
    // The outer store changes: the inner elements follow.
    const { store: next } = makeStore(makeAdapter());
    await allTasks();
    outer.store = next;
    await settle();
    expect(inner.activeStore).to.equal(next);
    expect(text(probe)).to.equal('3');
  });

  it('turns store events into bubbling, composed DOM events, once each', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<segkit-provider><count-probe></count-probe><count-probe></count-probe></segkit-provider>';
    (shadow.querySelector('segkit-provider') as SegkitProvider).store = store;
    await mount(host);
    const seen: string[] = [];
    const listener = (e: Event) => seen.push(`${e.type}:${(e as CustomEvent).detail.source ?? (e as CustomEvent).detail.code ?? ''}`);
    for (const type of ['segkit-membership-change', 'segkit-segment-create', 'segkit-error', 'segkit-segment-rename', 'segkit-segment-update']) {
      document.addEventListener(type, listener);
    }
    await store.createSegment({ name: 'Event test' });
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001'] }, source: 'automation' });
    await store.renameSegment('vips', 'VIP Club');
    await store.renameSegment('vips', 'VIP Club').catch(() => undefined);
    await store.updateSegment('vips', { color: '#112233' });
    await store.createSegment({ name: '' }).catch(() => undefined);
    for (const type of ['segkit-membership-change', 'segkit-segment-create', 'segkit-error', 'segkit-segment-rename', 'segkit-segment-update']) {
      document.removeEventListener(type, listener);
    }
    expect(seen).to.deep.equal([
      'segkit-segment-create:',
      'segkit-membership-change:automation',
      'segkit-segment-rename:',
      'segkit-segment-update:',
      'segkit-segment-update:',
      'segkit-segment-update:',
    ]);

    const undone: boolean[] = [];
    const onUndo = (e: Event) => undone.push((e as CustomEvent).detail.undo);
    document.addEventListener('segkit-membership-change', onUndo);
    await store.undo();
    await store.settled();
    document.removeEventListener('segkit-membership-change', onUndo);
    expect(undone).to.deep.equal([true], 'the Undo of the automation assign is marked');
  });

  it('is safe to import and define twice', async () => {
    await import('@segkit/elements');
    const { define } = await import('../../packages/elements/src/define/define.js');
    define('segkit-provider', class extends HTMLElement {});
    expect(customElements.get('segkit-provider')).to.equal(SegkitProvider);
  });
});
