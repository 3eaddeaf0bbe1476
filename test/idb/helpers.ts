/**
 * Helpers for the IndexedDB tests: unique database names, raw reads of what
 * is really on disk, browser stubs that are always undone, and a watch for
 * anything thrown or rejected without a handler.
 */
import { deleteDB, openDB } from 'idb';

let count = 0;
const made: string[] = [];

/** A database name no other test uses; deleted by `dropDatabases()`. */
export function uniqueDb(label: string): string {
  count += 1;
  const name = `segkit-test-${label}-${Date.now()}-${count}`;
  made.push(name);
  return name;
}

/** Deletes every database made with `uniqueDb` (call in `after`). */
export async function dropDatabases(): Promise<void> {
  for (const name of made.splice(0)) await deleteDB(name).catch(() => undefined);
}

/** Every object store's records, as on disk: `{ store: [[key, value], ...] }`. */
export async function readRaw(name: string): Promise<{ version: number; stores: Record<string, Array<[IDBValidKey, unknown]>> }> {
  const db = await openDB(name);
  try {
    const stores: Record<string, Array<[IDBValidKey, unknown]>> = {};
    for (const store of db.objectStoreNames) {
      const tx = db.transaction(store, 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      await tx.done;
      stores[store] = keys.map((key, i) => [key, values[i]]);
    }
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

const undo: Array<() => void> = [];

/** Replaces `target[key]` until `restoreStubs()`. */
export function stub<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  undo.push(() => {
    if (own) Object.defineProperty(target, key, own);
    else delete target[key];
  });
}

/** Undoes every `stub` (call in `afterEach`). */
export function restoreStubs(): void {
  for (const restore of undo.splice(0).reverse()) restore();
}

/** Collects errors thrown and promise rejections left unhandled on the page until `stop()`. */
export function watchUncaught(): { stop(): string[] } {
  const seen: string[] = [];
  const onError = (event: ErrorEvent) => seen.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => seen.push(`unhandled rejection: ${String((event.reason as Error)?.name ?? '')} ${String((event.reason as Error)?.message ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      return seen;
    },
  };
}

/** Lets timers, IndexedDB events and unhandled-rejection reports run. */
export function pause(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A member page as the store caches it: `size` rows of about 100 bytes each. */
export function page(size: number, tag = ''): { total: number; items: Array<{ id: string; name: string }> } {
  return { total: 1000, items: Array.from({ length: size }, (_, i) => ({ id: `m${i}${tag}`, name: `Member number ${i} ${tag}`.padEnd(40, '.') })) };
}
