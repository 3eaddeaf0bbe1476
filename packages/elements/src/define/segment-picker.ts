import { SegkitSegmentPicker } from '../segment-picker/segkit-segment-picker.js';
import { define } from './define.js';

define('segkit-segment-picker', SegkitSegmentPicker);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-picker': SegkitSegmentPicker;
  }
}
