/**
 * A mock backend that runs in a dedicated Worker (decision 029): the page
 * keeps only msw handlers that forward each request under `baseUrl` (method,
 * URL, headers, body, and its abort) to the worker and give back its answer.
 * The dataset, its queries and writes, persistence and the faults' effects
 * run in the worker (`serveWorkerBackend`), so at 100,000 members the mock's
 * filtering and sorting no longer competes with the page's widgets, as with
 * a real server.
 *
 * Faults are set here and take effect in the worker before any request the
 * page sends after the call (messages keep their order); `faults.get()`,
 * `log` and `requests` answer at once from a mirror the worker keeps up to
 * date with every answer.
 */
import { HttpResponse, http } from 'msw';
import type { RequestHandler } from 'msw';
import type { MockBackendOptions, MockServer } from './backend.js';
import { DEFAULT_SEED, DEFAULT_SIZE } from './dataset.js';
import { checkFaults, copyFaults, noFaults } from './faults.js';
import type { FaultController } from './faults.js';
import { underBase } from './routes.js';
import type { MockRequestRecord } from './handlers.js';
import type { FromWorker, Mirror, ToWorker, WorkerBackendInit } from './worker-protocol.js';

/** The part of a `Worker` used here. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/** `MockBackendOptions` without `now`: the worker keeps its own clock. */
export type WorkerBackendOptions = Omit<MockBackendOptions, 'now'>;

export interface WorkerBackend extends MockServer {
  /** The worker it runs in (it may run other backends too). */
  readonly worker: WorkerLike;
  /**
   * Waits for the writes in progress to be saved, closes the database and
   * drops this backend's data in the worker; the worker keeps running (give
   * it to the next `createWorkerBackend`, or end it with `terminate()`).
   * Requests after it fail like a network error.
   */
  close(): Promise<void>;
  /** Ends the worker at once (with every backend in it; writes not yet saved are lost). */
  terminate(): void;
}

const LOG_SIZE = 500;

/**
 * Runs a mock backend in `worker`, whose script calls `serveWorkerBackend()`
 * (from `@segkit/mock/in-worker`). Give the result to `startMockWorker` like
 * an in-page backend. An `auth` token that cannot be sent is refused in the
 * worker: `ready` rejects. One worker can serve one backend after another
 * (or several at once): create it once, before msw's service worker starts
 * (Firefox never loads a worker's script through an active msw).
 */
export function createWorkerBackend(worker: WorkerLike, options: WorkerBackendOptions = {}): WorkerBackend {
  const baseUrl = options.baseUrl ?? '/api';
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const base = baseUrl.replace(/\/+$/, '');
  const init: WorkerBackendInit = {
    baseUrl,
    seed,
    size,
    ...(options.persist === undefined ? {} : { persist: options.persist }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  };

  let faults = noFaults();
  let seq = 0;
  /** The control message after which the worker's `failNext` is what the page set (not older). */
  let faultsSeq = 0;
  /** The last reset: records the worker sent before it are from before. */
  let resetSeq = 0;
  let log: MockRequestRecord[] = [];
  let requests = 0;
  let ended: string | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: Response): void }>();
  const calls = new Map<number, { resolve(): void; reject(error: Error): void }>();

  let settleReady!: { resolve(): void; reject(error: Error): void };
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // Handled by whoever awaits it; an unawaited failure is not an unhandled rejection.
  ready.catch(() => undefined);

  const channel = new MessageChannel();
  const port = channel.port1;
  function send(message: ToWorker, transfer: Transferable[] = []): void {
    if (ended === undefined) port.postMessage(message, transfer);
  }

  function follow(mirror: Mirror): void {
    if (mirror.seq >= faultsSeq) faults = { ...faults, failNext: mirror.failNext };
    if (mirror.seq >= resetSeq && mirror.records.length > 0) {
      requests += mirror.records.length;
      log.push(...mirror.records);
      if (log.length > LOG_SIZE) log = log.slice(-LOG_SIZE);
    }
  }

  /** The worker is gone: every request fails like a network error, every call rejects. */
  function end(reason: string): void {
    if (ended !== undefined) return;
    ended = reason;
    settleReady.reject(new Error(reason));
    for (const { resolve } of pending.values()) resolve(HttpResponse.error());
    pending.clear();
    for (const { reject } of calls.values()) reject(new Error(reason));
    calls.clear();
    port.close();
  }

  port.addEventListener('message', (event) => {
    const message = (event as MessageEvent<FromWorker>).data;
    if (message.kind === 'failed') {
      end(`@segkit/mock: the worker backend could not start: ${message.message}`);
      return;
    }
    follow(message);
    if (message.kind === 'ready') {
      settleReady.resolve();
    } else if (message.kind === 'response') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      const { answer } = message;
      waiting?.resolve(
        answer === null
          ? HttpResponse.error()
          : new HttpResponse(nullBody(answer.status) ? null : answer.body, {
              status: answer.status,
              statusText: answer.statusText,
              headers: answer.headers,
            }),
      );
    } else {
      const waiting = calls.get(message.id);
      calls.delete(message.id);
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
    }
  });
  worker.addEventListener('error', (event) => {
    const detail = (event as ErrorEvent).message;
    end(`@segkit/mock: the worker backend failed${detail ? `: ${detail}` : ''}.`);
  });
  port.start();
  worker.postMessage({ kind: 'init', options: init } satisfies ToWorker, [channel.port2]);

  async function forward(request: Request): Promise<Response> {
    if (ended !== undefined) return HttpResponse.error();
    const id = nextId++;
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    if (ended !== undefined) return HttpResponse.error();
    const answered = new Promise<Response>((resolve) => pending.set(id, { resolve }));
    send(
      { kind: 'request', id, method: request.method, url: request.url, headers: [...request.headers], body },
      body ? [body] : [],
    );
    const { signal } = request;
    if (signal && !signal.aborted) {
      const onAbort = () => send({ kind: 'abort', id });
      signal.addEventListener('abort', onAbort, { once: true });
      void answered.finally(() => signal.removeEventListener('abort', onAbort));
    }
    return answered;
  }

  function call(op: 'reset' | 'flush' | 'close'): Promise<void> {
    if (ended !== undefined) return Promise.reject(new Error(ended));
    const id = nextId++;
    seq += 1;
    if (op === 'reset') {
      resetSeq = seq;
      faultsSeq = seq;
      faults = noFaults();
      log = [];
      requests = 0;
    }
    const done = new Promise<void>((resolve, reject) => calls.set(id, { resolve, reject }));
    send({ kind: 'call', id, op, seq });
    return done;
  }

  const controller: FaultController = {
    set(patch) {
      checkFaults(patch);
      faults = copyFaults({ ...faults, ...patch, failNext: patch.failNext ?? faults.failNext });
      seq += 1;
      if (patch.failNext !== undefined) faultsSeq = seq;
      send({ kind: 'faults', set: patch, seq });
    },
    reset() {
      faults = noFaults();
      seq += 1;
      faultsSeq = seq;
      send({ kind: 'faults', reset: true, seq });
    },
    get: () => copyFaults(faults),
    seed(next) {
      seq += 1;
      send({ kind: 'faults', seed: next, seq });
    },
  };

  function terminate(): void {
    end('@segkit/mock: the worker backend was closed.');
    worker.terminate();
  }

  const handlers: RequestHandler[] = [http.all(({ request }) => underBase(base, request.url), ({ request }) => forward(request))];

  return {
    baseUrl,
    seed,
    size,
    handlers,
    faults: controller,
    ready,
    worker,
    get requests() {
      return requests;
    },
    get log() {
      return log;
    },
    reset: () => call('reset'),
    flush: () => call('flush'),
    async close() {
      if (ended !== undefined) return;
      try {
        await call('close');
      } finally {
        end('@segkit/mock: the worker backend was closed.');
      }
    },
    terminate,
  };
}

/** Statuses whose answer has no body (a Response refuses one). */
function nullBody(status: number): boolean {
  return status === 101 || status === 204 || status === 205 || status === 304;
}
