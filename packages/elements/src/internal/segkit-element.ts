import { ContextConsumer } from '@lit/context';
import type { SegmentStore } from '@segkit/core';
import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { storeContext } from '../context.js';
import { attachBridge, detachBridge } from './bridge.js';
import { commonStrings } from './common.strings.js';
import { ConnectorController } from './connector-controller.js';
import type { Connector } from './connector.js';
import { reflectStates } from './status.js';
import type { StateAttributes } from './status.js';
import { localeLoading, mergeLocales, onStringsChange, translate } from './strings.js';
import type { LocaleTable, Strings } from './strings.js';

/** Built-in strings of each element class, merged over the common ones (computed once a class). */
const builtInStrings = new WeakMap<typeof SegkitElement, LocaleTable>();

/**
 * Base of every segkit element: finds the store (its own `.store`, else the
 * nearest `segkit-provider`'s), subscribes to the atoms the element reads
 * (and unsubscribes on disconnect), bridges store events to DOM events once,
 * builds the element's headless connector, reflects its state attributes,
 * and looks up strings (the element's own over `commonStrings`).
 *
 * Properties are declared with `static properties` and `declare` fields (no
 * decorators), so the classes work with any build tool and setting a property
 * before or after the element is defined gives the same result.
 */
export abstract class SegkitElement extends LitElement {
  static override properties = {
    store: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
  };

  /** The store to use; when unset, the nearest `segkit-provider`'s. */
  declare store: SegmentStore | undefined;
  /** Overrides for visible strings, by key (see the README's strings table). */
  declare strings: Strings | undefined;
  /** `light` (default), `dark`, or `auto` (follows the user's preference). */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  /** Built-in strings by language; `en` is required. */
  static locales: LocaleTable = { en: {} };

  #consumer = new ContextConsumer(this, { context: storeContext, subscribe: true });
  #active: SegmentStore | undefined;
  #unsubscribe: Array<() => void> = [];
  #offStrings: (() => void) | undefined;
  /** Built-in strings of the element's language on their way (the lazy loader's build; decision 032). */
  #stringsLoading: Promise<void> | undefined;

  constructor() {
    super();
    // Values set before the element was upgraded need no code here: Lit saves
    // own instance properties of declared properties and re-applies them at
    // the first update, after constructor defaults.
  }

  /** The store in use: `.store`, else the provider's. */
  protected get activeStore(): SegmentStore | undefined {
    return this.store ?? this.#consumer.value;
  }

  /**
   * Builds this element's connector for its active store (again when the
   * store changes) and re-renders on the connector's state. Call once, in a
   * field initializer: `#picker = this.connector((store) => createPicker(store))`.
   */
  protected connector<C extends Connector<unknown>>(create: (store: SegmentStore) => C): ConnectorController<C> {
    return new ConnectorController(this, () => this.activeStore, create);
  }

  /** Sets the element's state attributes (`loading`, `empty`, `error`, `offline`, ...); call in `willUpdate`. */
  protected reflectStates(states: StateAttributes): void {
    reflectStates(this, states);
  }

  /** The atoms this element renders from; it re-renders when any changes. */
  protected watch(_store: SegmentStore): ReadableAtom<unknown>[] {
    return [];
  }

  /** Called when the active store changes (after subscribing). */
  protected storeChanged(_store: SegmentStore | undefined, _previous: SegmentStore | undefined): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.#offStrings = onStringsChange(() => this.requestUpdate());
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offStrings?.();
    this.#release();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#sync();
  }

  #sync(): void {
    const next = this.isConnected ? this.activeStore : undefined;
    if (next === this.#active) return;
    const previous = this.#active;
    this.#release();
    this.#active = next;
    if (next) {
      attachBridge(next, this);
      for (const $atom of this.watch(next)) this.#unsubscribe.push($atom.listen(() => this.requestUpdate()));
    }
    this.storeChanged(next, previous);
    this.requestUpdate();
  }

  #release(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#active) detachBridge(this.#active, this);
    this.#active = undefined;
  }

  /** The element's language: its own `lang`, else the nearest ancestor's (through shadow roots), else English. */
  protected get language(): string {
    let node: Node | null = this;
    while (node) {
      if (node instanceof HTMLElement && node.lang) return node.lang;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return document.documentElement.lang || 'en';
  }

  /** A visible string: `t('add')`, `t('selected', { count: 3 })`. */
  protected t(key: string, params?: Record<string, string | number>): string {
    const ctor = this.constructor as typeof SegkitElement;
    let builtIn = builtInStrings.get(ctor);
    if (!builtIn) {
      builtIn = mergeLocales(commonStrings, ctor.locales);
      builtInStrings.set(ctor, builtIn);
    }
    const lang = this.language;
    this.#stringsLoading = localeLoading.load?.(builtIn, lang) ?? this.#stringsLoading;
    return translate(key, params, lang, this.strings, builtIn);
  }

  /** Also waits for the built-in strings of the element's language, and the render in them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let loading = this.#stringsLoading; loading; loading = this.#stringsLoading) {
      this.#stringsLoading = undefined;
      await loading;
      result = await super.getUpdateComplete();
    }
    return result;
  }
}
