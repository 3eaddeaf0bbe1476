import type { InviteLink, SegmentStore, SegmentsAdapter } from '@segkit/core';
import { SegkitError, createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import '../../packages/elements/src/define/invite-link.js';
import type { SegkitInviteCreateEvent } from '../../packages/elements/src/events/invite-create.js';
import type { SegkitInviteRevokeEvent } from '../../packages/elements/src/events/invite-revoke.js';
import { SegkitInviteLink } from '../../packages/elements/src/invite-link/segkit-invite-link.js';
import { SEGMENTS, cleanup, makeMembers, makeStore } from '../core/fixtures.js';
import { expectAccessible, focused, mount, press, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { InviteHarness } from './invite-link.harness.js';

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-01-01T12:00:00.000Z';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** One link in each status for VIPs (newest first), and one for Content Creators. */
const SEEDED: InviteLink[] = [
  { id: 'inv_active', segmentId: 'vips', token: 'tokActive', createdAt: at(5), uses: 2, maxUses: 10, expiresAt: FUTURE, reveal: [] },
  { id: 'inv_expired', segmentId: 'vips', token: 'tokExpired', createdAt: at(4), uses: 0, expiresAt: PAST, reveal: [] },
  { id: 'inv_usedup', segmentId: 'vips', token: 'tokUsedUp', createdAt: at(3), uses: 3, maxUses: 3, reveal: [] },
  { id: 'inv_revoked', segmentId: 'vips', token: 'tokRevoked', createdAt: at(2), uses: 1, revokedAt: at(6), reveal: [] },
  { id: 'inv_other', segmentId: 'creators', token: 'tokOther', createdAt: at(1), uses: 0, reveal: [] },
];

const adapterWith = (invites: InviteLink[] = []) => createMemoryAdapter({ members: makeMembers(12), segments: SEGMENTS, invites });

interface Setup {
  store: SegmentStore;
  el: SegkitInviteLink;
  ui: InviteHarness;
  connectivity: ReturnType<typeof makeStore>['connectivity'];
}

async function setup(markup = '<segkit-invite-link segment-id="vips"></segkit-invite-link>', adapter: SegmentsAdapter = adapterWith()): Promise<Setup> {
  const { store, connectivity } = makeStore(adapter);
  await allTasks();
  const first = await mount(markup, (root) => {
    root.querySelector<SegkitInviteLink>('segkit-invite-link')!.store = store;
  });
  const el = (first.localName === 'segkit-invite-link' ? first : first.querySelector('segkit-invite-link')) as SegkitInviteLink;
  await waitFor(() => !el.hasAttribute('loading'));
  await settle();
  return { store, el, ui: new InviteHarness(el), connectivity };
}

const page = () => location.origin + location.pathname;
const formatted = (iso: string, lang = 'en') => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Replaces navigator.clipboard for one test. */
function stubClipboard(writeText: (text: string) => Promise<void>): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return () => {
    if (own) Object.defineProperty(navigator, 'clipboard', own);
    else delete (navigator as unknown as Record<string, unknown>).clipboard;
  };
}

describe('segkit-invite-link', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  describe('links of a segment', () => {
    it('lists the links with uses, expiry and status (active, expired, used up, revoked)', async () => {
      const { ui, el } = await setup(undefined, adapterWith(SEEDED));
      expect(ui.rows()).to.deep.equal([
        {
          url: `${page()}?segkit-invite=tokActive`,
          status: 'Active',
          uses: '2 / 10 uses',
          expiry: `Expires ${formatted(FUTURE)}`,
          buttons: ['Copy', 'Revoke'],
        },
        { url: `${page()}?segkit-invite=tokExpired`, status: 'Expired', uses: '0 uses', expiry: `Expired ${formatted(PAST)}`, buttons: ['Copy', 'Revoke'] },
        { url: `${page()}?segkit-invite=tokUsedUp`, status: 'Used up', uses: '3 / 3 uses', expiry: 'No expiry', buttons: ['Copy', 'Revoke'] },
        { url: `${page()}?segkit-invite=tokRevoked`, status: 'Revoked', uses: '1 use', expiry: 'No expiry', buttons: ['Copy'] },
      ]);
      expect(el.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('Invitation links for VIPs');
      expect(el.hasAttribute('empty')).to.equal(false);
      await expectAccessible(el, 'populated');
    });

    it('creates a link with an expiry and a maximum of uses, shows its URL, announces it and fires segkit-invite-create', async () => {
      const { store, ui, el } = await setup();
      expect(el.hasAttribute('empty')).to.equal(true);
      const seen: SegkitInviteCreateEvent[] = [];
      const listener = (e: SegkitInviteCreateEvent) => seen.push(e);
      document.addEventListener('segkit-invite-create', listener);
      try {
        await ui.setDateTime('Expires (optional)', '2099-03-04T10:30');
        await ui.typeInto('Maximum uses (optional)', '25');
        await ui.clickButton('Create link');
        await waitFor(() => seen.length === 1);
      } finally {
        document.removeEventListener('segkit-invite-create', listener);
      }
      const invite = seen[0]!.detail.invite;
      expect(invite).to.deep.include({ segmentId: 'vips', maxUses: 25, uses: 0 });
      expect(invite.expiresAt).to.equal(new Date('2099-03-04T10:30').toISOString());
      const url = `${page()}?segkit-invite=${encodeURIComponent(invite.token)}`;
      expect(seen[0]!.detail.url).to.equal(url);
      expect(seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
      expect(ui.field('Invitation link').value).to.equal(url);
      expect(ui.field('Invitation link').readOnly).to.equal(true);
      await waitFor(() => ui.message() === 'Link created');
      expect(focused()).to.equal(ui.button('Copy', el.shadowRoot!.querySelector('[part~="created"]')!));
      expect(ui.rows().map((r) => [r.status, r.uses])).to.deep.equal([['Active', '0 / 25 uses']]);
      expect(ui.field('Maximum uses (optional)').value).to.equal('');
      expect((await store.loadInvites('vips')).map((i) => i.id)).to.deep.equal([invite.id]);
      expect(el.hasAttribute('empty')).to.equal(false);
      await expectAccessible(el, 'created');
    });

    it('explains bad inputs inline and creates nothing', async () => {
      const { store, ui, el } = await setup();
      await ui.typeInto('Maximum uses (optional)', '0');
      await ui.setDateTime('Expires (optional)', '2021-05-01T10:00');
      await ui.clickButton('Create link');
      const expiry = ui.field('Expires (optional)');
      const maxUses = ui.field('Maximum uses (optional)');
      expect(expiry.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.description(expiry)).to.equal('Choose a date and time in the future.');
      expect(maxUses.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.description(maxUses)).to.equal('Enter a whole number from 1 to 1,000,000.');
      expect(focused()).to.equal(expiry);
      await expectAccessible(el, 'invalid inputs');
      expect(await store.loadInvites('vips')).to.deep.equal([]);

      await ui.setDateTime('Expires (optional)', '');
      expect(expiry.getAttribute('aria-invalid')).to.equal('false');
      expect(expiry.hasAttribute('aria-describedby')).to.equal(false);
    });

    it('shows the store\'s message when a link cannot be created', async () => {
      const { ui, el } = await setup('<segkit-invite-link segment-id="unassigned"></segkit-invite-link>');
      await ui.clickButton('Create link');
      await waitFor(() => ui.alerts().length === 1);
      expect(ui.alerts()).to.deep.equal(['Invite links cannot place members in Unassigned.']);
      expect(el.hasAttribute('error')).to.equal(true);
    });

    it('revokes after a confirm step, announces it and fires segkit-invite-revoke', async () => {
      const { store, ui, el } = await setup(undefined, adapterWith(SEEDED));
      const seen: SegkitInviteRevokeEvent[] = [];
      const listener = (e: SegkitInviteRevokeEvent) => seen.push(e);
      document.addEventListener('segkit-invite-revoke', listener);
      try {
        const row = ui.row('tokActive');
        await ui.clickButton('Revoke', row);
        expect(ui.queryButton('Revoke', row)).to.equal(undefined);
        expect(row.textContent).to.contain('Revoke this link? Nobody can join through it any more.');
        expect(focused()).to.equal(ui.button('Yes, revoke', row));
        await expectAccessible(el, 'confirm revoke');

        await ui.clickButton('Cancel', row);
        expect(focused()).to.equal(ui.button('Revoke', row));
        expect(seen).to.have.length(0);

        await press('Enter');
        expect(focused()).to.equal(ui.button('Yes, revoke', row));
        await press('Enter');
        await waitFor(() => seen.length === 1);
        expect(seen[0]!.detail.invite.id).to.equal('inv_active');
        expect(seen[0]!.detail.url).to.equal(`${page()}?segkit-invite=tokActive`);
        await waitFor(() => ui.message() === 'Link revoked');
        expect(ui.rows()[0]!.status).to.equal('Revoked');
        expect(ui.rows()[0]!.buttons).to.deep.equal(['Copy']);
        expect((await store.loadInvites('vips')).find((i) => i.id === 'inv_active')!.revokedAt).to.be.a('string');
      } finally {
        document.removeEventListener('segkit-invite-revoke', listener);
      }
    });
  });

  describe('copy', () => {
    it('copies with the clipboard and announces “Copied”', async () => {
      const copied: string[] = [];
      const restore = stubClipboard(async (t) => void copied.push(t));
      try {
        const { ui } = await setup(undefined, adapterWith(SEEDED));
        await ui.clickButton('Copy', ui.row('tokUsedUp'));
        expect(copied).to.deep.equal([`${page()}?segkit-invite=tokUsedUp`]);
        await waitFor(() => ui.message() === 'Copied');
      } finally {
        restore();
      }
    });

    it('falls back to selecting the link in its read-only box when the clipboard refuses', async () => {
      const restore = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      try {
        const { ui } = await setup(undefined, adapterWith(SEEDED));
        const row = ui.row('tokActive');
        await ui.clickButton('Copy', row);
        const box = row.querySelector('input')!;
        expect(focused()).to.equal(box);
        expect([box.selectionStart, box.selectionEnd]).to.deep.equal([0, box.value.length]);
        await waitFor(() => ['Copied', 'Link selected: press Ctrl+C to copy'].includes(ui.message()));
      } finally {
        restore();
      }
    });
  });

  describe('the URL', () => {
    it('uses base-url and param, keeping the base URL\'s own query', async () => {
      const { ui } = await setup(
        '<segkit-invite-link segment-id="vips" base-url="https://shop.example.com/join?ref=receipt" param="invite"></segkit-invite-link>',
        adapterWith(SEEDED),
      );
      expect(ui.rows()[0]!.url).to.equal('https://shop.example.com/join?ref=receipt&invite=tokActive');
    });

    it('accepts only http(s) base URLs, with an inline error', async () => {
      for (const bad of ['javascript:alert(1)', 'ftp://example.com/', 'data:text/html,hi']) {
        const { ui, el } = await setup(`<segkit-invite-link segment-id="vips" base-url="${bad}"></segkit-invite-link>`, adapterWith(SEEDED));
        expect(ui.alerts()).to.deep.equal(['The link address must start with http:// or https://.']);
        expect(ui.button('Create link').hasAttribute('disabled')).to.equal(true);
        expect(ui.rows().every((r) => r.url === '')).to.equal(true);
        expect(el.hasAttribute('error')).to.equal(true);
        await expectAccessible(el, `base url ${bad}`);
        unmountAll();
      }
    });
  });

  describe('segment chooser', () => {
    it('asks for a segment (never Unassigned) when segment-id is not set, then manages its links', async () => {
      const { ui, el } = await setup('<segkit-invite-link></segkit-invite-link>', adapterWith(SEEDED));
      const select = ui.field<HTMLSelectElement>('Segment');
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Choose a segment', 'Content Creators', 'VIPs']);
      expect(ui.queryButton('Create link')).to.equal(undefined);
      await expectAccessible(el, 'chooser');
      await ui.chooseSegment('Content Creators');
      await waitFor(() => ui.rows().length === 1);
      expect(ui.rows()[0]!.url).to.contain('tokOther');
      await ui.chooseSegment('VIPs');
      await waitFor(() => ui.rows().length === 4);
      await ui.clickButton('Create link');
      await waitFor(() => ui.rows().length === 5);
      expect(ui.rows()[0]!.status).to.equal('Active');
    });
  });

  describe('states', () => {
    it('shows loading, then the empty state (slot overridable)', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const inner = adapterWith();
      const slow = new Proxy(inner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'listInvites') return value;
          return async (...args: unknown[]) => {
            await gate;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const { store } = makeStore(slow);
      await allTasks();
      const el = await mount<SegkitInviteLink>('<segkit-invite-link segment-id="vips"><b slot="empty">Share your first link</b></segkit-invite-link>', (root) => {
        (root.firstElementChild as SegkitInviteLink).store = store;
      });
      expect(el.hasAttribute('loading')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part~="loading"]')!.textContent!.trim()).to.equal('Loading links…');
      await expectAccessible(el, 'loading');
      release();
      await waitFor(() => el.hasAttribute('empty'));
      await settle();
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('[part~="empty"] slot')!;
      expect(slot.assignedNodes()[0]!.textContent).to.equal('Share your first link');
      expect(el.hasAttribute('loading')).to.equal(false);
      await expectAccessible(el, 'empty');
    });

    it('shows a failed load with the store\'s message (error slot overridable) and Retry', async () => {
      let fail = true;
      const inner = adapterWith(SEEDED);
      const flaky = new Proxy(inner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'listInvites') return value;
          return async (...args: unknown[]) => {
            if (fail) throw new SegkitError('server', 'Links are resting');
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const { ui, el } = await setup(undefined, flaky);
      await waitFor(() => el.hasAttribute('error'));
      expect(ui.alerts()).to.deep.equal(['Links are resting']);
      await expectAccessible(el, 'load error');
      fail = false;
      await ui.clickButton('Retry');
      await waitFor(() => ui.rows().length === 4);
      expect(el.hasAttribute('error')).to.equal(false);

      unmountAll();
      fail = true;
      const slotted = await setup('<segkit-invite-link segment-id="vips"><span slot="error">Could not load links</span></segkit-invite-link>', flaky);
      await waitFor(() => slotted.ui.alerts().length === 1);
      expect(slotted.ui.alerts()).to.deep.equal(['Could not load links']);
    });

    it('says when it is offline', async () => {
      const { ui, el, connectivity } = await setup(undefined, adapterWith(SEEDED));
      connectivity.set(false);
      await waitFor(() => el.hasAttribute('offline'));
      expect(el.shadowRoot!.querySelector('[part~="offline"]')!.textContent!.trim()).to.equal(
        'Offline: links can be created and revoked when you are back online.',
      );
      expect(ui.rows()).to.have.length(4);
      await expectAccessible(el, 'offline');
    });

    it('says when the backend has no invite links', async () => {
      const inner = adapterWith();
      const without = new Proxy(inner, {
        get: (target, key, receiver) => (key === 'capabilities' ? { live: true, invites: false } : Reflect.get(target, key, receiver)),
      });
      const { el, ui } = await setup(undefined, without);
      expect(el.shadowRoot!.textContent).to.contain('Invitation links are not available with this backend.');
      expect(ui.queryButton('Create link')).to.equal(undefined);
    });

    it('passes axe in the dark theme and right-to-left', async () => {
      const { el, ui } = await setup('<segkit-invite-link segment-id="vips" theme="dark"></segkit-invite-link>', adapterWith(SEEDED));
      await ui.clickButton('Revoke', ui.row('tokActive'));
      await expectAccessible(el, 'dark');
      el.theme = undefined;
      el.setAttribute('dir', 'rtl');
      await settle();
      await expectAccessible(el, 'rtl');
    });
  });

  describe('strings, direction and theming', () => {
    it('speaks Spanish and takes string overrides', async () => {
      const { ui, el } = await setup('<segkit-invite-link segment-id="vips" lang="es"></segkit-invite-link>', adapterWith(SEEDED));
      expect(ui.rows().map((r) => r.status)).to.deep.equal(['Activo', 'Caducado', 'Agotado', 'Revocado']);
      expect(ui.rows()[0]!.uses).to.equal('2 / 10 usos');
      expect(ui.rows()[0]!.expiry).to.equal(`Caduca el ${formatted(FUTURE, 'es')}`);
      expect(ui.queryButton('Crear enlace')).to.not.equal(undefined);
      expect(ui.field('Usos máximos (opcional)')).to.not.equal(undefined);
      el.strings = { create: 'New link' };
      await settle();
      expect(ui.queryButton('New link')).to.not.equal(undefined);
    });

    it('shows the store\'s errors in the page\'s language (creating, revoking, loading)', async () => {
      const { ui, el } = await setup('<segkit-invite-link segment-id="unassigned" lang="es"></segkit-invite-link>');
      await ui.clickButton('Crear enlace');
      await waitFor(() => ui.alerts().length === 1);
      expect(ui.alerts()).to.deep.equal(['«Sin asignar» es un segmento integrado: elige otro.']);
      expect(el.hasAttribute('error')).to.equal(true);
      unmountAll();

      let fail = false;
      const inner = adapterWith(SEEDED);
      const flaky = new Proxy(inner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'listInvites' && key !== 'revokeInvite') return value;
          return async (...args: unknown[]) => {
            if (fail) throw new SegkitError('server', 'Links are resting', { status: 503 });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const spanish = await setup('<segkit-invite-link segment-id="vips" lang="es"></segkit-invite-link>', flaky);
      fail = true;
      const row = spanish.ui.row('tokActive');
      await spanish.ui.clickButton('Revocar', row);
      await spanish.ui.clickButton('Sí, revocar', row);
      await waitFor(() => spanish.ui.alerts().length === 1);
      expect(spanish.ui.alerts()).to.deep.equal(['El servidor falló. Inténtalo de nuevo.']);
      unmountAll();

      const failedLoad = await setup('<segkit-invite-link segment-id="vips" lang="es"></segkit-invite-link>', flaky);
      await waitFor(() => failedLoad.el.hasAttribute('error'));
      expect(failedLoad.ui.alerts()).to.deep.equal(['El servidor falló. Inténtalo de nuevo.']);
    });

    it('lays out right-to-left with logical properties', async () => {
      const { ui } = await setup('<div dir="rtl" style="width: 700px"><segkit-invite-link segment-id="vips"></segkit-invite-link></div>', adapterWith(SEEDED));
      const row = ui.row('tokActive').getBoundingClientRect();
      const url = ui.row('tokActive').querySelector('input')!.getBoundingClientRect();
      expect(row.right - url.right).to.be.lessThan(20); // starts on the right
      expect(url.left - row.left).to.be.greaterThan(20);
      const expiry = ui.field('Expires (optional)').getBoundingClientRect();
      const create = ui.button('Create link').getBoundingClientRect();
      expect(expiry.left).to.be.greaterThan(create.left);
    });

    it('is themed by --segkit-* tokens and ::part()', async () => {
      const style = document.createElement('style');
      style.textContent = `
        .themed { --segkit-invite-link-item-background: rgb(1, 2, 3); --segkit-invite-link-url-font-family: serif; }
        .themed segkit-invite-link::part(status-expired) { color: rgb(9, 8, 7); }
        .themed segkit-invite-link::part(create-button) { border-top-width: 5px; }
      `;
      document.head.append(style);
      try {
        const { ui } = await setup('<div class="themed"><segkit-invite-link segment-id="vips"></segkit-invite-link></div>', adapterWith(SEEDED));
        expect(getComputedStyle(ui.row('tokActive')).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(ui.row('tokActive').querySelector('input')!).fontFamily).to.equal('serif');
        expect(getComputedStyle(ui.row('tokExpired').querySelector('[part~="status"]')!).color).to.equal('rgb(9, 8, 7)');
        expect(getComputedStyle(ui.row('tokActive').querySelector('[part~="status"]')!).color).to.not.equal('rgb(9, 8, 7)');
        expect(getComputedStyle(ui.button('Create link')).borderTopWidth).to.equal('5px');
      } finally {
        style.remove();
      }
    });

    it('keeps its layout under hostile page CSS', async () => {
      // The frame stands for the host page's own layout box (which page CSS may size as it likes).
      const { ui } = await setup('<div class="frame" style="width: 640px"><segkit-invite-link segment-id="vips"></segkit-invite-link></div>', adapterWith(SEEDED));
      const measure = () =>
        [ui.field('Maximum uses (optional)'), ui.button('Create link'), ui.row('tokActive'), ui.button('Revoke', ui.row('tokActive'))].map((e) => {
          const r = e.getBoundingClientRect();
          return [Math.round(r.width), Math.round(r.height)];
        });
      const before = measure();
      const style = document.createElement('style');
      style.textContent = `*:not(.frame) { all: unset !important; } button, input, li, ul, label { display: none !important; }
        div { font-size: 40px !important; letter-spacing: 4px !important; line-height: 3 !important; color: red !important; }`;
      document.head.append(style);
      try {
        await settle();
        expect(measure()).to.deep.equal(before);
      } finally {
        style.remove();
      }
    });
  });

  it('keeps properties set before the tag is defined', async () => {
    const { store } = makeStore(adapterWith(SEEDED));
    await allTasks();
    const el = document.createElement('late-invite-link') as SegkitInviteLink;
    el.store = store;
    el.segmentId = 'creators';
    el.param = 'join';
    await mount(el);
    customElements.define('late-invite-link', class extends SegkitInviteLink {});
    const ui = new InviteHarness(el);
    await waitFor(() => ui.rows().length === 1);
    expect(ui.rows()[0]!.url).to.equal(`${page()}?join=tokOther`);
  });
});
