import type { SegmentEvent } from '@segkit/core';
import { SegkitEvent } from './base.js';
import { segmentChangeDetail } from './segment-update.js';
import type { SegkitSegmentUpdateDetail } from './segment-update.js';

/** The same detail as `segkit-segment-update`: the segment after and before the change. */
export type SegkitSegmentRenameDetail = SegkitSegmentUpdateDetail;

/** A segment's name changed (saved). Fires with `segkit-segment-update`. */
export class SegkitSegmentRenameEvent extends SegkitEvent<SegkitSegmentRenameDetail> {
  static readonly type = 'segkit-segment-rename';
  constructor(event: SegmentEvent) {
    super(SegkitSegmentRenameEvent.type, segmentChangeDetail(event));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-segment-rename': SegkitSegmentRenameEvent;
  }
}
