/** Segment fields and a backend for the segment list's field tests (connector and element). */
import { createMemoryAdapter } from '@segkit/core';
import type { SegmentField, SegmentsAdapter } from '@segkit/core';
import { SEGMENTS, T0, makeMembers } from '../core/fixtures.js';

export const CODE: SegmentField = {
  key: 'discountCode',
  label: 'Discount code',
  type: 'text',
  pattern: '[A-Z0-9]{3,20}',
  message: 'A discount code is 3 to 20 capital letters or digits, like VIP20.',
};
export const FIELDS: SegmentField[] = [
  CODE,
  { key: 'percent', label: 'Discount', type: 'number', min: 0, max: 100 },
  { key: 'tier', label: 'Tier', type: 'select', options: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] },
  { key: 'public', label: 'Public', type: 'boolean' },
];

/** VIPs carry a code and two keys no field declares; Content Creators carry nothing. */
export function fieldsAdapter(): SegmentsAdapter {
  return createMemoryAdapter({
    members: makeMembers(24),
    segments: [{ ...SEGMENTS[0]!, metadata: { perk: 'Early access', owner: 'Partnerships', discountCode: 'VIP20' } }, SEGMENTS[1]!],
    now: () => T0 + 86_400_000,
  });
}
