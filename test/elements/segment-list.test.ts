import { SegkitError, createMemoryAdapter } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import '../../packages/elements/src/define/segment-list.js';
import { SegkitSegmentList } from '../../packages/elements/src/segment-list/segkit-segment-list.js';
import type { SegkitSegmentOpenEvent } from '../../packages/elements/src/events/segment-open.js';
import { SEGMENTS, T0, cleanup, faulty, makeMembers, makeStore } from '../core/fixtures.js';
import { byRole, click, expectAccessible, focused, mount, press, queryByRole, settle, type, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { box, expectAbsent, expectFocus, gatedAdapter, pageStyle, shiftTab } from './segment-filter.harness.js';
import { SegmentListHarness } from './segment-list.harness.js';

function richAdapter() {
  return createMemoryAdapter({
    members: makeMembers(24),
    segments: [{ ...SEGMENTS[0]!, description: 'Top customers' }, SEGMENTS[1]!],
    now: () => T0 + 86_400_000,
  });
}

async function setup(options: { adapter?: SegmentsAdapter; attrs?: string; wrap?: (el: HTMLElement) => HTMLElement } = {}) {
  const { store, connectivity } = makeStore(options.adapter ?? richAdapter());
  const el = document.createElement('segkit-segment-list') as SegkitSegmentList;
  for (const [name, value] of (options.attrs ?? '').split(' ').filter(Boolean).map((a) => a.split('='))) el.setAttribute(name!, value ?? '');
  el.store = store;
  await mount(options.wrap ? options.wrap(el) : el);
  const h = new SegmentListHarness(el);
  return { store, connectivity, el, h };
}

const ready = (h: SegmentListHarness, n = 3) => waitFor(() => h.rows().length === n);

/** Refuses segment creates and renames as a server would when another client took the name. */
function nameTakenOnServer(inner: SegmentsAdapter): SegmentsAdapter {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'createSegment' && key !== 'updateSegment') return value;
      return async () => {
        throw new SegkitError('name-taken', 'A segment named "Customers" already exists.', { status: 409, field: 'name' });
      };
    },
  });
}

describe('segkit-segment-list', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('shows every segment like a folder with its count, Unassigned first and without actions', async () => {
    const { h, el } = await setup();
    await ready(h);
    expect(el).to.be.instanceOf(SegkitSegmentList);
    expect(h.rows()).to.deep.equal(['Unassigned · 12 members', 'Content Creators · 6 members', 'VIPs · 8 members']);
    expectAbsent(h.queryButton('Rename Unassigned'));
    expectAbsent(h.queryButton('Delete Unassigned'));
    expect(h.button('Rename VIPs')).to.exist;
    expect(h.item('VIPs').querySelector('[part~="description"]')!.textContent).to.equal('Top customers');
    expect(h.openButton('VIPs').getAttribute('aria-describedby')).to.contain('desc-vips');
    const icon = h.item('Content Creators').querySelector('[part~="color"]')!;
    expect(getComputedStyle(icon).color).to.equal('rgb(124, 58, 237)');
    expect(byRole(el.shadowRoot!, 'list', 'Segments')).to.exist;
    await expectAccessible(el, 'populated');
  });

  it('creates a segment from the inline form, checking the name as the user types', async () => {
    const { h, store, el } = await setup();
    await ready(h);
    await click(h.button('Create segment'));
    const name = h.textbox('Name');
    expectFocus(name);
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    await type(name, 'vips');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(h.fieldError(name)).to.equal('A segment named "VIPs" already exists.');
    await expectAccessible(el, 'create form with error');
    await click(h.button('Create segment'));
    expect(store.$segments.get()).to.have.length(3); // never a duplicate
    expectFocus(h.textbox('Name'));

    name.select();
    await type(name, 'Customers');
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    expect(h.fieldError(name)).to.equal('');
    await type(h.textbox('Description (optional)'), 'Bought once');
    await click(byRole(el.shadowRoot!, 'radio', 'Teal'));
    await click(h.button('Create segment'));
    expect(h.rows()).to.include('Customers · 0 members'); // at once
    await waitFor(() => !h.item('Customers').hasAttribute('data-pending'));
    const created = store.$segments.get().find((s) => s.name === 'Customers')!;
    expect(created).to.include({ description: 'Bought once', color: '#0d9488' });
    expect(h.result()).to.equal('Created Customers');
    expectFocus(h.openButton('Customers'));
    expectAbsent(queryByRole(el.shadowRoot!, 'textbox', 'Name'));
  });

  it('shows a pending state while a write is unconfirmed', async () => {
    const gated = gatedAdapter(richAdapter(), 'updateSegment');
    const { h, store } = await setup({ adapter: gated.adapter });
    await ready(h);
    const done = store.renameSegment('vips', 'VIP Club');
    await settle();
    expect(h.item('VIP Club').hasAttribute('data-pending')).to.equal(true);
    expect(h.item('VIP Club').querySelector('[part~="pending"]')!.textContent).to.equal('Saving…');
    await expectAccessible(h.el, 'pending');
    gated.release();
    await done;
    await waitFor(() => !h.item('VIP Club').hasAttribute('data-pending'));
  });

  it('validates an empty name on submit and cancels with Escape', async () => {
    const { h } = await setup();
    await ready(h);
    await click(h.button('Create segment'));
    await press('Enter');
    expect(h.fieldError(h.textbox('Name'))).to.equal('A segment name cannot be empty.');
    await press('Escape');
    expectAbsent(h.queryButton('Cancel'));
    expectFocus(h.button('Create segment'));
  });

  it('reopens the form with the store\'s message when the server refuses the name (rolled back)', async () => {
    const { h, store } = await setup({ adapter: nameTakenOnServer(richAdapter()) });
    await ready(h);
    await h.create({ name: 'Customers' });
    await waitFor(() => h.errorBar().startsWith('Could not create'));
    expect(h.errorBar()).to.contain('Could not create “Customers”: A segment named "Customers" already exists.');
    expect(h.rows()).to.not.include('Customers · 0 members');
    const name = h.textbox('Name');
    expect(name.value).to.equal('Customers');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(h.fieldError(name)).to.equal('A segment named "Customers" already exists.');
    expect(store.$segments.get()).to.have.length(3);
    await expectAccessible(h.el, 'refused');
    await click(h.button('Dismiss'));
    expect(h.errorBar()).to.equal('');
  });

  it('renames inline: Enter saves, Escape cancels, errors show as the user types', async () => {
    const { h, store, el } = await setup();
    await ready(h);
    await h.rename('VIPs', 'VIP Club');
    expect(store.segmentById('vips')!.name).to.equal('VIP Club');
    expectFocus(h.openButton('VIP Club'));
    expect(h.result()).to.equal('Renamed to VIP Club');

    await click(h.button('Rename VIP Club'));
    const input = h.textbox('New name for VIP Club');
    expectFocus(input);
    input.select();
    await type(input, 'content creators');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(h.fieldError(input)).to.equal('A segment named "Content Creators" already exists.');
    await expectAccessible(el, 'rename with error');
    await press('Enter');
    expect(store.segmentById('vips')!.name).to.equal('VIP Club');
    await press('Escape');
    expectAbsent(queryByRole(el.shadowRoot!, 'textbox'));
    expectFocus(h.openButton('VIP Club'));
    expect(store.segmentById('vips')!.name).to.equal('VIP Club');
  });

  it('reopens the rename field with the store\'s message when the server refuses it', async () => {
    const { h, store } = await setup({ adapter: nameTakenOnServer(richAdapter()) });
    await ready(h);
    await h.rename('VIPs', 'Customers');
    await waitFor(() => h.errorBar() !== '');
    expect(store.segmentById('vips')!.name).to.equal('VIPs'); // rolled back
    const input = h.textbox('New name for VIPs');
    expect(input.value).to.equal('Customers');
    expect(h.fieldError(input)).to.equal('A segment named "Customers" already exists.');
    expect(h.errorBar()).to.contain('Could not rename “VIPs”');
  });

  it('deletes after a confirm step that says members are kept, then undoes', async () => {
    const { h, store, el } = await setup();
    await ready(h);
    await click(h.button('Delete VIPs'));
    const confirm = h.confirm();
    expect(confirm.textContent!.replace(/\s+/g, ' ')).to.contain('Delete “VIPs”? Its 8 members are kept; only the segment goes away.');
    expect(focused()!.textContent!.trim()).to.equal('Cancel');
    await expectAccessible(el, 'confirm');
    await click(byRole(confirm, 'button', 'Delete'));
    // the members are kept: those in no other segment are back in Unassigned
    expect(h.rows()).to.deep.equal(['Unassigned · 18 members', 'Content Creators · 6 members']);
    expect(h.result()).to.equal('Deleted VIPs Undo');
    expect(store.$lastAction.get()).to.include({ kind: 'delete-segment' });
    await waitFor(() => store.$lastAction.get()?.status === 'done');
    await expectAccessible(el, 'deleted with undo');
    await click(h.button('Undo'));
    await waitFor(() => h.rows().includes('VIPs · 8 members'));
    await store.settled();
    await settle();
    expect(h.rows()).to.deep.equal(['Unassigned · 12 members', 'Content Creators · 6 members', 'VIPs · 8 members']);
    expect(h.result()).to.equal('Restored VIPs');
    expectFocus(h.openButton('VIPs'));
  });

  it('focuses the restored row when Undo is pressed before the delete is confirmed', async () => {
    const gated = gatedAdapter(richAdapter(), 'deleteSegment');
    const { h, store } = await setup({ adapter: gated.adapter });
    await ready(h);
    await h.delete('VIPs');
    await click(h.button('Undo'));
    // Queued behind the delete at once: back before the delete is confirmed.
    await waitFor(() => h.rows().includes('VIPs · 8 members'));
    expect(h.el.matches(':focus-within')).to.equal(true);
    gated.release();
    await store.settled();
    await settle();
    expectFocus(h.openButton('VIPs'));
    expect(h.result()).to.equal('Restored VIPs');
    await store.settled();
  });

  it('hides Undo once another action becomes the last one', async () => {
    const { h, store } = await setup();
    await ready(h);
    await h.delete('VIPs');
    expect(h.queryButton('Undo')).to.exist;
    await store.assign(['creators'], { target: { kind: 'ids', ids: ['m001'] } });
    await settle();
    expectAbsent(h.queryButton('Undo'));
  });

  it('opens a segment: applies it as the filter and fires segkit-segment-open (bubbling, composed)', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const { h, store } = await setup({ wrap: (el) => (shadow.append(el), host) });
    await ready(h);
    const seen: SegkitSegmentOpenEvent[] = [];
    const listener = (e: Event) => seen.push(e as SegkitSegmentOpenEvent);
    document.addEventListener('segkit-segment-open', listener);
    try {
      await h.open('VIPs');
      expect(store.$query.get().include).to.deep.equal(['vips']);
      expect(h.openButton('VIPs').getAttribute('aria-current')).to.equal('true');
      expect(seen).to.have.length(1);
      expect(seen[0]!.detail.segment).to.include({ id: 'vips', name: 'VIPs', memberCount: 8 });
      expect('pending' in seen[0]!.detail.segment).to.equal(false);
      h.openButton('Unassigned').focus();
      await press('Enter');
      expect(store.$query.get().include).to.deep.equal(['unassigned']);
      expect(seen.map((e) => e.detail.segment.id)).to.deep.equal(['vips', 'unassigned']);
    } finally {
      document.removeEventListener('segkit-segment-open', listener);
    }
  });

  it('moves between rows with the arrow keys, Home and End; F2 renames; Delete asks', async () => {
    const { h, el, store } = await setup();
    await ready(h);
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await press('Tab'); // Create segment
    await press('Tab'); // the list: one tab stop, on the first row
    expectFocus(h.openButton('Unassigned'));
    await press('F2');
    await press('Delete');
    expectAbsent(queryByRole(el.shadowRoot!, 'textbox'));
    expectAbsent(el.shadowRoot!.querySelector('[part~="confirm"]'));
    await press('ArrowDown');
    expectFocus(h.openButton('Content Creators'));
    await press('End');
    expectFocus(h.openButton('VIPs'));
    await press('ArrowDown');
    expectFocus(h.openButton('VIPs'));
    await press('Home');
    expectFocus(h.openButton('Unassigned'));
    await press('ArrowDown');
    await press('Tab'); // the focused row's actions are reachable
    expectFocus(h.button('Rename Content Creators'));
    await press('Tab');
    expectFocus(h.button('Delete Content Creators'));
    await shiftTab();
    await shiftTab();
    expectFocus(h.openButton('Content Creators'));
    await press('F2');
    expectFocus(h.textbox('New name for Content Creators'));
    await press('Escape');
    expectFocus(h.openButton('Content Creators'));
    await press('Delete');
    expect(focused()!.textContent!.trim()).to.equal('Cancel');
    await press('Escape');
    expectFocus(h.openButton('Content Creators'));
    await press('Delete');
    await shiftTab(); // the confirm's Delete
    await press('Enter');
    expect(store.segmentById('creators')).to.equal(undefined);
    expectFocus(h.openButton('VIPs'));
    before.remove();
  });

  describe('states', () => {
    it('loading', async () => {
      const gated = gatedAdapter(richAdapter());
      const { h, el } = await setup({ adapter: gated.adapter });
      expect(el.hasAttribute('loading')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="loading"]')!.textContent).to.contain('Loading segments…');
      expect(h.button('Create segment').disabled).to.equal(true);
      await expectAccessible(el, 'loading');
      gated.release();
      await ready(h);
      expect(el.hasAttribute('loading')).to.equal(false);
    });

    it('error with Retry', async () => {
      const f = faulty(richAdapter());
      f.reads = 'network';
      const { h, el } = await setup({ adapter: f.adapter });
      await waitFor(() => el.hasAttribute('error'));
      const state = el.shadowRoot!.querySelector('.state.error')!;
      expect(state.textContent).to.contain('Segments could not be loaded. read failed');
      await expectAccessible(el, 'error');
      f.reads = 'ok';
      await click(h.button('Retry'));
      await ready(h);
      expect(el.hasAttribute('error')).to.equal(false);
    });

    it('empty and offline', async () => {
      const { h, el, connectivity } = await setup({ adapter: createMemoryAdapter({ members: makeMembers(4), segments: [] }) });
      await ready(h, 1);
      expect(el.hasAttribute('empty')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="empty"]')!.textContent).to.contain('No segments yet.');
      await expectAccessible(el, 'empty');
      connectivity.set(false);
      await settle();
      expect(el.hasAttribute('offline')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="offline"]')!.textContent).to.contain('You are offline.');
      await h.create({ name: 'Local draft' });
      expect(h.rows()).to.include('Local draft · 0 members');
      expect(h.item('Local draft').hasAttribute('data-pending')).to.equal(true);
      await expectAccessible(el, 'offline');
    });

    it('takes slotted content for a state', async () => {
      const { store } = makeStore(createMemoryAdapter({ members: makeMembers(2), segments: [] }));
      const el = await mount<SegkitSegmentList>('<segkit-segment-list><p slot="empty">Nothing here, friend</p></segkit-segment-list>', (root) => {
        (root.firstElementChild as SegkitSegmentList).store = store;
      });
      await waitFor(() => el.hasAttribute('empty'));
      const slot = el.shadowRoot!.querySelector('slot[name="empty"]') as HTMLSlotElement;
      expect(slot.assignedElements()[0]!.textContent).to.equal('Nothing here, friend');
    });
  });

  describe('strings, language, theme', () => {
    it('speaks Spanish, right to left, and takes overrides', async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = 'es';
      wrapper.dir = 'rtl';
      const { h, el } = await setup({ wrap: (e) => (wrapper.append(e), wrapper) });
      await ready(h);
      expect(h.rows()).to.deep.equal(['Sin asignar · 12 miembros', 'Content Creators · 6 miembros', 'VIPs · 8 miembros']);
      expect(byRole(el.shadowRoot!, 'button', 'Crear segmento')).to.exist;
      expect(byRole(el.shadowRoot!, 'button', 'Renombrar VIPs')).to.exist;
      await click(byRole(el.shadowRoot!, 'button', 'Crear segmento'));
      await type(byRole(el.shadowRoot!, 'textbox', 'Nombre'), 'vips');
      expect(el.shadowRoot!.querySelector('#create-name-error')!.textContent).to.equal('Ya existe un segmento con ese nombre.');
      const open = h.openButton('VIPs').getBoundingClientRect();
      const rename = byRole(el.shadowRoot!, 'button', 'Renombrar VIPs').getBoundingClientRect();
      expect(rename.right).to.be.at.most(open.left + 1); // actions on the left in rtl
      await expectAccessible(el, 'rtl es');
      el.strings = { title: 'Carpetas', create: 'Nuevo' };
      await settle();
      expect(byRole(el.shadowRoot!, 'heading', 'Carpetas')).to.exist;
    });

    it('says a refused write in Spanish', async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = 'es';
      const { h } = await setup({ adapter: nameTakenOnServer(richAdapter()), wrap: (e) => (wrapper.append(e), wrapper) });
      await ready(h);
      await click(byRole(h.root, 'button', 'Crear segmento'));
      await type(byRole(h.root, 'textbox', 'Nombre'), 'Customers');
      await click(byRole(h.root, 'button', 'Crear segmento'));
      await waitFor(() => h.errorBar() !== '');
      expect(h.errorBar()).to.equal('No se pudo crear «Customers»: Ya existe un segmento con ese nombre. Descartar');
    });

    it('passes axe in the dark theme, with a current segment', async () => {
      const { h, el, store } = await setup({ attrs: 'theme=dark' });
      await ready(h);
      store.applyFilter({ include: ['vips'] });
      await settle();
      expect(h.item('VIPs').hasAttribute('data-current')).to.equal(true);
      await expectAccessible(el, 'dark');
    });

    it('takes --segkit-segment-list-* properties and ::part() styles', async () => {
      const off = pageStyle(`
        .themed { --segkit-segment-list-current-background: rgb(9, 8, 7); }
        segkit-segment-list::part(count) { letter-spacing: 3px; }
      `);
      try {
        const { h, store } = await setup({ attrs: 'class=themed' });
        await ready(h);
        store.applyFilter({ include: ['vips'] });
        await settle();
        expect(getComputedStyle(h.item('VIPs')).backgroundColor).to.equal('rgb(9, 8, 7)');
        expect(getComputedStyle(h.item('VIPs').querySelector('[part~="count"]')!).letterSpacing).to.equal('3px');
      } finally {
        off();
      }
    });

    it('keeps its layout under hostile page CSS', async () => {
      const { h } = await setup();
      await ready(h);
      const base = h.el.shadowRoot!.querySelector('[part~="base"]')!;
      const before = [box(base), box(h.openButton('VIPs')), box(h.button('Delete VIPs'))];
      const off = pageStyle(`
        .test-container * { all: unset !important; }
        button, li { display: none !important; }
        html { font-size: 30px !important; line-height: 4 !important; }
      `);
      try {
        await settle();
        expect([box(base), box(h.openButton('VIPs')), box(h.button('Delete VIPs'))]).to.deep.equal(before);
      } finally {
        off();
      }
    });
  });

  it('renders names and descriptions as text, never HTML', async () => {
    const adapter = createMemoryAdapter({
      members: makeMembers(2),
      segments: [{ id: 'x', name: '<b>bold</b>', description: '<img src=x onerror=alert(1)>', createdAt: new Date(0).toISOString(), updatedAt: new Date(0).toISOString() }],
    });
    const { h, el } = await setup({ adapter });
    await ready(h, 2);
    expectAbsent(el.shadowRoot!.querySelector('b, img'));
    expect(h.rows()[1]).to.equal('<b>bold</b> · 0 members');
  });
});
