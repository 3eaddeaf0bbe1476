/**
 * The example's store: the memory adapter from @segkit/core with a few
 * members and segments (a real app gives the provider `endpoint`, or a store
 * over its own adapter).
 */
import { createMemoryAdapter, createSegmentStore } from '@segkit/core';
import type { Member, SegmentStore } from '@segkit/core';

const NAMES = ['Ana Silva', 'Ben Okafor', 'Chen Wei', 'Dara Khan', 'Eli Moreau', 'Fatima Noor', 'Gus Lindqvist', 'Hana Sato'];
const CREATED = '2026-11-01T00:00:00.000Z';

export function createExampleStore(): SegmentStore {
  const members: Member[] = Array.from({ length: 40 }, (_, i) => ({
    id: `m${String(i + 1).padStart(3, '0')}`,
    name: `${NAMES[i % NAMES.length]} ${i + 1}`,
    email: `member${i + 1}@example.com`,
    attributes: { niche: i % 2 ? 'Fitness' : 'Beauty' },
    segmentIds: i % 5 === 0 ? ['vips'] : [],
    createdAt: CREATED,
  }));
  const segments = [
    { id: 'vips', name: 'VIPs', createdAt: CREATED, updatedAt: CREATED },
    { id: 'creators', name: 'Content Creators', color: '#7c3aed', createdAt: CREATED, updatedAt: CREATED },
  ];
  return createSegmentStore({ adapter: createMemoryAdapter({ members, segments }) });
}
