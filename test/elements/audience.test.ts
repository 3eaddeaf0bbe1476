import { SegkitError, createMemoryAdapter } from '@segkit/core';
import type { SegmentsAdapter } from '@segkit/core';
import '../../packages/elements/src/define/audience.js';
import { SegkitAudience } from '../../packages/elements/src/audience/segkit-audience.js';
import { cleanup, countFails, faulty, makeAdapter, makeMembers, makeStore } from '../core/fixtures.js';
import { click, expectAccessible, mount, press, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { AudienceHarness } from './audience.harness.js';
import { box, expectFocus, gatedAdapter, pageStyle } from './segment-filter.harness.js';

async function setup(markup = '<segkit-audience></segkit-audience>', adapter: SegmentsAdapter = makeAdapter()) {
  const { store, connectivity } = makeStore(adapter);
  const root = await mount(markup, (container) => {
    for (const el of container.querySelectorAll('segkit-audience')) (el as SegkitAudience).store = store;
  });
  const el = (root.localName === 'segkit-audience' ? root : root.querySelector('segkit-audience')!) as SegkitAudience;
  return { store, connectivity, el, root, h: new AudienceHarness(el) };
}

/** Counts come from the adapter after a short debounce. */
const shows = (h: AudienceHarness, text: string) => waitFor(() => h.total() === text);

describe('segkit-audience', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('shows the live member count of its rules, formatted ("1,240 members")', async () => {
    const { h, el } = await setup('<segkit-audience value=\'{"include":["vips"],"exclude":[],"match":"any"}\'></segkit-audience>', makeAdapter(3720));
    expect(el).to.be.instanceOf(SegkitAudience);
    await shows(h, '1,240 members');
    expect(el.value).to.deep.equal({ include: ['vips'], exclude: [], match: 'any' });
    expect(h.includeToggle('VIPs').getAttribute('aria-pressed')).to.equal('true');
    expect(h.rows()).to.equal(3);
    expect(el.audience).to.include({ count: 1240, loading: false, error: null });
    await expectAccessible(el, 'populated');
  });

  it('updates the count as the user changes the rules, firing input and change', async () => {
    const { h, el } = await setup();
    await shows(h, '24 members');
    expect(h.hint()).to.equal('No segment included: every member matches.');
    const seen: string[] = [];
    for (const type of ['input', 'change']) el.addEventListener(type, (e) => seen.push(`${e.type}:${e.bubbles}:${e.composed}`));
    await h.include('VIPs');
    await shows(h, '8 members');
    expect(el.value).to.deep.equal({ include: ['vips'], exclude: [], match: 'any' });
    expect(seen).to.deep.equal(['input:true:true', 'change:true:false']);
    await h.include('Content Creators');
    await shows(h, '12 members');
    await h.match('All');
    await shows(h, '2 members');
    expect(el.value.match).to.equal('all');
    await h.match('Any');
    await h.exclude('Content Creators');
    await shows(h, '6 members');
    expect(el.value).to.deep.equal({ include: ['vips'], exclude: ['creators'], match: 'any' });
    expect(seen).to.have.length(10); // one input + one change per edit, none leaked from the inner radios
  });

  it('updates the count as memberships change, and when value is set by code (no events)', async () => {
    const { h, el, store } = await setup();
    let events = 0;
    el.addEventListener('change', () => (events += 1));
    el.value = { include: ['vips'], exclude: [], match: 'any' };
    await shows(h, '8 members');
    await store.assign(['vips'], { target: { kind: 'ids', ids: ['m001', 'm002'] } });
    await shows(h, '10 members');
    await store.unassign(['vips'], { target: { kind: 'ids', ids: ['m000'] } });
    await shows(h, '9 members');
    expect(events).to.equal(0);
  });

  it('normalises any value it is given', async () => {
    const { el } = await setup('<segkit-audience value="{not json"></segkit-audience>');
    expect(el.value).to.deep.equal({ include: [], exclude: [], match: 'any' });
    el.value = { include: ['vips', 5, '<x>', 'vips'], exclude: ['vips', 'creators'], match: 'bogus' } as never;
    expect(el.value).to.deep.equal({ include: ['vips'], exclude: ['creators'], match: 'any' });
    el.value = null as never;
    expect(el.value).to.deep.equal({ include: [], exclude: [], match: 'any' });
  });

  it('keeps a value set before the tag was defined', async () => {
    const { store } = makeStore(makeAdapter());
    const early = document.createElement('late-audience') as SegkitAudience;
    (early as unknown as { value: unknown }).value = { include: ['creators'], exclude: [], match: 'any' };
    early.store = store;
    await mount(early);
    customElements.define('late-audience', class extends SegkitAudience {});
    await settle();
    expect(early.value).to.deep.equal({ include: ['creators'], exclude: [], match: 'any' });
    await shows(new AudienceHarness(early), '6 members');
  });

  describe('as a form field', () => {
    const form = `<form>
        <label for="aud">Campaign audience</label>
        <segkit-audience id="aud" name="audience" required value='{"include":["creators"],"exclude":[],"match":"any"}'></segkit-audience>
        <fieldset><segkit-audience name="other"></segkit-audience></fieldset>
      </form>`;

    it('submits the rules as JSON under its name, validates required, resets and is labelled', async () => {
      const { root, h, el } = await setup(form);
      const formEl = root as HTMLFormElement;
      await shows(h, '6 members');
      expect(el.form).to.equal(formEl);
      expect(new FormData(formEl).get('audience')).to.equal('{"include":["creators"],"exclude":[],"match":"any"}');
      expect(new FormData(formEl).get('other')).to.equal('{"include":[],"exclude":[],"match":"any"}');
      expect(h.group().getAttribute('aria-labelledby')).to.equal('label');
      expect(el.shadowRoot!.getElementById('label')!.textContent).to.equal('Campaign audience');
      expect(el.checkValidity()).to.equal(true);

      await h.include('Content Creators'); // pressed again: cleared
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Include at least one segment.');
      expect(formEl.checkValidity()).to.equal(false);
      expect(h.hint()).to.equal('Include at least one segment.');
      expect(h.el.matches(':invalid')).to.equal(true);
      await expectAccessible(el, 'invalid');

      await h.exclude('Unassigned');
      await h.include('VIPs');
      expect(formEl.checkValidity()).to.equal(true);
      expect(JSON.parse(new FormData(formEl).get('audience') as string)).to.deep.equal({ include: ['vips'], exclude: ['unassigned'], match: 'any' });

      formEl.reset();
      await settle();
      expect(el.value).to.deep.equal({ include: ['creators'], exclude: [], match: 'any' });
      expect(h.includeToggle('Content Creators').getAttribute('aria-pressed')).to.equal('true');
      await shows(h, '6 members');
    });

    it('shows the required message after a failed submit', async () => {
      const { root, h, el } = await setup(form);
      el.value = { include: [], exclude: [], match: 'any' };
      await settle();
      expect(h.hint()).to.equal('');
      (root as HTMLFormElement).requestSubmit();
      await settle();
      expect(h.hint()).to.equal('Include at least one segment.');
    });

    it('is disabled by its attribute or a disabled fieldset: no edits, not submitted', async () => {
      const { root, el } = await setup(form);
      const other = root.querySelector('[name="other"]') as SegkitAudience;
      const otherHarness = new AudienceHarness(other);
      await waitFor(() => otherHarness.rows() === 3);
      root.querySelector('fieldset')!.disabled = true;
      await settle();
      expect(otherHarness.includeToggle('VIPs').disabled).to.equal(true);
      expect(otherHarness.radio('Any').disabled).to.equal(true);
      expect(new FormData(root as HTMLFormElement).has('other')).to.equal(false);
      await expectAccessible(other, 'disabled');
      el.disabled = true;
      await settle();
      expect(el.hasAttribute('disabled')).to.equal(true);
      expect(new AudienceHarness(el).includeToggle('VIPs').disabled).to.equal(true);
      expect(new FormData(root as HTMLFormElement).has('audience')).to.equal(false);
      el.disabled = false;
      await settle();
      expect(new AudienceHarness(el).includeToggle('VIPs').disabled).to.equal(false);
    });
  });

  it('is usable with the keyboard', async () => {
    const { h, el } = await setup();
    await waitFor(() => h.rows() === 3);
    h.includeToggle('Unassigned').focus();
    await press('Tab');
    await press('Tab');
    expectFocus(h.includeToggle('Content Creators'));
    await press('Enter');
    expect(el.value.include).to.deep.equal(['creators']);
    await press('Tab');
    await press('Tab');
    await press('Tab'); // Exclude VIPs
    await press(' ');
    expect(el.value.exclude).to.deep.equal(['vips']);
    await press('Tab');
    expectFocus(h.radio('Any'));
    await press('ArrowDown');
    expect(el.value.match).to.equal('all');
  });

  describe('states', () => {
    it('loading', async () => {
      const gated = gatedAdapter(makeAdapter());
      const { el, h } = await setup(undefined, gated.adapter);
      expect(el.hasAttribute('loading')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="loading"]')!.textContent).to.contain('Loading segments…');
      await expectAccessible(el, 'loading');
      gated.release();
      await waitFor(() => h.rows() === 3);
      expect(el.hasAttribute('loading')).to.equal(false);
    });

    it('a failed count shows the store message and a Retry', async () => {
      const failing = countFails(makeAdapter());
      const { el, h } = await setup('<segkit-audience value=\'{"include":["vips"],"exclude":[],"match":"any"}\'></segkit-audience>', failing.adapter);
      await waitFor(() => el.hasAttribute('error'));
      const error = el.shadowRoot!.querySelector('[part~="error"]')!;
      expect(error.textContent).to.contain('The audience could not be counted. count service down');
      await expectAccessible(el, 'count error');
      failing.heal();
      await click(el.shadowRoot!.querySelector('[part~="retry-button"]') as HTMLElement);
      await shows(h, '8 members');
      expect(el.hasAttribute('error')).to.equal(false);
    });

    it('shows errors in the page language: a Spanish page gets the Spanish text of the error, not the store message', async () => {
      const failing = countFails(makeAdapter());
      const { el } = await setup(
        '<div lang="es"><segkit-audience value=\'{"include":["vips"],"exclude":[],"match":"any"}\'></segkit-audience></div>',
        failing.adapter,
      );
      await waitFor(() => el.hasAttribute('error'));
      const error = el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(error).to.contain('No se pudo contar la audiencia. El servidor falló. Inténtalo de nuevo.');
      expect(error).to.not.contain('count service down');
      expect(el.shadowRoot!.querySelector('[part~="retry-button"]')!.textContent!.trim()).to.equal('Reintentar');
    });

    it('segments that cannot load: error with Retry', async () => {
      const f = faulty(makeAdapter());
      f.reads = 'network';
      const { el, h } = await setup(undefined, f.adapter);
      await waitFor(() => el.shadowRoot!.querySelector('.state.error'));
      expect(el.shadowRoot!.querySelector('.state.error')!.textContent).to.contain('Segments could not be loaded. read failed');
      await expectAccessible(el, 'load error');
      f.reads = 'ok';
      await click(el.shadowRoot!.querySelector('.state.error button') as HTMLElement);
      await waitFor(() => h.rows() === 3);
    });

    it('empty and offline', async () => {
      const { el, h, connectivity } = await setup(undefined, createMemoryAdapter({ members: makeMembers(5), segments: [] }));
      await waitFor(() => el.hasAttribute('empty'));
      expect(h.rows()).to.equal(1);
      expect(el.shadowRoot!.querySelector('[part~="empty"]')!.textContent).to.contain('No segments to target yet.');
      await shows(h, '5 members');
      await expectAccessible(el, 'empty');
      connectivity.set(false);
      await settle();
      expect(el.hasAttribute('offline')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="offline"]')!.textContent).to.contain('Offline');
      await expectAccessible(el, 'offline');
    });
  });

  describe('strings, language, theme, hostile page', () => {
    it('speaks Spanish right to left and takes overrides', async () => {
      const { el, h } = await setup(
        '<div lang="es" dir="rtl"><segkit-audience value=\'{"include":["vips"],"exclude":[],"match":"any"}\'></segkit-audience></div>',
        makeAdapter(3720),
      );
      await waitFor(() => h.total() === '1240 miembros');
      expect(el.shadowRoot!.getElementById('label')!.textContent).to.equal('Audiencia');
      expect(el.shadowRoot!.querySelector('[part~="include-toggle"]')!.getAttribute('aria-label')).to.equal('Incluir Sin asignar');
      const header = el.shadowRoot!.querySelector('[part~="header"]')!.getBoundingClientRect();
      const label = el.shadowRoot!.querySelector('[part~="label"]')!.getBoundingClientRect();
      expect(Math.round(label.right)).to.be.closeTo(Math.round(header.right), 1); // the label starts on the right
      await expectAccessible(el, 'rtl es');
      el.strings = { label: 'Público', members_other: '{count} personas' };
      await settle();
      expect(el.shadowRoot!.getElementById('label')!.textContent).to.equal('Público');
      expect(h.total()).to.equal('1240 personas');
    });

    it('passes axe in the dark theme', async () => {
      const { el, h } = await setup('<segkit-audience theme="dark" value=\'{"include":["vips"],"exclude":["unassigned"],"match":"any"}\'></segkit-audience>');
      await shows(h, '8 members');
      await expectAccessible(el, 'dark');
    });

    it('takes --segkit-audience-* properties and ::part() styles', async () => {
      const off = pageStyle(`
        .themed { --segkit-audience-count-color: rgb(10, 20, 30); --segkit-audience-exclude-color: rgb(200, 0, 100); }
        segkit-audience::part(total) { text-decoration-line: underline; }
      `);
      try {
        const { el, h } = await setup('<segkit-audience class="themed" value=\'{"include":[],"exclude":["vips"],"match":"any"}\'></segkit-audience>');
        await shows(h, '16 members');
        const total = el.shadowRoot!.querySelector('[part~="total"]')!;
        expect(getComputedStyle(total).color).to.equal('rgb(10, 20, 30)');
        expect(getComputedStyle(total).textDecorationLine).to.equal('underline');
        expect(getComputedStyle(h.excludeToggle('VIPs')).backgroundColor).to.equal('rgb(200, 0, 100)');
      } finally {
        off();
      }
    });

    it('keeps its layout under hostile page CSS', async () => {
      const { el, h } = await setup();
      await shows(h, '24 members');
      const base = el.shadowRoot!.querySelector('[part~="base"]')!;
      const before = [box(base), box(h.includeToggle('VIPs')), box(h.radio('All'))];
      const off = pageStyle(`
        .test-container * { all: unset !important; }
        button, input, fieldset { display: none !important; }
        html { font-size: 30px !important; line-height: 4 !important; }
      `);
      try {
        await settle();
        expect([box(base), box(h.includeToggle('VIPs')), box(h.radio('All'))]).to.deep.equal(before);
      } finally {
        off();
      }
    });
  });
});
