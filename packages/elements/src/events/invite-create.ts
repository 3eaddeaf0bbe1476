import type { InviteLink } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitInviteCreateDetail {
  invite: InviteLink;
  /** The full invitation URL. */
  url: string;
}

/** An invite link was created. */
export class SegkitInviteCreateEvent extends SegkitEvent<SegkitInviteCreateDetail> {
  static readonly type = 'segkit-invite-create';
  constructor(detail: SegkitInviteCreateDetail) {
    super(SegkitInviteCreateEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-invite-create': SegkitInviteCreateEvent;
  }
}
