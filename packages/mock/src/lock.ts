/**
 * Mutual exclusion for the mock backend: one write at a time across the tabs
 * of a browser (Web Locks), and one task at a time inside one backend.
 */

/** The part of `navigator.locks` the mock uses. */
export interface LockManagerLike {
  request<T>(name: string, options: { mode: 'exclusive' }, callback: () => Promise<T>): Promise<T>;
}

/** The page's Web Locks, or undefined where there are none (old engines, some workers). */
export function pageLocks(): LockManagerLike | undefined {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike });
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

/** Tails of the in-page locks by name, shared by every backend of this page. */
const inPage = new Map<string, Promise<void>>();

function inPageLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const before = inPage.get(name) ?? Promise.resolve();
  const result = before.then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  inPage.set(name, tail);
  void tail.then(() => {
    if (inPage.get(name) === tail) inPage.delete(name);
  });
  return result;
}

/**
 * Runs `task` holding the exclusive lock `name`: a Web Lock, so tabs of the
 * same origin take turns (released when the task settles or the tab closes).
 * Without Web Locks, or when the lock manager refuses (opaque origins), the
 * lock holds within this page only.
 */
export function withLock<T>(locks: LockManagerLike | undefined, name: string, task: () => Promise<T>): Promise<T> {
  if (!locks) return inPageLock(name, task);
  let started = false;
  let request: Promise<T>;
  try {
    request = locks.request(name, { mode: 'exclusive' }, () => {
      started = true;
      return task();
    });
  } catch {
    return inPageLock(name, task);
  }
  return request.catch((error: unknown) => {
    if (started) throw error;
    return inPageLock(name, task);
  });
}

/** Tasks run one after the other, in the order given. */
export interface Serial {
  run<T>(task: () => Promise<T>): Promise<T>;
  /**
   * Queues `task` unless the last queued task is this same task and has not
   * started yet, in which case the caller shares it (a check that starts after
   * the call sees everything done before it).
   */
  coalesce(task: () => Promise<void>): Promise<void>;
  /** Resolves when everything queued so far has settled. */
  idle(): Promise<void>;
}

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  let pending: { task: () => Promise<void>; promise: Promise<void> } | undefined;
  function run<T>(task: () => Promise<T>): Promise<T> {
    pending = undefined;
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  }
  return {
    run,
    coalesce(task) {
      if (pending?.task === task) return pending.promise;
      const entry: { task: () => Promise<void>; promise: Promise<void> } = { task, promise: Promise.resolve() };
      entry.promise = run(() => {
        if (pending === entry) pending = undefined;
        return task();
      });
      pending = entry;
      return entry.promise;
    },
    idle: () => tail.then(() => undefined),
  };
}
