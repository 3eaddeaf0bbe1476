/**
 * The database's layout, one version at a time. A version is never edited
 * once released: a change is a new version with its own upgrade function,
 * and `test/idb/upgrade.test.ts` opens the first version's data by hand.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/** One database per origin holds every namespace (backend and user). */
export const DB_NAME = 'segkit-cache';

/** A record's key: its namespace, then the store's own key (`segments`, `members:…`, `outbox`). */
export type RecordKey = [namespace: string, key: string];

/** Version 1: one object store, `entries`, with each value under `[namespace, key]`. */
export interface SchemaV1 extends DBSchema {
  entries: { key: RecordKey; value: unknown };
}

export type Schema = SchemaV1;
export const SCHEMA_VERSION = 1;

type UpgradeDb = IDBPDatabase<Schema>;
type UpgradeTx = IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>;

/** `UPGRADES[v]` turns a database at version v - 1 into version v. */
export const UPGRADES: Record<number, (db: UpgradeDb, tx: UpgradeTx) => void | Promise<void>> = {
  1(db) {
    db.createObjectStore('entries');
  },
};

/** Every key of `namespace` that starts with `prefix` lies in this range (arrays sort after strings). */
export function rangeOf(namespace: string, prefix = ''): IDBKeyRange {
  return IDBKeyRange.bound([namespace, prefix], [namespace, []]);
}
