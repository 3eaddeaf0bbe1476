/**
 * The write queue (decision 002): one ordered queue, one write in flight at a
 * time. It retries transient faults with backoff (honouring `Retry-After`),
 * sleeps while offline, rolls a refused write back together with the writes
 * that depend on it, persists itself as the outbox after every change, and
 * settles each write's promise. It knows nothing of segments or members:
 * sending a write and folding its answer into state are given to it.
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import type { SegkitError } from '../errors.js';
import { isTransient, toSegkitError } from '../errors.js';
import type { MutationRecord, QueuedWrite } from './mutation.js';
import { toRecord } from './mutation.js';
import type { Connectivity, RetryOptions } from './types.js';

/** How a write left the queue. */
export type Settlement = { status: 'confirmed'; result: unknown } | { status: 'reverted'; error: SegkitError };

export interface WriteQueueOptions {
  /** Sends one write to the backend. A transient error (network, offline, server) is retried; any other rolls it back. */
  execute(write: QueuedWrite): Promise<unknown>;
  connectivity: Connectivity;
  retry?: RetryOptions;
  /** Awaited before each run of the queue (the store's cache read, which restores the outbox first). */
  ready?: () => Promise<void>;
  /** Called with the whole queue as outbox records after every change made by `enqueue` or a settlement. */
  persist?(records: MutationRecord[]): void;
  /** Folds a confirmed answer into the confirmed state; called while the write is still queued. */
  apply?(write: QueuedWrite, result: unknown): void;
  /** A write left the queue (after `apply`, or rolled back); its promise settles right after. */
  settled?(write: QueuedWrite, outcome: Settlement): void;
  /** `false`: the queue waits for the device or the backend to be reachable; `true`: a write got through while online. */
  reachable?(reachable: boolean): void;
  /** The queue has emptied (called before `settled()` promises resolve). */
  idle?(): void;
  /** Random numbers in [0, 1) for the jitter of backoff (default `Math.random`). */
  random?: () => number;
}

/** A token from `WriteQueue.mark()`. */
export type WriteMark = number | null;

/** Owns the queued writes, their order, retries and outcomes. */
export interface WriteQueue {
  /** The queued writes in order, the one in flight first. */
  readonly $writes: ReadableAtom<readonly QueuedWrite[]>;
  /** Queues a write (client id in `record.id`) and starts sending; `done` settles when it is confirmed or rolled back. */
  enqueue(record: MutationRecord): QueuedWrite;
  /** Puts outbox records from an earlier session first in the queue (skipping ids already queued) and starts sending. */
  restore(records: readonly MutationRecord[]): void;
  /** True for every write id this queue has held (this session), confirmed or not. */
  owns(id: string): boolean;
  /** Connectivity is back: end a backoff or offline wait and send now. */
  wake(): void;
  /** Resolves when no write is queued or in flight. */
  settled(): Promise<void>;
  /** No write queued or in flight. */
  isIdle(): boolean;
  /** A token for `quietSince`: decision 004's "no write started or settled meanwhile". `null` while a write is in flight. */
  mark(): WriteMark;
  /** No write was in flight at `mark`, none is now, and none started or settled in between. */
  quietSince(mark: WriteMark): boolean;
  /** Stops for good: the write in flight is abandoned (its caller aborts it), queued writes stay queued (and in the outbox). */
  stop(): void;
}

interface Settle {
  resolve(value: unknown): void;
  reject(error: SegkitError): void;
}

export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const { connectivity } = options;
  const baseMs = options.retry?.baseMs ?? 500;
  const maxMs = options.retry?.maxMs ?? 30_000;
  const maxAttempts = options.retry?.maxAttempts ?? 8;
  const random = options.random ?? Math.random;
  const $writes = atom<QueuedWrite[]>([]);
  const settles = new WeakMap<QueuedWrite, Settle>();
  const owned = new Set<string>();
  const idleWaiters: Array<() => void> = [];
  /** Changes when a write starts or settles: a read spanning a change may be inconsistent. */
  let epoch = 0;
  let inflight: QueuedWrite | null = null;
  let pumping: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let stopped = false;

  function make(record: MutationRecord, withCaller: boolean): QueuedWrite {
    let settle!: Settle;
    const done = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Restored outbox entries have no caller; their outcome is reported by events.
    if (!withCaller) done.catch(() => undefined);
    owned.add(record.id);
    const write: QueuedWrite = { ...record, attempts: 0, serverFailures: 0, lastError: null, done };
    settles.set(write, settle);
    return write;
  }

  function persist(): void {
    options.persist?.($writes.get().map(toRecord));
  }

  function remove(ids: ReadonlySet<string>): void {
    $writes.set($writes.get().filter((w) => !ids.has(w.id)));
    persist();
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      await options.ready?.();
      try {
        while (!stopped && $writes.get().length > 0) {
          const write = $writes.get()[0]!;
          if (!connectivity.isOnline()) {
            options.reachable?.(false);
            await sleep(maxMs);
            continue;
          }
          inflight = write;
          epoch += 1;
          try {
            const result = await options.execute(write);
            epoch += 1;
            inflight = null;
            if (stopped) return;
            confirm(write, result);
            if (connectivity.isOnline()) options.reachable?.(true);
          } catch (error) {
            epoch += 1;
            inflight = null;
            if (stopped) return;
            const err = toSegkitError(error);
            if (err.code === 'aborted') return;
            write.attempts += 1;
            // Only answers from a failing server count towards maxAttempts; network faults retry without limit.
            if (err.code === 'server') write.serverFailures += 1;
            const serverGaveUp = err.code === 'server' && write.serverFailures >= maxAttempts;
            if (isTransient(err) && !serverGaveUp) {
              write.lastError = err;
              $writes.set([...$writes.get()]);
              if (err.code !== 'server') options.reachable?.(false);
              await sleep(err.retryAfterMs ?? backoff(write.attempts));
              continue;
            }
            rollback(write, err);
          }
        }
      } finally {
        pumping = null;
      }
      if ($writes.get().length === 0) onIdle();
    })();
    return pumping;
  }

  /** Exponential backoff with jitter: half the step, plus up to half at random. */
  function backoff(attempt: number): number {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 20));
    return exp / 2 + random() * (exp / 2);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  function onIdle(): void {
    if (!stopped) options.idle?.();
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function confirm(write: QueuedWrite, result: unknown): void {
    options.apply?.(write, result);
    remove(new Set([write.id]));
    write.result = result;
    options.settled?.(write, { status: 'confirmed', result });
    settles.get(write)?.resolve(result);
  }

  function rollback(write: QueuedWrite, error: SegkitError): void {
    const dropped = [write];
    for (const other of $writes.get()) {
      if (other.dependsOn && dropped.some((d) => d.id === other.dependsOn)) dropped.push(other);
    }
    remove(new Set(dropped.map((d) => d.id)));
    for (const d of dropped) {
      options.settled?.(d, { status: 'reverted', error });
      settles.get(d)?.reject(error);
    }
  }

  return {
    $writes,
    enqueue(record) {
      const write = make(record, true);
      $writes.set([...$writes.get(), write]);
      persist();
      void pump();
      return write;
    },
    restore(records) {
      const present = new Set($writes.get().map((w) => w.id));
      const restored = records.filter((r) => r && !present.has(r.id)).map((r) => make(r, false));
      $writes.set([...restored, ...$writes.get()]);
      void pump();
    },
    owns: (id) => owned.has(id),
    wake() {
      wake?.();
      void pump();
    },
    settled() {
      if ($writes.get().length === 0 && !pumping) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    isIdle: () => $writes.get().length === 0 && !pumping,
    mark: () => (inflight === null ? epoch : null),
    quietSince: (mark) => mark !== null && inflight === null && mark === epoch,
    stop() {
      stopped = true;
      wake?.();
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
  };
}
