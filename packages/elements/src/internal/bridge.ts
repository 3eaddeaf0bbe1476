/**
 * Store events become DOM events exactly once per store, dispatched from one
 * element: the first connected segkit element that uses the store (the
 * provider, when there is one, since it connects before its children). See
 * docs/decisions/008-store-events-dispatch-once.md.
 */
import type { SegmentStore } from '@segkit/core';
import { SegkitErrorEvent } from '../events/error.js';
import { SegkitMembershipChangeEvent } from '../events/membership-change.js';
import { SegkitSegmentCreateEvent } from '../events/segment-create.js';
import { SegkitSegmentDeleteEvent } from '../events/segment-delete.js';
import { SegkitSegmentRenameEvent } from '../events/segment-rename.js';
import { SegkitSegmentUpdateEvent } from '../events/segment-update.js';

interface Bridge {
  elements: HTMLElement[];
  off: () => void;
}

const bridges = new WeakMap<SegmentStore, Bridge>();

function owner(bridge: Bridge): HTMLElement | undefined {
  return bridge.elements.find((el) => el.isConnected);
}

export function attachBridge(store: SegmentStore, element: HTMLElement): void {
  let bridge = bridges.get(store);
  if (!bridge) {
    const created: Bridge = { elements: [], off: () => undefined };
    const dispatch = (event: Event) => owner(created)?.dispatchEvent(event);
    const offs = [
      store.on('membership', (e) => {
        if (e.phase === 'confirmed' || e.phase === 'remote') dispatch(new SegkitMembershipChangeEvent(e));
      }),
      store.on('segment', (e) => {
        if (e.phase !== 'confirmed') return;
        if (e.action === 'create') dispatch(new SegkitSegmentCreateEvent(e));
        else if (e.action === 'delete') dispatch(new SegkitSegmentDeleteEvent(e));
        else {
          if (e.previous && e.previous.name !== e.segment.name) dispatch(new SegkitSegmentRenameEvent(e));
          dispatch(new SegkitSegmentUpdateEvent(e));
        }
      }),
      store.on('error', (e) => dispatch(new SegkitErrorEvent(e))),
    ];
    created.off = () => offs.forEach((off) => off());
    bridges.set(store, created);
    bridge = created;
  }
  if (!bridge.elements.includes(element)) bridge.elements.push(element);
}

export function detachBridge(store: SegmentStore, element: HTMLElement): void {
  const bridge = bridges.get(store);
  if (!bridge) return;
  bridge.elements = bridge.elements.filter((el) => el !== element);
  if (bridge.elements.length === 0) {
    bridge.off();
    bridges.delete(store);
  }
}
