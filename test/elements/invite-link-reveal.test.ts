/**
 * `segkit-invite-link` with `reveal`: the links it creates show the chosen
 * segment fields to whoever joins (issue 11, item 1; decision 025). By
 * default nothing is revealed, even when the store declares fields. The team
 * sees what a link shows: in the form before creating, and on each link row.
 */
import type { SegmentField, SegmentStore } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import '../../packages/elements/src/define/invite-link.js';
import type { SegkitInviteCreateEvent } from '../../packages/elements/src/events/invite-create.js';
import { createInviteLinkConnector } from '../../packages/elements/src/headless.js';
import type { SegkitInviteLink } from '../../packages/elements/src/invite-link/segkit-invite-link.js';
import { T0, cleanup, makeMembers, makeStore, until } from '../core/fixtures.js';
import { expectAccessible, mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { InviteHarness } from './invite-link.harness.js';

const at = new Date(T0).toISOString();
const SEGMENTS = [
  { id: 'vips', name: 'VIPs', metadata: { discountCode: 'VIP20', tier: 3, note: 'internal' }, createdAt: at, updatedAt: at },
  { id: 'creators', name: 'Content Creators', createdAt: at, updatedAt: at },
];
const FIELDS: SegmentField[] = [
  { key: 'discountCode', label: 'Discount code', type: 'text' },
  { key: 'tier', label: 'Tier', type: 'number' },
];

function storeWithFields(): SegmentStore {
  return makeStore(createMemoryAdapter({ members: makeMembers(12), segments: SEGMENTS }), { segmentFields: FIELDS }).store;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mountLink(markup: string, store: SegmentStore, before?: (el: SegkitInviteLink) => void) {
  await allTasks();
  const el = await mount<SegkitInviteLink>(markup, (root) => {
    const found = root.firstElementChild as SegkitInviteLink;
    before?.(found);
    found.store = store;
  });
  await waitFor(() => !el.hasAttribute('loading'));
  await settle();
  return { el, ui: new InviteHarness(el) };
}

/** Clicks "Create link" and resolves the link the element announced. */
async function createLink(el: SegkitInviteLink, ui: InviteHarness) {
  const seen: SegkitInviteCreateEvent[] = [];
  const listener = (e: SegkitInviteCreateEvent) => seen.push(e);
  el.addEventListener('segkit-invite-create', listener);
  try {
    await ui.clickButton('Create link');
    await waitFor(() => seen.length === 1);
  } finally {
    el.removeEventListener('segkit-invite-create', listener);
  }
  await settle();
  return seen[0]!.detail.invite;
}

describe('invite links that reveal segment fields: the connector', () => {
  afterEach(cleanup);

  it('creates links revealing the chosen fields, with their labels; none by default', async () => {
    const store = storeWithFields();
    await allTasks();
    const links = createInviteLinkConnector(store, { segmentId: 'vips', baseUrl: 'https://shop.example.com/join' });
    const off = links.$state.listen(() => undefined);
    try {
      await until(() => !links.$state.get().loading);
      expect(links.$state.get().reveal).to.deep.equal([]);
      const plain = await links.create();
      expect(plain!.reveal).to.deep.equal([]);
      expect((await store.redeemInvite(plain!.token, { name: 'Ana' })).revealed).to.deep.equal({});

      links.setReveal(['discountCode', 'tier']);
      expect(links.$state.get().reveal).to.deep.equal([
        { key: 'discountCode', label: 'Discount code' },
        { key: 'tier', label: 'Tier' },
      ]);
      const revealing = await links.create();
      expect(revealing!.reveal).to.deep.equal(['discountCode', 'tier']);
      expect(links.$state.get().items.find((row) => row.invite.id === revealing!.id)!.reveals.map((f) => f.label)).to.deep.equal(['Discount code', 'Tier']);
      expect((await store.redeemInvite(revealing!.token, { name: 'Bo' })).revealed).to.deep.equal({ discountCode: 'VIP20', tier: 3 });

      // A key the store does not declare is the store's to refuse: shown as the form's error.
      links.setReveal(['note']);
      expect(await links.create()).to.equal(null);
      expect(links.$state.get().createError).to.include({ code: 'invalid-input', field: 'reveal' });
    } finally {
      off();
      links.destroy();
    }
  });
});

describe('segkit-invite-link reveal', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('reveals nothing by default, even when the store declares fields', async () => {
    const store = storeWithFields();
    const { el, ui } = await mountLink('<segkit-invite-link segment-id="vips"></segkit-invite-link>', store);
    expect(el.shadowRoot!.querySelector('[part~="reveal-note"]')).to.equal(null);
    const invite = await createLink(el, ui);
    expect(invite.reveal).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part~="reveals"]')).to.equal(null);
    const joined = await store.redeemInvite(invite.token, { name: 'Chen' });
    expect(joined.revealed).to.deep.equal({});
  });

  it('with reveal="discountCode" says what new links show, creates one that shows it, and names it on the row', async () => {
    const store = storeWithFields();
    const { el, ui } = await mountLink('<segkit-invite-link segment-id="vips" reveal="discountCode"></segkit-invite-link>', store);
    expect(el.reveal).to.deep.equal(['discountCode']);
    expect(text(el.shadowRoot!.querySelector('[part~="reveal-note"]'))).to.equal('People who join see: Discount code');
    // Said with the button, for whoever hears the form rather than sees it.
    expect(ui.description(ui.button('Create link'))).to.equal('People who join see: Discount code');
    const invite = await createLink(el, ui);
    expect(invite.reveal).to.deep.equal(['discountCode']);
    expect(text(ui.row(invite.token).querySelector('[part~="reveals"]'))).to.equal('Shows: Discount code');
    const joined = await store.redeemInvite(invite.token, { name: 'Dalia' });
    expect(joined.revealed).to.deep.equal({ discountCode: 'VIP20' });
    await expectAccessible(el, 'revealing');
  });

  it('takes the property set before it has a store, or later, as the attribute does; in Spanish too', async () => {
    const store = storeWithFields();
    const { el, ui } = await mountLink('<segkit-invite-link segment-id="vips" lang="es"></segkit-invite-link>', store, (found) => {
      found.reveal = ['discountCode', 'tier'];
    });
    expect(el.getAttribute('reveal')).to.equal(null);
    expect(text(el.shadowRoot!.querySelector('[part~="reveal-note"]'))).to.equal('Quien se une ve: Discount code y Tier');
    el.reveal = [];
    await settle();
    expect(el.shadowRoot!.querySelector('[part~="reveal-note"]')).to.equal(null);
    el.setAttribute('reveal', '  tier ');
    await settle();
    expect(el.reveal).to.deep.equal(['tier']);
    await ui.clickButton('Crear enlace');
    await waitFor(() => el.shadowRoot!.querySelector('[part~="reveals"]') !== null);
    expect(text(el.shadowRoot!.querySelector('[part~="reveals"]'))).to.equal('Muestra: Tier');
  });
});
