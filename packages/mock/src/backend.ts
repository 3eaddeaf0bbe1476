/**
 * The mock backend: a seeded community behind the wire contract, with faults
 * on demand and, when asked, memory across page reloads shared by the tabs.
 * This module loads no msw (it also runs in a Worker, decision 029):
 * `createBackendCore` answers fetch `Request`s; `createMockBackend`
 * (`mock-backend.ts`) serves them through msw.
 */
import { SegkitError } from '@segkit/core';
import type { AdapterChangeEvent, MemoryAdapter, MemoryData, SegkitErrorCode, WriteOptions } from '@segkit/core';
import type { RequestHandler } from 'msw';
import { checkAuthOption } from './auth.js';
import type { MockAuth } from './auth.js';
import { DEFAULT_SEED, DEFAULT_SIZE } from './dataset.js';
import { createFaultController } from './faults.js';
import type { FaultController } from './faults.js';
import { createResponder, toOutcome } from './handlers.js';
import type { MockRequestRecord } from './handlers.js';
import { createSharedData } from './shared.js';

export interface MockBackendOptions {
  /** Where the API is mounted; relative (`/api`, the default) or absolute. */
  baseUrl?: string;
  /** Seed of the dataset (default 1) and of the fault dice. */
  seed?: number;
  /** Number of members (default 10,000). */
  size?: number;
  /**
   * Keep the data in the IndexedDB database `key` (default `false`: every
   * backend starts from the seed): it survives page reloads, and every tab
   * of the browser with a backend on the same key shares it (writes one at
   * a time under a Web Lock, saved before they are answered; reads catch up
   * with the other tabs first). Data persisted for another seed or size is
   * discarded.
   */
  persist?: false | { key: string };
  /** Clock, for timestamps and invite expiry; the dataset is generated as of the start of its UTC day. */
  now?: () => number;
  /**
   * Require a token (default: none, every request is let in). A request
   * without `Authorization: Bearer <token>` (or with another token) answers
   * `401 unauthorized` with the spec's Error body and `WWW-Authenticate:
   * Bearer`; one of `readOnlyTokens` may read, and a write with it answers
   * `403 unauthorized`. `POST /invites/redeem` stays anonymous (decision
   * 015). Only the handlers check it: `backend.adapter` is the server's own
   * access. A token that cannot follow `Bearer ` throws `invalid-input`.
   */
  auth?: MockAuth;
}

/**
 * What a host does with a mock backend it serves, wherever it runs: in the
 * page (`createMockBackend`) or in a Worker (`createWorkerBackend`).
 */
export interface MockServer {
  readonly baseUrl: string;
  readonly seed: number;
  readonly size: number;
  /** msw request handlers implementing the wire contract under `baseUrl`. */
  readonly handlers: RequestHandler[];
  readonly faults: FaultController;
  /** Resolves when persisted data is loaded (at once without `persist`). Handlers wait for it. */
  readonly ready: Promise<void>;
  /** Requests the handlers received since creation or the last `reset()`. */
  readonly requests: number;
  /** The last 500 of them, oldest first. */
  readonly log: readonly MockRequestRecord[];
  /**
   * Back to the seeded dataset: clears the data (persisted too: the other
   * tabs' next request sees the seed), the replies, and this backend's faults
   * and request log.
   */
  reset(): Promise<void>;
  /** Resolves when every write started so far is saved (each is saved before it is answered). */
  flush(): Promise<void>;
  /** Waits for the writes in progress and closes the database. */
  close(): Promise<void>;
}

export interface MockBackend extends MockServer {
  /**
   * The data, as a memory adapter. Stable across `reset()` (it forwards to the
   * current data); use it to arrange and inspect state in tests. Its calls
   * share the handlers' path (writes locked, saved and keyed by `requestId`
   * like an `Idempotency-Key`); `snapshot()` is this tab's data as of its last
   * request.
   */
  readonly adapter: MemoryAdapter;
  /** Waits for the writes in progress and closes the database. The handlers keep answering from memory, alone. */
  close(): Promise<void>;
}

const LOG_SIZE = 500;

/** The writes of the adapter: where their options are, and the status the wire answers on success. */
const WRITES = {
  createSegment: { options: 1, status: 201 },
  updateSegment: { options: 2, status: 200 },
  deleteSegment: { options: 1, status: 200 },
  changeMembership: { options: 1, status: 200 },
  createInvite: { options: 1, status: 201 },
  revokeInvite: { options: 1, status: 200 },
  redeemInvite: { options: 2, status: 200 },
} as const;

/** A mock backend without its msw handlers: `respond` answers a request under `baseUrl` (else `undefined`). */
export interface MockBackendCore extends Omit<MockBackend, 'handlers'> {
  respond(request: Request): Promise<Response | undefined>;
}

/** The backend itself, without msw: `createMockBackend` adds the msw handlers; a Worker uses it as is. */
export function createBackendCore(options: MockBackendOptions = {}): MockBackendCore {
  const baseUrl = options.baseUrl ?? '/api';
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const now = options.now ?? Date.now;
  const auth = checkAuthOption(options.auth);
  const persist = options.persist === undefined || options.persist === false ? undefined : options.persist;

  const faults = createFaultController(seed);
  const listeners = new Set<(event: AdapterChangeEvent) => void>();
  let log: MockRequestRecord[] = [];
  let requests = 0;

  const data = createSharedData({
    seed,
    size,
    now,
    persist,
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
  });
  const { ready } = data;

  // A stable adapter over the current data, on the handlers' path.
  const read =
    <K extends keyof MemoryAdapter>(name: K) =>
    (...args: unknown[]) =>
      data.read((inner) => (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args));
  const write =
    (name: keyof typeof WRITES) =>
    async (...args: unknown[]) => {
      const { options: at, status } = WRITES[name];
      const requestId = (args[at] as WriteOptions | undefined)?.requestId;
      const outcome = await data.write(requestId === undefined ? undefined : `${name}:${requestId}`, async (inner) => {
        try {
          return { status, body: await (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args) };
        } catch (error) {
          if (error instanceof SegkitError) return toOutcome(error);
          throw error;
        }
      });
      if (outcome.status < 300) return outcome.body;
      const { code, message, field } = (outcome.body as { error: { code: SegkitErrorCode; message: string; field?: string } }).error;
      throw new SegkitError(code, message, field === undefined ? {} : { field });
    };
  const adapter: MemoryAdapter = {
    get capabilities() {
      return data.current().capabilities;
    },
    listSegments: read('listSegments') as MemoryAdapter['listSegments'],
    createSegment: write('createSegment') as MemoryAdapter['createSegment'],
    updateSegment: write('updateSegment') as MemoryAdapter['updateSegment'],
    deleteSegment: write('deleteSegment') as MemoryAdapter['deleteSegment'],
    queryMembers: read('queryMembers') as MemoryAdapter['queryMembers'],
    previewMembership: read('previewMembership') as MemoryAdapter['previewMembership'],
    changeMembership: write('changeMembership') as MemoryAdapter['changeMembership'],
    countAudience: read('countAudience') as MemoryAdapter['countAudience'],
    createInvite: write('createInvite') as MemoryAdapter['createInvite'],
    listInvites: read('listInvites') as MemoryAdapter['listInvites'],
    revokeInvite: write('revokeInvite') as MemoryAdapter['revokeInvite'],
    redeemInvite: write('redeemInvite') as MemoryAdapter['redeemInvite'],
    snapshot: (): MemoryData => data.current().snapshot(),
    member: (id) => data.current().member(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const respond = createResponder({
    baseUrl,
    ready: () => ready,
    faults,
    data,
    ...(auth === undefined ? {} : { auth }),
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
    respond,
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
      faults.reset();
      log = [];
      requests = 0;
      await data.reset();
    },
    flush: () => data.flush(),
    close: () => data.close(),
  };
}
