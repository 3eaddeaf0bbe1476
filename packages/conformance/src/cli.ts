/**
 * `segkit-conformance`: runs the adapter contract checks over HTTP against a
 * backend and prints each one (pass, FAIL with the reason, skip with why),
 * then a summary; exits 1 when a check failed, 2 on bad arguments.
 */
import { createRestAdapter } from '@segkit/rest';
import { formatResult, runChecks, summary } from './run.js';
import type { CheckResult, RunOptions } from './run.js';
import { serveMock } from './serve-mock.js';
import { createWire } from './wire.js';

interface NodeProcess {
  argv: string[];
  exitCode?: number;
  stdout: { write(text: string): void };
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): void;
}
const proc = (globalThis as unknown as { process: NodeProcess }).process;

export const USAGE = `Usage:
  segkit-conformance <base-url> [options]   run the checks against a backend
  segkit-conformance --mock [options]       run them against the mock backend served on a free port
  segkit-conformance --serve-mock [--port <n>] [--size <n>] [--seed <n>]
                                            serve the mock backend over HTTP until stopped

Options:
  --token <t>          send Authorization: Bearer <t>
  --read-only          run no check that writes (segments are created and deleted otherwise)
  --add-members        also run the invite checks that redeem links: they add members, which stay
  --grep <text>        only the checks whose "group › name" contains <text>
  --max-members <n>    checks that read every member skip above <n> members (default 5000)
  --json               print the results as one JSON document instead of lines
`;

export interface CliArgs {
  baseUrl?: string;
  token?: string;
  readOnly: boolean;
  addMembers: boolean;
  grep?: string;
  maxMembers?: number;
  json: boolean;
  mock: boolean;
  serveMock: boolean;
  port?: number;
  size?: number;
  seed?: number;
}

/** Parses the command line; throws an Error with a message for the user on bad input. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { readOnly: false, addMembers: false, json: false, mock: false, serveMock: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const number = (i: number, flag: string) => {
    const n = Number(value(i, flag));
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    switch (arg) {
      case '--token': args.token = value(i++, arg); break;
      case '--grep': args.grep = value(i++, arg); break;
      case '--max-members': args.maxMembers = number(i++, arg); break;
      case '--port': args.port = number(i++, arg); break;
      case '--size': args.size = number(i++, arg); break;
      case '--seed': args.seed = number(i++, arg); break;
      case '--read-only': args.readOnly = true; break;
      case '--add-members': args.addMembers = true; break;
      case '--json': args.json = true; break;
      case '--mock': args.mock = true; break;
      case '--serve-mock': args.serveMock = true; break;
      default:
        if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
        if (args.baseUrl !== undefined) throw new Error(`one base URL, not "${args.baseUrl}" and "${arg}"`);
        args.baseUrl = arg;
    }
  }
  if (!args.serveMock && !args.mock && args.baseUrl === undefined) throw new Error('give a base URL, --mock or --serve-mock');
  if (args.baseUrl !== undefined && !/^https?:\/\//.test(args.baseUrl)) throw new Error(`the base URL must be http(s): ${args.baseUrl}`);
  return args;
}

/** Runs the checks against the backend at `baseUrl` through the REST adapter (and raw `fetch` for the wire checks). */
export function checkBackend(options: Omit<RunOptions, 'adapter' | 'wire'> & { baseUrl: string; token?: string }): Promise<CheckResult[]> {
  const { baseUrl, token, ...rest } = options;
  const adapter = createRestAdapter({ baseUrl, ...(token ? { getToken: () => token } : {}) });
  return runChecks({ ...rest, adapter, wire: createWire(baseUrl, token) });
}

/** Runs the checks as the arguments say and prints them; resolves the exit code. */
export async function runCli(args: CliArgs, print: (line: string) => void = (line) => proc.stdout.write(`${line}\n`)): Promise<number> {
  const served = args.mock ? await serveMock({ ...(args.size === undefined ? {} : { size: args.size }), ...(args.seed === undefined ? {} : { seed: args.seed }) }) : undefined;
  const baseUrl = served?.baseUrl ?? args.baseUrl!;
  try {
    if (!args.json) {
      print(`segkit conformance: ${baseUrl}${served ? ' (the mock backend)' : ''}${args.readOnly ? ', read-only' : ''}${args.addMembers && !args.readOnly ? ', adding members' : ''}`);
    }
    const results = await checkBackend({
      baseUrl,
      ...(args.token ? { token: args.token } : {}),
      readOnly: args.readOnly,
      addMembers: args.addMembers,
      ...(args.grep === undefined ? {} : { grep: args.grep }),
      ...(args.maxMembers === undefined ? {} : { maxMembers: args.maxMembers }),
      onResult: (result) => {
        if (!args.json) print(formatResult(result));
      },
    });
    const failed = results.some((r) => r.status === 'fail');
    if (args.json) print(JSON.stringify({ baseUrl, readOnly: args.readOnly, results, summary: summary(results) }, null, 2));
    else print(summary(results));
    return failed ? 1 : 0;
  } finally {
    await served?.close();
  }
}

/** The command: parses `process.argv`, runs or serves, sets the exit code. */
export async function main(argv: readonly string[] = proc.argv.slice(2)): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    proc.stdout.write(`segkit-conformance: ${(error as Error).message}\n\n${USAGE}`);
    proc.exitCode = 2;
    return;
  }
  if (args.serveMock) {
    const served = await serveMock({
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.size === undefined ? {} : { size: args.size }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    });
    proc.stdout.write(`segkit mock backend at ${served.baseUrl} (Ctrl-C to stop)\n`);
    const stop = () => void served.close();
    proc.on('SIGINT', stop);
    proc.on('SIGTERM', stop);
    return;
  }
  proc.exitCode = await runCli(args);
}
