/**
 * Every request and every answer that crosses msw in a test file, validated
 * against packages/rest/openapi.yaml (by Ajv in the test runner's Node
 * process, scripts/wire-contract.mjs).
 *
 * ```ts
 * validateWire();                        // at the top of a test file
 * validateWire({ answersOnly: true });   // the test sends off-spec requests on purpose
 * worker.use(http.get('/api/segments', () => hostile(HttpResponse.json({ items: 'x' }), 'a list that is not a list')));
 * ```
 *
 * It listens to the worker's `response:mocked` event (the request with its
 * body, and the answer), finds the operation by method and path under one of
 * `bases` (default `/api`), and checks the request (path ids, headers such as
 * `Idempotency-Key`, the JSON body) and the answer (a status the operation
 * declares, or its `4XX` / `5XX` / `default`; declared headers such as
 * `Retry-After`; the body against that status's schema). After each test it
 * waits for the answers still on their way and fails (in `afterEach`) with
 * each violation: the operation, the JSON pointer and the value.
 *
 * An answer a test fakes on purpose (a hostile server) is marked with
 * `hostile(response, why)`: its answer is not checked (its request still is).
 * A request sent off the contract on purpose carries the same header
 * (`X-Segkit-Hostile: <why>`): its request is not checked (its answer still is).
 * The mock's `malformed` fault marks its answers the same way. Never turn the
 * check off for a file (CONVENTIONS.md, decision 022).
 */
import { HOSTILE_HEADER } from '@segkit/mock';
import { executeServerCommand } from '@web/test-runner-commands';
import type { SetupWorker } from 'msw/browser';
import { startMockWorker } from '../setup/msw.js';

export { HOSTILE_HEADER };

export interface WireViolation {
  side: 'request' | 'response';
  pointer: string;
  value: unknown;
  message: string;
}

interface ExchangeResult {
  operation: string;
  violations: WireViolation[];
}

export interface WireOptions {
  /** Check only the answers: the file sends requests the spec forbids on purpose. */
  answersOnly?: boolean;
  /** Where the API is mounted (`baseUrl`s, paths or absolute URLs); default `['/api']`. */
  bases?: string[];
}

/** Marks an answer as off the contract on purpose (a hostile server); `why` says how. */
export function hostile(response: Response, why: string): Response {
  response.headers.set(HOSTILE_HEADER, why);
  return response;
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** One violation, readable in a test report. */
export function describeViolation(operation: string, violation: WireViolation): string {
  const value = violation.value === undefined ? 'absent' : JSON.stringify(violation.value)?.slice(0, 200);
  return `${operation} ${violation.side} ${violation.pointer || '/'} = ${value}: ${violation.message}`;
}

/** Validates every exchange of this test file; see the file's comment. */
export function validateWire(options: WireOptions = {}): void {
  const bases = options.bases ?? ['/api'];
  const mounted = (url: URL) =>
    bases.some((base) => {
      const absolute = /^[a-z][a-z\d+.-]*:/i.test(base);
      const prefix = (absolute ? new URL(base).pathname : base).replace(/\/+$/, '');
      if (absolute && new URL(base).origin !== url.origin) return false;
      return url.pathname.startsWith(`${prefix}/`);
    });
  const found: string[] = [];
  const pending = new Set<Promise<void>>();
  /** Requests started whose answer has not reached the page yet. */
  const started = new Set<string>();
  let worker: SetupWorker | undefined;
  const onStart = ({ requestId }: { requestId: string }) => started.add(requestId);
  const onDone = ({ requestId }: { requestId: string }) => started.delete(requestId);

  const onMocked = ({ request, response, requestId }: { request: Request; response: Response; requestId: string }) => {
    started.delete(requestId);
    const url = new URL(request.url);
    if (!mounted(url)) return;
    const answerChecked = !response.headers.has(HOSTILE_HEADER);
    // A request sent off the contract on purpose (the conformance kit's bad-request checks) carries the header too.
    const requestChecked = !request.headers.has(HOSTILE_HEADER);
    // A network error (`HttpResponse.error()`) has no answer to check.
    const answered = response.type !== 'error' && response.status !== 0;
    const work = (async () => {
      const requestBody = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
      const responseBody = answered ? await response.clone().text() : '';
      const exchange = {
        method: request.method,
        url: request.url,
        bases,
        requestHeaders: headersOf(request.headers),
        requestBody,
        status: response.status,
        responseHeaders: headersOf(response.headers),
        responseBody,
        answersOnly: options.answersOnly === true,
      };
      const result = await executeServerCommand<ExchangeResult & { error?: string }, typeof exchange>('wire-contract:exchange', exchange);
      if (result.error !== undefined) throw new Error(result.error);
      for (const violation of result.violations) {
        if (violation.side === 'response' && (!answerChecked || !answered)) continue;
        if (violation.side === 'request' && !requestChecked) continue;
        found.push(describeViolation(result.operation, violation));
      }
    })().catch((error: unknown) => {
      found.push(`${request.method} ${url.pathname}: the wire check failed: ${String(error)}`);
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  before(async () => {
    worker = await startMockWorker();
    worker.events.on('request:start', onStart);
    worker.events.on('request:unhandled', onDone);
    worker.events.on('response:bypass', onDone);
    worker.events.on('response:mocked', onMocked);
  });

  afterEach(async function (this: Mocha.Context) {
    // Answers reach the page as messages from the worker, maybe after the test's fetch
    // resolved: wait for them a little (a bound, not a measurement), then for their checks.
    for (let turn = 0; turn < 100 && started.size > 0; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    started.clear();
    for (let round = 0; round < 50 && pending.size > 0; round += 1) await Promise.all([...pending]);
    const violations = found.splice(0);
    if (violations.length > 0) {
      // Fails the test that produced them, not the hook: mocha checks the hook's error()
      // after it runs and fails the current test with it; the suite goes on.
      (this.test as Mocha.Runnable & { error(error: Error): void }).error(
        new Error(`the wire contract (openapi.yaml) was broken:\n  ${violations.join('\n  ')}`),
      );
    }
  });

  after(() => {
    worker?.events.removeListener('request:start', onStart);
    worker?.events.removeListener('request:unhandled', onDone);
    worker?.events.removeListener('response:bypass', onDone);
    worker?.events.removeListener('response:mocked', onMocked);
  });
}
