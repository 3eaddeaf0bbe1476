/**
 * The Lit glue of a connector: builds the element's connector for its active
 * store, re-renders on its state, and destroys it when the store changes or
 * the element disconnects. Elements get one with `this.connector(create)`.
 */
import type { SegmentStore } from '@segkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Connector } from './connector.js';

export class ConnectorController<C extends Connector<unknown>> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: () => SegmentStore | undefined;
  readonly #create: (store: SegmentStore) => C;
  #connected = false;
  #for: SegmentStore | undefined;
  #connector: C | undefined;
  #unlisten: (() => void) | undefined;

  /**
   * @param store the element's active store, read at each update
   * @param create builds the connector for a store
   */
  constructor(host: ReactiveControllerHost, store: () => SegmentStore | undefined, create: (store: SegmentStore) => C) {
    this.#host = host;
    this.#store = store;
    this.#create = create;
    host.addController(this);
  }

  /** The connector for the active store, or undefined while there is none (or the element is not connected). */
  get value(): C | undefined {
    this.#sync();
    return this.#connector;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#release();
  }

  #sync(): void {
    const store = this.#connected ? this.#store() : undefined;
    if (store === this.#for && (store === undefined || this.#connector)) return;
    this.#release();
    this.#for = store;
    if (!store) return;
    const connector = this.#create(store);
    this.#connector = connector;
    this.#unlisten = connector.$state.listen(() => this.#host.requestUpdate());
    this.#host.requestUpdate();
  }

  #release(): void {
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#connector?.destroy();
    this.#connector = undefined;
    this.#for = undefined;
  }
}
