/**
 * Letting the event loop in: the one helper every sliced piece of core uses
 * (the memory adapter's derived data and bulk writes, the store's folding of
 * a bulk answer), so no task of the SDK runs much over a few ms at 100,000
 * members (decisions 027 and 031).
 */

/** Ms of work between two yields to the event loop. */
export const SLICE_MS = 8;

/**
 * Resolves in a later task, so input, rendering and the page's other tasks
 * run first: a `MessageChannel` message (no 4 ms clamp, unlike nested
 * `setTimeout`), else `setTimeout(0)`. Not `scheduler.yield()`: its
 * continuation runs before the page's other tasks, so a long sliced job
 * (a first sort at 100,000 members) would hold back the table's own loads
 * and messages for its whole length (`test/core/memory-adapter.test.ts`).
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `steps` (a generator that `yield`s every few thousand items) in
 * slices of `SLICE_MS`, letting the event loop in between; resolves with
 * what it returns.
 */
export async function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const end = performance.now() + SLICE_MS;
    let next = steps.next();
    while (!next.done && performance.now() < end) next = steps.next();
    if (next.done) return next.value;
    await yieldToEventLoop();
  }
}
