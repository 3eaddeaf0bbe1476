/**
 * Changes from outside the store: the adapter's live events (another tab,
 * another user) and the device going offline and back. Own writes echoed back
 * by the adapter are recognised by their request id and ignored.
 */
import type { AdapterChangeEvent, SegmentsAdapter } from '../adapter.js';
import { createId } from '../ids.js';
import type { Emitter } from './emitter.js';
import type { Connectivity, StoreEvents } from './types.js';

export interface LiveOptions {
  adapter: Pick<SegmentsAdapter, 'subscribe'>;
  connectivity: Connectivity;
  events: Emitter<StoreEvents>;
  /** True for the request id of a write made by this store. */
  isOwn(requestId: string): boolean;
  /** Invite links changed elsewhere. */
  invitesChanged(): void;
  /** Segments or members changed elsewhere. */
  dataChanged(): void;
  /** The device went offline (`false`) or came back (`true`). */
  connectivityChanged(online: boolean): void;
}

/** Starts following; returns the function that stops. */
export function followChanges(options: LiveOptions): () => void {
  const { events } = options;
  const offAdapter = options.adapter.subscribe?.((event: AdapterChangeEvent) => {
    if (event.requestId !== undefined && options.isOwn(event.requestId)) return;
    if (event.type === 'membership') {
      events.emit('membership', {
        mutationId: event.requestId ?? createId('remote_'),
        op: event.change.op,
        segmentIds: [...event.change.segmentIds],
        target: event.change.target,
        source: event.change.source,
        phase: 'remote',
        result: event.result,
      });
    }
    if (event.type === 'invites') {
      options.invitesChanged();
      return;
    }
    options.dataChanged();
  });
  const offConnectivity = options.connectivity.subscribe((online) => options.connectivityChanged(online));
  return () => {
    offAdapter?.();
    offConnectivity();
  };
}
