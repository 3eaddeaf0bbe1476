/**
 * `@segkit/elements/segment-list`: defines `segkit-segment-list` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitSegmentList } from '../segment-list/segkit-segment-list.js';
import { define } from './define.js';

define('segkit-segment-list', SegkitSegmentList);

export { SegkitSegmentList };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-list': SegkitSegmentList;
  }
}
