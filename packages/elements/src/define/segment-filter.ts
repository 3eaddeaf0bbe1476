import { SegkitSegmentFilter } from '../segment-filter/segkit-segment-filter.js';
import { define } from './define.js';

define('segkit-segment-filter', SegkitSegmentFilter);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-filter': SegkitSegmentFilter;
  }
}
