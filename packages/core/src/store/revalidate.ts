/**
 * When to re-read: soon after a change made elsewhere (coalesced), and once
 * the write queue is idle after a read or a write that left the shown data
 * uncertain (decision 004). A re-read never overlaps queued writes.
 */

/** How long changes made elsewhere are gathered into one re-read. */
const COALESCE_MS = 30;

export interface RevalidatorOptions {
  /** Re-reads segments and the visible member pages. */
  refresh(): Promise<void>;
  /** No write is queued or in flight. */
  isIdle(): boolean;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
}

/** Owns the pending re-read: a timer and an "after the queue" flag. */
export interface Revalidator {
  /** Re-reads in a moment; waits for the queue when writes are pending. */
  soon(): void;
  /** Re-reads once the write queue is idle (soon, when it is already). */
  whenIdle(): void;
  /** The write queue is idle: runs a re-read asked for meanwhile. */
  idle(): void;
  /** Cancels a re-read not started yet. */
  stop(): void;
}

export function createRevalidator(options: RevalidatorOptions): Revalidator {
  let afterWrites = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function soon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (options.signal.aborted) return;
      if (!options.isIdle()) afterWrites = true;
      else void options.refresh();
    }, COALESCE_MS);
  }

  return {
    soon,
    whenIdle() {
      // Already idle (e.g. a read that overlapped a write that has settled since): no idle is coming.
      if (options.isIdle()) soon();
      else afterWrites = true;
    },
    idle() {
      if (afterWrites && !options.signal.aborted) {
        afterWrites = false;
        void options.refresh();
      }
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
