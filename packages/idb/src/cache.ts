/**
 * `createIdbCache`: core's `SegmentCache` over IndexedDB, one namespace (a
 * backend and a user) per cache. Values are stored as the store sets them:
 * one record per value (a member page is one record, never one per member).
 */
import type { SegmentCache } from '@segkit/core';
import { openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import { cacheError, unavailable } from './errors.js';
import { DB_NAME, SCHEMA_VERSION, UPGRADES, rangeOf } from './schema.js';
import type { RecordKey, Schema } from './schema.js';

export interface IdbCacheOptions {
  /**
   * Whose data this is: one backend and one signed-in user, e.g.
   * `https://api.example.com/segkit|user_42`. Caches with different
   * namespaces never see each other's records; `clear()` drops only its own.
   */
  namespace: string;
  /** The IndexedDB database (default `segkit-cache`); every namespace shares it. */
  dbName?: string;
}

export interface IdbCache extends SegmentCache {
  readonly namespace: string;
  keys(prefix: string): Promise<string[]>;
  /** Closes the connection (after its pending writes); later calls reject with `quota`. */
  close(): void;
}

export function createIdbCache(options: IdbCacheOptions): IdbCache {
  const { namespace } = options;
  const name = options.dbName ?? DB_NAME;
  let opening: Promise<IDBPDatabase<Schema>> | undefined;
  let closed = false;

  function open(): Promise<IDBPDatabase<Schema>> {
    if (closed) return Promise.reject(unavailable('The local cache was closed; working in memory.'));
    opening ??= (async () => {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw unavailable('IndexedDB is not available here; working in memory.');
      return openDB<Schema>(name, SCHEMA_VERSION, {
        upgrade(db, oldVersion, newVersion, tx) {
          for (let v = oldVersion + 1; v <= (newVersion ?? SCHEMA_VERSION); v += 1) void UPGRADES[v]?.(db, tx);
        },
      });
    })().catch((error: unknown) => {
      throw cacheError(error);
    });
    return opening;
  }

  const id = (key: string): RecordKey => [namespace, key];

  async function run<T>(task: (db: IDBPDatabase<Schema>) => Promise<T>): Promise<T> {
    const db = await open();
    try {
      return await task(db);
    } catch (error) {
      throw cacheError(error);
    }
  }

  return {
    namespace,
    get<T>(key: string) {
      return run(async (db) => (await db.get('entries', id(key))) as T | undefined);
    },
    set(key, value) {
      return run(async (db) => {
        await db.put('entries', value, id(key));
      });
    },
    delete(key) {
      return run((db) => db.delete('entries', id(key)));
    },
    clear() {
      return run((db) => db.delete('entries', rangeOf(namespace)));
    },
    keys(prefix) {
      return run(async (db) => {
        const keys = await db.getAllKeys('entries', rangeOf(namespace, prefix));
        return keys.map((key) => key[1]).filter((key) => key.startsWith(prefix));
      });
    },
    close() {
      closed = true;
      void opening?.then((db) => db.close(), () => undefined);
    },
  };
}
