/**
 * `@segkit/elements/invite-link`: defines `segkit-invite-link` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitInviteLink } from '../invite-link/segkit-invite-link.js';
import { define } from './define.js';

define('segkit-invite-link', SegkitInviteLink);

export { SegkitInviteLink };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-invite-link': SegkitInviteLink;
  }
}
