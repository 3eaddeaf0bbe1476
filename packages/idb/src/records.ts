/**
 * What the cache knows about each record besides its value: an estimate of
 * its size, when it was last used, and how willingly it is evicted under
 * quota pressure (decision 010).
 */

/** Member pages go first, then the segment list and anything else, queued writes never. */
export const RANK = { page: 0, other: 1, outbox: 2 } as const;
export type Rank = (typeof RANK)[keyof typeof RANK];

/** How willingly the record under `key` (a store key) is evicted: lower goes first. */
export function rankOf(key: string): Rank {
  if (key === 'outbox' || key.startsWith('outbox:')) return RANK.outbox;
  if (key.startsWith('members:')) return RANK.page;
  return RANK.other;
}

/**
 * A rough size in bytes of a structured-clonable value, for the budget and
 * for choosing what to evict (strings count two bytes a character, as
 * engines store most of them). Cheap: no clone, no JSON.
 */
export function estimateBytes(value: unknown): number {
  const seen = new Set<object>();
  const size = (v: unknown): number => {
    switch (typeof v) {
      case 'string':
        return 4 + 2 * v.length;
      case 'number':
      case 'bigint':
        return 8;
      case 'boolean':
      case 'undefined':
        return 4;
      case 'object': {
        if (v === null) return 4;
        if (seen.has(v)) return 4;
        seen.add(v);
        if (v instanceof Date) return 12;
        if (v instanceof ArrayBuffer) return 8 + v.byteLength;
        if (ArrayBuffer.isView(v)) return 8 + v.byteLength;
        if (typeof Blob !== 'undefined' && v instanceof Blob) return 8 + v.size;
        let total = 8;
        if (v instanceof Map) {
          for (const [key, item] of v) total += size(key) + size(item);
        } else if (v instanceof Set) {
          for (const item of v) total += size(item);
        } else if (Array.isArray(v)) {
          for (const item of v) total += size(item);
        } else {
          for (const key of Object.keys(v)) total += 4 + 2 * key.length + size((v as Record<string, unknown>)[key]);
        }
        return total;
      }
      default:
        return 8;
    }
  };
  return size(value);
}

/** Last-use stamps: the wall clock, but strictly increasing within a page, so LRU order is the order of use. */
export function createClock(now: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 0.001);
    return last;
  };
}
