/**
 * `createTabSync`: core's `TabSync` over the browser. Messages go to the
 * other tabs of the namespace through a `BroadcastChannel` (a channel never
 * hears itself); locks are Web Locks (`navigator.locks`), held until the task
 * settles or the tab closes. Where either is missing (old browsers, opaque
 * origins), it degrades without throwing: messages go nowhere, and locks
 * hold within this page only, so tasks still run.
 */
import type { TabMessage, TabSync } from '@segkit/core';
import { SegkitError, createId } from '@segkit/core';

export interface TabSyncOptions {
  /** Which tabs talk and share locks: use the cache's namespace (a backend and a user). */
  namespace: string;
}

const SCOPES = new Set(['segments', 'members', 'invites']);

/** A message from another tab, checked field by field (another tab may run another version); null when it is not one. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, tabId, scope } = data as Record<string, unknown>;
  if (typeof tabId !== 'string' || tabId === '') return null;
  if (type === 'outbox') return { type, tabId };
  if (type === 'changed' && typeof scope === 'string' && SCOPES.has(scope)) {
    return { type, scope: scope as 'segments' | 'members' | 'invites', tabId };
  }
  return null;
}

/** Locks within this page, for browsers without Web Locks: the tail of each name's queue. */
const pageLocks = new Map<string, Promise<void>>();

function pageLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const previous = pageLocks.get(name) ?? Promise.resolve();
  let release!: () => void;
  const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
  pageLocks.set(name, tail);
  return previous
    .then(task)
    .finally(() => {
      release();
      if (pageLocks.get(name) === tail) pageLocks.delete(name);
    });
}

/** A signal aborted when `a` or `b` is; `done` stops following them. */
function either(a: AbortSignal, b: AbortSignal | undefined): { signal: AbortSignal; done: () => void } {
  if (!b) return { signal: a, done: () => undefined };
  const both = new AbortController();
  const abort = () => both.abort();
  a.addEventListener('abort', abort);
  b.addEventListener('abort', abort);
  if (a.aborted || b.aborted) abort();
  return {
    signal: both.signal,
    done() {
      a.removeEventListener('abort', abort);
      b.removeEventListener('abort', abort);
    },
  };
}

function report(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}

export function createTabSync(options: TabSyncOptions): TabSync {
  const tabId = createId('tab_');
  const prefix = `segkit:${options.namespace}`;
  const lockName = (name: string) => `${prefix}:${name}`;
  const listeners = new Set<(message: TabMessage) => void>();
  const closing = new AbortController();
  let closed = false;

  let channel: BroadcastChannel | undefined;
  try {
    if (typeof BroadcastChannel === 'function') channel = new BroadcastChannel(prefix);
  } catch {
    channel = undefined; // e.g. opaque origins
  }
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      const message = parseTabMessage(event.data);
      if (!message) return; // (a channel never hears its own posts)
      for (const listener of [...listeners]) {
        try {
          listener({ ...message });
        } catch (error) {
          report(error); // one listener's bug stops neither the others nor the channel
        }
      }
    };
  }

  const locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const closedError = () => new SegkitError('aborted', 'The tab sync was closed.');

  /**
   * Runs `request` with the Web Locks; if the lock manager itself fails
   * before the task started (SecurityError in opaque origins, ...), runs
   * `fallback` (a page lock) instead. A failure of the task is the task's.
   */
  async function withLocks<T, R>(
    request: (locks: LockManager, task: () => Promise<T>) => Promise<R>,
    task: () => Promise<T>,
    fallback: () => Promise<R>,
  ): Promise<R> {
    if (!locks) return fallback();
    let started = false;
    try {
      return await request(locks, () => {
        started = true;
        return task();
      });
    } catch (error) {
      if (started || closing.signal.aborted) throw error;
      return fallback();
    }
  }

  return {
    tabId,

    post(message) {
      if (closed || !channel) return;
      try {
        channel.postMessage({ ...message, tabId });
      } catch {
        // a closed or broken channel: messages go nowhere
      }
    },

    subscribe(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    lock(name, task, options) {
      if (closed) return Promise.reject(closedError());
      const full = lockName(name);
      const wait = either(closing.signal, options?.signal);
      return withLocks(
        (manager, run) => manager.request(full, { signal: wait.signal }, run) as ReturnType<typeof task>,
        task,
        () => pageLock(full, task),
      ).finally(wait.done);
    },

    tryLock<T>(name: string, task: () => Promise<T>) {
      if (closed) return Promise.reject(closedError());
      const full = lockName(name);
      return withLocks<T, T | null>(
        (manager, run) => manager.request(full, { ifAvailable: true }, (lock) => (lock ? run() : null)) as Promise<T | null>,
        task,
        () => (pageLocks.has(full) ? Promise.resolve(null) : pageLock(full, task)),
      );
    },

    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel?.close();
      closing.abort(closedError()); // lock requests still waiting reject with `aborted`
    },
  };
}
