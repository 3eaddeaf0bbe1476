import type { Segment, SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentCreateDetail {
  mutationId: string;
  segment: Segment;
  /** True when this change is the Undo of an earlier one (e.g. a deleted segment re-created). */
  undo: boolean;

}

/** A segment was created (saved). */
export class SegkitSegmentCreateEvent extends SegkitEvent<SegkitSegmentCreateDetail> {
  static readonly type = 'segkit-segment-create';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentCreateEvent.type, {
      mutationId: event.mutationId,
      segment: event.segment,
      undo: event.undo === true,

    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-create': SegkitSegmentCreateEvent;
  }
}
