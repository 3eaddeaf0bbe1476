/**
 * The demo's settings, in one place: the community size (10,000 or 100,000
 * members, remembered across reloads), the faults the mock backend injects
 * (latency, server errors, a forced status, offline, malformed answers) and
 * resetting the data. This module owns that state, its persistence and every
 * function that changes it; `settings-panel.ts` renders the panel from it and
 * the shell shows the "Faults on" pill from `faultsOn`.
 *
 * The faults in force are kept by the mock backend's fault controller (what
 * its handlers read); nothing else in the demo reads or changes them. They
 * last for this page only: a reload, a size switch (a new backend) and a data
 * reset all start with no faults.
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

const SIZE_KEY = 'glow-demo:size';

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

  /** True when any fault is on (the shell shows "Faults on"). */
  get faultsOn(): boolean {
    const f = this.faults;
    return f.offline || f.malformed || f.errorRate > 0 || f.status !== null || f.latencyMs !== 0;
  }

  setFaults(patch: Partial<Faults>): void {
    this.#runtime.backend.faults.set(patch);
    this.#host.changed();
  }

  clearFaults(): void {
    this.#runtime.backend.faults.reset();
    this.#host.notify(strings.toast.faultsCleared, 'info');
    this.#host.changed();
  }

  /**
   * Switches to the other community: the old store stops first (its queued
   * writes must not land in the new data), then the worker serves a new
   * backend, with its own persisted data and no faults.
   */
  async changeSize(size: Size): Promise<void> {
    if (size === this.#size || this.busy) return;
    await this.#while('size', async () => {
      const runtime = this.#runtime;
      runtime.store.destroy();
      await runtime.backend.close();
      const backend = makeBackend(size);
      runtime.worker.resetHandlers(...backend.handlers);
      await backend.ready;
      saveSize(size);
      runtime.backend = backend;
      runtime.store = makeStore();
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
      runtime.store.destroy();
      await runtime.backend.reset();
      runtime.store = makeStore();
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
