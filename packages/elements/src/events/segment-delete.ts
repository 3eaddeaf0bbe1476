import type { Segment, SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentDeleteDetail {
  mutationId: string;
  segment: Segment;
  /** True when this change is the Undo of an earlier one (e.g. a deleted segment re-created). */
  undo: boolean;

}

/** A segment was deleted (saved); its members were kept. */
export class SegkitSegmentDeleteEvent extends SegkitEvent<SegkitSegmentDeleteDetail> {
  static readonly type = 'segkit-segment-delete';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentDeleteEvent.type, {
      mutationId: event.mutationId,
      segment: event.segment,
      undo: event.undo === true,

    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-delete': SegkitSegmentDeleteEvent;
  }
}
