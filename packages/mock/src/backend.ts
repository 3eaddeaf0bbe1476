/**
 * The mock backend: a seeded community behind msw handlers, with faults on
 * demand and, when asked, memory across page reloads.
 */
import { createMemoryAdapter } from '@segkit/core';
import type { AdapterChangeEvent, MemoryAdapter, MemoryData } from '@segkit/core';
import type { RequestHandler } from 'msw';
import { DEFAULT_SEED, DEFAULT_SIZE, generateDataset } from './dataset.js';
import type { Dataset } from './dataset.js';
import { createFaultController } from './faults.js';
import type { FaultController } from './faults.js';
import { createHandlers } from './handlers.js';
import type { MockRequestRecord, ReplyCache } from './handlers.js';
import { PERSIST_VERSION, applyDiff, baselineOf, diffOf, openStateStore } from './persist.js';
import type { Baseline, PersistedState, StateStore } from './persist.js';

export interface MockBackendOptions {
  /** Where the API is mounted; relative (`/api`, the default) or absolute. */
  baseUrl?: string;
  /** Seed of the dataset (default 1) and of the fault dice. */
  seed?: number;
  /** Number of members (default 10,000). */
  size?: number;
  /**
   * Keep the data across page reloads in the IndexedDB database `key`
   * (default `false`: every backend starts from the seed). Data persisted for
   * another seed or size is discarded.
   */
  persist?: false | { key: string; /** Wait after the last write before saving, ms (default 250). */ debounceMs?: number };
  /** Clock, for timestamps and invite expiry; the dataset is generated as of the start of its UTC day. */
  now?: () => number;
}

export interface MockBackend {
  readonly baseUrl: string;
  readonly seed: number;
  readonly size: number;
  /** msw request handlers implementing the wire contract under `baseUrl`. */
  readonly handlers: RequestHandler[];
  /**
   * The data, as a memory adapter. Stable across `reset()` (it forwards to the
   * current data); use it to arrange and inspect state in tests.
   */
  readonly adapter: MemoryAdapter;
  readonly faults: FaultController;
  /** Resolves when persisted data is loaded (at once without `persist`). Handlers wait for it. */
  readonly ready: Promise<void>;
  /** Requests the handlers received since creation or the last `reset()`. */
  readonly requests: number;
  /** The last 500 of them, oldest first. */
  readonly log: readonly MockRequestRecord[];
  /** Back to the seeded dataset: clears persisted data, faults, replies and the request log. */
  reset(): Promise<void>;
  /** Saves pending changes now (when persisting). */
  flush(): Promise<void>;
  /** Saves pending changes and closes the database. The handlers keep answering from memory. */
  close(): Promise<void>;
}

const LOG_SIZE = 500;
const DAY = 86_400_000;

/** Creates a mock backend. Give `handlers` to msw (`startMockWorker`, `setupServer`, `setupWorker`). */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const baseUrl = options.baseUrl ?? '/api';
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const now = options.now ?? Date.now;
  const persist = options.persist === undefined || options.persist === false ? undefined : options.persist;
  const debounceMs = persist?.debounceMs ?? 250;

  let epoch = Math.floor(now() / DAY) * DAY;
  let dataset: Dataset | undefined;
  let baseline: Baseline | undefined;
  const replies: ReplyCache = new Map();
  const faults = createFaultController(seed);
  const listeners = new Set<(event: AdapterChangeEvent) => void>();
  let log: MockRequestRecord[] = [];
  let requests = 0;

  function seedData(): Dataset {
    if (!dataset) {
      dataset = generateDataset({ seed, size, now: epoch });
      baseline = baselineOf(dataset.members);
    }
    return dataset;
  }

  function fresh(members = seedData().members, state?: PersistedState): MemoryAdapter {
    return createMemoryAdapter({
      members,
      segments: state ? state.segments : seedData().segments,
      invites: state ? state.invites : [],
      now,
    });
  }

  let inner: MemoryAdapter;
  let unsubscribe: () => void = () => {};
  function use(next: MemoryAdapter): void {
    unsubscribe();
    inner = next;
    unsubscribe = inner.subscribe((event) => {
      for (const listener of [...listeners]) listener(event);
      schedule();
    });
  }
  // With persistence the data is built once it is loaded (at most one generation);
  // without, at once, so `adapter.snapshot()` is usable synchronously.
  use(persist ? createMemoryAdapter({ now }) : fresh());

  // Persistence.
  let store: StateStore | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  let closed = false;

  function schedule(): void {
    if (!persist || closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void save();
    }, debounceMs);
  }

  function save(): Promise<void> {
    if (!store || !baseline) return saving;
    const state: PersistedState = {
      version: PERSIST_VERSION,
      seed,
      size,
      epoch,
      ...diffOf(baseline, inner.snapshot()),
      replies: [...replies].map(([key, reply]) => [key, reply.status, reply.body]),
      savedAt: new Date(now()).toISOString(),
    };
    const target = store;
    saving = saving.then(() => target.save(state)).catch((error: unknown) => {
      console.warn('@segkit/mock: could not save the mock data.', error);
    });
    return saving;
  }

  // Save before the page goes away (the debounce would lose the last writes).
  const onPageHide = () => void flush();
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') void flush();
  };

  async function load(): Promise<void> {
    if (!persist) return;
    let state: PersistedState | undefined;
    try {
      store = await openStateStore(persist.key);
      state = await store.load();
    } catch (error) {
      console.warn('@segkit/mock: IndexedDB is not available; the mock data will not persist.', error);
      store = undefined;
    }
    if (state && state.seed === seed && state.size === size) {
      epoch = state.epoch;
      for (const [key, status, body] of state.replies) replies.set(key, { status, body });
      use(fresh(applyDiff(seedData().members, state), state));
    } else {
      use(fresh());
    }
    // Tell listeners who subscribed before the data was there.
    for (const type of ['segments', 'members', 'invites'] as const) for (const listener of [...listeners]) listener({ type });
    if (typeof addEventListener === 'function') {
      addEventListener('visibilitychange', onVisibility);
      addEventListener('pagehide', onPageHide);
    }
  }

  const ready = load();

  async function flush(): Promise<void> {
    await ready;
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      await save();
    }
    await saving;
  }

  // A stable adapter over the current data.
  const forward =
    <K extends keyof MemoryAdapter>(name: K) =>
    async (...args: unknown[]) => {
      await ready;
      return (inner[name] as (...a: unknown[]) => unknown)(...args);
    };
  const adapter: MemoryAdapter = {
    get capabilities() {
      return inner.capabilities;
    },
    listSegments: forward('listSegments') as MemoryAdapter['listSegments'],
    createSegment: forward('createSegment') as MemoryAdapter['createSegment'],
    updateSegment: forward('updateSegment') as MemoryAdapter['updateSegment'],
    deleteSegment: forward('deleteSegment') as MemoryAdapter['deleteSegment'],
    queryMembers: forward('queryMembers') as MemoryAdapter['queryMembers'],
    previewMembership: forward('previewMembership') as MemoryAdapter['previewMembership'],
    changeMembership: forward('changeMembership') as MemoryAdapter['changeMembership'],
    countAudience: forward('countAudience') as MemoryAdapter['countAudience'],
    createInvite: forward('createInvite') as MemoryAdapter['createInvite'],
    listInvites: forward('listInvites') as MemoryAdapter['listInvites'],
    revokeInvite: forward('revokeInvite') as MemoryAdapter['revokeInvite'],
    redeemInvite: forward('redeemInvite') as MemoryAdapter['redeemInvite'],
    snapshot: (): MemoryData => inner.snapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const handlers = createHandlers({
    baseUrl,
    adapter: () => inner,
    ready: () => ready,
    faults,
    replies,
    changed: schedule,
    record(entry) {
      requests += 1;
      log.push(entry);
      if (log.length > LOG_SIZE) log = log.slice(-LOG_SIZE);
    },
  });

  return {
    baseUrl,
    seed,
    size,
    handlers,
    adapter,
    faults,
    ready,
    get requests() {
      return requests;
    },
    get log() {
      return log;
    },
    async reset() {
      await ready;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      replies.clear();
      faults.reset();
      log = [];
      requests = 0;
      use(fresh());
      for (const type of ['segments', 'members', 'invites'] as const) for (const listener of [...listeners]) listener({ type });
      await saving;
      if (store) await store.clear().catch(() => {});
    },
    flush,
    async close() {
      await flush();
      closed = true;
      if (typeof removeEventListener === 'function') {
        removeEventListener('visibilitychange', onVisibility);
        removeEventListener('pagehide', onPageHide);
      }
      store?.close();
      store = undefined;
    },
  };
}
