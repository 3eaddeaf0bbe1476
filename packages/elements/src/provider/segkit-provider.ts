import { ContextProvider } from '@lit/context';
import { createSegmentStore } from '@segkit/core';
import type { SegmentCache, SegmentStore } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { LitElement, css, html } from 'lit';
import type { PropertyValues } from 'lit';
import { storeContext } from '../context.js';
import { attachBridge, detachBridge } from '../internal/bridge.js';

/**
 * @summary Gives a segments store to every segkit element inside it.
 * @tag segkit-provider
 *
 * @description Either set `.store` (any store from `createSegmentStore`), or
 * an `endpoint`: the provider then creates a store over the REST adapter
 * (`@segkit/rest`) at that URL (and destroys it when the endpoint changes or
 * the provider leaves the page). Elements inside find the store through
 * `@lit/context`; an element's own `.store` wins. The provider is also where
 * store events surface as DOM events (`segkit-membership-change`, ...), once.
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
  /** A cache for the store made from `endpoint` (e.g. `@segkit/idb`'s). */
  declare cache: SegmentCache | undefined;
  /** Access token for the REST adapter, asked for before every request. */
  declare getToken: (() => string | undefined | Promise<string | undefined>) | undefined;

  #provider = new ContextProvider(this, { context: storeContext });
  #owned: SegmentStore | undefined;
  #bridged: SegmentStore | undefined;

  /** The store the elements inside use (given, or made from `endpoint`). */
  get activeStore(): SegmentStore | undefined {
    return this.store ?? this.#owned;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bridge(undefined);
    this.#owned?.destroy();
    this.#owned = undefined;
    this.#ownedFor = undefined;
  }

  #ownedFor: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('endpoint') || changed.has('cache') || changed.has('getToken')) this.#sync();
  }

  #sync(): void {
    if (!this.isConnected) return;
    const key = this.store ? undefined : this.endpoint;
    if (key !== this.#ownedFor || (key && !this.#owned)) {
      this.#owned?.destroy();
      this.#owned = undefined;
      this.#ownedFor = key;
      if (key) {
        const getToken = () => this.getToken?.();
        this.#owned = createSegmentStore({
          adapter: createRestAdapter({ baseUrl: key, getToken }),
          ...(this.cache ? { cache: this.cache } : {}),
        });
      }
    }
    const store = this.activeStore;
    this.#bridge(store);
    this.#provider.setValue(store);
  }

  #bridge(store: SegmentStore | undefined): void {
    if (store === this.#bridged) return;
    if (this.#bridged) detachBridge(this.#bridged, this);
    this.#bridged = store;
    if (store) attachBridge(store, this);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
