/**
 * Store events become DOM events exactly once per store (one store listener
 * per store, however many elements use it), each dispatched from:
 * - the element the change was started from: the store event's `origin`
 *   (elements pass themselves to the actions they start), while it is on
 *   the page;
 * - else (a headless call, Undo from the host, a change made elsewhere, a
 *   write replayed from the outbox, or the origin has left the page) the
 *   bridge's owner: the first connected segkit element that uses the store,
 *   which is the provider when there is one (it connects before its children).
 * See docs/decisions/030-events-from-the-element-acted-on.md (it supersedes 008).
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

/** The change's origin when it is an element on the page (any realm: no `instanceof`). */
function connectedOrigin(origin: unknown): EventTarget | undefined {
  const node = origin as { isConnected?: unknown; dispatchEvent?: unknown } | null | undefined;
  return node && typeof node === 'object' && node.isConnected === true && typeof node.dispatchEvent === 'function'
    ? (origin as EventTarget)
    : undefined;
}

export function attachBridge(store: SegmentStore, element: HTMLElement): void {
  let bridge = bridges.get(store);
  if (!bridge) {
    const created: Bridge = { elements: [], off: () => undefined };
    const dispatch = (event: Event, origin: unknown) => (connectedOrigin(origin) ?? owner(created))?.dispatchEvent(event);
    const offs = [
      store.on('membership', (e) => {
        if (e.phase === 'confirmed' || e.phase === 'remote') dispatch(new SegkitMembershipChangeEvent(e), e.origin);
      }),
      store.on('segment', (e) => {
        if (e.phase !== 'confirmed') return;
        if (e.action === 'create') dispatch(new SegkitSegmentCreateEvent(e), e.origin);
        else if (e.action === 'delete') dispatch(new SegkitSegmentDeleteEvent(e), e.origin);
        else {
          if (e.previous && e.previous.name !== e.segment.name) dispatch(new SegkitSegmentRenameEvent(e), e.origin);
          dispatch(new SegkitSegmentUpdateEvent(e), e.origin);
        }
      }),
      store.on('error', (e) => dispatch(new SegkitErrorEvent(e), e.origin)),
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
