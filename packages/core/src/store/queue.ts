/**
 * The write queue (decision 002): one ordered queue, one write in flight at a
 * time. It retries transient faults with backoff (honouring `Retry-After`,
 * within the retry policy's bounds),
 * sleeps while offline, pauses on `unauthorized` until `resume()`, rolls a
 * refused write back together with the writes that depend on it or share its
 * group (undoing the group's confirmed writes), resolves the writes an Undo
 * queued behind what they reverse, saves itself as the outbox after every
 * change (a write is shown and sent only once saved, decision 011), and
 * settles each write's promise. It knows nothing of segments or members:
 * sending a write, folding its answer and reversing it are given to it.
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import type { SegkitError } from '../errors.js';
import { isTransient, toSegkitError } from '../errors.js';
import type { MutationRecord, QueuedWrite } from './mutation.js';
import { BULK_ANSWER_IDS, answerIds, toRecord } from './mutation.js';
import type { Connectivity, RetryOptions } from './types.js';
import { yieldToEventLoop } from '../yield.js';

/** How a write left the queue; `by` names the refused write a dropped one depended on (or shared a group with). */
export type Settlement = { status: 'confirmed'; result: unknown } | { status: 'reverted'; error: SegkitError; by?: string };

export interface WriteQueueOptions {
  /** Sends one write to the backend. A transient error (network, offline, server) is retried; `unauthorized` pauses; any other rolls it back. */
  execute(write: QueuedWrite): Promise<unknown>;
  connectivity: Connectivity;
  retry?: RetryOptions;
  /** Awaited before each run of the queue (the store's cache read, which restores the outbox first). */
  ready?: () => Promise<void>;
  /**
   * Saves the whole queue as outbox records; called after every change, one
   * save at a time (changes made meanwhile go in the next). When given, a
   * write is shown (`$writes`) and sent only once a save that holds it has
   * settled; without it, at once. Must not reject.
   */
  persist?(records: MutationRecord[]): Promise<void>;
  /** Folds a confirmed answer into the confirmed state; called while the write is still queued. */
  apply?(write: QueuedWrite, result: unknown): void;
  /** A write left the queue (after `apply`, or rolled back); its promise settles right after. */
  settled?(write: QueuedWrite, outcome: Settlement): void;
  /** A write entered `$writes` (its change is shown). Not called for restored writes. */
  shown?(write: QueuedWrite): void;
  /** `false`: the queue waits for the device or the backend to be reachable; `true`: a write got through while online. */
  reachable?(reachable: boolean): void;
  /** The backend refused the credentials: the queue waits for `resume()` (`error`, once per pause), or goes on again (`null`). */
  paused?(error: SegkitError | null, write: QueuedWrite | null): void;
  /**
   * What a write queued to reverse `original` (`reverses`) becomes once
   * `original` settled: confirmed with `outcome.result`, or never applied
   * (`null`: by default it is cancelled).
   */
  resolve?(reversal: MutationRecord, original: MutationRecord, outcome: { result: unknown } | null): Partial<MutationRecord>;
  /** The writes that undo a confirmed write of a group, should a later write of that group be refused. */
  inverse?(write: MutationRecord, result: unknown): MutationRecord[];
  /** The queue has emptied (called before `settled()` promises resolve). */
  idle?(): void;
  /** Random numbers in [0, 1) for the jitter of backoff (default `Math.random`). */
  random?: () => number;
}

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A token from `WriteQueue.mark()`. */
export type WriteMark = number | null;

/** Owns the queued writes, their order, retries and outcomes. */
export interface WriteQueue {
  /** The writes shown: queued and saved, in order, the one in flight first. */
  readonly $writes: ReadableAtom<readonly QueuedWrite[]>;
  /** Every queued write, saved or not (what the next action's checks and estimates see). */
  readonly $queued: ReadableAtom<readonly QueuedWrite[]>;
  /** Queues a write (client id in `record.id`); `done` settles when it is confirmed or rolled back. */
  enqueue(record: MutationRecord): QueuedWrite;
  /** Queues writes together (one save). */
  enqueueAll(records: readonly MutationRecord[]): QueuedWrite[];
  /**
   * Puts outbox records from elsewhere (an earlier session, a closed tab)
   * first in the queue, shown at once, skipping ids already queued; resolves
   * once the queue holding them is saved.
   */
  restore(records: readonly MutationRecord[]): Promise<void>;
  /** True for every write id this queue has held (this session), confirmed or not. */
  owns(id: string): boolean;
  /** Connectivity is back: end a backoff or offline wait and send now. */
  wake(): void;
  /** Ends a pause on `unauthorized` (new credentials) and sends again; otherwise like `wake()`. */
  resume(): void;
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
  /** Resolves once the outbox holds the queue as it is now (at once without `persist`). */
  flushed(): Promise<void>;
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
  const $queued = atom<QueuedWrite[]>([]);
  const $writes = atom<QueuedWrite[]>([]);
  const settles = new WeakMap<QueuedWrite, Settle>();
  /** Writes whose save has settled: shown and sendable. */
  const shown = new WeakSet<QueuedWrite>();
  /**
   * Writes never rolled back for want of an answer: those that may have been
   * applied already (an answer lost, or sent by an earlier session), and the
   * repairs of a group rolled back half-way.
   */
  const uncertain = new WeakSet<QueuedWrite>();
  const owned = new Set<string>();
  const idleWaiters: Array<() => void> = [];
  /** Changes when a write starts or settles: a read spanning a change may be inconsistent. */
  let epoch = 0;
  let inflight: QueuedWrite | null = null;
  let pumping: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let resumed: (() => void) | null = null;
  let stopped = false;
  // Saves: one at a time; `version` counts changes, `savedVersion` the last one a settled save held.
  let saving: Promise<void> | null = null;
  let version = 0;
  let savedVersion = 0;
  const saveWaiters: Array<{ version: number; resolve: () => void }> = [];

  function make(record: MutationRecord, withCaller: boolean): QueuedWrite {
    let settle!: Settle;
    const done = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Restored outbox entries and compensations have no caller; their outcome is reported by events.
    if (!withCaller) done.catch(() => undefined);
    owned.add(record.id);
    const write: QueuedWrite = { ...record, attempts: 0, serverFailures: 0, lastError: null, done };
    settles.set(write, settle);
    return write;
  }

  /** Sets the queue; `$writes` follows (a new array only when what is shown changed, or `changed` says so). */
  function publish(next: QueuedWrite[], changed = false): void {
    $queued.set(next);
    const visible = next.filter((w) => shown.has(w));
    const before = $writes.get();
    if (changed || visible.length !== before.length || visible.some((w, i) => w !== before[i])) $writes.set(visible);
  }

  function persist(): void {
    version += 1;
    if (!options.persist) {
      savedVersion = version;
      reveal($queued.get());
      return;
    }
    saving ??= flush();
  }

  async function flush(): Promise<void> {
    while (savedVersion < version) {
      const target = version;
      const snapshot = $queued.get();
      await options.persist!(snapshot.map(toRecord)).catch(() => undefined);
      savedVersion = target;
      reveal(snapshot);
      for (const waiter of saveWaiters.filter((w) => w.version <= target)) {
        saveWaiters.splice(saveWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    saving = null;
  }

  /** Resolves once a save holding the queue as it is now has settled. */
  function saved(): Promise<void> {
    if (savedVersion >= version) return Promise.resolve();
    return new Promise((resolve) => saveWaiters.push({ version, resolve }));
  }

  /** The writes of `snapshot` still queued become visible and sendable. */
  function reveal(snapshot: readonly QueuedWrite[]): void {
    const queued = new Set($queued.get());
    const fresh = snapshot.filter((w) => !shown.has(w) && queued.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) shown.add(w);
    publish($queued.get());
    for (const w of fresh) options.shown?.(w);
    void pump();
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      await options.ready?.();
      try {
        while (!stopped) {
          const write = $queued.get()[0];
          if (!write || !shown.has(write)) break;
          if (write.reverses !== undefined) {
            // What it reverses is gone without a word (cannot happen in one queue): nothing known to reverse.
            settleReversals({ id: write.reverses, kind: write.kind }, null);
            publish([...$queued.get()], true);
            persist();
          }
          if (!connectivity.isOnline()) {
            options.reachable?.(false);
            await sleep(maxMs);
            continue;
          }
          inflight = write;
          epoch += 1;
          let answer: { result: unknown } | { error: unknown };
          try {
            answer = { result: await options.execute(write) };
          } catch (error) {
            answer = { error };
          }
          // A bulk answer (who changed: up to 100,000 ids) was read and parsed in this task: fold it
          // in the next, so neither runs long (decision 031). Still in flight meanwhile: nothing changed.
          if ('result' in answer && answerIds(answer.result) > BULK_ANSWER_IDS) await yieldToEventLoop();
          epoch += 1;
          inflight = null;
          if (stopped) return;
          if ('result' in answer) {
            // Outside the try: a fault while folding the answer is a bug to surface, not a network fault to retry.
            confirm(write, answer.result);
            if (connectivity.isOnline()) options.reachable?.(true);
          } else {
            const err = toSegkitError(answer.error);
            if (err.code === 'aborted') return;
            write.attempts += 1;
            if (err.code === 'unauthorized') {
              await pause(write, err);
              continue;
            }
            if (isTransient(err)) {
              // A network fault may have lost the answer of a write the server applied.
              if (err.code === 'network') uncertain.add(write);
              // Only answers from a failing server count towards maxAttempts.
              if (err.code === 'server') write.serverFailures += 1;
              const gaveUp = err.code === 'server' && write.serverFailures >= maxAttempts;
              // A write that may have landed is not rolled back for want of an answer: asking again
              // with the same request id is how the queue learns the truth (decision 001).
              if (!gaveUp || uncertain.has(write)) {
                write.lastError = err;
                publish([...$queued.get()]);
                if (err.code !== 'server') options.reachable?.(false);
                await sleep(delayBefore(err, write.attempts));
                continue;
              }
            }
            rollback(write, err);
          }
        }
      } finally {
        pumping = null;
      }
      if ($queued.get().length === 0) onIdle();
    })();
    return pumping;
  }

  /**
   * How long to wait before trying `err`'s write again: the server's
   * `Retry-After` clamped to the policy (`baseMs` at least, `maxMs` at most, so
   * a day-long or wrapped value cannot stall the queue and `0` cannot spin it),
   * else the backoff.
   */
  function delayBefore(err: SegkitError, attempt: number): number {
    const asked = err.retryAfterMs;
    if (typeof asked !== 'number' || Number.isNaN(asked)) return backoff(attempt);
    return Math.min(maxMs, Math.max(baseMs, asked));
  }

  /** Exponential backoff with jitter: half the step, plus up to half at random. */
  function backoff(attempt: number): number {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 20));
    return exp / 2 + random() * (exp / 2);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Timers take a signed 32-bit delay: a longer one would fire at once.
      const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  function pause(write: QueuedWrite, error: SegkitError): Promise<void> {
    write.lastError = error;
    publish([...$queued.get()]);
    return new Promise((resolve) => {
      resumed = resolve;
      options.paused?.(error, write);
    });
  }

  function onIdle(): void {
    if (!stopped) options.idle?.();
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  /** The writes queued to reverse `original` learn what it did (`{ result }`) or that it never landed (`null`). */
  function settleReversals(original: MutationRecord, outcome: { result: unknown } | null): void {
    for (const other of $queued.get()) {
      if (other.reverses !== original.id) continue;
      Object.assign(other, options.resolve?.(other, original, outcome) ?? (outcome ? {} : { cancelled: true }));
      delete other.reverses;
    }
  }

  function confirm(write: QueuedWrite, result: unknown): void {
    options.apply?.(write, result);
    write.result = result;
    const rest = $queued.get().filter((w) => w !== write);
    settleReversals(write, { result });
    const mates = write.group === undefined ? [] : rest.filter((w) => w.group === write.group);
    // A cancelled write changed nothing: nothing of it to undo.
    const inverse = mates.length && !write.cancelled ? (options.inverse?.(write, result) ?? []) : [];
    if (inverse.length) for (const mate of mates) mate.compensate = [...inverse, ...(mate.compensate ?? [])];
    publish(rest, true);
    persist();
    options.settled?.(write, { status: 'confirmed', result });
    settles.get(write)?.resolve(result);
  }

  /**
   * Rolls `write` back with the writes that depend on it or share a group
   * with one rolled back, cancels the reversals of all of them, and queues
   * first the writes that undo what those groups already confirmed.
   */
  function rollback(write: QueuedWrite, error: SegkitError): void {
    const list = $queued.get();
    const dropped = new Set([write]);
    const ids = new Set([write.id]);
    const groups = new Set(write.group === undefined ? [] : [write.group]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const other of list) {
        if (dropped.has(other)) continue;
        const follows = other.dependsOn !== undefined && ids.has(other.dependsOn);
        if (!follows && (other.group === undefined || !groups.has(other.group))) continue;
        dropped.add(other);
        ids.add(other.id);
        if (other.group !== undefined) groups.add(other.group);
        grew = true;
      }
    }
    const undo: MutationRecord[] = [];
    const compensated = new Set<string>();
    for (const d of dropped) {
      if (d.group === undefined || compensated.has(d.group)) continue;
      compensated.add(d.group);
      undo.push(...(d.compensate ?? []));
    }
    publish(list.filter((w) => !dropped.has(w)));
    for (const d of dropped) settleReversals(d, null);
    const repairs = undo.map((record) => make(record, false));
    // A repair is never given up for want of an answer: only a definite refusal stops it (and is reported).
    for (const repair of repairs) uncertain.add(repair);
    publish([...repairs, ...$queued.get()], true);
    persist();
    for (const d of dropped) {
      options.settled?.(d, d === write ? { status: 'reverted', error } : { status: 'reverted', error, by: write.id });
      settles.get(d)?.reject(error);
    }
  }

  function add(records: readonly MutationRecord[]): QueuedWrite[] {
    const writes = records.map((record) => make(record, true));
    publish([...$queued.get(), ...writes]);
    persist();
    void pump();
    return writes;
  }

  return {
    $writes,
    $queued,
    enqueue: (record) => add([record])[0]!,
    enqueueAll: add,
    restore(records) {
      const present = new Set($queued.get().map((w) => w.id));
      const restored = records
        .filter((r) => r && typeof r.id === 'string' && !present.has(r.id))
        .map((r) => {
          const write = make(r, false);
          shown.add(write);
          uncertain.add(write);
          return write;
        });
      if (restored.length === 0) return saved();
      publish([...restored, ...$queued.get()], true);
      persist();
      void pump();
      return saved();
    },
    owns: (id) => owned.has(id),
    wake() {
      wake?.();
      void pump();
    },
    resume() {
      const go = resumed;
      if (go) {
        resumed = null;
        options.paused?.(null, null);
        go();
      }
      wake?.();
      void pump();
    },
    settled() {
      if ($queued.get().length === 0 && !pumping) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    isIdle: () => $queued.get().length === 0 && !pumping,
    flushed: saved,
    mark: () => (inflight === null ? epoch : null),
    quietSince: (mark) => mark !== null && inflight === null && mark === epoch,
    stop() {
      stopped = true;
      wake?.();
      resumed?.();
      resumed = null;
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
  };
}
