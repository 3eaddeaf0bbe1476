/**
 * `@segkit/elements/segment-picker`: defines `segkit-segment-picker` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitSegmentPicker } from '../segment-picker/segkit-segment-picker.js';
import { define } from './define.js';

define('segkit-segment-picker', SegkitSegmentPicker);

export { SegkitSegmentPicker };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-segment-picker': SegkitSegmentPicker;
  }
}
