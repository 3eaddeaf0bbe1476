/**
 * The messages between a page and the dedicated Worker that runs its mock
 * backend (`createWorkerBackend` in the page, `serveWorkerBackend` in the
 * worker; decision 029). Plain structured-clone data: no functions, no
 * Request or Response objects (not every engine can post them).
 *
 * Order is the contract: a port delivers its messages one at a time in the
 * order the page posted them, so faults set before a request apply to it.
 */
import type { MockAuth } from './auth.js';
import type { Faults } from './faults.js';
import type { MockRequestRecord } from './handlers.js';

/** What the worker's backend is made with: `MockBackendOptions` without `now` (a function cannot cross). */
export interface WorkerBackendInit {
  baseUrl: string;
  seed?: number;
  size?: number;
  persist?: false | { key: string };
  auth?: MockAuth;
}

/** A control message's sequence number: the worker echoes the last one it handled. */
type Seq = { seq: number };

/**
 * To the worker itself: a new backend, with the port (transferred) every
 * other message of that backend goes through, both ways.
 */
export type ToWorker =
  | { kind: 'init'; options: WorkerBackendInit }
  | {
      kind: 'request';
      id: number;
      method: string;
      url: string;
      headers: Array<[string, string]>;
      /** Transferred. */
      body: ArrayBuffer | null;
    }
  | { kind: 'abort'; id: number }
  | ({ kind: 'faults'; set: Partial<Faults> } & Seq)
  | ({ kind: 'faults'; reset: true } & Seq)
  | ({ kind: 'faults'; seed: number } & Seq)
  | ({ kind: 'call'; id: number; op: 'reset' | 'flush' | 'close' } & Seq);

/** An answer as it crosses: `null` for a network error. */
export interface WireAnswer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** Transferred. */
  body: ArrayBuffer;
}

/** What every message from the worker carries: what the page mirrors. */
export interface Mirror {
  /** The last control message the worker handled. */
  seq: number;
  /** The one-shot faults still queued in the worker. */
  failNext: Faults['failNext'];
  /** Requests logged since the worker's previous message. */
  records: MockRequestRecord[];
}

export type FromWorker =
  | ({ kind: 'ready' } & Mirror)
  | { kind: 'failed'; message: string }
  | ({ kind: 'response'; id: number; answer: WireAnswer | null } & Mirror)
  | ({ kind: 'done'; id: number; error?: string } & Mirror);
