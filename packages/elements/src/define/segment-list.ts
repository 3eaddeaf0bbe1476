import { SegkitSegmentList } from '../segment-list/segkit-segment-list.js';
import { define } from './define.js';

define('segkit-segment-list', SegkitSegmentList);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-list': SegkitSegmentList;
  }
}
