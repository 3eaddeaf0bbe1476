import { ContextProvider } from '@lit/context';
import { createSegmentStore } from '@segkit/core';
import type { SegmentCache, SegmentStore } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { LitElement, css, html } from 'lit';
import type { PropertyValues } from 'lit';
import { storeContext } from '../context.js';
import { attachBridge, detachBridge } from '../internal/bridge.js';

/** A store the provider made from `endpoint` (and `cache`), and destroys when either changes. */
interface OwnedStore {
  store: SegmentStore;
  endpoint: string;
  cache: SegmentCache | undefined;
}

/**
 * @summary Gives a segments store to every segkit element inside it.
 * @tag segkit-provider
 *
 * @description Either set `.store` (any store from `createSegmentStore`), or
 * an `endpoint`: the provider then creates a store over the REST adapter
 * (`@segkit/rest`) at that URL, with `.cache` when given and `.getToken`
 * asked before every request (and destroys that store when `endpoint` or
 * `cache` changes, `.store` is set, or the provider leaves the page). Set
 * these before or after the provider connects: the result is the same.
 * Elements inside find the store through `@lit/context`; an element's own
 * `.store` wins. The provider is also where store events surface as DOM
 * events (`segkit-membership-change`, ...), once per change.
 *
 * It renders nothing of its own (`display: contents`): no parts, no custom
 * properties, no state attributes.
 *
 * @slot - The segkit elements (and anything else) that share the store.
 *
 * @fires segkit-membership-change - Members were added to or removed from segments (saved, or made elsewhere).
 * @fires segkit-segment-create - A segment was created (saved).
 * @fires segkit-segment-rename - A segment was renamed (saved).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved).
 * @fires segkit-segment-delete - A segment was deleted (saved).
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable.
 */
export class SegkitProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    store: { attribute: false },
    endpoint: { reflect: true },
    cache: { attribute: false },
    getToken: { attribute: false },
  };

  /** The store to provide. When set, `endpoint` is ignored. */
  declare store: SegmentStore | undefined;
  /** Base URL of a segkit REST backend, e.g. `/api` or `https://api.example.com/segkit`. */
  declare endpoint: string | undefined;
  /** A cache for the store made from `endpoint` (e.g. `@segkit/idb`'s); changing it makes a new store over it. */
  declare cache: SegmentCache | undefined;
  /** Access token for the REST adapter, asked for before every request (changing it needs no new store). */
  declare getToken: (() => string | undefined | Promise<string | undefined>) | undefined;

  #provider = new ContextProvider(this, { context: storeContext });
  #owned: OwnedStore | undefined;
  /** The store whose events this provider dispatches (see internal/bridge.ts). */
  #bridged: SegmentStore | undefined;

  /** The store the elements inside use (given, or made from `endpoint`). */
  get activeStore(): SegmentStore | undefined {
    return this.store ?? this.#owned?.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bridge(undefined);
    this.#release();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('endpoint') || changed.has('cache')) this.#sync();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #sync(): void {
    if (!this.isConnected) return;
    const endpoint = this.store ? undefined : this.endpoint;
    const owned = this.#owned;
    if (owned && (owned.endpoint !== endpoint || owned.cache !== this.cache)) this.#release();
    if (endpoint && !this.#owned) {
      const cache = this.cache;
      const adapter = createRestAdapter({ baseUrl: endpoint, getToken: () => this.getToken?.() });
      this.#owned = { endpoint, cache, store: createSegmentStore({ adapter, ...(cache ? { cache } : {}) }) };
    }
    const store = this.activeStore;
    this.#bridge(store);
    this.#provider.setValue(store);
  }

  #release(): void {
    this.#owned?.store.destroy();
    this.#owned = undefined;
  }

  #bridge(store: SegmentStore | undefined): void {
    if (store === this.#bridged) return;
    if (this.#bridged) detachBridge(this.#bridged, this);
    this.#bridged = store;
    if (store) attachBridge(store, this);
  }
}
