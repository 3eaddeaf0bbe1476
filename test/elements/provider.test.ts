import type { SegmentStore } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { SegkitElement, SegkitProvider } from '@segkit/elements';
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

  it('makes its store over a cache set after it connected, as over one set before', async () => {
    const backend = createMockBackend({ baseUrl: '/provider-cache-api', size: 20, seed: 4 });
    await startMockWorker(backend.handlers);
    const provider = await mount<SegkitProvider>('<segkit-provider endpoint="/provider-cache-api"><count-probe></count-probe></segkit-provider>');
    const probe = provider.querySelector('count-probe')!;
    const first = provider.activeStore!;
    expect(first.$status.get().cache).to.equal('none');
    provider.cache = createMemoryCache();
    await settle();
    const store = provider.activeStore!;
    expect(store).to.not.equal(first);
    expect(store.$status.get().cache).to.equal('ready');
    await waitFor(() => text(probe) === '6', 5000); // the elements inside follow the new store
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
