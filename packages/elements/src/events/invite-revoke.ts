import type { InviteLink } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitInviteRevokeDetail {
  invite: InviteLink;
  /** The full invitation URL. */
  url: string;
}

/** An invite link was revoked. */
export class SegkitInviteRevokeEvent extends SegkitEvent<SegkitInviteRevokeDetail> {
  static readonly type = 'segkit-invite-revoke';
  constructor(detail: SegkitInviteRevokeDetail) {
    super(SegkitInviteRevokeEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-invite-revoke': SegkitInviteRevokeEvent;
  }
}
