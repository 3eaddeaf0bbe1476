/**
 * The mock backend's memory across page reloads and tabs, in one IndexedDB
 * database. Not 100,000 members on every change: the seed and size the data
 * grew from, plus what changed since, written in small records so that a
 * write saves only what it touched (decision 007):
 *
 * | store | key | value |
 * |---|---|---|
 * | `state` | `current` | seed, size, epoch, segments, members who joined through invites, invites |
 * | `state` | `meta` | `generation`: a new random token on every save and reset |
 * | `memberships` | bucket 0..127 | `[memberId, segmentIds]` of seeded members whose segments differ from the seed |
 * | `replies` | `operation:Idempotency-Key` | the first outcome of a keyed write |
 */
import type { InviteLink, Member, Segment } from '@segkit/core';
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

export const PERSIST_VERSION = 2;
/** The database version: 1 kept everything in `state/current`; 2 splits memberships and replies out. */
const DB_VERSION = 2;
/** How many membership records the diff is spread over. */
export const BUCKETS = 128;
/** Replies kept for replays; older ones are dropped first. */
export const MAX_REPLIES = 1_000;

export interface PersistedState {
  version: typeof PERSIST_VERSION;
  seed: number;
  size: number;
  /** The `now` the dataset was generated at. */
  epoch: number;
  /** Every stored segment (without `memberCount`, which is derived). */
  segments: Array<Omit<Segment, 'memberCount'>>;
  /** Members that are not in the seed (joined through invites), in full. */
  members: Member[];
  invites: InviteLink[];
  savedAt: string;
}

/** What version 1 kept in `state/current` (read once, by the upgrade). */
interface PersistedStateV1 extends Omit<PersistedState, 'version'> {
  version: 1;
  memberships: Array<[string, string[]]>;
  replies: Array<[string, number, unknown]>;
}

/** The first outcome of a keyed write. */
export interface Reply {
  status: number;
  body: unknown;
}

type Entry = [memberId: string, segmentIds: string[]];

interface Schema extends DBSchema {
  state: { key: string; value: PersistedState | PersistedStateV1 | { generation: string } };
  memberships: { key: number; value: Entry[] };
  replies: { key: string; value: Reply & { at: number }; indexes: { at: number } };
}

const CURRENT = 'current';
const META = 'meta';

/** The bucket a member's diff entry is kept in (FNV-1a of the id). */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/** Everything persisted, read in one transaction. */
export interface Loaded {
  generation: string | undefined;
  state: PersistedState | undefined;
  /** Seeded members whose segments differ from the seed, by bucket. */
  buckets: Map<number, Map<string, string[]>>;
}

export interface Save {
  /** With `state`: the data changed (else only `reply` is written, and other tabs need not reload). */
  generation?: string;
  state?: PersistedState;
  /** Buckets to write (an empty one is deleted). */
  buckets: Map<number, Map<string, string[]>>;
  /** Drop every bucket and reply first (the data was another dataset's). */
  replace: boolean;
  reply?: [key: string, reply: Reply];
}

export interface StateStore {
  /** The token of the last save or reset (undefined before the first). One small read. */
  generation(): Promise<string | undefined>;
  load(): Promise<Loaded>;
  save(save: Save): Promise<void>;
  reply(key: string): Promise<Reply | undefined>;
  /** Forgets everything, and says so with a new generation. */
  clear(generation: string): Promise<void>;
  close(): void;
}

let replyClock = 0;
/** Increasing across the tabs as long as their clocks agree to the millisecond; only the pruning order uses it. */
const replyStamp = () => (replyClock = Math.max(replyClock + 1, Date.now() * 1_000));

async function upgradeFromV1(tx: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>): Promise<void> {
  const state = tx.objectStore('state');
  const old = (await state.get(CURRENT)) as PersistedStateV1 | undefined;
  if (old?.version !== 1) return;
  const buckets = new Map<number, Entry[]>();
  for (const entry of old.memberships) {
    const bucket = bucketOf(entry[0]);
    const list = buckets.get(bucket) ?? [];
    list.push(entry);
    buckets.set(bucket, list);
  }
  for (const [bucket, entries] of buckets) await tx.objectStore('memberships').put(entries, bucket);
  const at = replyStamp();
  for (const [i, [key, status, body]] of old.replies.entries()) {
    await tx.objectStore('replies').put({ status, body, at: at + i }, key);
  }
  const { memberships: _m, replies: _r, ...rest } = old;
  await state.put({ ...rest, version: PERSIST_VERSION }, CURRENT);
}

/**
 * Opens (or creates, or upgrades from version 1) the database `name`.
 * `onGone` is called when this connection is closed under it: a newer version
 * opened elsewhere (this one steps aside so it is not blocked) or the browser
 * closed it.
 */
export async function openStateStore(name: string, onGone: () => void): Promise<StateStore> {
  const db: IDBPDatabase<Schema> = await openDB<Schema>(name, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) database.createObjectStore('state');
      database.createObjectStore('memberships');
      database.createObjectStore('replies').createIndex('at', 'at');
      if (oldVersion === 1) await upgradeFromV1(tx);
    },
    blocking() {
      db.close();
      onGone();
    },
    terminated: onGone,
  });

  return {
    async generation() {
      const meta = (await db.get('state', META)) as { generation: string } | undefined;
      return meta?.generation;
    },

    async load() {
      const tx = db.transaction(['state', 'memberships'], 'readonly');
      const state = tx.objectStore('state');
      const chunks = tx.objectStore('memberships');
      const [meta, current, keys, values] = await Promise.all([
        state.get(META) as Promise<{ generation: string } | undefined>,
        state.get(CURRENT) as Promise<PersistedState | undefined>,
        chunks.getAllKeys(),
        chunks.getAll(),
      ]);
      await tx.done;
      const buckets = new Map<number, Map<string, string[]>>();
      keys.forEach((key, i) => buckets.set(key, new Map(values[i])));
      return {
        generation: meta?.generation,
        state: current?.version === PERSIST_VERSION ? current : undefined,
        buckets,
      };
    },

    async save({ generation, state, buckets, replace, reply }) {
      const tx = db.transaction(['state', 'memberships', 'replies'], 'readwrite');
      const chunks = tx.objectStore('memberships');
      const replies = tx.objectStore('replies');
      const writes: Array<Promise<unknown>> = [];
      if (replace) writes.push(chunks.clear(), replies.clear());
      for (const [bucket, entries] of buckets) {
        writes.push(entries.size === 0 ? chunks.delete(bucket) : chunks.put([...entries], bucket));
      }
      if (state && generation !== undefined) {
        writes.push(tx.objectStore('state').put(state, CURRENT), tx.objectStore('state').put({ generation }, META));
      }
      if (reply) {
        writes.push(replies.put({ ...reply[1], at: replyStamp() }, reply[0]));
        writes.push(
          replies.count().then(async (count) => {
            // Over the limit: drop the oldest (by the index, without reading the bodies).
            let cursor = count > MAX_REPLIES ? await replies.index('at').openKeyCursor() : null;
            for (let extra = count - MAX_REPLIES; cursor && extra > 0; extra -= 1) {
              await replies.delete(cursor.primaryKey);
              cursor = await cursor.continue();
            }
          }),
        );
      }
      await Promise.all([...writes, tx.done]);
    },

    async reply(key) {
      const found = await db.get('replies', key);
      return found && { status: found.status, body: found.body };
    },

    async clear(generation) {
      const tx = db.transaction(['state', 'memberships', 'replies'], 'readwrite');
      await Promise.all([
        tx.objectStore('state').clear(),
        tx.objectStore('memberships').clear(),
        tx.objectStore('replies').clear(),
        tx.objectStore('state').put({ generation }, META),
        tx.done,
      ]);
    },

    close() {
      db.close();
    },
  };
}

/** A token no other save will have. */
export function newGeneration(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
