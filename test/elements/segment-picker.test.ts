import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import { SegkitError, createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import '../../packages/elements/src/define/segment-picker.js';
import { SegkitSegmentPicker } from '../../packages/elements/src/segment-picker/segkit-segment-picker.js';
import { SEGMENTS, cleanup, countOf, faulty, makeAdapter, makeMembers, makeStore, rowById } from '../core/fixtures.js';
import { click, expectAccessible, mount, press, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { PickerHarness } from './segment-picker.harness.js';

interface Setup {
  store: SegmentStore;
  el: SegkitSegmentPicker;
  ui: PickerHarness;
  connectivity: ReturnType<typeof makeStore>['connectivity'];
}

/** Mounts `markup` (containing one picker) with a store over `adapter`, segments loaded. */
async function setup(markup = '<segkit-segment-picker></segkit-segment-picker>', adapter: SegmentsAdapter = makeAdapter(), wait = true): Promise<Setup> {
  const { store, connectivity } = makeStore(adapter);
  if (wait) await allTasks();
  const first = await mount(markup, (root) => {
    root.querySelector<SegkitSegmentPicker>('segkit-segment-picker')!.store = store;
  });
  const el = (first.localName === 'segkit-segment-picker' ? first : first.querySelector('segkit-segment-picker')) as SegkitSegmentPicker;
  return { store, el, ui: new PickerHarness(el), connectivity };
}

/** The member's segments as the store shows them (pending changes included). */
async function segmentsOf(store: SegmentStore, id: string): Promise<string[]> {
  await store.loadRange(0, store.$members.get().total ?? 100);
  return rowById(store, id)?.segmentIds ?? [];
}

describe('segkit-segment-picker', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
    document.documentElement.removeAttribute('dir');
  });

  describe('acting on the selection', () => {
    it('is disabled with a hint while nothing is selected, and enabled once members are', async () => {
      const { store, ui, el } = await setup();
      expect(ui.trigger.textContent!.trim()).to.equal('Add to segment');
      expect(ui.trigger.getAttribute('aria-disabled')).to.equal('true');
      expect(el.hasAttribute('no-selection')).to.equal(true);
      const hintId = ui.trigger.getAttribute('aria-describedby')!;
      expect((ui.trigger.getRootNode() as ShadowRoot).getElementById(hintId)!.textContent).to.equal('Select members first');
      await click(ui.trigger);
      expect(ui.isOpen).to.equal(false);
      await expectAccessible(el, 'nothing selected');

      store.select(['m001', 'm002']);
      await settle();
      expect(ui.trigger.hasAttribute('aria-disabled')).to.equal(false);
      expect(el.hasAttribute('no-selection')).to.equal(false);
      await ui.open();
      expect(ui.isOpen).to.equal(true);
    });

    it('opens from code with show() (focus in the search box) and closes with hide() (focus back on the button)', async () => {
      const { store, ui, el } = await setup();
      el.show();
      await settle();
      expect(ui.isOpen, 'nothing selected: show() does nothing').to.equal(false);
      store.select(['m001']);
      await settle();
      el.show();
      await settle();
      expect(ui.isOpen).to.equal(true);
      expect(el.hasAttribute('open')).to.equal(true);
      expect(ui.focused()).to.equal(ui.search);
      el.hide();
      await settle();
      expect(ui.isOpen).to.equal(false);
      expect(el.hasAttribute('open')).to.equal(false);
      expect(ui.focused()).to.equal(ui.trigger);
    });

    it('lists the stored segments (never Unassigned) with counts and colour dots', async () => {
      const { store, ui, el } = await setup();
      store.select(['m001']);
      await ui.open();
      expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs 8']);
      expect(ui.listbox.getAttribute('aria-multiselectable')).to.equal('true');
      const creators = ui.option('Content Creators');
      const dot = creators.querySelector('[part~="option-dot"]')!;
      expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(124, 58, 237)');
      expect(creators.querySelector('[part~="option-count"]')!.textContent).to.equal('6');
      expect(creators.getAttribute('aria-selected')).to.equal('false');
      await expectAccessible(el, 'open');
    });

    it('filters as the user types (case and accents ignored)', async () => {
      const { store, ui } = await setup();
      store.select(['m001']);
      await ui.open();
      await ui.typeSearch('CRÉA');
      expect(ui.optionNames()[0]).to.equal('Content Creators 6');
      expect(ui.optionNames()).to.have.length(2); // the match, then "Create segment “CRÉA”"
      expect(ui.optionNames()[1]).to.equal('Create segment “CRÉA”');
    });

    it('adds the selection to the chosen segments at once, says so politely, and undoes', async () => {
      const { store, ui, el } = await setup();
      store.select(['m001', 'm002', 'm005']);
      await ui.open();
      await ui.pick('VIPs', 'Content Creators');
      expect(ui.selectedNames()).to.deep.equal(['Content Creators', 'VIPs']);
      expect(ui.button('Add').hasAttribute('disabled')).to.equal(false);
      await ui.clickButton('Add');
      expect(ui.isOpen).to.equal(false);
      expect(ui.focused()).to.equal(ui.trigger);
      expect(ui.status.getAttribute('aria-live')).to.equal('polite');
      await waitFor(() => ui.resultText() === 'Added 3 members to VIPs and Content Creators');
      expect(await segmentsOf(store, 'm001')).to.have.members(['vips', 'creators']);
      expect(countOf(store, 'vips')).to.equal(11);
      expect(countOf(store, 'creators')).to.equal(9);
      await expectAccessible(el, 'result');

      await click(ui.button('Undo'));
      await waitFor(() => ui.resultText() === 'Undone');
      expect(await segmentsOf(store, 'm001')).to.deep.equal([]);
      expect(countOf(store, 'vips')).to.equal(8);
      expect(countOf(store, 'creators')).to.equal(6);
      expect(ui.queryButton('Undo')).to.equal(undefined);
    });

    it('reports members skipped because they were already in', async () => {
      const { store, ui } = await setup();
      store.select(['m000', 'm001']);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      await waitFor(() => ui.resultText() === 'Added 1 member to VIPs · 1 already in');
    });

    it('removes the selection from the chosen segments', async () => {
      const { store, ui } = await setup();
      store.select(['m000', 'm003']);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Remove');
      await waitFor(() => ui.resultText() === 'Removed 2 members from VIPs');
      expect(await segmentsOf(store, 'm003')).to.deep.equal([]);
      expect(countOf(store, 'vips')).to.equal(6);
    });

    it('hides Undo when another action became the last one', async () => {
      const { store, ui } = await setup();
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      await waitFor(() => ui.queryButton('Undo'));
      await store.assign(['creators'], { target: { kind: 'ids', ids: ['m002'] } });
      await settle();
      expect(ui.queryButton('Undo')).to.equal(undefined);
    });

    it('acts on member-ids instead of the selection when given', async () => {
      const { store, ui, el } = await setup('<segkit-segment-picker member-ids="m001, m002 m005"></segkit-segment-picker>');
      expect(el.memberIds).to.deep.equal(['m001', 'm002', 'm005']);
      store.select(['m007']);
      await ui.open();
      await ui.pick('Content Creators');
      await ui.clickButton('Add');
      await waitFor(() => ui.resultText() === 'Added 3 members to Content Creators');
      expect(await segmentsOf(store, 'm005')).to.deep.equal(['creators']);
      expect(await segmentsOf(store, 'm007')).to.deep.equal([]);

      el.memberIds = [];
      await settle();
      expect(ui.trigger.getAttribute('aria-disabled')).to.equal('true');
      el.removeAttribute('member-ids');
      await settle();
      expect(el.memberIds).to.equal(undefined);
      expect(ui.trigger.hasAttribute('aria-disabled')).to.equal(false);
    });

    it('shows a rolled-back write with the store\'s message', async () => {
      const broken = faulty(makeAdapter());
      const { store, ui, el } = await setup(undefined, broken.adapter);
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs');
      broken.fail('refuse');
      await ui.clickButton('Add');
      await waitFor(() => ui.errorText() === 'injected refusal');
      expect(el.hasAttribute('error')).to.equal(true);
      expect(ui.resultText()).to.equal('');
      expect(await segmentsOf(store, 'm001')).to.deep.equal([]);
      await expectAccessible(el, 'error');
      await ui.clickButton('Dismiss');
      expect(ui.errorText()).to.equal('');
      expect(el.hasAttribute('error')).to.equal(false);
    });

    it('lets the host replace the error message through the error slot', async () => {
      const broken = faulty(makeAdapter());
      const { store, ui } = await setup('<segkit-segment-picker><span slot="error">Could not save</span></segkit-segment-picker>', broken.adapter);
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs');
      broken.fail('refuse');
      await ui.clickButton('Add');
      await waitFor(() => ui.errorText() === 'Could not save');
    });
  });

  describe('errors in the page\'s language', () => {
    it('on a Spanish page, a rolled-back add shows the Spanish text, not the store\'s English message', async () => {
      const broken = faulty(makeAdapter());
      const { store, ui, el } = await setup('<div lang="es"><segkit-segment-picker></segkit-segment-picker></div>', broken.adapter);
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs');
      broken.fail('refuse');
      await ui.clickButton('Añadir');
      await waitFor(() => ui.errorText() !== '');
      expect(ui.errorText()).to.equal('Algún dato no es válido.');
      expect(el.hasAttribute('error')).to.equal(true);
      await ui.clickButton('Descartar');
      expect(ui.errorText()).to.equal('');
    });

    it('on a Spanish page, a name the server says is taken shows the Spanish text (field mode)', async () => {
      const inner = makeAdapter();
      const taken = new Proxy(inner, {
        get(target, key, receiver) {
          if (key !== 'createSegment') return Reflect.get(target, key, receiver);
          return async () => {
            throw new SegkitError('name-taken', 'A segment named “Replied” already exists.', { field: 'name', status: 409 });
          };
        },
      });
      const { ui, el } = await setup('<form lang="es"><segkit-segment-picker mode="field" name="s" aria-label="Segmento"></segkit-segment-picker></form>', taken);
      await ui.open();
      await ui.typeSearch('Replied');
      await ui.pick('Añadir segmento «Replied»');
      await waitFor(() => ui.errorText() !== '');
      expect(ui.errorText()).to.equal('Ya existe un segmento con ese nombre.');
      expect(el.value).to.deep.equal([]);
      await expectAccessible(el, 'field error, Spanish');
    });

    it('shows a failed preview in the chooser, with the picks kept', async () => {
      const broken = faulty(makeAdapter());
      const { store, ui } = await setup(undefined, broken.adapter);
      await waitFor(() => store.$members.get().total === 24);
      store.selectAllMatching();
      await ui.open();
      await ui.pick('VIPs');
      broken.reads = 'network';
      await ui.clickButton('Add');
      await waitFor(() => ui.errorText() === 'read failed');
      expect(ui.isOpen).to.equal(true);
      expect(ui.selectedNames()).to.deep.equal(['VIPs']);
      expect(ui.queryButton('Confirm')).to.equal(undefined);
    });
  });

  describe('creating a segment', () => {
    it('offers “Create segment” for a new name and adds the selection to it in one step', async () => {
      const { store, ui } = await setup();
      store.select(['m001', 'm002']);
      await ui.open();
      await ui.typeSearch('Gold');
      expect(ui.optionNames()).to.deep.equal(['Create segment “Gold”']);
      await ui.pick('Create segment “Gold”');
      await waitFor(() => ui.resultText() === 'Created “Gold” and added 2 members');
      const gold = store.$segments.get().find((s) => s.name === 'Gold')!;
      expect(gold.memberCount).to.equal(2);
      expect(await segmentsOf(store, 'm002')).to.deep.equal([gold.id]);

      await ui.clickButton('Undo');
      await waitFor(() => ui.resultText() === 'Undone');
      await waitFor(() => !store.$segments.get().some((s) => s.name === 'Gold'));
    });

    it('explains a name that cannot be created, inline, as the user types; never a duplicate', async () => {
      const { store, ui, el } = await setup();
      store.select(['m001']);
      await ui.open();
      expect(ui.search.getAttribute('aria-invalid')).to.equal('false');

      await ui.typeSearch('  vips ');
      expect(ui.search.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.searchDescription()).to.equal('A segment named “VIPs” already exists.');
      expect(ui.optionNames()).to.deep.equal(['VIPs 8']);
      await expectAccessible(el, 'name taken');

      await ui.setSearch('unassigned');
      expect(ui.searchDescription()).to.equal('“unassigned” is a built-in segment name.');
      expect(ui.optionNames()).to.deep.equal([]);
      expect(ui.dialog.textContent).to.contain('No segments match.');

      await ui.setSearch('   ');
      expect(ui.searchDescription()).to.equal('A segment name cannot be empty.');

      await ui.setSearch('abcdefghi'.repeat(9)); // 81 characters
      expect(ui.searchDescription()).to.equal('A segment name can have at most 80 characters.');
      expect(ui.optionNames()).to.deep.equal([]);

      // An invisible character (here a zero-width space) is named as such, not as a control character.
      await ui.setSearch('V\u200bIP');
      expect(ui.searchDescription()).to.equal(
        'A segment name cannot contain line breaks, control characters or invisible characters (like zero-width spaces or text-direction marks).',
      );

      await ui.setSearch('Silver');
      expect(ui.search.getAttribute('aria-invalid')).to.equal('false');
      expect(ui.search.hasAttribute('aria-describedby')).to.equal(false);
      expect(store.$segments.get().map((s) => s.name)).to.deep.equal(['Unassigned', 'Content Creators', 'VIPs']);
    });

    it('asks to confirm creating a segment for “all N matching”', async () => {
      const { store, ui } = await setup();
      await waitFor(() => store.$members.get().total === 24);
      store.selectAllMatching();
      await ui.open();
      await ui.typeSearch('Everyone');
      await ui.pick('Create segment “Everyone”');
      expect(ui.el.shadowRoot!.querySelector('[part~="preview"]')!.textContent).to.contain('Create segment “Everyone” and add 24 members?');
      expect(store.$segments.get().some((s) => s.name === 'Everyone')).to.equal(false);
      expect(ui.focused()).to.equal(ui.button('Confirm'));
      await ui.clickButton('Confirm');
      await waitFor(() => ui.resultText() === 'Created “Everyone” and added 24 members');
      expect(store.$segments.get().find((s) => s.name === 'Everyone')!.memberCount).to.equal(24);
    });
  });

  describe('bulk by query', () => {
    it('shows the preview per segment first and acts only after Confirm', async () => {
      const { store, ui, el } = await setup();
      await waitFor(() => store.$members.get().total === 24);
      store.selectAllMatching();
      await settle();
      await ui.open();
      await ui.pick('VIPs', 'Content Creators');
      await ui.clickButton('Add');
      const preview = await waitFor(() => {
        expect(ui.errorText()).to.equal('');
        return el.shadowRoot!.querySelector('[part~="preview"] ul') && el.shadowRoot!.querySelector('[part~="preview"]');
      });
      const lines = [...preview!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(preview!.querySelector('p')!.textContent).to.equal('24 members selected');
      expect(lines).to.deep.equal(['VIPs: Add 16 · skip 8 already in', 'Content Creators: Add 18 · skip 6 already in']);
      expect(countOf(store, 'vips')).to.equal(8);
      expect(ui.focused()).to.equal(ui.button('Confirm'));
      await expectAccessible(el, 'preview');

      await ui.clickButton('Confirm');
      await waitFor(() => ui.resultText() === 'Added 22 members to VIPs and Content Creators'); // m000 and m012 were in both
      expect(countOf(store, 'vips')).to.equal(24);
      expect(countOf(store, 'creators')).to.equal(24);
    });

    it('goes back from the preview without changing anything', async () => {
      const { store, ui } = await setup();
      await waitFor(() => store.$members.get().total === 24);
      store.selectAllMatching();
      await ui.open();
      await ui.pick('VIPs');
      await ui.clickButton('Remove');
      await waitFor(() => ui.queryButton('Confirm') && !ui.button('Confirm').hasAttribute('disabled'));
      expect(ui.el.shadowRoot!.querySelector('[part~="preview"] li')!.textContent!.trim()).to.equal('VIPs: Remove 8 · skip 16 not in');
      await ui.clickButton('Back');
      expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs 8']);
      expect(ui.selectedNames()).to.deep.equal(['VIPs']);
      expect(ui.focused()).to.equal(ui.search);
      await allTasks();
      expect(countOf(store, 'vips')).to.equal(8);
    });
  });

  describe('keyboard', () => {
    it('opens with ArrowDown, moves with arrows, toggles with Space and Enter, closes with Escape', async () => {
      const { store, ui } = await setup();
      store.select(['m001']);
      await settle();
      ui.trigger.focus();
      await press('ArrowDown');
      expect(ui.isOpen).to.equal(true);
      expect(ui.focused()).to.equal(ui.search);
      expect(ui.activeOption()).to.equal(null);

      await press('ArrowDown');
      expect(ui.activeOption()).to.equal('Content Creators 6');
      await press('ArrowDown');
      expect(ui.activeOption()).to.equal('VIPs 8');
      await press('ArrowDown'); // stays on the last
      expect(ui.activeOption()).to.equal('VIPs 8');
      await ui.pressSpace();
      expect(ui.selectedNames()).to.deep.equal(['VIPs']);
      expect(ui.search.value).to.equal('');
      await press('ArrowUp');
      await press('Enter');
      expect(ui.selectedNames()).to.deep.equal(['Content Creators', 'VIPs']);

      await press('Escape');
      expect(ui.isOpen).to.equal(false);
      expect(ui.focused()).to.equal(ui.trigger);
    });

    it('opens with Enter and Space on the button; typing filters and Space types while no option is active', async () => {
      const { store, ui } = await setup();
      store.select(['m001']);
      await settle();
      ui.trigger.focus();
      await press('Enter');
      expect(ui.isOpen).to.equal(true);
      await press('Escape');
      await ui.pressSpace();
      expect(ui.isOpen).to.equal(true);
      await ui.typeSearch('content c');
      expect(ui.search.value).to.equal('content c');
      expect(ui.optionNames()[0]).to.equal('Content Creators 6');
      await press('ArrowDown');
      await press('Enter');
      expect(ui.selectedNames()).to.deep.equal(['Content Creators']);
    });

    it('Tab moves on to the buttons, and leaving the element closes the popover', async () => {
      const { store, ui } = await setup('<div><segkit-segment-picker></segkit-segment-picker><button id="after">after</button></div>');
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs');
      ui.search.focus();
      await press('Tab');
      expect(ui.focused()).to.equal(ui.button('Remove'));
      await press('Tab');
      expect(ui.focused()).to.equal(ui.button('Add'));
      await press('Tab');
      expect(ui.focused()!.id).to.equal('after');
      expect(ui.isOpen).to.equal(false);
    });

    it('a click outside closes the popover (focus does not jump back to the button)', async () => {
      const { store, ui } = await setup('<div><segkit-segment-picker></segkit-segment-picker><p id="elsewhere">Elsewhere</p></div>');
      store.select(['m001']);
      await ui.open();
      await ui.pick('VIPs', 'Content Creators');
      expect(ui.isOpen).to.equal(true); // clicks inside keep it open
      await click(document.getElementById('elsewhere')!);
      expect(ui.isOpen).to.equal(false);
      expect(ui.focused()).to.not.equal(ui.trigger);
    });

    it('creates a segment from the keyboard: type, ArrowDown to the create option, Enter', async () => {
      const { store, ui } = await setup();
      store.select(['m004']);
      await settle();
      ui.trigger.focus();
      await press('ArrowDown');
      await ui.typeSearch('Beta testers');
      await press('ArrowUp'); // to the last option: the create option
      expect(ui.activeOption()).to.equal('Create segment “Beta testers”');
      await press('Enter');
      await waitFor(() => ui.resultText() === 'Created “Beta testers” and added 1 member');
      expect(ui.focused()).to.equal(ui.trigger);
      expect(store.$segments.get().some((s) => s.name === 'Beta testers')).to.equal(true);
    });
  });

  describe('states', () => {
    it('shows loading until segments arrive', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const inner = makeAdapter();
      const slow = new Proxy(inner, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'listSegments') return value;
          return async (...args: unknown[]) => {
            await gate;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const { ui, el } = await setup('<segkit-segment-picker member-ids="m001"></segkit-segment-picker>', slow, false);
      expect(el.hasAttribute('loading')).to.equal(true);
      await ui.open();
      expect(ui.dialog.textContent).to.contain('Loading segments…');
      await expectAccessible(el, 'loading');
      release();
      await waitFor(() => !el.hasAttribute('loading'));
      await settle();
      expect(ui.optionNames()).to.deep.equal(['Content Creators 6', 'VIPs 8']);
    });

    it('shows the empty state (slot overridable) and still offers to create', async () => {
      const adapter = createMemoryAdapter({ members: makeMembers(5).map((m) => ({ ...m, segmentIds: [] })), segments: [] });
      const { ui, el } = await setup('<segkit-segment-picker member-ids="m001"><span slot="empty">Nothing here yet</span></segkit-segment-picker>', adapter);
      expect(el.hasAttribute('empty')).to.equal(true);
      await ui.open();
      const empty = el.shadowRoot!.querySelector('[part~="empty"] slot') as HTMLSlotElement;
      expect(empty.assignedNodes()[0]!.textContent).to.equal('Nothing here yet');
      await expectAccessible(el, 'empty');
      await ui.typeSearch('First');
      expect(ui.optionNames()).to.deep.equal(['Create segment “First”']);
    });

    it('shows a failed load with Retry', async () => {
      const broken = faulty(makeAdapter());
      broken.reads = 'network';
      const { ui, el } = await setup('<segkit-segment-picker member-ids="m001"></segkit-segment-picker>', broken.adapter);
      await waitFor(() => el.hasAttribute('error'));
      await ui.open();
      expect(ui.errorText()).to.equal('read failed');
      await expectAccessible(el, 'load error');
      broken.reads = 'ok';
      await ui.clickButton('Retry');
      await waitFor(() => ui.optionNames().length === 2);
      expect(el.hasAttribute('error')).to.equal(false);
    });

    it('says when it is offline, and changes still show at once', async () => {
      const { store, ui, el, connectivity } = await setup();
      connectivity.set(false);
      store.select(['m001']);
      await ui.open();
      expect(el.hasAttribute('offline')).to.equal(true);
      expect(ui.dialog.textContent).to.contain('Offline: changes are saved when you are back online.');
      await expectAccessible(el, 'offline');
      await ui.pick('VIPs');
      await ui.clickButton('Add');
      expect(ui.resultText()).to.equal('Adding 1 member to VIPs…');
      expect(countOf(store, 'vips')).to.equal(9);
      connectivity.set(true);
      await waitFor(() => ui.resultText() === 'Added 1 member to VIPs', 5000);
    });

    it('passes axe in the dark theme and right-to-left', async () => {
      const { store, ui, el } = await setup('<segkit-segment-picker theme="dark"></segkit-segment-picker>');
      store.select(['m001']);
      await ui.open();
      await ui.typeSearch('New');
      await press('ArrowDown');
      await expectAccessible(el, 'dark, open');
      el.theme = 'light';
      document.documentElement.setAttribute('dir', 'rtl');
      await settle();
      await expectAccessible(el, 'rtl, open');
    });
  });

  describe('placement', () => {
    it('is not clipped by an embedding page\'s overflow: hidden and transform (the popover is in the top layer)', async () => {
      const { store, ui } = await setup(
        '<div style="overflow: hidden; transform: translateZ(0); height: 48px; width: 220px"><segkit-segment-picker></segkit-segment-picker></div>',
      );
      store.select(['m001']);
      await ui.open();
      const rect = ui.dialog.getBoundingClientRect();
      const clip = ui.el.parentElement!.getBoundingClientRect();
      expect(rect.bottom, 'the popover reaches below the clipping box').to.be.greaterThan(clip.bottom + 40);
      // What the user sees there is the popover (its search box, list, buttons), not the page under it.
      for (const target of [ui.option('VIPs'), ui.button('Add')]) {
        const box = target.getBoundingClientRect();
        expect(box.top, 'outside the clipping box').to.be.greaterThan(clip.bottom);
        const hit = ui.root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        expect(hit === target || target.contains(hit), `${target.textContent!.trim()} is visible`).to.equal(true);
      }
      await ui.pick('VIPs');
      expect(ui.selectedNames()).to.deep.equal(['VIPs']);
    });

    it('keeps the popover on screen when the picker sits at the end or the bottom of the page', async () => {
      const { store, ui } = await setup(
        '<div style="position: fixed; inset-inline-end: 4px; inset-block-end: 4px"><segkit-segment-picker></segkit-segment-picker></div>',
      );
      store.select(['m001']);
      await ui.open();
      const rect = ui.dialog.getBoundingClientRect();
      expect(rect.right, 'not past the right edge').to.be.at.most(document.documentElement.clientWidth);
      expect(rect.left).to.be.at.least(0);
      expect(rect.bottom, 'not below the window').to.be.at.most(document.documentElement.clientHeight);
      expect(rect.top).to.be.at.least(0);
    });

    it('opens below and towards the end when there is room', async () => {
      const { store, ui, el } = await setup('<div style="position: fixed; inset-inline-start: 4px; inset-block-start: 4px"><segkit-segment-picker></segkit-segment-picker></div>');
      store.select(['m001']);
      await ui.open();
      const popover = ui.dialog.getBoundingClientRect();
      const trigger = el.getBoundingClientRect();
      expect(popover.top).to.be.at.least(trigger.bottom);
      expect(Math.round(popover.left)).to.equal(Math.round(trigger.left));
    });
  });

  describe('strings, direction and theming', () => {
    it('takes string overrides, and speaks Spanish', async () => {
      const { store, ui, el } = await setup('<segkit-segment-picker lang="es"></segkit-segment-picker>');
      expect(ui.trigger.textContent!.trim()).to.equal('Añadir al segmento');
      store.select(['m001', 'm002']);
      await ui.open();
      expect(ui.search.placeholder).to.equal('Buscar segmentos…');
      await ui.typeSearch('Oro');
      expect(ui.optionNames()).to.deep.equal(['Crear segmento «Oro»']);
      await ui.setSearch('');
      await ui.pick('VIPs');
      await ui.clickButton('Añadir');
      await waitFor(() => ui.resultText() === 'Se añadieron 2 miembros a VIPs');
      expect(ui.button('Deshacer')).to.not.equal(undefined);

      el.strings = { button: 'Tag members' };
      await settle();
      expect(ui.trigger.textContent!.trim()).to.equal('Tag members');
    });

    it('lets the host replace the button label through the label slot', async () => {
      const { ui } = await setup('<segkit-segment-picker><span slot="label">Segment…</span></segkit-segment-picker>');
      const slot = ui.trigger.querySelector('slot')!;
      expect(slot.assignedNodes()[0]!.textContent).to.equal('Segment…');
    });

    it('opens the popover on the inline-start side in right-to-left', async () => {
      const { store, ui } = await setup('<div dir="rtl" style="width: 600px; display: flex; justify-content: center"><segkit-segment-picker></segkit-segment-picker></div>');
      store.select(['m001']);
      await ui.open();
      const base = ui.el.shadowRoot!.querySelector('[part~="base"]')!.getBoundingClientRect();
      const popover = ui.dialog.getBoundingClientRect();
      expect(Math.round(popover.right)).to.equal(Math.round(base.right));
      expect(popover.left).to.be.lessThan(base.left);
    });

    it('is themed by --segkit-* tokens and ::part()', async () => {
      const style = document.createElement('style');
      style.textContent = `
        .themed { --segkit-segment-picker-button-background: rgb(1, 2, 3); --segkit-color-selected: rgb(4, 5, 6); }
        .themed segkit-segment-picker::part(button) { border-top-width: 5px; }
        .themed segkit-segment-picker::part(option-count) { color: rgb(7, 8, 9); }
      `;
      document.head.append(style);
      try {
        const { store, ui } = await setup('<div class="themed"><segkit-segment-picker></segkit-segment-picker></div>');
        expect(getComputedStyle(ui.trigger).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(ui.trigger).borderTopWidth).to.equal('5px');
        store.select(['m001']);
        await ui.open();
        expect(getComputedStyle(ui.option('VIPs').querySelector('[part~="option-count"]')!).color).to.equal('rgb(7, 8, 9)');
        ui.search.focus();
        await press('ArrowDown');
        expect(getComputedStyle(ui.option('Content Creators')).backgroundColor).to.equal('rgb(4, 5, 6)');
      } finally {
        style.remove();
      }
    });

    it('keeps its layout under hostile page CSS', async () => {
      const { store, ui } = await setup();
      store.select(['m001']);
      await ui.open();
      const measure = () => {
        const rects = [ui.trigger, ui.dialog, ui.search, ui.option('VIPs'), ui.button('Add')].map((e) => e.getBoundingClientRect());
        return rects.map((r) => [Math.round(r.width), Math.round(r.height)]);
      };
      const before = measure();
      const style = document.createElement('style');
      style.textContent = `* { all: unset !important; } button, input, [role] { display: none !important; } div { font-size: 40px !important; line-height: 5 !important; }`;
      document.head.append(style);
      try {
        await settle();
        expect(measure()).to.deep.equal(before);
        expect(getComputedStyle(ui.trigger).display).to.not.equal('none');
      } finally {
        style.remove();
      }
    });
  });

  describe('field mode (a form control)', () => {
    const form = (attrs = '') =>
      `<form><label for="pick">Assign to segment</label><segkit-segment-picker id="pick" mode="field" name="segments" ${attrs}></segkit-segment-picker><button>Save</button></form>`;

    it('submits one form entry per chosen segment, fires input and change, and never touches members', async () => {
      const { store, ui, el } = await setup(form());
      const f = el.closest('form')!;
      expect(ui.trigger.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Assign to segment: Choose segments');
      const seen: string[] = [];
      el.addEventListener('input', (e) => seen.push(`input:${e.bubbles}:${e.composed}`));
      el.addEventListener('change', (e) => seen.push(`change:${e.bubbles}`));
      await ui.open();
      expect(ui.queryButton('Add')).to.equal(undefined);
      await ui.pick('VIPs', 'Content Creators');
      expect(el.value).to.deep.equal(['vips', 'creators']);
      expect(new FormData(f).getAll('segments')).to.deep.equal(['vips', 'creators']);
      expect(seen).to.deep.equal(['input:true:true', 'change:true', 'input:true:true', 'change:true']);
      await expectAccessible(f, 'field, open');
      await ui.clickButton('Done');
      expect(ui.isOpen).to.equal(false);
      expect(ui.trigger.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Assign to segment: VIPs and Content Creators');
      await allTasks();
      expect(countOf(store, 'vips')).to.equal(8);
      expect(store.$lastAction.get()).to.equal(null);
    });

    it('is named by aria-labelledby or aria-label on the host', async () => {
      const { ui, el } = await setup('<div><span id="then">Then assign to segment</span><segkit-segment-picker mode="field" aria-labelledby="then"></segkit-segment-picker></div>');
      expect(ui.trigger.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Then assign to segment: Choose segments');
      el.removeAttribute('aria-labelledby');
      el.setAttribute('aria-label', 'Target segment');
      el.requestUpdate();
      await settle();
      expect(ui.trigger.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Target segment: Choose segments');
    });

    it('takes its value from the attribute and the property, and resets to the attribute', async () => {
      const { ui, el } = await setup(form('value="creators"'));
      const f = el.closest('form')!;
      expect(el.value).to.deep.equal(['creators']);
      expect(new FormData(f).getAll('segments')).to.deep.equal(['creators']);
      el.value = ['vips'];
      await settle();
      expect(new FormData(f).getAll('segments')).to.deep.equal(['vips']);
      expect(ui.trigger.textContent).to.contain('VIPs');
      f.reset();
      await settle();
      expect(el.value).to.deep.equal(['creators']);
      expect(new FormData(f).getAll('segments')).to.deep.equal(['creators']);
    });

    it('is required: valueMissing with a message until a segment is chosen', async () => {
      const { ui, el } = await setup(form('required'));
      const f = el.closest('form')!;
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Choose at least one segment.');
      expect(f.checkValidity()).to.equal(false);
      await ui.open();
      await ui.pick('VIPs');
      expect(el.validity.valid).to.equal(true);
      expect(f.checkValidity()).to.equal(true);
    });

    it('is disabled by its attribute and by a disabled fieldset', async () => {
      const { ui, el } = await setup('<form><fieldset><segkit-segment-picker mode="field" name="s" value="vips"></segkit-segment-picker></fieldset></form>');
      const f = el.closest('form')!;
      el.disabled = true;
      await settle();
      expect(ui.trigger.hasAttribute('disabled')).to.equal(true);
      expect(new FormData(f).getAll('s')).to.deep.equal([]);
      el.disabled = false;
      await settle();
      expect(ui.trigger.hasAttribute('disabled')).to.equal(false);
      el.closest('fieldset')!.disabled = true;
      await settle();
      expect(ui.trigger.hasAttribute('disabled')).to.equal(true);
      expect(new FormData(f).getAll('s')).to.deep.equal([]);
    });

    it('creates a segment inline (“Add Segment”) and chooses it, without assigning anyone', async () => {
      const { store, ui, el } = await setup(form());
      await ui.open();
      await ui.typeSearch('Replied');
      expect(ui.optionNames()).to.deep.equal(['Add Segment “Replied”']);
      await ui.pick('Add Segment “Replied”');
      const created = (await waitFor(() => store.$segments.get().find((s) => s.name === 'Replied')))!;
      expect(el.value).to.deep.equal([created.id]);
      expect(ui.selectedNames()).to.deep.equal(['Replied']);
      expect(ui.search.value).to.equal('');
      await allTasks();
      await store.settled();
      expect(store.$segments.get().find((s) => s.name === 'Replied')!.memberCount).to.equal(0);
      expect(new FormData(el.closest('form')!).getAll('segments')).to.deep.equal([created.id]);
    });

    it('drops an inline-created segment whose creation was refused, and says why', async () => {
      const broken = faulty(makeAdapter());
      const { ui, el } = await setup(form(), broken.adapter);
      await ui.open();
      await ui.typeSearch('Refused');
      broken.fail('refuse');
      await ui.pick('Add Segment “Refused”');
      await waitFor(() => ui.errorText() === 'injected refusal');
      expect(el.value).to.deep.equal([]);
    });
  });

  describe('events', () => {
    it('store events bubble out of a shadow root, composed', async () => {
      const host = document.createElement('div');
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<segkit-segment-picker member-ids="m001"></segkit-segment-picker>';
      const { store } = makeStore(makeAdapter());
      await allTasks();
      const el = shadow.querySelector('segkit-segment-picker') as SegkitSegmentPicker;
      el.store = store;
      await mount(host);
      const ui = new PickerHarness(el);
      const seen: string[] = [];
      const listener = (e: Event) => seen.push(e.type);
      document.addEventListener('segkit-membership-change', listener);
      try {
        await ui.open();
        await ui.pick('VIPs');
        await ui.clickButton('Add');
        await waitFor(() => seen.length === 1);
        expect(seen).to.deep.equal(['segkit-membership-change']);
      } finally {
        document.removeEventListener('segkit-membership-change', listener);
      }
    });
  });

  it('keeps properties set before the tag is defined', async () => {
    const { store } = makeStore(createMemoryAdapter({ members: makeMembers(3), segments: SEGMENTS }));
    await allTasks();
    const el = document.createElement('late-segment-picker') as SegkitSegmentPicker;
    el.store = store;
    el.memberIds = ['m001'];
    el.mode = 'field';
    el.value = ['vips'];
    await mount(el);
    customElements.define('late-segment-picker', class extends SegkitSegmentPicker {});
    await settle();
    const ui = new PickerHarness(el);
    expect(el.mode).to.equal('field');
    expect(ui.trigger.textContent).to.contain('VIPs');
    expect(el.memberIds).to.deep.equal(['m001']);
  });
});
