import { createMemoryAdapter } from '@segkit/core';
import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import '../../packages/elements/src/define/segment-filter.js';
import { SegkitSegmentFilter } from '../../packages/elements/src/segment-filter/segkit-segment-filter.js';
import type { SegkitFilterApplyEvent } from '../../packages/elements/src/events/filter-apply.js';
import { cleanup, faulty, makeAdapter, makeMembers, makeStore } from '../core/fixtures.js';
import { click, expectAccessible, focused, mount, press, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { SegmentFilterHarness, box, expectAbsent, expectFocus, gatedAdapter, pageStyle } from './segment-filter.harness.js';
// The URL encoding and sync-url suites, in the same page: two test files of one
// element would run in two tabs at once, and the hidden tab gets no animation
// frames (settle() waits for them) and, in Firefox, no focus events.
import './segment-filter.url.js';

async function setup(options: { adapter?: SegmentsAdapter; attrs?: string; wrap?: (el: HTMLElement) => HTMLElement } = {}) {
  const { store, connectivity } = makeStore(options.adapter ?? makeAdapter());
  const el = document.createElement('segkit-segment-filter') as SegkitSegmentFilter;
  if (options.attrs) {
    const tmp = document.createElement('div');
    tmp.innerHTML = `<segkit-segment-filter ${options.attrs}></segkit-segment-filter>`;
    for (const attr of [...tmp.firstElementChild!.attributes]) el.setAttribute(attr.name, attr.value);
  }
  el.store = store;
  await mount(options.wrap ? options.wrap(el) : el);
  const h = new SegmentFilterHarness(el);
  return { store, connectivity, el, h };
}

async function ready(h: SegmentFilterHarness) {
  await waitFor(() => h.rows().length === 3);
}

describe('segkit-segment-filter', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('lists every saved segment, Unassigned first, with member counts', async () => {
    const { h, el } = await setup();
    await ready(h);
    expect(h.rows()).to.deep.equal(['Unassigned · 12 members', 'Content Creators · 6 members', 'VIPs · 8 members']);
    expect(el).to.be.instanceOf(SegkitSegmentFilter);
    expect(el.hasAttribute('loading')).to.equal(false);
    for (const name of ['Unassigned', 'Content Creators', 'VIPs']) expect(h.stateOf(name)).to.equal('none');
    expect(h.summary()).to.deep.equal(['All members']);
    await expectAccessible(el, 'populated');
  });

  it('sets a segment to include, exclude or neither with aria-pressed toggles, in the draft only', async () => {
    const { h, store, el } = await setup();
    await ready(h);
    expect(h.button('Apply').disabled).to.equal(true);

    await h.include('VIPs');
    expect(h.stateOf('VIPs')).to.equal('include');
    expect(h.includeToggle('VIPs').getAttribute('aria-pressed')).to.equal('true');
    expect(store.$draft.get().include).to.deep.equal(['vips']);
    expect(store.$query.get().include).to.deep.equal([]);
    expect(h.button('Apply').disabled).to.equal(false);
    expect(h.dirtyNotice()).to.equal('Changes not applied yet');
    expect(el.hasAttribute('dirty')).to.equal(true);

    await h.exclude('VIPs');
    expect(h.stateOf('VIPs')).to.equal('exclude');
    expect(store.$draft.get()).to.include({ match: 'any' });
    expect(store.$draft.get().include).to.deep.equal([]);
    expect(store.$draft.get().exclude).to.deep.equal(['vips']);

    await h.exclude('VIPs');
    expect(h.stateOf('VIPs')).to.equal('none');
    expect(store.$draft.get().exclude).to.deep.equal([]);
    expect(h.button('Apply').disabled).to.equal(true);
    expect(h.dirtyNotice()).to.equal(undefined);
  });

  it('applies the draft, shows the summary and fires segkit-filter-apply (bubbling, composed)', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const { h, store } = await setup({
      wrap: (el) => {
        shadow.append(el);
        return host;
      },
    });
    await ready(h);
    const events: SegkitFilterApplyEvent[] = [];
    const listener = (e: Event) => events.push(e as SegkitFilterApplyEvent);
    document.addEventListener('segkit-filter-apply', listener);
    try {
      await h.include('VIPs');
      await h.include('Content Creators');
      await h.exclude('Unassigned');
      await h.match('All');
      expect(store.$draft.get().match).to.equal('all');
      await h.typeSearch('ana');
      expect(store.$draft.get().search).to.equal('ana');
      expect(h.summary()).to.deep.equal(['All members']);

      await h.apply();
      const query = store.$query.get();
      expect(query.include).to.have.members(['vips', 'creators']);
      expect(query.exclude).to.deep.equal(['unassigned']);
      expect(query.match).to.equal('all');
      expect(query.search).to.equal('ana');
      expect(h.summary()).to.deep.equal(['VIPs', 'Content Creators', 'Match: all', 'not Unassigned', '“ana”']);
      expect(h.button('Apply').disabled).to.equal(true);
      expect(h.announcement()).to.equal('Filter applied.');
      expect(events).to.have.length(1);
      expect(events[0]!.composed && events[0]!.bubbles).to.equal(true);
      expect(events[0]!.detail.reset).to.equal(false);
      expect(events[0]!.detail.filter.include).to.have.members(['vips', 'creators']);
      await expectAccessible(h.el, 'applied');
    } finally {
      document.removeEventListener('segkit-filter-apply', listener);
    }
  });

  it('applies with Enter in the search field', async () => {
    const { h, store } = await setup();
    await ready(h);
    await h.typeSearch('Bo');
    await press('Enter');
    expect(store.$query.get().search).to.equal('Bo');
    expect(h.summary()).to.deep.equal(['“Bo”']);
  });

  it('resets draft and applied filter and fires segkit-filter-apply with reset', async () => {
    const { h, store, el } = await setup();
    await ready(h);
    expect(h.button('Reset').disabled).to.equal(true);
    await h.include('VIPs');
    await h.apply();
    await h.exclude('Content Creators');
    let event: SegkitFilterApplyEvent | undefined;
    el.addEventListener('segkit-filter-apply', (e) => (event = e), { once: true });
    await h.reset();
    expect(store.$draft.get().include).to.deep.equal([]);
    expect(store.$draft.get().exclude).to.deep.equal([]);
    expect(store.$query.get().include).to.deep.equal([]);
    expect(h.stateOf('VIPs')).to.equal('none');
    expect(h.summary()).to.deep.equal(['All members']);
    expect(event?.detail.reset).to.equal(true);
    expect(h.announcement()).to.equal('Filter cleared.');
  });

  it('follows the store: a filter applied elsewhere shows in the toggles and the summary', async () => {
    const { h, store } = await setup();
    await ready(h);
    store.applyFilter({ include: ['creators'] });
    await settle();
    expect(h.stateOf('Content Creators')).to.equal('include');
    expect(h.summary()).to.deep.equal(['Content Creators']);
    await store.createSegment({ name: 'Customers' });
    await settle();
    expect(h.rows()).to.include('Customers · 0 members');
  });

  it('is usable with the keyboard alone', async () => {
    const { h, store } = await setup();
    await ready(h);
    h.search.focus();
    await press('Tab'); // Include Unassigned
    expectFocus(h.includeToggle('Unassigned'));
    await press('Tab');
    await press('Tab'); // Include Content Creators
    await press(' ');
    expect(store.$draft.get().include).to.deep.equal(['creators']);
    await press('Tab');
    await press('Tab');
    await press('Tab'); // Exclude VIPs
    expectFocus(h.excludeToggle('VIPs'));
    await press('Enter');
    expect(store.$draft.get().exclude).to.deep.equal(['vips']);
    await press('Tab'); // match radio group: Any
    expectFocus(h.radio('Any'));
    await press('ArrowRight');
    expect(store.$draft.get().match).to.equal('all');
    await press('Tab'); // Reset
    await press('Tab'); // Apply
    expectFocus(h.button('Apply'));
    await press('Enter');
    expect(store.$query.get().exclude).to.deep.equal(['vips']);
  });

  describe('popover variant', () => {
    it('opens a dialog from the "Filter" button, moves focus in, and Escape closes it and returns focus', async () => {
      const { h, el } = await setup({ attrs: 'variant="popover"' });
      await waitFor(() => h.trigger());
      expectAbsent(h.dialog());
      expect(h.trigger().getAttribute('aria-expanded')).to.equal('false');
      expect(h.trigger().getAttribute('aria-haspopup')).to.equal('dialog');
      await click(h.trigger());
      await waitFor(() => h.rows().length === 3);
      const dialog = h.dialog()!;
      expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
      expect(el.open).to.equal(true);
      expect(h.trigger().getAttribute('aria-expanded')).to.equal('true');
      expect(dialog.contains(focused())).to.equal(true);
      await expectAccessible(el, 'popover open');
      await press('Escape');
      expectAbsent(h.dialog());
      expect(el.hasAttribute('open')).to.equal(false);
      expectFocus(h.trigger());
    });

    it('closes when a pointer is pressed outside (light dismiss) and on Apply; the button shows the active rule count', async () => {
      const { h, store } = await setup({ attrs: 'variant="popover"' });
      await ready(h).catch(() => undefined);
      await click(h.trigger());
      await waitFor(() => h.rows().length === 3);
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await settle();
      expectAbsent(h.dialog());

      await click(h.trigger());
      await h.include('VIPs');
      await h.exclude('Unassigned');
      expect(h.dialog()).to.not.equal(undefined); // clicks inside keep it open
      await h.apply();
      expectAbsent(h.dialog());
      expectFocus(h.trigger());
      expect(store.$query.get().include).to.deep.equal(['vips']);
      expect(h.trigger().textContent!.trim()).to.equal('Filter (2)');
      expect(h.summary()).to.deep.equal(['VIPs', 'not Unassigned']);
    });

    it('opens in the top layer: an ancestor with overflow hidden and a transform does not clip it', async () => {
      const { h } = await setup({
        attrs: 'variant="popover"',
        wrap: (el) => {
          const clip = document.createElement('div');
          clip.style.cssText = 'overflow: hidden; transform: translateZ(0); height: 48px; width: 180px';
          clip.append(el);
          return clip;
        },
      });
      await click(h.trigger());
      await waitFor(() => h.rows().length === 3);
      // Far below the 48px-high ancestor, the user sees (and can press) the panel's controls.
      for (const control of [h.includeToggle('VIPs'), h.button('Apply')]) {
        const r = control.getBoundingClientRect();
        expect(r.top).to.be.greaterThan(48);
        const hit = h.root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        expect(hit === control || control.contains(hit), `${control.textContent!.trim()} is visible`).to.equal(true);
      }
      await h.include('VIPs');
      await h.apply();
      expectAbsent(h.dialog());
      expect(h.trigger().textContent!.trim()).to.equal('Filter (1)');
    });

    it('keeps focus in the popover after "Reset" disables itself; Escape still closes it and returns focus to "Filter"', async () => {
      const { h, store } = await setup({ attrs: 'variant="popover"' });
      await click(h.trigger());
      await waitFor(() => h.rows().length === 3);
      await h.exclude('VIPs');
      h.button('Reset').focus();
      await press('Enter');
      expect(store.$draft.get().exclude).to.deep.equal([]);
      expect(h.button('Reset').disabled).to.equal(true);
      const dialog = h.dialog()!;
      expect(dialog.contains(focused()), 'focus is inside the popover').to.equal(true);
      expectFocus(h.search);
      await press('Escape');
      expectAbsent(h.dialog());
      expectFocus(h.trigger());
    });

    it('closes when focus leaves the element', async () => {
      const outside = document.createElement('button');
      outside.textContent = 'Elsewhere';
      document.body.append(outside);
      try {
        const { h } = await setup({ attrs: 'variant="popover"' });
        await click(h.trigger());
        await waitFor(() => h.rows().length === 3);
        outside.focus();
        await settle();
        expectAbsent(h.dialog());
        expectFocus(outside);
      } finally {
        outside.remove();
      }
    });
  });

  describe('states', () => {
    it('loading: a loading slot until the segments arrive', async () => {
      const gated = gatedAdapter(makeAdapter());
      const { h, el } = await setup({ adapter: gated.adapter });
      expect(el.hasAttribute('loading')).to.equal(true);
      expect(h.part('loading').textContent).to.contain('Loading segments…');
      await expectAccessible(el, 'loading');
      gated.release();
      await ready(h);
      expect(el.hasAttribute('loading')).to.equal(false);
    });

    it('error: the store message and a Retry that reloads', async () => {
      const f = faulty(makeAdapter());
      f.reads = 'network';
      const { h, el } = await setup({ adapter: f.adapter });
      await waitFor(() => el.hasAttribute('error'));
      expect(h.part('error').textContent).to.contain('Segments could not be loaded.');
      expect(h.part('error').textContent).to.contain('read failed');
      await expectAccessible(el, 'error');
      f.reads = 'ok';
      await click(h.button('Retry'));
      await ready(h);
      expect(el.hasAttribute('error')).to.equal(false);
    });

    it('error in Spanish: the translation of the error code, not the store message', async () => {
      const f = faulty(makeAdapter());
      f.reads = 'network';
      const wrapper = document.createElement('div');
      wrapper.lang = 'es';
      const { h, el } = await setup({ adapter: f.adapter, wrap: (e) => (wrapper.append(e), wrapper) });
      await waitFor(() => el.hasAttribute('error'));
      const text = h.part('error').textContent!.replace(/\s+/g, ' ').trim();
      expect(text).to.contain('No se pudieron cargar los segmentos. No se pudo conectar con el servidor.');
      expect(text).to.not.contain('read failed');
      expect(h.button('Reintentar')).to.not.equal(undefined);
    });

    it('empty: only Unassigned, with the empty slot; offline: a notice', async () => {
      const adapter = createMemoryAdapter({ members: makeMembers(5), segments: [] });
      const { h, el, connectivity } = await setup({ adapter });
      await waitFor(() => h.rows().length === 1);
      expect(el.hasAttribute('empty')).to.equal(true);
      expect(h.part('empty').textContent).to.contain('No saved segments yet.');
      await expectAccessible(el, 'empty');
      connectivity.set(false);
      await settle();
      expect(el.hasAttribute('offline')).to.equal(true);
      expect(h.part('offline').textContent).to.contain('Offline');
      await expectAccessible(el, 'offline');
    });

    it('slots replace the default state content', async () => {
      const gated = gatedAdapter(makeAdapter());
      const { store } = makeStore(gated.adapter);
      const el = await mount<SegkitSegmentFilter>(
        '<segkit-segment-filter><span slot="loading">Hang on</span></segkit-segment-filter>',
        (root) => ((root.firstElementChild as SegkitSegmentFilter).store = store),
      );
      const slot = el.shadowRoot!.querySelector('slot[name="loading"]') as HTMLSlotElement;
      expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Hang on']);
      gated.release();
    });
  });

  describe('strings, language and direction', () => {
    it('speaks Spanish with lang="es", takes overrides, and lays out right to left', async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = 'es';
      wrapper.dir = 'rtl';
      const { h, el, store } = await setup({ wrap: (e) => (wrapper.append(e), wrapper) });
      await ready(h);
      expect(byText(el, 'h2')).to.equal('Segmentos guardados');
      expect(h.rows()[0]).to.equal('Sin asignar · 12 miembros');
      const include = el.shadowRoot!.querySelector('[part~="include-toggle"]')!;
      expect(include.getAttribute('aria-label')).to.equal('Incluir Sin asignar');
      expect(el.shadowRoot!.querySelector('[part~="apply-button"]')!.textContent!.trim()).to.equal('Aplicar');
      expect(el.shadowRoot!.querySelector('[part~="reset-button"]')!.textContent!.trim()).to.equal('Restablecer');
      store.applyFilter({ exclude: ['vips'] });
      await settle();
      expect(h.summary()).to.deep.equal(['no VIPs']);
      // rtl: the count sits to the left of the name
      const row = el.shadowRoot!.querySelector('[part~="segment"]')!;
      const name = row.querySelector('[part~="name"]')!.getBoundingClientRect();
      const toggle = row.querySelector('[part~="include-toggle"]')!.getBoundingClientRect();
      expect(toggle.right).to.be.lessThan(name.left + 1);
      await expectAccessible(el, 'rtl es');
      el.strings = { apply: 'Go', title: 'Filters' };
      await settle();
      expect(byText(el, '[part~="apply-button"]')).to.equal('Go');
      expect(byText(el, 'h2')).to.equal('Filters');
    });

    it('dark theme passes axe', async () => {
      const { h, el } = await setup({ attrs: 'theme="dark"' });
      await ready(h);
      await h.include('VIPs');
      await h.exclude('Unassigned');
      await expectAccessible(el, 'dark');
      const bg = getComputedStyle(el.shadowRoot!.querySelector('[part~="panel"]')!).backgroundColor;
      expect(bg).to.equal('rgb(20, 23, 28)');
    });
  });

  describe('theming and a hostile page', () => {
    it('takes --segkit-segment-filter-* properties and ::part() styles', async () => {
      const off = pageStyle(`
        .themed { --segkit-segment-filter-include-color: rgb(1, 2, 3); --segkit-segment-filter-background: rgb(250, 240, 230); }
        segkit-segment-filter::part(apply-button) { border-top-width: 5px; }
      `);
      try {
        const { h, el } = await setup({ attrs: 'class="themed"' });
        await ready(h);
        await h.include('VIPs');
        expect(getComputedStyle(h.includeToggle('VIPs')).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="panel"]')!).backgroundColor).to.equal('rgb(250, 240, 230)');
        expect(getComputedStyle(h.button('Apply')).borderTopWidth).to.equal('5px');
      } finally {
        off();
      }
    });

    it('keeps its layout under hostile page CSS', async () => {
      const { h, el } = await setup();
      await ready(h);
      const before = { base: box(h.part('base')), toggle: box(h.includeToggle('VIPs')), apply: box(h.button('Apply')) };
      const font = getComputedStyle(h.button('Apply')).fontSize;
      const off = pageStyle(`
        .test-container * { all: unset !important; }
        button { display: none !important; }
        li, ul, span, input { display: inline !important; font-size: 40px !important; }
        html { font-size: 30px !important; line-height: 5 !important; }
      `);
      try {
        await settle();
        expect(box(h.part('base'))).to.deep.equal(before.base);
        expect(box(h.includeToggle('VIPs'))).to.deep.equal(before.toggle);
        expect(box(h.button('Apply'))).to.deep.equal(before.apply);
        expect(getComputedStyle(h.button('Apply')).fontSize).to.equal(font);
        expect(h.rows()).to.include('VIPs · 8 members');
      } finally {
        off();
      }
    });
  });

  it('renders names as text, never HTML', async () => {
    const adapter = createMemoryAdapter({
      members: makeMembers(3),
      segments: [{ id: 'x', name: '<img src=x onerror=alert(1)>', createdAt: new Date(0).toISOString(), updatedAt: new Date(0).toISOString() }],
    });
    const { h, el } = await setup({ adapter });
    await waitFor(() => h.rows().length === 2);
    expectAbsent(el.shadowRoot!.querySelector('img'));
    expect(h.rows()[1]).to.contain('<img src=x onerror=alert(1)>');
  });
});

function byText(el: HTMLElement, selector: string): string {
  return el.shadowRoot!.querySelector(selector)!.textContent!.trim();
}

export type { SegmentStore };
