/**
 * The mock's data, and with `persist` one truth for every tab of the browser
 * that opens a backend with the same key (decision 007): writes run one at a
 * time across the tabs (Web Locks) on the latest saved data and are saved
 * before they are answered; a read first catches up with what another tab
 * saved. Idempotency replies are kept with the data, so a write replayed in
 * another tab is answered with its first outcome.
 */
import { createMemoryAdapter } from '@segkit/core';
import type { AdapterChangeEvent, MemoryAdapter } from '@segkit/core';
import { generateDataset } from './dataset.js';
import type { Dataset } from './dataset.js';
import { applyDiff, baselineOf, createDiffTracker } from './diff.js';
import type { Baseline, DiffTracker } from './diff.js';
import { createSerial, pageLocks, withLock } from './lock.js';
import { patchTo } from './patch.js';
import type { ReplayClock } from './patch.js';
import { MAX_REPLIES, PERSIST_VERSION, newGeneration, openStateStore } from './persist.js';
import type { Loaded, PersistedState, Reply, Save, StateStore } from './persist.js';

export type { Reply } from './persist.js';

/** What a write answers; `remember: false` keeps a non-5xx outcome out of the replies (a body that is not JSON). */
export type WriteOutcome = Reply & { remember?: boolean };

export interface SharedDataOptions {
  seed: number;
  size: number;
  now: () => number;
  persist: { key: string } | undefined;
  /** Every change of the data: the adapter's own events, and all three types when it was replaced. */
  emit(event: AdapterChangeEvent): void;
}

export interface SharedData {
  /** Resolves when persisted data is loaded (at once without `persist`). */
  readonly ready: Promise<void>;
  /** The data as this tab last saw it. */
  current(): MemoryAdapter;
  /** Runs a read on the data, after catching up with what other tabs saved. */
  read<T>(run: (adapter: MemoryAdapter) => Promise<T>): Promise<T>;
  /**
   * Runs a write: under the lock, on the latest data, answered from the
   * replies when `replyKey` (`operation:Idempotency-Key`) was seen, else run
   * and saved (with its outcome, unless a 5xx) before it is answered.
   */
  write(replyKey: string | undefined, run: (adapter: MemoryAdapter) => Promise<WriteOutcome>): Promise<Reply>;
  /** Back to the seed, here and, with `persist`, for every tab. */
  reset(): Promise<void>;
  /** Resolves when every write started so far is saved. */
  flush(): Promise<void>;
  /** Stops persisting and sharing; the data stays answerable from memory. */
  close(): Promise<void>;
}

const DAY = 86_400_000;
const TYPES = ['segments', 'members', 'invites'] as const;

export function createSharedData(options: SharedDataOptions): SharedData {
  const { seed, size, now, persist, emit } = options;
  const lockName = persist ? `segkit-mock:${persist.key}` : '';
  const locks = pageLocks();
  const serial = createSerial();

  let epoch = Math.floor(now() / DAY) * DAY;
  /** Set while another tab's changes are replayed here, so they carry that tab's timestamps. */
  const clock: ReplayClock = { at: undefined };
  const stampNow = () => clock.at ?? now();
  let dataset: Dataset | undefined;
  let baseline: Baseline | undefined;
  let tracker: DiffTracker | undefined;

  function seedData(): Dataset {
    if (!dataset) {
      dataset = generateDataset({ seed, size, now: epoch });
      baseline = baselineOf(dataset.members);
      tracker = createDiffTracker(baseline);
    }
    return dataset;
  }

  function fresh(members = seedData().members, state?: PersistedState): MemoryAdapter {
    return createMemoryAdapter({
      members,
      segments: state ? state.segments : seedData().segments,
      invites: state ? state.invites : [],
      now: stampNow,
    });
  }

  // What the last write changed, from the adapter's events.
  let dataChanged = false;
  let scanAll = false;
  let segmentCount = 0;

  let inner: MemoryAdapter;
  let unsubscribe: () => void = () => {};
  function use(next: MemoryAdapter, announce: boolean): void {
    unsubscribe();
    inner = next;
    segmentCount = persist ? inner.snapshot().segments.length : 0;
    unsubscribe = inner.subscribe((event) => {
      dataChanged = true;
      if (!persist) {
        // Nothing to save.
      } else if (event.type === 'membership') {
        for (const effect of event.result.segments) {
          for (const id of effect.memberIds) {
            const member = inner.member(id);
            if (member) tracker!.touch(member);
          }
        }
      } else if (event.type === 'segments') {
        // A deleted segment leaves its members (no event names them): find them at the save.
        const count = inner.snapshot().segments.length;
        if (count < segmentCount) scanAll = true;
        segmentCount = count;
      }
      emit(event);
    });
    if (announce) for (const type of TYPES) emit({ type });
  }
  // With persistence the data is built once it is loaded (at most one generation);
  // without, at once, so `adapter.snapshot()` is usable synchronously.
  use(persist ? createMemoryAdapter({ now: stampNow }) : fresh(), false);

  // Persistence.
  let store: StateStore | undefined;
  /** The generation this tab's data is: what it loaded or saved last. */
  let loaded: string | undefined;
  /** The saved data is another dataset's (seed or size): the next save replaces it all. */
  let replace = false;
  /** Replies when nothing is persisted. */
  const memoryReplies = new Map<string, Reply>();
  let warned = false;

  function warn(message: string, error: unknown): void {
    if (warned) return;
    warned = true;
    console.warn(`@segkit/mock: ${message}`, error);
  }

  /** The database went away (deleted, upgraded by a newer tab, failing): go on in memory. */
  function gone(error?: unknown): void {
    store?.close();
    store = undefined;
    warn('the mock data is no longer saved or shared with other tabs; it goes on in memory.', error);
  }

  function rebuild({ generation, state, buckets }: Loaded): void {
    loaded = generation;
    if (state && state.seed === seed && state.size === size) {
      if (state.epoch !== epoch) {
        epoch = state.epoch;
        dataset = undefined;
      }
      const members = seedData().members;
      tracker!.load(buckets);
      replace = false;
      use(fresh(applyDiff(members, tracker!.entries(), state.members), state), true);
    } else {
      seedData();
      tracker!.load(new Map());
      replace = state !== undefined || buckets.size > 0;
      use(fresh(), true);
    }
  }

  /** Replays the saved changes on this tab's data; false when it must be rebuilt instead. */
  async function patch(next: Loaded): Promise<boolean> {
    const { state } = next;
    if (!state || state.seed !== seed || state.size !== size || state.epoch !== epoch || replace || !dataset) return false;
    const target = createDiffTracker(baseline!);
    target.load(next.buckets);
    try {
      if (!(await patchTo({ adapter: inner, clock, baseline: baseline!, current: tracker!.entries(), target: target.entries(), state }))) {
        return false;
      }
    } catch {
      return false;
    } finally {
      clock.at = undefined;
    }
    tracker!.load(next.buckets);
    loaded = next.generation;
    dataChanged = false;
    scanAll = false;
    return true;
  }

  /** Catches up when another tab saved since this one loaded or saved. */
  async function catchUp(): Promise<void> {
    if (!store) return;
    try {
      if ((await store.generation()) === loaded) return;
      const next = await store.load();
      if (!(await patch(next))) rebuild(next);
    } catch (error) {
      gone(error);
    }
  }

  function stateOf(): PersistedState {
    const data = inner.snapshot();
    if (scanAll) for (const member of data.members) tracker!.touch(member);
    // The memory adapter keeps members in insertion order: the seed's first, then who joined.
    const joined = data.members.slice(baseline!.size).filter((member) => !baseline!.has(member.id));
    return {
      version: PERSIST_VERSION,
      seed,
      size,
      epoch,
      segments: data.segments.map(({ memberCount: _derived, ...segment }) => segment),
      members: joined.map((member) => structuredClone(member)),
      invites: data.invites.map((invite) => ({ ...invite })),
      savedAt: new Date(now()).toISOString(),
    };
  }

  async function save(reply: [string, Reply] | undefined): Promise<void> {
    if (!store || (!dataChanged && !reply)) return;
    const changes: Save = { buckets: new Map(), replace: false, ...(reply ? { reply } : {}) };
    if (dataChanged) {
      changes.state = stateOf();
      if (replace) tracker!.dirtyAll();
      changes.buckets = tracker!.take();
      changes.replace = replace;
      changes.generation = newGeneration();
    }
    dataChanged = false;
    scanAll = false;
    try {
      await store.save(changes);
      if (changes.generation !== undefined) loaded = changes.generation;
      replace = false;
    } catch (error) {
      // Rewrite every bucket next time; a tab that saves before then wins.
      tracker!.dirtyAll();
      warn('could not save the mock data.', error);
    }
  }

  /** The reply kept for `replyKey`: the first outcome, success or refusal, but not a crash (5xx). */
  function toKeep(replyKey: string | undefined, { remember, ...reply }: WriteOutcome): [string, Reply] | undefined {
    return replyKey !== undefined && reply.status < 500 && remember !== false ? [replyKey, reply] : undefined;
  }

  async function load(): Promise<void> {
    if (!persist) return;
    try {
      store = await openStateStore(persist.key, () => gone());
      rebuild(await store.load());
    } catch (error) {
      warn('IndexedDB is not available; the mock data will not persist.', error);
      store = undefined;
      use(fresh(), true);
    }
  }

  const ready = load();

  async function writeInMemory(replyKey: string | undefined, run: (adapter: MemoryAdapter) => Promise<WriteOutcome>) {
    const seen = replyKey === undefined ? undefined : memoryReplies.get(replyKey);
    if (seen) return structuredClone(seen);
    const outcome = await run(inner);
    const keep = toKeep(replyKey, outcome);
    if (keep) {
      memoryReplies.set(keep[0], structuredClone(keep[1]));
      if (memoryReplies.size > MAX_REPLIES) memoryReplies.delete(memoryReplies.keys().next().value!);
    }
    return outcome;
  }

  /** Runs `task` alone: across the tabs when persisting, and in this backend. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    return store ? withLock(locks, lockName, () => serial.run(task)) : serial.run(task);
  }

  return {
    ready,
    current: () => inner,

    async read(run) {
      await ready;
      if (store) await serial.coalesce(catchUp);
      return run(inner);
    },

    async write(replyKey, run) {
      await ready;
      if (!store) return writeInMemory(replyKey, run);
      return exclusive(async () => {
        await catchUp();
        if (!store) return writeInMemory(replyKey, run);
        if (replyKey !== undefined) {
          const seen = await store.reply(replyKey).catch(() => undefined);
          if (seen) return seen;
        }
        dataChanged = false;
        scanAll = false;
        const outcome = await run(inner);
        await save(toKeep(replyKey, outcome));
        return outcome;
      });
    },

    async reset() {
      await ready;
      await exclusive(async () => {
        const generation = newGeneration();
        memoryReplies.clear();
        if (store) await store.clear(generation).catch(gone);
        loaded = generation;
        replace = false;
        seedData();
        tracker!.load(new Map());
        use(fresh(), true);
      });
    },

    async flush() {
      await ready;
      await serial.idle();
    },

    async close() {
      await ready;
      await serial.run(async () => {
        store?.close();
        store = undefined;
      });
    },
  };
}
