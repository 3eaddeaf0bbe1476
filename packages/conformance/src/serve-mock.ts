/**
 * The msw mock backend (`@segkit/mock`) served over real HTTP with
 * `node:http`: each request becomes a fetch `Request`, msw's `getResponse`
 * runs it through the mock's handlers, and the `Response` is written back.
 * For backend authors (a reference to compare with: `segkit-conformance
 * --serve-mock`) and for CI, which runs the kit against it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { getResponse } from 'msw';

/** Sits between the server and the mock: may change the request, the answer, or both. For fault tests. */
export type MockMiddleware = (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;

export interface ServeMockOptions {
  /** Port to listen on; 0 (the default) takes a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Members in the seeded dataset (default 200) and the seed (default 7). */
  size?: number;
  seed?: number;
  middleware?: MockMiddleware;
}

export interface ServedMock {
  /** The API's base URL, e.g. `http://127.0.0.1:43121/api`. */
  baseUrl: string;
  backend: MockBackend;
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = incoming.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const length = chunks.reduce((n, c) => n + c.length, 0);
    body = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.length;
    }
  }
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, ...(body ? { body } : {}) });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  outgoing.writeHead(response.status, headers);
  outgoing.end(new Uint8Array(await response.arrayBuffer()));
}

function notHandled(request: Request): Response {
  return Response.json({ error: { code: 'not-found', message: `No route for ${request.method} ${new URL(request.url).pathname}.` } }, { status: 404 });
}

/** Serves a fresh mock backend (no persistence: every server starts from the seed) until `close()`. */
export async function serveMock(options: ServeMockOptions = {}): Promise<ServedMock> {
  const host = options.host ?? '127.0.0.1';
  let backend: MockBackend | undefined;
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      try {
        const request = await toRequest(incoming, origin);
        const handle = async (req: Request) => (await getResponse(backend!.handlers, req)) ?? notHandled(req);
        const response = options.middleware ? await options.middleware(request, handle) : await handle(request);
        await send(response, outgoing);
      } catch (error) {
        await send(Response.json({ error: { code: 'server', message: String(error) } }, { status: 500 }), outgoing);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  origin = `http://${host}:${port}`;
  backend = createMockBackend({ baseUrl: `${origin}/api`, seed: options.seed ?? 7, size: options.size ?? 200, persist: false });
  await backend.ready;
  return {
    baseUrl: `${origin}/api`,
    backend,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
