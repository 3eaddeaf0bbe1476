import type { Segment, SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitSegmentUpdateDetail {
  mutationId: string;
  segment: Segment;
  /** True when this change is the Undo of an earlier one (e.g. a deleted segment re-created). */
  undo: boolean;
  /** The segment before the change. */
  previous: Segment | undefined;
}

/** The detail of a saved change of a segment (`segkit-segment-update`, `segkit-segment-rename`). */
export function segmentChangeDetail(event: SegmentEvent): SegkitSegmentUpdateDetail {
  return { mutationId: event.mutationId, segment: event.segment, undo: event.undo === true, previous: event.previous };
}

/** A segment's name, description, colour or metadata changed (saved). */
export class SegkitSegmentUpdateEvent extends SegkitEvent<SegkitSegmentUpdateDetail> {
  static readonly type = 'segkit-segment-update';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentUpdateEvent.type, segmentChangeDetail(event));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-update': SegkitSegmentUpdateEvent;
  }
}
