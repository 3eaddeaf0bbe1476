import type { Segment, SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentCreateDetail {
  mutationId: string;
  segment: Segment;

}

/** A segment was created (saved). */
export class SegkitSegmentCreateEvent extends SegkitEvent<SegkitSegmentCreateDetail> {
  static readonly type = 'segkit-segment-create';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentCreateEvent.type, {
      mutationId: event.mutationId,
      segment: event.segment,

    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-create': SegkitSegmentCreateEvent;
  }
}
