/**
 * The outbox: where the write queue is saved (decision 011), and, with tabs,
 * whose it is (decision 012). Without `tabs` it is the one key `outbox`. With
 * them each tab saves its queue under `outbox:<tabId>` and holds the lock of
 * that name while alive; a tab adopts the outbox of a tab that is gone (its
 * lock is free) by taking its lock, moving its records into its own queue
 * and outbox, and only then deleting it. So one tab replays a given outbox at
 * a time, and a tab closed half-way through leaves whatever it had not
 * confirmed in its own outbox for the next tab: nothing lost; a write
 * confirmed but not yet deleted is replayed with its request id, which the
 * backend answers without applying it twice (decision 001).
 */
import type { MutationRecord } from './mutation.js';
import type { StoreCache } from './persistence.js';
import type { TabSync } from './types.js';

/** The outbox of a store without tabs, and of versions before tabs (migrated). */
export const LEGACY_OUTBOX_KEY = 'outbox';
/** Outboxes of tabs: `outbox:<tabId>` (also the name of the lock its tab holds). */
export const OUTBOX_PREFIX = 'outbox:';

export interface OutboxOptions {
  cache: Pick<StoreCache, 'read' | 'save' | 'remove' | 'keys'>;
  tabs?: TabSync;
  /** Aborted when the store is destroyed: nothing more is adopted. */
  signal: AbortSignal;
}

/** Owns this tab's outbox key and lock, and the adoption of others. */
export interface Outbox {
  /** This tab's key: `outbox:<tabId>` with tabs, `outbox` without. */
  readonly key: string;
  /** Saves the queue as this tab's outbox (never rejects). */
  save(records: MutationRecord[]): Promise<void>;
  /** Takes this tab's lock (with tabs; held until `release`), then reads this tab's outbox. */
  open(): Promise<MutationRecord[]>;
  /**
   * Hands the records of each outbox whose tab is gone (and of the legacy
   * `outbox`) to `take`, one outbox at a time under its lock, deleting it
   * once `take` resolved (the records are saved here by then). Runs one
   * adoption at a time; resolves with the number of outboxes adopted.
   */
  adopt(take: (records: MutationRecord[]) => Promise<void>): Promise<number>;
  /** Lets go of this tab's lock (the store is destroyed): another tab may adopt what is left. */
  release(): void;
}

const isRecords = (value: unknown): value is MutationRecord[] => Array.isArray(value);

export function createOutbox(options: OutboxOptions): Outbox {
  const { cache, tabs, signal } = options;
  const key = tabs ? `${OUTBOX_PREFIX}${tabs.tabId}` : LEGACY_OUTBOX_KEY;
  let release: () => void = () => undefined;
  let released = false;
  let adopting: Promise<number> = Promise.resolve(0);
  /** Outboxes of tabs alive at the last adoption, whose locks this tab waits for. */
  const waiting = new Set<string>();

  async function read(name: string): Promise<MutationRecord[]> {
    const value = await cache.read<unknown>(name);
    return isRecords(value) ? value.filter((r) => r && typeof r.id === 'string') : [];
  }

  /** Moves the records of outbox `name` into this tab's queue (`take`), then deletes it; run under its lock. */
  async function adoptOne(name: string, take: (records: MutationRecord[]) => Promise<void>): Promise<boolean> {
    const records = await read(name);
    if (records.length) await take(records);
    if (records.length || name !== LEGACY_OUTBOX_KEY) await cache.remove(name);
    return records.length > 0;
  }

  /**
   * Waits for the lock of another tab's outbox, which that tab holds while it lives: it is granted
   * when the tab is gone or lets go of it (a reload, a store destroyed), and what the tab left is
   * adopted then, whether or not a message said so (a page that goes says nothing). One wait per
   * outbox; given up when the store is destroyed.
   */
  function adoptWhenFree(name: string, take: (records: MutationRecord[]) => Promise<void>): void {
    if (!tabs || waiting.has(name) || signal.aborted) return;
    waiting.add(name);
    tabs
      .lock(
        name,
        async () => {
          if (!signal.aborted) await serially(() => adoptOne(name, take));
        },
        { signal },
      )
      .catch(() => undefined) // aborted, or the tab sync closed: the next open or reconnect adopts
      .finally(() => waiting.delete(name));
  }

  /** Runs `task` after the adoptions before it (one at a time). */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = adopting.then(task, task);
    adopting = run.then(
      () => 0,
      () => 0,
    );
    return run;
  }

  async function adoptAll(take: (records: MutationRecord[]) => Promise<void>): Promise<number> {
    if (!tabs || signal.aborted) return 0;
    const others = (await cache.keys(OUTBOX_PREFIX)).filter((name) => name !== key);
    let adopted = 0;
    for (const name of [LEGACY_OUTBOX_KEY, ...others]) {
      if (signal.aborted) break;
      // The lock is free only when its tab is gone (or, for the legacy key, when no other tab is adopting it).
      const done = await tabs.tryLock(name, () => adoptOne(name, take));
      if (done) adopted += 1;
      else if (done === null && name !== LEGACY_OUTBOX_KEY) adoptWhenFree(name, take);
    }
    return adopted;
  }

  return {
    key,
    save: (records) => cache.save(key, records),
    async open() {
      if (tabs) {
        await new Promise<void>((held) => {
          void tabs.lock(key, () => {
            held();
            if (released || signal.aborted) return Promise.resolve();
            return new Promise<void>((resolve) => (release = resolve));
          });
        });
      }
      return read(key);
    },
    adopt(take) {
      return serially(() => adoptAll(take)).catch(() => 0);
    },
    release() {
      released = true;
      release();
    },
  };
}
