import type { ChangeSource, MemberTarget, MembershipEvent, MembershipOp, MembershipResult, MoveSides } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitMembershipChangeDetail {
  mutationId: string;
  op: MembershipOp;
  segmentIds: string[];
  /** Exactly who changed, all segments together (deduplicated). */
  memberIds: string[];
  /** How many memberships changed (a member added to two segments counts twice). */
  count: number;
  source: ChangeSource;
  /** `confirmed`: saved by the backend; `remote`: made elsewhere (another tab, user or link). */
  phase: 'confirmed' | 'remote';
  target: MemberTarget;
  result: MembershipResult | undefined;
  /** True when this change is the Undo of an earlier one. */
  undo: boolean;
  /**
   * Set when this change is one side of a move (`store.move`): the `assign`
   * into `to` and the `unassign` out of `from` each dispatch their own event
   * carrying the same `{ from, to }`.
   */
  move: MoveSides | undefined;
}

/** Members were added to or removed from segments (saved). */
export class SegkitMembershipChangeEvent extends SegkitEvent<SegkitMembershipChangeDetail> {
  static readonly type = 'segkit-membership-change';
  constructor(event: MembershipEvent) {
    const effects = event.result?.segments ?? [];
    let count = 0;
    for (const effect of effects) count += effect.changed;
    // Deduplicated across segments; one segment's list is its own (no set of 100,000 ids, decision 031).
    const memberIds = effects.length === 1 ? effects[0]!.memberIds : new Set(effects.flatMap((effect) => effect.memberIds));
    super(SegkitMembershipChangeEvent.type, {
      mutationId: event.mutationId,
      op: event.op,
      segmentIds: event.segmentIds,
      memberIds: [...memberIds],
      count,
      source: event.source,
      phase: event.phase === 'remote' ? 'remote' : 'confirmed',
      target: event.target,
      result: event.result,
      undo: event.undo === true,
      move: event.move ? { ...event.move } : undefined,
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-membership-change': SegkitMembershipChangeEvent;
  }
}
