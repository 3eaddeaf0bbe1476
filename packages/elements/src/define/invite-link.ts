import { SegkitInviteLink } from '../invite-link/segkit-invite-link.js';
import { define } from './define.js';

define('segkit-invite-link', SegkitInviteLink);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-invite-link': SegkitInviteLink;
  }
}
