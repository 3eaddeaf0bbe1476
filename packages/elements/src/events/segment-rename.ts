import type { Segment, SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentRenameDetail {
  mutationId: string;
  segment: Segment;
  /** True when this change is the Undo of an earlier one (e.g. a deleted segment re-created). */
  undo: boolean;
  /** The segment before the change. */
  previous: Segment | undefined;
}

/** A segment's name changed (saved). Fires with `segkit-segment-update`. */
export class SegkitSegmentRenameEvent extends SegkitEvent<SegkitSegmentRenameDetail> {
  static readonly type = 'segkit-segment-rename';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentRenameEvent.type, {
      mutationId: event.mutationId,
      segment: event.segment,
      undo: event.undo === true,
      previous: event.previous,
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-rename': SegkitSegmentRenameEvent;
  }
}
