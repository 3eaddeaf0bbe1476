import { ContextConsumer, ContextProvider } from '@lit/context';
import { createSegmentStore } from '@segkit/core';
import type { SegmentCache, SegmentField, SegmentStore, TabSync } from '@segkit/core';
import { createTabSync } from '@segkit/idb';
import { LitElement, css, html } from 'lit';
import type { PropertyValues } from 'lit';
import { storeContext } from '../context.js';
import { attachBridge, detachBridge } from '../internal/bridge.js';
import { idbCache, restAdapter } from './remote.js';

/** A store the provider made from `endpoint`, with what it made for it; all let go when one of `Made` changes. */
interface OwnedStore extends Made {
  store: SegmentStore;
  /** The IndexedDB cache and tab sync the provider made (not a cache the host gave). */
  idb: { close(): void } | undefined;
  tabs: TabSync;
}

/** What an owned store was made from. */
interface Made {
  endpoint: string;
  cache: SegmentCache | null | undefined;
  namespace: string;
  noCache: boolean;
  segmentFields: readonly SegmentField[] | undefined;
}

/**
 * @summary Gives a segments store to every segkit element inside it.
 * @tag segkit-provider
 *
 * @description Either set `.store` (any store from `createSegmentStore`), or
 * an `endpoint`: the provider then creates a store over the REST adapter
 * (`@segkit/rest`) at that URL, with `.getToken` asked before every request.
 * That store caches in IndexedDB (`createIdbCache` from `@segkit/idb`, under
 * the namespace `cache-key`, else the endpoint) and agrees with the other
 * tabs (`createTabSync`, same namespace). Opt out of the cache with the
 * `no-cache` attribute or `.cache = null`; give your own with `.cache`.
 * When `.getToken` changes (the user signed in again), the provider calls
 * `store.resume()`, so writes held back by an `unauthorized` answer go out.
 * `.segmentFields` declares the per-segment data that store carries (a
 * discount code: `createSegmentStore({ segmentFields })`); set it once.
 * A token belongs to the origin of the endpoint it was given with: when
 * `endpoint` moves to another origin, no token is sent there until `.getToken`
 * is set again (requests go without one, an `unauthorized` answer pauses the
 * writes, the new `.getToken` resumes them). The same origin keeps the token.
 * It destroys that store (and closes what it made for it) when `endpoint`,
 * `cache-key`, `no-cache`, `.cache` or `.segmentFields` changes, `.store` is set, or the
 * provider leaves the page. Set these before or after the provider connects:
 * the result is the same. Elements inside find the store through
 * `@lit/context`; an element's own `.store` wins. A provider with neither
 * `.store` nor `endpoint` passes on the store of the provider around it (if
 * any), so an empty nested provider never hides it. Store events surface as
 * DOM events (`segkit-membership-change`, ...) once per change: a change a
 * widget made comes from that widget and bubbles through the provider; the
 * provider itself dispatches the changes no widget made (headless calls,
 * other tabs and users, invite links, automation; decision 030).
 *
 * It renders nothing of its own (`display: contents`): no parts, no custom
 * properties, no state attributes.
 *
 * @slot - The segkit elements (and anything else) that share the store.
 *
 * @fires segkit-membership-change - Members were added to or removed from segments (saved, or made elsewhere). Dispatched here when no widget made the change; a widget's own bubbles up from it.
 * @fires segkit-segment-create - A segment was created (saved). Dispatched here when no widget made it.
 * @fires segkit-segment-rename - A segment was renamed (saved). Dispatched here when no widget made it.
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Dispatched here when no widget made it.
 * @fires segkit-segment-delete - A segment was deleted (saved). Dispatched here when no widget made it.
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable. Dispatched here unless it is the failure of a widget's own write.
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
    cacheKey: { attribute: 'cache-key' },
    noCache: { type: Boolean, attribute: 'no-cache' },
    cache: { attribute: false },
    getToken: { attribute: false },
    segmentFields: { attribute: false },
  };

  /** The store to provide. When set, `endpoint` is ignored. */
  declare store: SegmentStore | undefined;
  /** Base URL of a segkit REST backend, e.g. `/api` or `https://api.example.com/segkit`. */
  declare endpoint: string | undefined;
  /**
   * The cache's namespace (`cache-key`): whose data it is. Include the signed-in
   * user (`https://api.example.com/segkit|user_42`) so that two users of one
   * browser never see each other's cache. Default: the endpoint.
   */
  declare cacheKey: string | undefined;
  /** No cache at all (`no-cache`): the store keeps everything in memory. */
  declare noCache: boolean;
  /**
   * The cache of the store made from `endpoint`: unset for the IndexedDB cache,
   * `null` for none, or your own `SegmentCache`; changing it makes a new store.
   */
  declare cache: SegmentCache | null | undefined;
  /**
   * Access token for the REST adapter, asked for before every request. Changing
   * it needs no new store: the provider calls `store.resume()` instead.
   */
  declare getToken: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** The segment fields of the store made from `endpoint` (`createSegmentStore({ segmentFields })`); a new list makes a new store. */
  declare segmentFields: readonly SegmentField[] | undefined;

  constructor() {
    super();
    this.noCache = false;
  }

  #provider = new ContextProvider(this, { context: storeContext });
  /** The store of a provider around this one, passed on when this one has none of its own. */
  #outer = new ContextConsumer(this, { context: storeContext, subscribe: true, callback: () => this.#sync() });
  #owned: OwnedStore | undefined;
  /**
   * The origin `.getToken`'s tokens are for: that of the endpoint when it was
   * set (null: set before any endpoint; bound to the first one used).
   */
  #tokenOrigin: string | null = null;
  /** The store whose events this provider dispatches (see internal/bridge.ts). */
  #bridged: SegmentStore | undefined;

  /** The store the elements inside use (given, made from `endpoint`, or else the outer provider's). */
  get activeStore(): SegmentStore | undefined {
    return this.store ?? this.#owned?.store ?? this.#outer.value;
  }

  /** Its own store (given or made), not one passed on from an outer provider. */
  get #ownStore(): SegmentStore | undefined {
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
    const owned = this.#owned;
    if (changed.has('getToken')) this.#tokenOrigin = this.endpoint ? originOf(this.endpoint) : null;
    const remake = changed.has('store') || changed.has('endpoint') || changed.has('cache') || changed.has('cacheKey') || changed.has('noCache') || changed.has('segmentFields');
    if (remake) this.#sync();
    // A new token for the same store: writes held back by `unauthorized` may go.
    if (changed.has('getToken') && owned && owned === this.#owned) owned.store.resume();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** What a store made now would be made from. */
  #wanted(endpoint: string): Made {
    return { endpoint, cache: this.cache, namespace: this.cacheKey || endpoint, noCache: this.noCache, segmentFields: this.segmentFields };
  }

  #sync(): void {
    if (!this.isConnected) return;
    const endpoint = this.store ? undefined : this.endpoint;
    const owned = this.#owned;
    if (owned) {
      const wanted = endpoint ? this.#wanted(endpoint) : undefined;
      const same = wanted && (Object.keys(wanted) as Array<keyof Made>).every((key) => owned[key] === wanted[key]);
      if (!same) this.#release();
    }
    if (endpoint && !this.#owned) this.#owned = this.#make(this.#wanted(endpoint));
    // The outer provider dispatches its own store's events; only our own are bridged here.
    this.#bridge(this.#ownStore);
    this.#provider.setValue(this.activeStore);
  }

  /** The token for a request to `endpoint`: none when `.getToken` was given for another origin. */
  #token(endpoint: string): string | undefined | Promise<string | undefined> {
    const origin = originOf(endpoint);
    this.#tokenOrigin ??= origin;
    return this.#tokenOrigin === origin ? this.getToken?.() : undefined;
  }

  #make(made: Made): OwnedStore {
    // The REST adapter and the IndexedDB cache load with the store's first read (./remote.ts, decision 032).
    const adapter = restAdapter({ baseUrl: made.endpoint, getToken: () => this.#token(made.endpoint) });
    const idb = made.cache === undefined && !made.noCache ? idbCache({ namespace: made.namespace }) : undefined;
    const cache = made.noCache ? undefined : (made.cache ?? idb);
    const tabs = createTabSync({ namespace: made.namespace });
    const fields = made.segmentFields ? { segmentFields: made.segmentFields } : {};
    const store = createSegmentStore({ adapter, tabs, ...fields, ...(cache ? { cache } : {}) });
    return { ...made, store, idb, tabs };
  }

  #release(): void {
    const owned = this.#owned;
    this.#owned = undefined;
    if (!owned) return;
    owned.store.destroy();
    owned.tabs.close();
    owned.idb?.close();
  }

  #bridge(store: SegmentStore | undefined): void {
    if (store === this.#bridged) return;
    if (this.#bridged) detachBridge(this.#bridged, this);
    this.#bridged = store;
    if (store) attachBridge(store, this);
  }
}

/** The origin of an endpoint (relative ones against the page); the endpoint itself when it is not a URL. */
function originOf(endpoint: string): string {
  try {
    return new URL(endpoint, document.baseURI).origin;
  } catch {
    return endpoint;
  }
}
