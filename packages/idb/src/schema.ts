/**
 * The database's layout, one version at a time. A released version is never
 * edited: a change is a new version with its own upgrade function, and
 * `test/idb/upgrade.test.ts` writes the older versions' data by hand and
 * opens it with this one (decision 010).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { estimateBytes, rankOf } from './records.js';
import type { Rank } from './records.js';

/** One database per origin holds every namespace (backend and user). */
export const DB_NAME = 'segkit-cache';

/** A record's key: its namespace, then the store's own key (`segments`, `members:…`, `outbox`). */
export type RecordKey = [namespace: string, key: string];

/** What the cache keeps about a record besides its value. */
export interface RecordMeta {
  ns: string;
  key: string;
  /** Estimated size of the value (`estimateBytes`). */
  bytes: number;
  /** Last set or get (ms since the epoch, strictly increasing within a page). */
  usedAt: number;
  /** Eviction order: lower goes first (`rankOf(key)`). */
  rank: Rank;
}

/** A namespace's running totals, kept in the same transactions as its records. */
export interface NamespaceTotals {
  bytes: number;
  records: number;
}

/** Version 1 (the first release): one object store, `entries`, each value under `[namespace, key]`. */
export interface SchemaV1 extends DBSchema {
  entries: { key: RecordKey; value: unknown };
}

/**
 * Version 2: values in `records`, their metadata in `meta` (indexed in
 * eviction order: namespace, rank, last use), totals per namespace in
 * `namespaces`. Reading a value does not rewrite it; evicting reads only `meta`.
 */
export interface Schema extends DBSchema {
  records: { key: RecordKey; value: unknown };
  meta: { key: RecordKey; value: RecordMeta; indexes: { lru: [string, number, number] } };
  namespaces: { key: string; value: NamespaceTotals };
}

export const SCHEMA_VERSION = 2;

/** While upgrading, stores of every version may exist. */
type AnySchema = Schema & SchemaV1;
type UpgradeDb = IDBPDatabase<AnySchema>;
type UpgradeTx = IDBPTransaction<AnySchema, StoreNames<AnySchema>[], 'versionchange'>;

/** `UPGRADES[v]` turns a database at version v - 1 into version v, inside the upgrade transaction. */
export const UPGRADES: Record<number, (db: UpgradeDb, tx: UpgradeTx, now: number) => Promise<void>> = {
  async 1(db) {
    db.createObjectStore('entries');
  },
  async 2(db, tx, now) {
    const records = db.createObjectStore('records');
    const meta = db.createObjectStore('meta');
    meta.createIndex('lru', ['ns', 'rank', 'usedAt']);
    const namespaces = db.createObjectStore('namespaces');
    const totals = new Map<string, NamespaceTotals>();
    const writes: Promise<unknown>[] = [];
    for (let cursor = await tx.objectStore('entries').openCursor(); cursor; cursor = await cursor.continue()) {
      const [ns, key] = cursor.key;
      const bytes = estimateBytes(cursor.value);
      writes.push(records.put(cursor.value, cursor.key), meta.put({ ns, key, bytes, usedAt: now, rank: rankOf(key) }, cursor.key));
      const total = totals.get(ns) ?? { bytes: 0, records: 0 };
      totals.set(ns, { bytes: total.bytes + bytes, records: total.records + 1 });
    }
    for (const [ns, total] of totals) writes.push(namespaces.put(total, ns));
    await Promise.all(writes);
    db.deleteObjectStore('entries');
  },
};

/** Runs the upgrades from `oldVersion` to `newVersion` in order. */
export async function upgrade(db: UpgradeDb, tx: UpgradeTx, oldVersion: number, newVersion: number, now: number): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version += 1) await UPGRADES[version]?.(db, tx, now);
}

/** Every key of `namespace` from `prefix` on lies in this range (arrays sort after strings). */
export function rangeOf(namespace: string, prefix = ''): IDBKeyRange {
  return IDBKeyRange.bound([namespace, prefix], [namespace, []]);
}

/** The `lru` index entries of `namespace` with a rank up to `maxRank`, oldest use first. */
export function evictableRange(namespace: string, maxRank: number): IDBKeyRange {
  return IDBKeyRange.bound([namespace, 0, -Infinity], [namespace, maxRank, Infinity]);
}
