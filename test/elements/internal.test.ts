/**
 * The shared element layer: the top-layer popover, focus kept inside an
 * element, connectors bound to the active store, strings and error texts.
 * Each is driven through a tiny test element, as an element would use it.
 */
import type { SegmentStore } from '@segkit/core';
import { LitElement, css, html, nothing } from 'lit';
import { atom } from 'nanostores';
import { ConnectorController } from '../../packages/elements/src/internal/connector-controller.js';
import type { Connector } from '../../packages/elements/src/internal/connector.js';
import { FocusController } from '../../packages/elements/src/internal/focus.js';
import { PopoverController, placement, popoverStyles } from '../../packages/elements/src/internal/popover.js';
import { errorText, mergeLocales, translate } from '../../packages/elements/src/internal/strings.js';
import { SegkitError } from '@segkit/core';
import { cleanup, makeAdapter, makeStore } from '../core/fixtures.js';
import { click, focused, mount, press, settle, unmountAll } from '../setup/dom.js';
import { expect } from '../setup/expect.js';

class TestPopover extends LitElement {
  static override properties = { open: { type: Boolean, reflect: true } };
  declare open: boolean;
  static override styles = [
    popoverStyles,
    css`
      .base {
        position: relative;
        display: inline-block;
      }
      .popover {
        inline-size: 240px;
        block-size: 160px;
        background: white;
        border: 1px solid black;
      }
    `,
  ];
  readonly dismiss = new PopoverController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLElement>('#trigger'),
    panel: () => this.renderRoot.querySelector<HTMLElement>('.popover'),
    isOpen: () => this.open,
    close: (returnFocus) => {
      this.open = false;
      if (returnFocus) this.dismiss.returnFocus();
    },
  });
  constructor() {
    super();
    this.open = false;
  }
  override render() {
    return html`<div class="base">
      <button id="trigger" @click=${() => (this.open = !this.open)}>Open</button>
      ${this.open ? html`<div class="popover" popover="manual" role="dialog" aria-label="Panel"><button id="inside">Inside</button></div>` : nothing}
    </div>`;
  }
}
customElements.define('test-popover', TestPopover);

class TestFocus extends LitElement {
  static override properties = { done: { type: Boolean } };
  declare done: boolean;
  readonly focuser = new FocusController(this, { fallback: () => this.renderRoot.querySelector<HTMLElement>('#fallback') });
  constructor() {
    super();
    this.done = false;
  }
  override render() {
    return html`<button id="fallback">Fallback</button>
      <button id="reset" ?disabled=${this.done} @click=${() => (this.done = true)}>Reset</button>
      ${this.done ? nothing : html`<button id="removed" @click=${() => (this.done = true)}>Removed when done</button>`}`;
  }
}
customElements.define('test-focus', TestFocus);

describe('shared element layer', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  describe('popover', () => {
    it('opens in the top layer: an ancestor with overflow hidden and a transform does not clip it', async () => {
      const el = await mount<HTMLElement>(
        '<div style="overflow: hidden; transform: translateZ(0); height: 40px; width: 120px"><test-popover></test-popover></div>',
      );
      const host = el.querySelector('test-popover') as TestPopover;
      await click(host.shadowRoot!.querySelector<HTMLElement>('#trigger')!);
      await settle();
      const panel = host.shadowRoot!.querySelector<HTMLElement>('.popover')!;
      const rect = panel.getBoundingClientRect();
      expect(rect.height).to.equal(160);
      // The panel's lower part lies outside the 40px-high clipping ancestor, yet it is what the user sees there.
      const hit = host.shadowRoot!.elementFromPoint(rect.left + rect.width / 2, rect.bottom - 10);
      expect(hit === panel || panel.contains(hit)).to.equal(true);
    });

    it('flips above its trigger at the bottom of the viewport and stays inside it horizontally', async () => {
      const el = await mount<HTMLElement>(
        '<div style="position: fixed; inset-block-end: 4px; inset-inline-end: 4px"><test-popover></test-popover></div>',
      );
      const host = el.querySelector('test-popover') as TestPopover;
      host.open = true;
      await settle();
      const panel = host.shadowRoot!.querySelector<HTMLElement>('.popover')!;
      const trigger = host.shadowRoot!.querySelector<HTMLElement>('#trigger')!.getBoundingClientRect();
      const rect = panel.getBoundingClientRect();
      expect(rect.bottom).to.be.at.most(trigger.top);
      expect(rect.right).to.be.at.most(document.documentElement.clientWidth);
      expect(rect.left).to.be.at.least(0);
    });

    it('closes on Escape and returns focus to its trigger', async () => {
      const host = await mount<TestPopover>('<test-popover></test-popover>');
      await click(host.shadowRoot!.querySelector<HTMLElement>('#trigger')!);
      await settle();
      host.shadowRoot!.querySelector<HTMLElement>('#inside')!.focus();
      await press('Escape');
      await settle();
      expect(host.open).to.equal(false);
      expect(focused()?.id).to.equal('trigger');
    });

    it('closes on a pointer press outside, and not on one inside', async () => {
      const host = await mount<TestPopover>('<test-popover></test-popover>');
      host.open = true;
      await settle();
      host.shadowRoot!.querySelector('#inside')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await settle();
      expect(host.open).to.equal(true);
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await settle();
      expect(host.open).to.equal(false);
    });

    it('places below the trigger when there is room, above when there is more room there', () => {
      const viewport = { width: 800, height: 600 };
      const panel = { width: 200, height: 300 };
      const low = placement({ top: 500, bottom: 530, left: 700, right: 760 }, panel, viewport, false);
      expect(low.side).to.equal('top');
      expect(low.top + panel.height).to.be.at.most(500);
      expect(low.left + panel.width, 'aligned with the trigger end edge').to.equal(760);
      const wide = placement({ top: 20, bottom: 50, left: 380, right: 420 }, { width: 700, height: 100 }, viewport, false);
      expect(wide.left + 700, 'neither edge fits: shifted inside the viewport').to.equal(800 - 8);
      const high = placement({ top: 20, bottom: 50, left: 10, right: 60 }, panel, viewport, false);
      expect(high).to.deep.include({ side: 'bottom', top: 54, left: 10 });
      const rtl = placement({ top: 20, bottom: 50, left: 300, right: 400 }, panel, viewport, true);
      expect(rtl.left).to.equal(200);
    });
  });

  describe('focus', () => {
    it('keeps focus inside when the focused control becomes disabled', async () => {
      const host = await mount<TestFocus>('<test-focus></test-focus>');
      const reset = host.shadowRoot!.querySelector<HTMLElement>('#reset')!;
      reset.focus();
      await click(reset);
      await settle();
      expect(focused()?.id).to.equal('fallback');
    });

    it('keeps focus inside when the focused control is removed', async () => {
      const host = await mount<TestFocus>('<test-focus></test-focus>');
      const removed = host.shadowRoot!.querySelector<HTMLElement>('#removed')!;
      removed.focus();
      await click(removed);
      await settle();
      expect(focused()?.id).to.equal('fallback');
    });

    it('moves focus after the next render', async () => {
      const host = await mount<TestFocus>('<test-focus></test-focus>');
      host.focuser.focusAfterUpdate('#reset');
      await settle();
      expect(focused()?.id).to.equal('reset');
    });

    it('does not take focus back when the user moved it elsewhere', async () => {
      const host = await mount<TestFocus>('<test-focus></test-focus><input id="outside" />');
      const outside = document.getElementById('outside')!;
      outside.focus();
      host.done = true;
      await settle();
      expect(document.activeElement).to.equal(outside);
    });
  });

  describe('connector controller', () => {
    it('builds a connector for the active store, rebuilds it when the store changes, destroys it on disconnect', async () => {
      const made: Array<{ store: SegmentStore; destroyed: boolean }> = [];
      class TestConnected extends LitElement {
        static override properties = { store: { attribute: false } };
        declare store: SegmentStore | undefined;
        readonly connected = new ConnectorController(
          this,
          () => this.store,
          (store): Connector<{ n: number }> & { bump(): void } => {
            const record = { store, destroyed: false };
            made.push(record);
            const $state = atom({ n: 0 });
            return { $state, bump: () => $state.set({ n: $state.get().n + 1 }), destroy: () => (record.destroyed = true) };
          },
        );
        override render() {
          return html`<output>${this.connected.value?.$state.get().n ?? 'none'}</output>`;
        }
      }
      customElements.define('test-connected', TestConnected);
      const el = await mount<TestConnected>('<test-connected></test-connected>');
      const text = () => el.shadowRoot!.querySelector('output')!.textContent;
      expect(text()).to.equal('none');
      const first = makeStore(makeAdapter()).store;
      el.store = first;
      await settle();
      expect(made.map((m) => m.store)).to.deep.equal([first]);
      el.connected.value!.bump();
      await settle();
      expect(text()).to.equal('1');
      const second = makeStore(makeAdapter()).store;
      el.store = second;
      await settle();
      expect(made).to.have.length(2);
      expect(made[0]!.destroyed).to.equal(true);
      expect(text()).to.equal('0');
      el.remove();
      expect(made[1]!.destroyed).to.equal(true);
    });
  });

  describe('strings', () => {
    it('merges locale tables key by key, later tables winning', () => {
      const merged = mergeLocales({ en: { a: 'A', b: 'B' }, es: { a: 'a' } }, { en: { b: 'Bee' }, fr: { a: 'à' } });
      expect(merged).to.deep.equal({ en: { a: 'A', b: 'Bee' }, es: { a: 'a' }, fr: { a: 'à' } });
    });

    it('translates an error by its code, else shows the store message', () => {
      const table = { en: {}, es: { 'error.name-taken': 'Ya existe.' } };
      const t = (lang: string) => (key: string) => translate(key, undefined, lang, undefined, table);
      const error = new SegkitError('name-taken', 'A segment named “VIPs” already exists.');
      expect(errorText(t('es'), error)).to.equal('Ya existe.');
      expect(errorText(t('en'), error)).to.equal('A segment named “VIPs” already exists.');
    });
  });
});


