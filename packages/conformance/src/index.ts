/**
 * @segkit/conformance: the adapter contract as framework-neutral checks, run
 * against any `SegmentsAdapter` (in a browser or Node) or, by the
 * `segkit-conformance` command, against any backend over HTTP. The Node
 * pieces (the command, the mock served over HTTP) are in
 * `@segkit/conformance/node`.
 */
export { CheckFailure, CheckSkipped, assert, deepEquals, skip } from './assert.js';
export type { Check, CheckContext, CheckNeed, Wire } from './check.js';
export { allMembers } from './check.js';
export { checks } from './checks/index.js';
export { DEFAULT_MAX_MEMBERS, createContext, formatResult, newRunId, runCheck, runChecks, summary, whyNotRun } from './run.js';
export type { CheckResult, RunOptions } from './run.js';
export { createWire } from './wire.js';
