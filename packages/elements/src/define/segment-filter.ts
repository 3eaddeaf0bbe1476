/**
 * `@segkit/elements/segment-filter`: defines `segkit-segment-filter` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitSegmentFilter } from '../segment-filter/segkit-segment-filter.js';
import { define } from './define.js';

define('segkit-segment-filter', SegkitSegmentFilter);

export { SegkitSegmentFilter };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-filter': SegkitSegmentFilter;
  }
}
