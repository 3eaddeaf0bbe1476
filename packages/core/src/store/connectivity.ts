import type { Connectivity } from './types.js';

/**
 * Connectivity from the browser (`navigator.onLine` and the `online` /
 * `offline` events). Where there are none (a worker without them, a server),
 * always online.
 */
export function browserConnectivity(): Connectivity {
  const target = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>> & {
    navigator?: { onLine?: boolean };
  };
  return {
    isOnline: () => target.navigator?.onLine !== false,
    subscribe(listener) {
      if (typeof target.addEventListener !== 'function') return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      return () => {
        target.removeEventListener?.('online', online);
        target.removeEventListener?.('offline', offline);
      };
    },
  };
}

/** Connectivity you switch by hand: for tests, or a host that knows better than the browser. */
export function manualConnectivity(online = true): Connectivity & { set(online: boolean): void } {
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...listeners]) listener(online);
    },
  };
}
