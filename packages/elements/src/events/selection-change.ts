import type { MemberFilter } from '@segkit/core';
import { SegkitEvent } from './base.js';

export type SegkitSelectionChangeDetail =
  | { mode: 'ids'; count: number; ids: string[] }
  | { mode: 'query'; count: number; filter: MemberFilter; except: string[] };

/** The member table's selection changed (by click, keyboard, range or "select all matching"). */
export class SegkitSelectionChangeEvent extends SegkitEvent<SegkitSelectionChangeDetail> {
  static readonly type = 'segkit-selection-change';
  constructor(detail: SegkitSelectionChangeDetail) {
    super(SegkitSelectionChangeEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-selection-change': SegkitSelectionChangeEvent;
  }
}
