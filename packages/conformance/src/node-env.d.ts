/**
 * The little of Node's `node:http` the mock server uses, declared here so the
 * repository's type check needs no Node types (which would change
 * `setTimeout` and friends for the browser code type-checked with it).
 */
declare module 'node:http' {
  interface IncomingMessage extends AsyncIterable<Uint8Array> {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
  }
  interface ServerResponse {
    writeHead(status: number, headers: Array<[string, string]> | Record<string, string>): this;
    end(body?: Uint8Array | string): void;
  }
  interface Server {
    listen(port: number, host: string, callback: () => void): this;
    address(): { port: number } | string | null;
    close(callback?: (error?: Error) => void): this;
    closeAllConnections?(): void;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export function createServer(listener: (request: IncomingMessage, response: ServerResponse) => void): Server;
  export type { IncomingMessage, Server, ServerResponse };
}
