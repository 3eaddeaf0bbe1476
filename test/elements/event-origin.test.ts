/**
 * Where a store change is heard (decision 030): from the widget the user
 * acted on when a widget made it, else from the provider, else from the first
 * connected segkit element; always once, bubbling and composed.
 */
import type { MutationRecord, SegmentStore, SegmentStoreOptions } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import type { SegkitMembershipChangeEvent, SegkitProvider, SegkitSegmentPicker } from '@segkit/elements';
import '@segkit/elements';
import { allTasks } from 'nanostores';
import { cleanup, makeAdapter, makeStore } from '../core/fixtures.js';
import { mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { PickerHarness } from './segment-picker.harness.js';

type Heard = Array<{ at: string; target: EventTarget | null; undo: boolean }>;

/** Records each `segkit-membership-change` heard on `targets` (by name), with the element it was dispatched from. */
function listen(targets: Record<string, EventTarget>): { heard: Heard; stop: () => void } {
  const heard: Heard = [];
  const offs = Object.entries(targets).map(([at, target]) => {
    const listener = (event: Event) =>
      heard.push({ at, target: event.composedPath()[0] ?? null, undo: (event as SegkitMembershipChangeEvent).detail.undo });
    target.addEventListener('segkit-membership-change', listener);
    return () => target.removeEventListener('segkit-membership-change', listener);
  });
  return { heard, stop: () => offs.forEach((off) => off()) };
}

async function page(markup: string, options: Partial<SegmentStoreOptions> = {}) {
  const { store, connectivity } = makeStore(makeAdapter(), options);
  await allTasks();
  const root = await mount(`<div>${markup}</div>`, (div) => {
    const provider = div.querySelector<SegkitProvider>('segkit-provider');
    if (provider) provider.store = store;
    else for (const el of div.querySelectorAll<HTMLElement & { store: SegmentStore }>('*')) el.store = store;
  });
  await settle();
  return { store, connectivity, root };
}

describe('where store events are heard (decision 030)', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('a change made with the picker is heard on that picker, its ancestors and the document, once each', async () => {
    const { store, root } = await page(
      '<segkit-provider><segkit-member-table></segkit-member-table><section><segkit-segment-picker member-ids="m001 m002"></segkit-segment-picker></section></segkit-provider>',
    );
    const picker = root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!;
    const { heard, stop } = listen({
      picker,
      section: root.querySelector('section')!,
      provider: root.querySelector('segkit-provider')!,
      table: root.querySelector('segkit-member-table')!,
      document,
    });
    try {
      const ui = new PickerHarness(picker);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      await waitFor(() => ui.resultText() === 'Added 2 members to VIPs');
      await store.settled();
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['picker', 'section', 'provider', 'document'], 'the sibling table hears nothing');
      expect(heard.every((h) => h.target === picker)).to.equal(true, 'dispatched from the picker');

      // Its Undo, clicked on the picker, comes from the picker too.
      heard.length = 0;
      await ui.clickButton('Undo');
      await store.settled();
      await settle();
      expect(heard.map((h) => `${h.at}${h.undo ? ':undo' : ''}`)).to.deep.equal(['picker:undo', 'section:undo', 'provider:undo', 'document:undo']);
    } finally {
      stop();
    }
  });

  it('a headless store.assign is heard from the provider, once', async () => {
    const { store, root } = await page('<segkit-provider><segkit-segment-picker member-ids="m001"></segkit-segment-picker></segkit-provider>');
    const provider = root.querySelector('segkit-provider')!;
    const { heard, stop } = listen({ picker: root.querySelector('segkit-segment-picker')!, provider, document });
    try {
      await store.assign(['vips'], { target: { kind: 'ids', ids: ['m003'] }, source: 'automation' });
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['provider', 'document']);
      expect(heard[0]!.target).to.equal(provider);
    } finally {
      stop();
    }
  });

  it('with no provider, a change no widget made comes from the first connected element; the picker\'s own from the picker', async () => {
    const { store, connectivity, root } = await page('<segkit-member-table></segkit-member-table><segkit-segment-picker member-ids="m001"></segkit-segment-picker>');
    const table = root.querySelector('segkit-member-table')!;
    const picker = root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!;
    const { heard, stop } = listen({ table, picker, document });
    try {
      await store.assign(['vips'], { target: { kind: 'ids', ids: ['m003'] } });
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['table', 'document']);

      heard.length = 0;
      const ui = new PickerHarness(picker);
      await ui.open();
      await ui.pick('Content Creators');
      await ui.clickButton('Add');
      await store.settled();
      await waitFor(() => heard.length === 2);
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['picker', 'document']);

      // The picker has left the page before its write is confirmed (offline meanwhile): the event still comes, once, from the table.
      heard.length = 0;
      connectivity.set(false);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      picker.remove();
      connectivity.set(true);
      await store.settled();
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['table', 'document']);
    } finally {
      stop();
    }
  });

  it('a widget\'s write waits in the outbox without its origin (an element cannot be stored), and is still heard from the widget', async () => {
    const cache = createMemoryCache(); // stores copies (structuredClone), as IndexedDB does
    const { store, connectivity, root } = await page('<segkit-provider><segkit-segment-picker member-ids="m001"></segkit-segment-picker></segkit-provider>', { cache });
    const picker = root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!;
    const { heard, stop } = listen({ picker, document });
    try {
      connectivity.set(false);
      const ui = new PickerHarness(picker);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      const saved = (await waitFor(async () => (await cache.get<MutationRecord[]>('outbox'))?.find((w) => w.kind === 'membership')))!;
      expect(saved.change?.segmentIds).to.deep.equal(['vips']);
      expect('origin' in saved).to.equal(false);
      connectivity.set(true);
      await store.settled();
      await settle();
      expect(heard.map((h) => h.at)).to.deep.equal(['picker', 'document']);
    } finally {
      stop();
    }
  });
});
