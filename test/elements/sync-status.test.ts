/**
 * The sync notice: what the data widgets say, quietly, about where their data
 * stands. "Updating…" while cached data revalidates (with the cache's age),
 * "Offline: 3 changes waiting", "Sign in again to save 3 changes"; nothing
 * at all when the data is fresh and the store online.
 *
 * The element tests use real stores. Cache age: a first session fills a
 * cache with the store's `now` option set in the past, and a second store
 * opens over it with its reads held, so `$status.stale` and `cachedAt` (the
 * oldest part shown) are the store's own. "Sign in again": the adapter
 * answers a write `unauthorized`, the queue pauses keeping every change
 * (`$status.paused`), and `resume()` sends them once the backend accepts.
 *
 * `drive()` overrides `$status` in two places only: the headless connector
 * tests, which check its mapping of any status field by field; and one step
 * showing "sign in again" with no change waiting, which a real store never
 * reaches (a paused queue keeps the write that was refused).
 */
import type { SegmentStore, SegmentsAdapter, StoreStatus } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { allTasks, atom, computed } from 'nanostores';
import '../../packages/elements/src/define/segment-list.js';
import '../../packages/elements/src/define/segment-picker.js';
import { createSyncStatusConnector } from '../../packages/elements/src/internal/sync-status.connector.js';
import type { SegkitSegmentList } from '../../packages/elements/src/segment-list/segkit-segment-list.js';
import type { SegkitSegmentPicker } from '../../packages/elements/src/segment-picker/segkit-segment-picker.js';
import { cleanup, faulty, makeStore, until } from '../core/fixtures.js';
import { expectAccessible, mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, tableAdapter } from './member-table.harness.js';
import { gatedAdapter } from './segment-filter.harness.js';
import { PickerHarness } from './segment-picker.harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `store` with `$status` overridden field by field (`set({ paused: 'unauthorized' })`), the rest live. */
function drive(store: SegmentStore) {
  const $patch = atom<Partial<StoreStatus>>({});
  const $status = computed([store.$status, $patch], (status, patch): StoreStatus => ({ ...status, ...patch }));
  return { store: { ...store, $status } as SegmentStore, set: (patch: Partial<StoreStatus>) => $patch.set(patch) };
}

/** Gates held by the current test, opened after it (a read left waiting would hold `allTasks()` forever). */
const gates: Array<() => void> = [];

/** A cache as a first visit left it: its first rows saved at `rowsAt`, its segments at `segmentsAt` (ms). */
async function warmCache(members: SegmentsAdapter, rowsAt: number, segmentsAt: number) {
  const cache = createMemoryCache();
  let clock = rowsAt;
  const gate = gatedAdapter(members, 'listSegments');
  const first = makeStore(gate.adapter, { cache, pageSize: 20, now: () => clock }).store;
  await until(async () => (await cache.keys!('members:')).length > 0);
  clock = segmentsAt;
  gate.release();
  // Not `allTasks()`: it would wait for reads another store of the test holds on purpose.
  await until(async () => (await cache.keys!('segments')).length > 0);
  first.destroy();
  return cache;
}

/**
 * A second visit: a store over a warm cache, showing it stale. Its segments read waits for `release()`,
 * its member reads for `releaseRows()` with `holdRows`; with `failing`, every read is answered with
 * garbage instead (a bad response while online). `faults` aims write faults (`faults.fail('unauthorized')`).
 */
async function warmStore(options: { rowsAt?: number; segmentsAt?: number; holdRows?: boolean; failing?: boolean } = {}) {
  const members = tableAdapter(60);
  const rowsAt = options.rowsAt ?? Date.now();
  const cache = await warmCache(members, rowsAt, options.segmentsAt ?? rowsAt);
  const faults = faulty(members);
  if (options.failing) faults.reads = 'malformed';
  const segmentsGate = gatedAdapter(faults.adapter, 'listSegments');
  const rowsGate = gatedAdapter(segmentsGate.adapter, 'queryMembers');
  gates.push(segmentsGate.release, rowsGate.release);
  if (!options.holdRows || options.failing) rowsGate.release();
  if (options.failing) segmentsGate.release();
  const { store, connectivity } = makeStore(rowsGate.adapter, { cache, pageSize: 20 });
  await store.ready;
  return { store, connectivity, faults, backend: members, release: segmentsGate.release, releaseRows: rowsGate.release };
}

/** A store over a fresh backend whose writes can be refused (`faults.fail('unauthorized')`). */
async function refusingStore(n: number) {
  const backend = tableAdapter(n);
  const faults = faulty(backend);
  const { store, connectivity } = makeStore(faults.adapter, { pageSize: 20 });
  await allTasks();
  return { store, connectivity, faults, backend };
}

/** A real store with its connectivity, its write faults and the backend behind them. */
type Live = Awaited<ReturnType<typeof refusingStore>>;

/** The text under `root` that is rendered (a slot's default content is not, once the host fills the slot). */
function visibleText(root: Node): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    if (range.getClientRects().length > 0) text += node.textContent;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** What the element's sync notice shows: its text, its part names and its title; undefined when none shows. */
function notice(el: Element) {
  const part = el.shadowRoot!.querySelector<HTMLElement>('[part~="sync"]');
  if (!part || part.getClientRects().length === 0) return undefined;
  return { text: visibleText(part), parts: part.getAttribute('part')!.split(/\s+/), title: part.title };
}

/** The text of the live regions (`role="status"`) that hold a sync notice: what a screen reader is told. */
function announced(el: Element): string {
  return [...el.shadowRoot!.querySelectorAll('[role="status"]')]
    .filter((region) => region.querySelector('[part~="sync"]'))
    .map((region) => region.textContent!.replace(/\s+/g, ' ').trim())
    .join(' | ');
}

/** The state attributes the notice gives the host. */
const states = (el: Element) => ['stale', 'offline', 'paused'].filter((name) => el.hasAttribute(name));

/** Every text in the element's shadow root a screen reader can reach (visible or visually hidden). */
const readable = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Queues `n` single-member adds to VIPs (m001, m002, ...; offline, they wait). */
function addEach(store: SegmentStore, n: number) {
  for (let i = 0; i < n; i += 1) void store.assign(['vips'], { target: { kind: 'ids', ids: [`m00${i + 1}`] } }).catch(() => undefined);
}

/** Online, the next write is answered 401: the queue pauses with every change kept. */
async function refuseCredentials(s: Live) {
  s.faults.fail('unauthorized');
  s.connectivity.set(true);
  await until(() => s.store.$status.get().paused === 'unauthorized');
  await settle();
}

/** New credentials: the host calls `resume()`, the backend accepts, and the `n` waiting adds are saved. */
async function signedInAgain(s: Live, n: number) {
  s.connectivity.set(true);
  s.store.resume();
  await until(() => s.store.$status.get().pending === 0); // (not `settled()` alone: it would wait forever if nothing is sent)
  await s.store.settled();
  await settle();
  expect(s.store.$status.get()).to.include({ pending: 0, paused: null });
  const vips = s.backend.snapshot().members.filter((m) => m.segmentIds.includes('vips')).map((m) => m.id);
  expect(vips, 'saved on the backend').to.include.members(Array.from({ length: n }, (_, i) => `m00${i + 1}`));
}

describe('sync notice', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
    for (const release of gates.splice(0)) release();
  });

  describe('connector (headless)', () => {
    it('says nothing when fresh and online, and the most urgent notice otherwise', async () => {
      const { store } = makeStore(tableAdapter(10));
      await allTasks();
      const driven = drive(store);
      const sync = createSyncStatusConnector(driven.store, { now: () => 1_000_000 });
      const seen = () => {
        const s = sync.$state.get();
        return { notice: s.notice, waiting: s.waiting, savedAt: s.savedAt };
      };
      expect(seen()).to.deep.equal({ notice: null, waiting: 0, savedAt: null });
      driven.set({ stale: true, cachedAt: 400_000 });
      expect(seen()).to.deep.equal({ notice: 'updating', waiting: 0, savedAt: 400_000 });
      expect(sync.$state.get().now - sync.$state.get().savedAt!).to.equal(600_000);
      driven.set({ stale: true, error: new Error('read failed') as never });
      expect(seen().notice).to.equal('stale');
      driven.set({ stale: true, offline: true, pending: 3 });
      expect(seen()).to.deep.equal({ notice: 'offline', waiting: 3, savedAt: null });
      driven.set({ offline: true, paused: 'unauthorized', pending: 3 });
      expect(seen().notice).to.equal('paused');
      driven.set({});
      expect(seen().notice).to.equal(null);
      sync.destroy();
    });

    it('moves its clock only while an age is shown', async () => {
      const { store } = makeStore(tableAdapter(10));
      await allTasks();
      const driven = drive(store);
      let clock = 0;
      const sync = createSyncStatusConnector(driven.store, { now: () => (clock += MINUTE), tickMs: 5 });
      const states: number[] = [];
      const off = sync.$state.listen((s) => states.push(s.now));
      await new Promise((r) => setTimeout(r, 60));
      expect(states, 'no cache age: no re-render on a timer').to.deep.equal([]);
      driven.set({ stale: true, cachedAt: 0 });
      await waitFor(() => states.length >= 4);
      expect(states.every((now, i) => i === 0 || now > states[i - 1]!)).to.equal(true);
      off();
      sync.destroy();
    });
  });

  describe('segkit-member-table', () => {
    it('shows nothing when the data is fresh and the store online', async () => {
      const { store } = makeStore(tableAdapter(60), { pageSize: 20 });
      await allTasks();
      const t = await MemberTableHarness.mount(store);
      expect(notice(t.el)).to.equal(undefined);
      expect(states(t.el)).to.deep.equal([]);
      expect(announced(t.el)).to.equal('');
      expect(readable(t.el)).to.not.match(/Updating|Saved|waiting|Sign in/);
      await expectAccessible(t.el, 'fresh');
    });

    it('opens from a warm cache with its rows and a quiet "Updating…" in the toolbar, which goes when the data is fresh; no row moves', async () => {
      const { store, release } = await warmStore();
      const t = await MemberTableHarness.mount(store);
      expect(store.$status.get().stale).to.equal(true);
      const names = t.namesInView();
      expect(names.length).to.be.greaterThan(3);
      const firstRowTop = t.rowsInView()[0]!.getBoundingClientRect().top;
      expect(notice(t.el)).to.deep.include({ text: 'Updating…', parts: ['sync', 'updating'] });
      expect(t.part('toolbar')!.contains(t.part('sync')!)).to.equal(true);
      expect(states(t.el)).to.deep.equal(['stale']);
      expect(announced(t.el)).to.equal('Updating…');
      expect(t.el.shadowRoot!.querySelector('.spinner, [role="progressbar"]')).to.equal(null);
      await expectAccessible(t.el, 'updating');

      release();
      await waitFor(() => !t.el.hasAttribute('stale'));
      await settle();
      expect(notice(t.el)).to.equal(undefined);
      expect(t.namesInView()).to.deep.equal(names);
      expect(t.rowsInView()[0]!.getBoundingClientRect().top).to.equal(firstRowTop);
    });

    it('gives the cache age as the title and to screen readers, in the element language', async () => {
      // Rows saved 5 minutes ago, segments 20 s ago; both still revalidating: the age is the oldest.
      const segmentsAt = Date.now() - 20_000;
      const { store, releaseRows } = await warmStore({ rowsAt: Date.now() - 5 * MINUTE - 5000, segmentsAt, holdRows: true });
      const t = await MemberTableHarness.mount(store);
      expect(notice(t.el)).to.deep.equal({ text: 'Updating…', parts: ['sync', 'updating'], title: 'Saved 5 minutes ago' });
      expect(readable(t.el)).to.contain('Saved 5 minutes ago');
      // The age is beside the live region, not in it: its minute ticks are not re-announced.
      expect(announced(t.el)).to.equal('Updating…');
      const es = await MemberTableHarness.mount(store, { attrs: 'lang="es"' });
      expect(notice(es.el)).to.deep.include({ text: 'Actualizando…', title: 'Guardado hace 5 minutos' });
      // The rows turn fresh; the segments shown are still those cached 20 s ago.
      releaseRows();
      await until(() => store.$status.get().cachedAt === segmentsAt);
      await settle();
      expect(notice(es.el)).to.deep.include({ text: 'Actualizando…', title: 'Guardado hace un momento' });

      // The read failed while online (a bad response): the data stays, and the notice says how old it is.
      const failed = await warmStore({ rowsAt: Date.now() - 2 * HOUR, failing: true });
      const f = await MemberTableHarness.mount(failed.store);
      await until(() => failed.store.$status.get().error !== null);
      await settle();
      expect(notice(f.el)).to.deep.include({ text: 'Saved 2 hours ago', parts: ['sync', 'stale'] });
      expect(states(f.el)).to.deep.equal(['stale']);
      await expectAccessible(f.el, 'stale');
    });

    it('says how many changes wait while offline, in English and Spanish', async () => {
      const { store, connectivity } = makeStore(tableAdapter(60), { pageSize: 20 });
      await allTasks();
      const t = await MemberTableHarness.mount(store);
      connectivity.set(false);
      addEach(store, 3);
      await settle();
      expect(notice(t.el)).to.deep.include({ text: 'Offline: 3 changes waiting', parts: ['sync', 'offline'] });
      expect(states(t.el)).to.deep.equal(['offline']);
      expect(announced(t.el)).to.equal('Offline: 3 changes waiting');
      // The rows show the waiting changes (optimistic); nothing covers them.
      expect(t.namesInView().length).to.be.greaterThan(3);
      await expectAccessible(t.el, 'offline, 3 waiting');
      const es = await MemberTableHarness.mount(store, { attrs: 'lang="es"' });
      expect(notice(es.el)!.text).to.equal('Sin conexión: 3 cambios pendientes');

      connectivity.set(true);
      await store.settled();
      await settle();
      expect(notice(t.el)).to.equal(undefined);
      expect(states(t.el)).to.deep.equal([]);
    });

    it('asks to sign in again while the backend refuses the credentials, with the number of changes that wait', async () => {
      const s = await refusingStore(60);
      const t = await MemberTableHarness.mount(s.store);
      const regions = [...t.root.querySelectorAll('[role="status"]')];
      s.faults.fail('unauthorized');
      addEach(s.store, 3);
      await until(() => s.store.$status.get().paused === 'unauthorized');
      await settle();
      expect(notice(t.el)).to.deep.include({ text: 'Sign in again to save 3 changes', parts: ['sync', 'paused'] });
      // Said inside a live region that was already there: screen readers hear it appear.
      expect(regions).to.include(t.part('sync')!.closest('[role="status"]'));
      expect(states(t.el)).to.deep.equal(['paused']);
      await expectAccessible(t.el, 'paused');
      // Signed in again, but the backend takes two changes and refuses the third.
      s.faults.fail('ok', 'ok', 'unauthorized');
      s.store.resume();
      await until(() => s.store.$status.get().pending === 1 && s.store.$status.get().paused === 'unauthorized');
      await settle();
      expect(notice(t.el)!.text).to.equal('Sign in again to save 1 change');
      s.connectivity.set(false);
      // Driven: a paused queue always keeps the write it was refused, so "no change waiting" is not reachable for real.
      const driven = drive(s.store);
      driven.set({ pending: 0 });
      const es = await MemberTableHarness.mount(driven.store, { attrs: 'lang="es"' });
      expect(notice(es.el)!.text).to.equal('Vuelve a iniciar sesión para guardar tus cambios');
      expect(states(es.el)).to.deep.equal(['offline', 'paused']);
      await signedInAgain(s, 3);
      expect(notice(t.el)).to.equal(undefined);
      expect(states(t.el)).to.deep.equal([]);
    });

    it('lets the host replace the notice through the sync slot', async () => {
      const s = await refusingStore(60);
      const t = await MemberTableHarness.mount(s.store, { slots: '<a slot="sync" href="/login">Log in to keep your edits</a>' });
      const link = t.el.querySelector('a')!;
      expect(link.getClientRects().length, 'hidden while there is nothing to say').to.equal(0);
      s.faults.fail('unauthorized');
      addEach(s.store, 2);
      await until(() => s.store.$status.get().paused === 'unauthorized');
      await settle();
      expect(link.getClientRects().length).to.be.greaterThan(0);
      expect(notice(t.el)!.text).to.equal('');
      expect(t.el.hasAttribute('paused')).to.equal(true);
      await signedInAgain(s, 2);
      expect(link.getClientRects().length, 'hidden again once saved').to.equal(0);
    });
  });

  describe('segkit-segment-list', () => {
    async function mountList(store: SegmentStore, lang = 'en') {
      const el = await mount<SegkitSegmentList>(`<segkit-segment-list lang=${lang}></segkit-segment-list>`, (root) => {
        root.querySelector<SegkitSegmentList>('segkit-segment-list')!.store = store;
      });
      await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length === 3);
      return el;
    }

    it('shows nothing when fresh, "Updating…" beside its title while cached segments revalidate', async () => {
      const fresh = makeStore(tableAdapter(24)).store;
      await allTasks();
      const plain = await mountList(fresh);
      expect(notice(plain)).to.equal(undefined);
      expect(states(plain)).to.deep.equal([]);

      const { store, release } = await warmStore();
      const el = await mountList(store);
      const header = el.shadowRoot!.querySelector('[part~="header"]')!;
      const height = header.getBoundingClientRect().height;
      expect(notice(el)).to.deep.include({ text: 'Updating…', parts: ['sync', 'updating'] });
      expect(header.contains(el.shadowRoot!.querySelector('[part~="sync"]'))).to.equal(true);
      expect(states(el)).to.deep.equal(['stale']);
      await expectAccessible(el, 'updating');
      release();
      await waitFor(() => !el.hasAttribute('stale'));
      await settle();
      expect(notice(el)).to.equal(undefined);
      expect(header.getBoundingClientRect().height).to.equal(height);
    });

    it('says how many changes wait offline, and asks to sign in again when paused', async () => {
      const s = await refusingStore(24);
      const el = await mountList(s.store, 'es');
      s.connectivity.set(false);
      addEach(s.store, 3);
      await settle();
      expect(notice(el)).to.deep.include({ text: 'Sin conexión: 3 cambios pendientes', parts: ['sync', 'offline'] });
      expect(states(el)).to.deep.equal(['offline']);
      await expectAccessible(el, 'offline');
      // Back online, the first change is refused (401); then offline again: the pause is the notice that stays.
      await refuseCredentials(s);
      expect(notice(el)).to.deep.include({ text: 'Vuelve a iniciar sesión para guardar 3 cambios', parts: ['sync', 'paused'] });
      expect(states(el)).to.deep.equal(['paused']);
      s.connectivity.set(false);
      await settle();
      expect(notice(el)).to.deep.include({ text: 'Vuelve a iniciar sesión para guardar 3 cambios', parts: ['sync', 'paused'] });
      expect(states(el)).to.deep.equal(['offline', 'paused']);
      await expectAccessible(el, 'paused');
      const en = await mountList(s.store);
      expect(notice(en)!.text).to.equal('Sign in again to save 3 changes');
      await signedInAgain(s, 3);
      expect(notice(el)).to.equal(undefined);
      expect(states(el)).to.deep.equal([]);
    });
  });

  describe('segkit-segment-picker', () => {
    it('says in its popover how many changes wait (offline, paused), and nothing while fresh or only updating', async () => {
      const savedAt = Date.now() - 3 * MINUTE;
      const s = await warmStore({ rowsAt: savedAt });
      const el = await mount<SegkitSegmentPicker>('<segkit-segment-picker></segkit-segment-picker>', (root) => {
        root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!.store = s.store;
      });
      const ui = new PickerHarness(el);
      s.store.select(['m010']);
      await ui.open();
      expect(s.store.$status.get()).to.include({ stale: true, cachedAt: savedAt });
      expect(notice(el), 'the table and list say "Updating…"; the picker keeps quiet').to.equal(undefined);
      expect(states(el)).to.deep.equal(['stale']);
      s.release();
      await waitFor(() => !el.hasAttribute('stale'));
      expect(notice(el), 'fresh: nothing to say').to.equal(undefined);

      s.connectivity.set(false);
      addEach(s.store, 3);
      await settle();
      await ui.open();
      expect(ui.dialog.contains(el.shadowRoot!.querySelector('[part~="sync"]'))).to.equal(true);
      expect(notice(el)).to.deep.include({ text: 'Offline: 3 changes waiting', parts: ['sync', 'offline'] });
      await expectAccessible(el, 'offline');
      await refuseCredentials(s);
      s.connectivity.set(false);
      await settle();
      expect(notice(el)).to.deep.include({ text: 'Sign in again to save 3 changes', parts: ['sync', 'paused'] });
      expect(states(el)).to.deep.equal(['offline', 'paused']);
      await expectAccessible(el, 'paused');
      await signedInAgain(s, 3);
      expect(notice(el)).to.equal(undefined);
    });
  });
});
