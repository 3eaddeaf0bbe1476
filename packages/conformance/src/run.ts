/**
 * Runs checks against an adapter (and, when given, the raw wire): which
 * checks run under the options, each one's outcome, and the context they get.
 */
import type { SegmentsAdapter } from '@segkit/core';
import { CheckSkipped } from './assert.js';
import type { Check, CheckContext, CheckNeed, Wire } from './check.js';
import { checks as allChecks } from './checks/index.js';

export interface RunOptions {
  adapter: SegmentsAdapter;
  wire?: Wire;
  /** Run no check that writes (`write`, `add-members`). */
  readOnly?: boolean;
  /** Run the checks that redeem invite links and so leave new members behind. */
  addMembers?: boolean;
  /** Only checks whose `group › name` contains this text (case-insensitive). */
  grep?: string;
  /** Checks that read every member skip above this many (default 5,000). */
  maxMembers?: number;
  /** Default: 6 random base-36 characters. */
  runId?: string;
  known?: CheckContext['known'];
  checks?: readonly Check[];
  /** Called with each result as soon as its check ends. */
  onResult?(result: CheckResult): void;
}

export interface CheckResult {
  group: string;
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped. */
  reason?: string;
  ms: number;
}

export const DEFAULT_MAX_MEMBERS = 5000;

export function newRunId(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

export function createContext(options: Pick<RunOptions, 'adapter' | 'wire' | 'maxMembers' | 'runId' | 'known'>): CheckContext {
  const runId = options.runId ?? newRunId();
  return {
    adapter: options.adapter,
    ...(options.wire ? { wire: options.wire } : {}),
    runId,
    name: (label) => `segkit conformance ${runId} ${label}`,
    maxMembers: options.maxMembers ?? DEFAULT_MAX_MEMBERS,
    ...(options.known ? { known: options.known } : {}),
  };
}

/** Why `check` does not run under these options, or `undefined` when it runs. */
export function whyNotRun(check: Check, options: Pick<RunOptions, 'adapter' | 'wire' | 'readOnly' | 'addMembers'>): string | undefined {
  const reasons: Record<CheckNeed, string | undefined> = {
    write: options.readOnly ? 'it writes, and the run is --read-only' : undefined,
    'add-members': options.readOnly
      ? 'it adds members, and the run is --read-only'
      : options.addMembers
        ? undefined
        : 'it adds members through an invite link (run with --add-members)',
    invites: options.adapter.capabilities.invites ? undefined : 'the backend does not declare capabilities.invites',
    wire: options.wire ? undefined : 'no base URL to send raw requests to',
  };
  for (const need of check.needs) if (reasons[need]) return reasons[need];
  return undefined;
}

/** Runs one check; never throws. */
export async function runCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const base = { group: check.group, name: check.name };
  try {
    await check.run(ctx);
    return { ...base, status: 'pass', ms: Date.now() - started };
  } catch (error) {
    const ms = Date.now() - started;
    if (error instanceof CheckSkipped) return { ...base, status: 'skip', reason: error.message, ms };
    const text = error instanceof Error ? `${error.message}${(error as { code?: unknown }).code ? ` (${String((error as { code?: unknown }).code)})` : ''}` : String(error);
    return { ...base, status: 'fail', reason: text, ms };
  }
}

/** Runs the checks one after the other; resolves every result. */
export async function runChecks(options: RunOptions): Promise<CheckResult[]> {
  const ctx = createContext(options);
  const grep = options.grep?.toLowerCase();
  const results: CheckResult[] = [];
  for (const check of options.checks ?? allChecks) {
    if (grep && !`${check.group} › ${check.name}`.toLowerCase().includes(grep)) continue;
    const why = whyNotRun(check, options);
    const result = why ? { group: check.group, name: check.name, status: 'skip' as const, reason: why, ms: 0 } : await runCheck(check, ctx);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

/** `N passed, M failed, K skipped`. */
export function summary(results: readonly CheckResult[]): string {
  const n = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  return `${n('pass')} passed, ${n('fail')} failed, ${n('skip')} skipped`;
}

/** One result as the command prints it. */
export function formatResult(result: CheckResult): string {
  const title = `${result.group} › ${result.name}`;
  if (result.status === 'pass') return `  pass  ${title} (${result.ms} ms)`;
  if (result.status === 'skip') return `  skip  ${title}\n        skipped: ${result.reason}`;
  return `  FAIL  ${title}\n        ${result.reason}`;
}
