/** Small, hand-made data and helpers for the store tests. */
import type { AdapterChangeEvent, Member, SegmentStore, SegmentStoreOptions, SegmentsAdapter } from '@segkit/core';
import { SegkitError, createMemoryAdapter, createSegmentStore, manualConnectivity } from '@segkit/core';
import { cleanStores, keepMount } from 'nanostores';

export const T0 = Date.UTC(2026, 0, 1);

const FIRST = ['Ana', 'Bo', 'Chen', 'Dalia', 'Émile', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jade', 'Kofi', 'Lena'];
const LAST = ['Silva', 'Nguyen', 'Okafor', 'Müller', 'Rossi', 'Kim', 'Haddad', 'Novak'];

/** `n` members m000, m001, ...; every 3rd in vips, every 4th in creators (so 12k in both, others in none). */
export function makeMembers(n: number): Member[] {
  return Array.from({ length: n }, (_, i) => {
    const segmentIds: string[] = [];
    if (i % 3 === 0) segmentIds.push('vips');
    if (i % 4 === 0) segmentIds.push('creators');
    return {
      id: `m${String(i).padStart(3, '0')}`,
      name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]} ${i}`,
      email: `user${i}@example.com`,
      attributes: { followers: (i * 7919) % 10_000, niche: i % 2 ? 'Fitness' : 'Beauty' },
      segmentIds,
      createdAt: new Date(T0 + i * 60_000).toISOString(),
    };
  });
}

export const SEGMENTS = [
  { id: 'vips', name: 'VIPs', createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString() },
  {
    id: 'creators',
    name: 'Content Creators',
    color: '#7c3aed',
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  },
];

export function makeAdapter(n = 24) {
  return createMemoryAdapter({ members: makeMembers(n), segments: SEGMENTS, now: () => T0 + 86_400_000 });
}

const open: SegmentStore[] = [];

/** A store over `adapter` with its atoms mounted (as a UI would) and fast retries. */
export function makeStore(adapter: SegmentsAdapter, options: Partial<SegmentStoreOptions> = {}) {
  const connectivity = manualConnectivity(true);
  const store = createSegmentStore({
    adapter,
    pageSize: 10,
    retry: { baseMs: 5, maxMs: 40, maxAttempts: 4 },
    connectivity,
    ...options,
  });
  for (const $atom of [store.$segments, store.$members, store.$status, store.$selectedCount, store.$lastAction]) keepMount($atom);
  open.push(store);
  return { store, connectivity };
}

/** Destroys every store made by `makeStore` (call in afterEach). */
export function cleanup(): void {
  for (const store of open.splice(0)) {
    store.destroy();
    cleanStores(store.$segments, store.$members, store.$status, store.$selectedCount, store.$lastAction);
  }
}

/** Waits until `check` passes (returns truthy without throwing). */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) throw last ?? new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function countOf(store: SegmentStore, id: string): number | undefined {
  return store.$segments.get().find((s) => s.id === id)?.memberCount;
}

export type Fault = 'ok' | 'network' | 'lost-response' | 'server' | 'rate-limited' | 'refuse' | 'unauthorized';

/**
 * Wraps an adapter so the next writes fail as told:
 * - `network`: the request never arrives (nothing applied);
 * - `lost-response`: applied, then the answer is lost (a replay must not apply twice);
 * - `server`: a 503; `rate-limited`: a 429 with Retry-After 30 ms;
 * - `refuse`: a 422, unless the backend applied that request id already (a replay is answered with the first
 *   outcome) or the write is the store's repair of a half-done action (`fix_…`: a refused repair is reported, not modelled);
 * - `unauthorized`: a 401 (nothing applied); `ok`: no fault (to aim a later fault at a later write).
 */
export function faulty(inner: SegmentsAdapter) {
  const plan: Fault[] = [];
  const calls: Array<{ method: string; args: unknown[] }> = [];
  let reads: 'ok' | 'network' | 'malformed' = 'ok';
  const writes = new Set(['createSegment', 'updateSegment', 'deleteSegment', 'changeMembership']);
  /** Request ids the backend has answered (applied or refused for real). */
  const applied = new Set<string>();
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'subscribe') return value;
      return async (...args: unknown[]) => {
        calls.push({ method: String(key), args });
        if (!writes.has(String(key))) {
          if (reads === 'network') throw new SegkitError('network', 'read failed');
          if (reads === 'malformed') return { garbage: true };
          return value.apply(target, args);
        }
        const fault = plan.shift();
        const requestId = (args.at(-1) as { requestId?: string } | undefined)?.requestId;
        if (fault === 'network') throw new SegkitError('network', 'injected network fault');
        if (fault === 'server') throw new SegkitError('server', 'injected 503', { status: 503 });
        if (fault === 'rate-limited') throw new SegkitError('server', 'injected 429', { status: 429, retryAfterMs: 30 });
        if (fault === 'refuse' && !requestId?.startsWith('fix_') && !(requestId !== undefined && applied.has(requestId))) {
          throw new SegkitError('invalid-input', 'injected refusal', { status: 422 });
        }
        if (fault === 'unauthorized') throw new SegkitError('unauthorized', 'injected 401', { status: 401 });
        const result = await value.apply(target, args);
        if (requestId !== undefined) applied.add(requestId);
        if (fault === 'lost-response') throw new SegkitError('network', 'injected lost response');
        return result;
      };
    },
  }) as SegmentsAdapter & { subscribe?(l: (e: AdapterChangeEvent) => void): () => void };
  return {
    adapter,
    calls,
    fail(...faults: Fault[]) {
      plan.push(...faults);
    },
    set reads(mode: 'ok' | 'network' | 'malformed') {
      reads = mode;
    },
    writes: () => calls.filter((c) => writes.has(c.method)),
  };
}

/** The row of member `id` in the loaded window (rows are in the query's order, not by id). */
export function rowById(store: SegmentStore, id: string) {
  const window = store.$members.get();
  for (let i = 0; i < (window.total ?? 0); i += 1) if (window.at(i)?.id === id) return window.at(i);
  return undefined;
}

/** An adapter whose audience counts fail until `heal()`. */
export function countFails(inner: SegmentsAdapter) {
  let failing = true;
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'countAudience') return value;
      return async (...args: unknown[]) => {
        if (failing) throw new SegkitError('server', 'count service down', { status: 503 });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter, heal: () => (failing = false) };
}

/** `inner` whose reads wait until `release()`: "before any network answer". */
export function heldReads(inner: SegmentsAdapter) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'listSegments' && key !== 'queryMembers') return value;
      return async (...args: unknown[]) => {
        await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter, release };
}

/** The adapter without live events: only the tabs can tell a store about another's changes. */
export function quiet(inner: SegmentsAdapter): SegmentsAdapter {
  return new Proxy(inner, {
    get: (target, key, receiver) =>
      key === 'subscribe' ? undefined : key === 'capabilities' ? { ...target.capabilities, live: false } : Reflect.get(target, key, receiver),
  });
}

/**
 * `inner` whose `method` is applied on the server but never answered (the tab
 * closes before the answer); `landed` resolves once it was applied.
 */
export function appliedNeverAnswered(inner: SegmentsAdapter, method: keyof SegmentsAdapter) {
  let arrived!: () => void;
  const landed = new Promise<void>((resolve) => (arrived = resolve));
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== method) return value;
      return async (...args: unknown[]) => {
        await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        arrived();
        return new Promise(() => undefined); // the answer never comes back
      };
    },
  });
  return { adapter, landed };
}
