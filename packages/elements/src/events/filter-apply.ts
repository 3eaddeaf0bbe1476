import type { MemberFilter } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitFilterApplyDetail {
  filter: MemberFilter;
  /** True when the filter was cleared ("Reset"). */
  reset: boolean;
}

/** A filter was applied (or reset): the member table now shows exactly those members. */
export class SegkitFilterApplyEvent extends SegkitEvent<SegkitFilterApplyDetail> {
  static readonly type = 'segkit-filter-apply';
  constructor(detail: SegkitFilterApplyDetail) {
    super(SegkitFilterApplyEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-filter-apply': SegkitFilterApplyEvent;
  }
}
