import type { Segment } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentOpenDetail {
  segment: Segment;
}

/** A segment was opened in the segment list (and applied as the filter). */
export class SegkitSegmentOpenEvent extends SegkitEvent<SegkitSegmentOpenDetail> {
  static readonly type = 'segkit-segment-open';
  constructor(detail: SegkitSegmentOpenDetail) {
    super(SegkitSegmentOpenEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-open': SegkitSegmentOpenEvent;
  }
}
