/**
 * The demo's settings, in one place: the community size (10,000 or 100,000
 * members, remembered across reloads), the faults the mock backend injects
 * (latency, server errors, a forced status, offline, malformed answers) and
 * resetting the data. This module owns that state, its persistence and every
 * function that changes it; `settings-panel.ts` renders the panel and the
 * "Faults on" notice from it.
 *
 * The faults in force are kept by the mock backend's fault controller (what
 * its handlers read); nothing else in the demo reads or changes them. They
 * last for the tab: saved in `sessionStorage` at each change and given to the
 * backend before the store starts (`savedFaults()`), so a reload or a size
 * switch keeps them and an offline reload can be tried. They end when the
 * user turns them off, resets the data, or closes the tab.
 */
import type { Faults } from '@segkit/mock';
import { makeBackend, makeStore } from './backend.js';
import type { Runtime } from './backend.js';
import { clearHostData } from './saved.js';
import { strings } from './strings.js';
import type { Toast } from './toasts.js';

export const SIZES = [10_000, 100_000] as const;
export type Size = (typeof SIZES)[number];

/** The latencies the panel offers: none, a random 50 to 300 ms, 1 s, 3 s. */
export const LATENCIES: ReadonlyArray<Faults['latencyMs']> = [0, [50, 300], 1000, 3000];
/** The shares of requests answered 503 that the panel offers. */
export const ERROR_RATES: readonly number[] = [0, 0.1, 0.3, 1];
/** The statuses every request can be forced to answer (401: the session expired). */
export const STATUSES: ReadonlyArray<number | null> = [null, 401, 403, 429, 500, 503];

const SIZE_KEY = 'glow-demo:size';
const FAULTS_KEY = 'glow-demo:faults';

/** The faults a person sets in the panel (not the one-shot `failNext` queue tests use). */
export type StandingFaults = Omit<Faults, 'failNext'>;

/** True when any fault of `f` is on. */
export function anyFault(f: StandingFaults): boolean {
  return f.offline || f.malformed || f.errorRate > 0 || f.status !== null || f.latencyMs !== 0;
}

/**
 * The faults this tab had on before the reload (none at first, or when
 * storage is blocked). Only values the panel offers are taken back.
 */
export function savedFaults(): Partial<StandingFaults> {
  let saved: unknown;
  try {
    saved = JSON.parse(sessionStorage.getItem(FAULTS_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (!saved || typeof saved !== 'object') return {};
  const f = saved as Record<string, unknown>;
  const faults: Partial<StandingFaults> = {};
  const latency = LATENCIES.find((choice) => JSON.stringify(choice) === JSON.stringify(f.latencyMs));
  if (latency !== undefined) faults.latencyMs = latency;
  if (typeof f.errorRate === 'number' && ERROR_RATES.includes(f.errorRate)) faults.errorRate = f.errorRate;
  if (STATUSES.includes(f.status as number | null)) faults.status = f.status as number | null;
  if (typeof f.offline === 'boolean') faults.offline = f.offline;
  if (typeof f.malformed === 'boolean') faults.malformed = f.malformed;
  return faults;
}

function saveFaults(f: StandingFaults): void {
  try {
    if (anyFault(f)) {
      const { latencyMs, errorRate, status, offline, malformed } = f;
      sessionStorage.setItem(FAULTS_KEY, JSON.stringify({ latencyMs, errorRate, status, offline, malformed }));
    } else {
      sessionStorage.removeItem(FAULTS_KEY);
    }
  } catch {
    // Not remembered across reloads; they still apply to this page.
  }
}

/** The community size chosen last time (10,000 at first, or when storage is blocked). */
export function savedSize(): Size {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(SIZE_KEY);
  } catch {
    // Storage blocked: default size.
  }
  return saved === '100000' ? 100_000 : 10_000;
}

function saveSize(size: Size): void {
  try {
    localStorage.setItem(SIZE_KEY, String(size));
  } catch {
    // Not remembered across reloads; fine.
  }
}

/** What the settings need from the shell around them. */
export interface SettingsHost {
  /** Something the panel or the shell shows changed: re-render. */
  changed(): void;
  /** The runtime has a new store (after a size switch or a reset): follow it. */
  storeReplaced(): void;
  /** The data went back to the seed: forget what the shell kept about the old data. */
  dataReset(): void;
  /** A short notice (a toast). */
  notify(text: string, tone: Toast['tone']): void;
}

export class DemoSettings {
  /** A size switch or a reset in progress (the panel disables its controls meanwhile). */
  busy: 'size' | 'reset' | null = null;
  #size: Size;
  readonly #runtime: Runtime;
  readonly #host: SettingsHost;

  constructor(runtime: Runtime, size: Size, host: SettingsHost) {
    this.#runtime = runtime;
    this.#size = size;
    this.#host = host;
  }

  /** How many members the community has. */
  get size(): Size {
    return this.#size;
  }

  /** A copy of the faults in force. */
  get faults(): Faults {
    return this.#runtime.backend.faults.get();
  }

  /** True when any fault is on (the "Faults on" notice shows). */
  get faultsOn(): boolean {
    return anyFault(this.faults);
  }

  /** Turns faults on or off; they stay for this tab, across reloads. */
  setFaults(patch: Partial<StandingFaults>): void {
    this.#runtime.backend.faults.set(patch);
    saveFaults(this.faults);
    this.#host.changed();
  }

  /** Turns every fault off ("Turn all faults off", "Clear faults"). */
  clearFaults(): void {
    this.#runtime.backend.faults.reset();
    saveFaults(this.faults);
    this.#host.notify(strings.toast.faultsCleared, 'info');
    this.#host.changed();
  }

  /**
   * "Sign in again" while the backend refuses the credentials: the demo's
   * sign-in is ending a forced 401, then the store sends the writes that wait
   * (`store.resume()`, what a host calls once it has a new token).
   */
  signInAgain(): void {
    if (this.faults.status === 401) this.setFaults({ status: null });
    this.#runtime.store.resume();
  }

  /**
   * Switches to the other community: the old store stops first (its queued
   * writes must not land in the new data), then the worker serves a new
   * backend, with its own persisted data and the faults in force.
   */
  async changeSize(size: Size): Promise<void> {
    if (size === this.#size || this.busy) return;
    await this.#while('size', async () => {
      const runtime = this.#runtime;
      runtime.current.close();
      await runtime.backend.close();
      const faults = this.faults;
      const backend = makeBackend(size);
      backend.faults.set({ ...faults, failNext: [] });
      runtime.worker.resetHandlers(...backend.handlers);
      await backend.ready;
      saveSize(size);
      runtime.backend = backend;
      runtime.current = makeStore(size);
      runtime.store = runtime.current.store;
      this.#size = size;
      this.#host.storeReplaced();
      this.#host.notify(strings.toast.size(size), 'success');
    });
  }

  /**
   * Back to the seeded community: no segments you made, no membership
   * changes, no invites, no faults; no campaigns, automations or Activity.
   */
  async reset(): Promise<void> {
    if (this.busy) return;
    await this.#while('reset', async () => {
      const runtime = this.#runtime;
      // The cached copy and any waiting changes belong to the data being reset: drop them too.
      runtime.current.store.destroy();
      await runtime.current.cache.clear().catch(() => undefined);
      runtime.current.close();
      await runtime.backend.reset();
      saveFaults(runtime.backend.faults.get());
      runtime.current = makeStore(this.#size);
      runtime.store = runtime.current.store;
      clearHostData();
      this.#host.storeReplaced();
      this.#host.dataReset();
      this.#host.notify(strings.toast.reset, 'success');
    });
  }

  async #while(busy: 'size' | 'reset', work: () => Promise<void>): Promise<void> {
    this.busy = busy;
    this.#host.changed();
    try {
      await work();
    } finally {
      this.busy = null;
      this.#host.changed();
    }
  }
}
