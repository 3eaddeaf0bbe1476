/**
 * `@segkit/mock/in-worker`, the worker side of `createWorkerBackend`: call
 * `serveWorkerBackend()` at the top of a dedicated (module) Worker and it
 * runs a mock backend there, answering the requests the page's msw handler
 * forwards to it. The dataset, the queries and writes, persistence and
 * faults all run in the worker; the page only moves requests and answers
 * (decision 029). This entry loads no msw (msw cannot load in a Worker: it
 * needs `localStorage`); import nothing else of `@segkit/mock` in a worker.
 *
 * ```ts
 * // mock-worker.ts, built by the host's bundler:
 * //   new Worker(new URL('./mock-worker.ts', import.meta.url), { type: 'module' })
 * import { serveWorkerBackend } from '@segkit/mock/in-worker';
 * serveWorkerBackend();
 * ```
 */
import { createBackendCore } from './backend.js';
import type { MockBackendCore } from './backend.js';
import type { FromWorker, Mirror, ToWorker, WireAnswer, WorkerBackendInit } from './worker-protocol.js';

/** The part of a worker's global scope used here. */
export interface WorkerScopeLike {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Serves, in this worker, every backend the page opens with
 * `createWorkerBackend`: each arrives as an `init` message with its own
 * MessagePort, and answers on that port until the page closes it. One worker
 * can hold several backends one after another (the demo's community sizes).
 */
export function serveWorkerBackend(scope: WorkerScopeLike = globalThis as unknown as WorkerScopeLike): void {
  scope.addEventListener('message', (event) => {
    const message = event.data as ToWorker;
    const port = event.ports[0];
    if (message?.kind === 'init' && port) serveOne(port, message.options);
  });
}

/** One backend, over its port. */
function serveOne(port: MessagePort, options: WorkerBackendInit): void {
  let backend: MockBackendCore | undefined;
  let seq = 0;
  /** `backend.requests` when the last message went out: the records after it are new. */
  let sent = 0;
  const inFlight = new Map<number, AbortController>();

  function mirror(): Mirror {
    const total = backend?.requests ?? 0;
    const fresh = Math.min(Math.max(total - sent, 0), backend?.log.length ?? 0);
    sent = total;
    return {
      seq,
      failNext: backend?.faults.get().failNext ?? [],
      records: fresh === 0 ? [] : backend!.log.slice(-fresh),
    };
  }

  function post(message: FromWorker, transfer: Transferable[] = []): void {
    port.postMessage(message, transfer);
  }

  async function answer(id: number, request: Request): Promise<void> {
    let answer: WireAnswer | null = null;
    try {
      const response = await backend!.respond(request);
      if (response && response.type !== 'error') {
        answer = {
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
          body: await response.arrayBuffer(),
        };
      }
    } catch {
      // A crash in a handler: the page sees a network error, as from a server that died.
    } finally {
      inFlight.delete(id);
    }
    // An aborted request is answered too (its fetch already failed in the page), so the page forgets it.
    post({ kind: 'response', id, answer, ...mirror() }, answer ? [answer.body] : []);
  }

  async function call(id: number, op: 'reset' | 'flush' | 'close'): Promise<void> {
    let error: string | undefined;
    try {
      await backend![op]();
      if (op === 'reset') sent = backend!.requests;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    post({ kind: 'done', id, ...(error === undefined ? {} : { error }), ...mirror() });
    if (op === 'close') {
      // Nothing more for this backend: let its data go.
      port.close();
      backend = undefined;
    }
  }

  function handle(message: ToWorker): void {
    if (!backend) return;
    if (message.kind === 'request') {
      const controller = new AbortController();
      inFlight.set(message.id, controller);
      const request = new Request(message.url, {
        method: message.method,
        headers: message.headers,
        signal: controller.signal,
        ...(message.body === null ? {} : { body: message.body }),
      });
      void answer(message.id, request);
    } else if (message.kind === 'abort') {
      inFlight.get(message.id)?.abort();
    } else if (message.kind === 'faults') {
      seq = message.seq;
      if ('set' in message) backend.faults.set(message.set);
      else if ('reset' in message) backend.faults.reset();
      else backend.faults.seed(message.seed);
    } else if (message.kind === 'call') {
      seq = message.seq;
      void call(message.id, message.op);
    }
  }

  port.addEventListener('message', (event) => handle(event.data as ToWorker));
  port.start();
  try {
    backend = createBackendCore(options);
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  backend.ready.then(
    () => post({ kind: 'ready', ...mirror() }),
    (error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
}
