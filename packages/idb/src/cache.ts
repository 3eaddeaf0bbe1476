/**
 * `createIdbCache`: core's `SegmentCache` over IndexedDB, one namespace (a
 * backend and a user) per cache. One record per value the store sets (a
 * member page is one record, never one per member), with its size and last
 * use beside it, so that under quota pressure member pages go first, then the
 * segment list, and queued writes never (decision 010).
 */
import type { SegmentCache } from '@segkit/core';
import { SegkitError } from '@segkit/core';
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { connect } from './connection.js';
import type { ConnectionOptions } from './connection.js';
import { cacheError, isQuotaError } from './errors.js';
import { RANK, createClock, estimateBytes, rankOf } from './records.js';
import { DB_NAME, evictableRange, rangeOf } from './schema.js';
import type { NamespaceTotals, RecordKey, RecordMeta, Schema } from './schema.js';

export interface IdbCacheOptions {
  /**
   * Whose data this is: one backend and one signed-in user, e.g.
   * `https://api.example.com/segkit|user_42`. Caches with different
   * namespaces never see each other's records; `clear()` drops only its own.
   */
  namespace: string;
  /** The IndexedDB database (default `segkit-cache`); every namespace shares it. */
  dbName?: string;
  /**
   * A budget for this namespace, in estimated bytes. A `set` past it evicts
   * as on a `QuotaExceededError` from the browser, and rejects with `quota`
   * when that is not enough. Default: none (the browser's quota only).
   */
  maxBytes?: number;
  /** Give up opening this long after another tab's older connection blocked it (default 1,000 ms). */
  blockedTimeoutMs?: number;
  /** Give up opening when IndexedDB has not answered in this long (default 5,000 ms). */
  openTimeoutMs?: number;
}

export interface IdbCache extends SegmentCache {
  readonly namespace: string;
  keys(prefix: string): Promise<string[]>;
  /** Closes the connection (pending writes finish first); later calls reject with `quota`. Safe to call twice. */
  close(): void;
}

type Db = IDBPDatabase<Schema>;
type Stores = StoreNames<Schema>;
type Mode = 'readonly' | 'readwrite';
type Tx<S extends Stores[], M extends Mode> = IDBPTransaction<Schema, S, M>;

/** Thrown (and caught) inside a write that would go past `maxBytes`: by how many bytes. */
class OverBudget {
  constructor(readonly over: number) {}
}

/**
 * Runs `body` in a transaction and resolves when it has committed. Never
 * leaves a rejection unhandled: a failing body aborts the transaction.
 */
async function inTransaction<S extends Stores[], M extends Mode, T>(
  db: Db,
  stores: S,
  mode: M,
  body: (tx: Tx<S, M>) => Promise<T>,
  durability: 'strict' | 'relaxed' = 'relaxed',
): Promise<T> {
  const tx = db.transaction(stores, mode, { durability });
  const done = tx.done;
  done.catch(() => undefined);
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already committed or aborted
    }
    throw error;
  }
}

export function createIdbCache(options: IdbCacheOptions): IdbCache {
  const { namespace, maxBytes } = options;
  if (typeof namespace !== 'string') {
    // A programming error, not a storage failure: say so at once rather than degrade.
    throw new SegkitError('invalid-input', 'createIdbCache needs a namespace: the backend and the user whose data it holds.', { field: 'namespace' });
  }
  const connectionOptions: ConnectionOptions = { name: options.dbName ?? DB_NAME };
  if (options.blockedTimeoutMs !== undefined) connectionOptions.blockedTimeoutMs = options.blockedTimeoutMs;
  if (options.openTimeoutMs !== undefined) connectionOptions.openTimeoutMs = options.openTimeoutMs;
  const connection = connect(connectionOptions);
  const stamp = createClock();
  const id = (key: string): RecordKey => [namespace, key];

  /** Operation order: a quota retry is dropped when a later set, delete or clear of its key was issued. */
  let ops = 0;
  let clearedAt = 0;
  const lastOp = new Map<string, number>();
  const issue = (key: string) => {
    ops += 1;
    lastOp.set(key, ops);
    return ops;
  };
  const superseded = (key: string, op: number) => (lastOp.get(key) ?? 0) > op || clearedAt > op;
  const retire = (key: string, op: number) => {
    if (lastOp.get(key) === op) lastOp.delete(key);
  };

  /** Reads only record a use; the stamps are written together, soon after (or before an eviction). */
  const touched = new Map<string, number>();
  let flushing: Promise<void> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  function flushTouches(): Promise<void> {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (touched.size === 0) return flushing ?? Promise.resolve();
    const batch = [...touched];
    touched.clear();
    const previous = flushing ?? Promise.resolve();
    const next = previous
      .then(() => connection.db())
      .then((db) =>
        inTransaction(db, ['meta'], 'readwrite', async (tx) => {
          const store = tx.objectStore('meta');
          await Promise.all(
            batch.map(async ([key, usedAt]) => {
              const meta = await store.get(id(key));
              if (meta && meta.usedAt < usedAt) await store.put({ ...meta, usedAt }, id(key));
            }),
          );
        }),
      )
      .catch(() => undefined); // last-use stamps are best effort
    flushing = next;
    void next.then(() => {
      if (flushing === next) flushing = undefined;
    });
    return next;
  }

  function touch(key: string): void {
    touched.set(key, stamp());
    flushTimer ??= setTimeout(() => void flushTouches(), 250);
  }

  async function run<T>(task: (db: Db) => Promise<T>): Promise<T> {
    const db = await connection.db();
    try {
      return await task(db);
    } catch (error) {
      throw cacheError(error);
    }
  }

  /** One attempt to store `value` under `key` with its metadata and the namespace's totals. */
  function write(db: Db, key: string, value: unknown, bytes: number): Promise<void> {
    const rank = rankOf(key);
    return inTransaction(
      db,
      ['records', 'meta', 'namespaces'],
      'readwrite',
      async (tx) => {
        const metaStore = tx.objectStore('meta');
        const totalsStore = tx.objectStore('namespaces');
        const [old, totals] = await Promise.all([metaStore.get(id(key)), totalsStore.get(namespace)]);
        const next: NamespaceTotals = {
          bytes: (totals?.bytes ?? 0) - (old?.bytes ?? 0) + bytes,
          records: (totals?.records ?? 0) + (old ? 0 : 1),
        };
        if (maxBytes !== undefined && next.bytes > maxBytes) throw new OverBudget(next.bytes - maxBytes);
        const meta: RecordMeta = { ns: namespace, key, bytes, usedAt: stamp(), rank };
        await Promise.all([tx.objectStore('records').put(value, id(key)), metaStore.put(meta, id(key)), totalsStore.put(next, namespace)]);
      },
      rank === RANK.outbox ? 'strict' : 'relaxed',
    );
  }

  /**
   * Deletes the least recently used records of this namespace with a rank up
   * to `maxRank` (never queued writes) until `need` bytes are free, and
   * resolves how many bytes it freed. When `need` is exact (our own budget)
   * and cannot be met, it deletes nothing and resolves 0.
   */
  async function evict(db: Db, need: number, maxRank: number, exact: boolean): Promise<number> {
    await flushTouches();
    return inTransaction(db, ['records', 'meta', 'namespaces'], 'readwrite', async (tx) => {
      const victims: Array<{ id: RecordKey; bytes: number }> = [];
      let freed = 0;
      const range = evictableRange(namespace, Math.min(maxRank, RANK.other));
      for (let cursor = await tx.objectStore('meta').index('lru').openCursor(range); cursor && freed < need; cursor = await cursor.continue()) {
        victims.push({ id: cursor.primaryKey, bytes: cursor.value.bytes });
        freed += cursor.value.bytes;
      }
      if (victims.length === 0 || (exact && freed < need)) return 0;
      const records = tx.objectStore('records');
      const meta = tx.objectStore('meta');
      const totalsStore = tx.objectStore('namespaces');
      const writes: Promise<unknown>[] = victims.flatMap(({ id: victim }) => [records.delete(victim), meta.delete(victim)]);
      const totals = await totalsStore.get(namespace);
      if (totals) {
        writes.push(totalsStore.put({ bytes: Math.max(0, totals.bytes - freed), records: Math.max(0, totals.records - victims.length) }, namespace));
      }
      await Promise.all(writes);
      return freed;
    });
  }

  return {
    namespace,

    get<T>(key: string) {
      return run(async (db) => {
        const value = await inTransaction(db, ['records'], 'readonly', (tx) => tx.objectStore('records').get(id(key)));
        if (value !== undefined) touch(key);
        return value as T | undefined;
      });
    },

    set(key, value) {
      const op = issue(key);
      return run(async (db) => {
        try {
          const bytes = estimateBytes(value);
          if (maxBytes !== undefined && bytes > maxBytes) {
            throw new SegkitError('quota', 'The value is larger than the whole cache budget; working in memory.');
          }
          for (let attempt = 0; ; attempt += 1) {
            if (attempt > 0 && superseded(key, op)) return; // a later write of this key came in while evicting
            try {
              await write(db, key, value, bytes);
              return;
            } catch (error) {
              const budget = error instanceof OverBudget;
              if (!budget && !isQuotaError(error)) throw error;
              if (superseded(key, op)) return; // a later write of this key decides what it holds
              // Over our own budget we know how much to free; over the browser's, free as much as we write, doubling each time.
              const need = budget ? error.over : bytes * 2 ** attempt;
              const freed = attempt < 30 ? await evict(db, need, rankOf(key), budget) : 0;
              if (freed === 0) {
                throw new SegkitError('quota', 'Local storage is full, even after evicting cached pages; working in memory.', budget ? {} : { cause: error });
              }
            }
          }
        } finally {
          retire(key, op);
        }
      });
    },

    delete(key) {
      const op = issue(key);
      return run((db) =>
        inTransaction(db, ['records', 'meta', 'namespaces'], 'readwrite', async (tx) => {
          const metaStore = tx.objectStore('meta');
          const totalsStore = tx.objectStore('namespaces');
          const [old, totals] = await Promise.all([metaStore.get(id(key)), totalsStore.get(namespace)]);
          const writes: Promise<unknown>[] = [tx.objectStore('records').delete(id(key)), metaStore.delete(id(key))];
          if (old && totals) writes.push(totalsStore.put({ bytes: Math.max(0, totals.bytes - old.bytes), records: Math.max(0, totals.records - 1) }, namespace));
          await Promise.all(writes);
        }),
      ).finally(() => retire(key, op));
    },

    clear() {
      ops += 1;
      clearedAt = ops;
      touched.clear();
      return run((db) =>
        inTransaction(db, ['records', 'meta', 'namespaces'], 'readwrite', async (tx) => {
          await Promise.all([
            tx.objectStore('records').delete(rangeOf(namespace)),
            tx.objectStore('meta').delete(rangeOf(namespace)),
            tx.objectStore('namespaces').delete(namespace),
          ]);
        }, 'strict'),
      );
    },

    keys(prefix) {
      return run((db) =>
        inTransaction(db, ['meta'], 'readonly', async (tx) => {
          const keys: string[] = [];
          for (let cursor = await tx.objectStore('meta').openKeyCursor(rangeOf(namespace, prefix)); cursor; cursor = await cursor.continue()) {
            const key = cursor.key[1];
            if (!key.startsWith(prefix)) break; // keys sort by code unit: those with the prefix are contiguous
            keys.push(key);
          }
          return keys;
        }),
      );
    },

    close() {
      if (flushTimer !== undefined) void flushTouches();
      connection.close();
    },
  };
}
