/**
 * One connection to the cache database, opened on first use, and how it
 * ends without ever wedging another tab (decision 010):
 *
 * - An open that another tab's older connection blocks gives up after
 *   `blockedTimeoutMs` (and one that never answers after `openTimeoutMs`):
 *   it rejects with `quota`, so the store goes on in memory. If it succeeds
 *   later, that connection is closed at once.
 * - On `versionchange` (a newer tab upgrading, or the database being deleted)
 *   this connection closes itself, so the other side proceeds; on the
 *   browser's `close` (storage cleared underneath) it is gone too. Either way
 *   every later call rejects with `quota`; nothing is thrown uncaught.
 */
import { openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import { cacheError, unavailable } from './errors.js';
import { SCHEMA_VERSION, upgrade } from './schema.js';
import type { Schema } from './schema.js';
import type { SegkitError } from '@segkit/core';

export interface ConnectionOptions {
  name: string;
  /** Give up this long after the open was reported blocked by another tab (default 1,000 ms). */
  blockedTimeoutMs?: number;
  /** Give up when the open has not answered (nor started upgrading) in this long (default 5,000 ms). */
  openTimeoutMs?: number;
  now?: () => number;
}

export interface Connection {
  /** The open database; rejects with `quota` when it cannot be (or can no longer be) used. */
  db(): Promise<IDBPDatabase<Schema>>;
  /** Closes for good (pending transactions finish first). */
  close(): void;
}

export const DEFAULT_BLOCKED_TIMEOUT_MS = 1_000;
export const DEFAULT_OPEN_TIMEOUT_MS = 5_000;

export function connect(options: ConnectionOptions): Connection {
  let opening: Promise<IDBPDatabase<Schema>> | undefined;
  let current: IDBPDatabase<Schema> | undefined;
  /** Why the connection can no longer be used; set once. */
  let lost: SegkitError | undefined;

  function lose(error: SegkitError): void {
    lost ??= error;
    const db = current;
    current = undefined;
    db?.close();
  }

  function open(): Promise<IDBPDatabase<Schema>> {
    return new Promise<IDBPDatabase<Schema>>((resolve, reject) => {
      let settled = false;
      const timers = new Set<ReturnType<typeof setTimeout>>();
      const settle = (error: SegkitError | undefined, db?: IDBPDatabase<Schema>) => {
        if (settled) {
          db?.close(); // gave up earlier: do not keep a connection nobody uses
          return;
        }
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        if (error) {
          db?.close();
          reject(error);
        } else {
          resolve(db!);
        }
      };
      const after = (ms: number, error: SegkitError) => timers.add(setTimeout(() => settle(error), ms));

      if (typeof indexedDB === 'undefined' || !indexedDB) {
        settle(unavailable('IndexedDB is not available here; working in memory.'));
        return;
      }
      after(options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS, unavailable('Local storage did not answer; working in memory.'));
      let request: Promise<IDBPDatabase<Schema>>;
      try {
        request = openDB<Schema>(options.name, SCHEMA_VERSION, {
          upgrade(db, oldVersion, newVersion, tx) {
            // Upgrading is progress, however long the migration takes.
            for (const timer of timers) clearTimeout(timer);
            const anyDb = db as unknown as Parameters<typeof upgrade>[0];
            const anyTx = tx as unknown as Parameters<typeof upgrade>[1];
            upgrade(anyDb, anyTx, oldVersion, newVersion ?? SCHEMA_VERSION, (options.now ?? Date.now)()).catch((error: unknown) => {
              try {
                tx.abort();
              } catch {
                // already finished: the open fails on its own
              }
              settle(cacheError(error));
            });
          },
          blocked() {
            after(
              options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS,
              unavailable('Another tab keeps an older version of the local cache open; working in memory.'),
            );
          },
          blocking() {
            lose(unavailable('Another tab upgraded or deleted the local cache; working in memory.'));
          },
          terminated() {
            lose(unavailable('The browser closed the local cache (storage cleared?); working in memory.'));
          },
        });
      } catch (error) {
        // indexedDB.open throws SecurityError in some private windows and storage-blocked frames.
        settle(cacheError(error));
        return;
      }
      request.then(
        (db) => settle(undefined, db),
        (error: unknown) => settle(cacheError(error)),
      );
    });
  }

  return {
    db() {
      if (lost) return Promise.reject(lost);
      opening ??= open().then((db) => {
        if (lost) {
          db.close();
          throw lost;
        }
        current = db;
        return db;
      });
      return opening.then((db) => {
        if (lost) throw lost;
        return db;
      });
    },
    close() {
      lose(unavailable('The local cache was closed; working in memory.'));
    },
  };
}
