/** The Node side of @segkit/conformance: the command and the mock backend over HTTP. */
export * from './index.js';
export { USAGE, checkBackend, main, parseArgs, runCli } from './cli.js';
export type { CliArgs } from './cli.js';
export { serveMock } from './serve-mock.js';
export type { MockMiddleware, ServeMockOptions, ServedMock } from './serve-mock.js';
