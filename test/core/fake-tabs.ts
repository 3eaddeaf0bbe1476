/**
 * An in-page stand-in for BroadcastChannel + Web Locks, so several stores in
 * one page act as tabs of one origin: messages reach the other tabs a moment
 * later (never the sender), locks are exclusive and granted in order, and a
 * tab's locks are released when it is destroyed (the tab closed).
 */
import type { TabMessage, TabSync } from '@segkit/core';

export interface FakeTab extends TabSync {
  /** The tab closes: its locks are released, its pending lock requests dropped, no more messages. */
  destroy(): void;
  readonly closed: boolean;
}

interface Request {
  tab: string;
  grant(): void;
}

export function createTabHub() {
  const tabs = new Map<string, { listeners: Set<(message: TabMessage) => void>; closed: boolean }>();
  const locks = new Map<string, { holder: string; waiting: Request[] }>();
  const posted: TabMessage[] = [];
  let count = 0;

  function release(name: string, tab: string): void {
    const lock = locks.get(name);
    if (!lock || lock.holder !== tab) return;
    const next = lock.waiting.shift();
    if (!next) {
      locks.delete(name);
      return;
    }
    lock.holder = next.tab;
    next.grant();
  }

  function run<T>(name: string, tab: string, task: () => Promise<T>): Promise<T> {
    return Promise.resolve()
      .then(task)
      .finally(() => release(name, tab));
  }

  function open(tabId = `tab${(count += 1)}`): FakeTab {
    const state = { listeners: new Set<(message: TabMessage) => void>(), closed: false };
    tabs.set(tabId, state);
    return {
      tabId,
      get closed() {
        return state.closed;
      },
      post(message) {
        if (state.closed) return;
        posted.push(message);
        for (const [id, other] of tabs) {
          if (id === tabId || other.closed) continue;
          setTimeout(() => {
            if (!other.closed) for (const listener of [...other.listeners]) listener(structuredClone(message));
          }, 1);
        }
      },
      subscribe(listener) {
        state.listeners.add(listener);
        return () => state.listeners.delete(listener);
      },
      lock(name, task, options) {
        if (state.closed) return new Promise(() => undefined);
        if (options?.signal?.aborted) return Promise.reject(options.signal.reason);
        const lock = locks.get(name);
        if (!lock) {
          locks.set(name, { holder: tabId, waiting: [] });
          return run(name, tabId, task);
        }
        return new Promise((resolve, reject) => {
          const request: Request = { tab: tabId, grant: () => run(name, tabId, task).then(resolve, reject) };
          lock.waiting.push(request);
          // As a Web Lock request: aborting gives up the wait, not a lock already held.
          options?.signal?.addEventListener('abort', () => {
            const at = lock.waiting.indexOf(request);
            if (at < 0) return;
            lock.waiting.splice(at, 1);
            reject(options.signal!.reason);
          });
        });
      },
      async tryLock(name, task) {
        if (state.closed || locks.has(name)) return null;
        locks.set(name, { holder: tabId, waiting: [] });
        return run(name, tabId, task);
      },
      close() {
        state.listeners.clear();
      },
      destroy() {
        state.closed = true;
        state.listeners.clear();
        for (const [name, lock] of [...locks]) {
          lock.waiting = lock.waiting.filter((r) => r.tab !== tabId);
          release(name, tabId);
        }
      },
    };
  }

  return {
    open,
    /** The tab holding lock `name`, if any. */
    holder: (name: string) => locks.get(name)?.holder,
    /** Every message posted, in order. */
    posted,
  };
}
