import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import '../../packages/elements/src/define/segment-filter.js';
import type { SegkitSegmentFilter } from '../../packages/elements/src/segment-filter/segkit-segment-filter.js';
import type { SegkitFilterApplyEvent } from '../../packages/elements/src/events/filter-apply.js';
import { decodeFilterParam, encodeFilterParam, readParam, withParam } from '../../packages/elements/src/segment-filter/url.js';
import { cleanup, makeAdapter, makeStore } from '../core/fixtures.js';
import { mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import type { SegkitMemberTable } from '../../packages/elements/src/member-table/segkit-member-table.js';
import { MemberTableHarness } from './member-table.harness.js';
import { SegmentFilterHarness, gatedAdapter } from './segment-filter.harness.js';

const empty = { include: [], exclude: [], match: 'any' as const, search: '' };

describe('segment filter URL encoding', () => {
  it('writes a compact, readable parameter and reads it back', () => {
    const filter = { include: ['vips', 'creators'], exclude: ['unassigned'], match: 'all' as const, search: 'ana' };
    const value = encodeFilterParam(filter);
    expect(value).to.equal('in:vips,creators;out:unassigned;match:all;q:ana');
    expect(decodeFilterParam(value)).to.deep.equal(filter);
    expect(encodeFilterParam(empty)).to.equal('');
    expect(encodeFilterParam({ ...empty, match: 'all' })).to.equal('');
  });

  it('keeps any search text intact (it is last and takes the rest)', () => {
    const search = 'a;b,c:d & e=f+g %h q:x';
    const value = encodeFilterParam({ ...empty, include: ['vips'], search });
    expect(decodeFilterParam(value)).to.deep.equal({ include: ['vips'], exclude: [], match: 'any', search });
    const href = withParam('https://example.com/page?x=1#top', 'segments', value);
    expect(readParam(href, 'segments')).to.equal(value);
    expect(new URL(href).hash).to.equal('#top');
    expect(new URL(href).searchParams.get('x')).to.equal('1');
  });

  it('ignores unknown ids, bad parts and bad ids, and never throws on garbage', () => {
    const known = new Set(['vips', 'creators', 'unassigned']);
    expect(decodeFilterParam('in:vips,ghost,VIPS;out:creators,vips;match:nope;zz:1;q:', known)).to.deep.equal({
      include: ['vips'],
      exclude: ['creators'],
      match: 'any',
      search: '',
    });
    for (const garbage of ['', ';;;', ':::', 'in:', 'in:<script>', 'out:a b,c/d', '%E0%A4%A', 'match:all', 'in:ghost', '\u0000\uffff', 'x'.repeat(10_000)]) {
      expect(decodeFilterParam(garbage, known), garbage.slice(0, 20)).to.equal(null);
    }
    expect(decodeFilterParam(null)).to.equal(null);
    const many = decodeFilterParam(`in:${Array.from({ length: 500 }, (_, i) => `s${i}`).join(',')}`)!;
    expect(many.include).to.have.length(200);
    expect(decodeFilterParam(`q:${'x'.repeat(900)}`)!.search).to.have.length(500);
  });

  it('reads the raw parameter without throwing on malformed percent-encoding', () => {
    expect(readParam('https://e.com/?segments=%E0%A4%A&b=2', 'segments')).to.equal('%E0%A4%A');
    expect(readParam('https://e.com/?segments=in%3Avips+x', 'segments')).to.equal('in:vips x');
    expect(readParam('https://e.com/?other=1', 'segments')).to.equal(null);
    expect(readParam('not a url', 'segments')).to.equal(null);
    expect(withParam('https://e.com/?a=%20b&segments=in:x&c', 'segments', '')).to.equal('https://e.com/?a=%20b&c');
  });
});

describe('segkit-segment-filter sync-url', () => {
  let original: string;
  beforeEach(() => {
    original = location.href;
  });
  afterEach(() => {
    unmountAll();
    cleanup();
    history.replaceState(history.state, '', original);
  });

  /** Sets the page's query to `search`, keeping the test runner's own `wtr-*` parameters (it reads them). */
  function setUrl(search: string) {
    const url = new URL(original);
    const extra = search.replace(/^\?/, '');
    if (extra) url.search = `${url.search}${url.search ? '&' : '?'}${extra}`;
    history.replaceState(history.state, '', url.href);
  }

  /** The page's query without the test runner's parameters. */
  function ours(): string {
    const kept = location.search
      .replace(/^\?/, '')
      .split('&')
      .filter((pair) => pair && !pair.startsWith('wtr-'));
    return kept.length ? `?${kept.join('&')}` : '';
  }

  async function setup(attrs: string, adapter: SegmentsAdapter = makeAdapter()) {
    const { store } = makeStore(adapter);
    const el = await mount<SegkitSegmentFilter>(`<segkit-segment-filter ${attrs}></segkit-segment-filter>`, (root) => {
      (root.firstElementChild as SegkitSegmentFilter).store = store;
    });
    const h = new SegmentFilterHarness(el);
    return { store, el, h };
  }

  it('writes the applied filter into the URL, keeping other parameters', async () => {
    setUrl('?tab=members');
    const { h } = await setup('sync-url');
    await waitFor(() => h.rows().length === 3);
    await h.include('VIPs');
    await h.include('Content Creators');
    await h.exclude('Unassigned');
    await h.match('All');
    await h.typeSearch('ana');
    expect(ours()).to.equal('?tab=members'); // the draft is not written
    await h.apply();
    expect(ours()).to.equal('?tab=members&segments=in:vips,creators;out:unassigned;match:all;q:ana');
    await h.reset();
    expect(ours()).to.equal('?tab=members');
  });

  it('applies a filter found in the URL on connect (once segments are loaded), ignoring unknown ids', async () => {
    setUrl('?segments=in:vips,ghost;out:creators;q:Bo');
    const gated = gatedAdapter(makeAdapter());
    const events: SegkitFilterApplyEvent[] = [];
    const listener = (e: Event) => events.push(e as SegkitFilterApplyEvent);
    document.addEventListener('segkit-filter-apply', listener);
    try {
      const { h, store } = await setup('sync-url', gated.adapter);
      expect(store.$query.get().include).to.deep.equal([]);
      gated.release();
      await waitFor(() => h.rows().length === 3);
      await settle();
      expect(store.$query.get()).to.include({ search: 'Bo', match: 'any' });
      expect(store.$query.get().include).to.deep.equal(['vips']);
      expect(store.$query.get().exclude).to.deep.equal(['creators']);
      expect(h.stateOf('VIPs')).to.equal('include');
      expect(h.summary()).to.deep.equal(['VIPs', 'not Content Creators', '“Bo”']);
      expect(ours()).to.equal('?segments=in:vips;out:creators;q:Bo'); // canonical, unknown id dropped
      expect(events.map((e) => e.detail.reset)).to.deep.equal([false]);
    } finally {
      document.removeEventListener('segkit-filter-apply', listener);
    }
  });

  it('uses the attribute value as the parameter name', async () => {
    setUrl('?f=in:creators&segments=in:vips');
    const { h, store } = await setup('sync-url="f"');
    await waitFor(() => h.rows().length === 3);
    await settle();
    expect(store.$query.get().include).to.deep.equal(['creators']);
    await h.exclude('VIPs');
    await h.apply();
    expect(ours()).to.equal('?segments=in:vips&f=in:creators;out:vips');
  });

  it('re-applies the URL on back / forward (popstate)', async () => {
    const { h, store } = await setup('sync-url');
    await waitFor(() => h.rows().length === 3);
    setUrl('?segments=out:vips');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(store.$query.get().exclude).to.deep.equal(['vips']);
    expect(h.stateOf('VIPs')).to.equal('exclude');
    setUrl('');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(store.$query.get().exclude).to.deep.equal([]);
    expect(h.summary()).to.deep.equal(['All members']);
  });

  it('does not crash on a malformed parameter and repairs it', async () => {
    setUrl('?segments=%E0%A4%A;in:;;:::out:zz!!;match:nope;q:&keep=1');
    const { h, store, el } = await setup('sync-url');
    await waitFor(() => h.rows().length === 3);
    await settle();
    expect(store.$query.get().include).to.deep.equal([]);
    expect(el.hasAttribute('error')).to.equal(false);
    expect(ours()).to.equal('?keep=1');
  });

  it('writes nothing without sync-url, and follows filters applied elsewhere with it', async () => {
    setUrl('?segments=in:vips');
    const plain = await setup('');
    await waitFor(() => plain.h.rows().length === 3);
    expect(plain.store.$query.get().include).to.deep.equal([]);
    await plain.h.include('Content Creators');
    await plain.h.apply();
    expect(ours()).to.equal('?segments=in:vips');
    unmountAll();

    setUrl('');
    const synced = await setup('sync-url');
    await waitFor(() => synced.h.rows().length === 3);
    synced.store.applyFilter({ include: ['creators'] }); // e.g. opening a segment in the list
    await settle();
    expect(ours()).to.equal('?segments=in:creators');
    synced.el.removeAttribute('sync-url');
    await settle();
    synced.store.applyFilter({ include: ['vips'] });
    await settle();
    expect(ours()).to.equal('?segments=in:creators');
  });
});

describe('segkit-segment-filter sync-url where the page cannot change its URL', () => {
  interface Frame {
    store: SegmentStore;
    filter: SegkitSegmentFilter;
    table: SegkitMemberTable;
    cleanup: () => void;
  }
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    (frame?.contentWindow as (Window & { segkitFrame?: Frame }) | null)?.segkitFrame?.cleanup();
    frame?.remove();
    frame = undefined;
  });

  /** A CMS preview: an `about:srcdoc` iframe with a filter (sync-url) and a table on one store, in the frame's own realm. */
  async function srcdocFrame() {
    frame = document.createElement('iframe');
    frame.width = '900';
    frame.height = '700';
    const script = new URL('./srcdoc-frame.ts', import.meta.url).href;
    frame.srcdoc = `<!doctype html><segkit-segment-filter sync-url></segkit-segment-filter>
      <segkit-member-table no-search style="height: 400px"></segkit-member-table>
      <script>window.process = parent.process; // as the test page sets it (web-test-runner.config.mjs)</script>
      <script type="module" src="${script}"></script>`;
    document.body.append(frame);
    const win = frame.contentWindow as Window & { segkitFrame?: Frame; console: Console };
    const { store, filter, table } = (await waitFor(() => win.segkitFrame, 10_000))!;
    expect(win.location.href).to.equal('about:srcdoc');
    const h = new SegmentFilterHarness(filter);
    const t = new MemberTableHarness(table);
    const body = frame.contentDocument!.body;
    await waitFor(() => h.rows().length === 3 && t.namesInView().length > 0);
    await settle(body);
    return { win, store, h, t, settleFrame: () => settle(body), refused: refuseUrlChanges(win) };
  }

  /**
   * Chromium refuses any URL change in a srcdoc frame (SecurityError). Where an
   * engine allows it, the frame's history is made to refuse the same way, so the
   * test covers the same path everywhere; says which it was.
   */
  function refuseUrlChanges(win: Window): 'by the engine' | 'stubbed' {
    try {
      win.history.replaceState(win.history.state, '', 'about:srcdoc?probe');
    } catch {
      return 'by the engine';
    }
    win.history.replaceState(win.history.state, '', 'about:srcdoc');
    const refuse = () => {
      throw new (win as Window & typeof globalThis).DOMException('The URL cannot be changed in this frame.', 'SecurityError');
    };
    win.history.replaceState = refuse;
    win.history.pushState = refuse;
    return 'stubbed';
  }

  it('in an about:srcdoc frame (a CMS preview): Apply still filters, and the store, the chips and the table agree; one warning', async () => {
    const { win, store, h, t, settleFrame, refused } = await srcdocFrame();
    if (navigator.userAgent.includes('Chrome/')) expect(refused).to.equal('by the engine');
    const warnings: unknown[][] = [];
    const warn = win.console.warn;
    win.console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await h.include('VIPs');
      await h.apply();
      await settleFrame();
      await waitFor(() => t.namesInView().length > 0 && t.namesInView().every((name) => /\b(0|3|6|9|12|15|18|21)$/.test(name)));
      expect(store.$query.get().include).to.deep.equal(['vips']);
      expect(h.summary()).to.deep.equal(['VIPs']);
      expect(t.countText()).to.match(/\b8\b/); // 8 of the 24 members are VIPs
      // The URL could not be written: syncing stopped and said so once, then later filters still apply.
      expect(win.location.href).to.equal('about:srcdoc');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.match(/sync-url is off/);
      await h.include('VIPs'); // back to neither
      await h.include('Content Creators');
      await h.apply();
      await settleFrame();
      await waitFor(() => t.countText().match(/\b6\b/)); // 6 of the 24 are creators
      expect(store.$query.get().include).to.deep.equal(['creators']);
      expect(h.summary()).to.deep.equal(['Content Creators']);
      await h.reset();
      await settleFrame();
      await waitFor(() => t.countText().match(/\b24\b/));
      expect(h.summary()).to.deep.equal(['All members']);
      expect(warnings).to.have.length(1);
    } finally {
      win.console.warn = warn;
    }
  });
});
